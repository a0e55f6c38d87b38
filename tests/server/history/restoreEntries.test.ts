import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreEntries } from '../../../server/history/restoreEntries';

function card(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

describe('restoreEntries', () => {
  it('brings every map back to the point by copying raw entries, keeping live cards as they are', () => {
    const point = new Y.Doc();
    point.getMap('meta').set('title', 'Kecamatan Juai');
    point.getMap('cards').set('c1', card({ text: 'Jalan rusak', x: 1, future: { a: 1 } }));
    point.getMap('cards').set('c2', card({ text: 'Air bersih', x: 2 }));
    point.getMap('votes').set('c1/v1', 2);
    point.getMap('canvas').set('shape:pen1', '{"type":"draw"}');

    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(point));
    const liveCard = live.getMap<Y.Map<unknown>>('cards').get('c1')!;
    live.transact(() => {
      live.getMap('meta').set('title', 'DIBAJAK');
      liveCard.set('text', 'diubah');
      liveCard.set('extra', true);
      live.getMap('cards').delete('c2');
      live.getMap('cards').set('c3', card({ text: 'Baru' }));
      live.getMap('votes').set('c1/v1', 9);
      live.getMap('canvas').delete('shape:pen1');
    });

    live.transact(() => restoreEntries(live, point));
    expect(live.getMap('meta').toJSON()).toEqual(point.getMap('meta').toJSON());
    expect(live.getMap('cards').toJSON()).toEqual(point.getMap('cards').toJSON());
    expect(live.getMap('votes').toJSON()).toEqual({ 'c1/v1': 2 });
    expect(live.getMap('canvas').toJSON()).toEqual({ 'shape:pen1': '{"type":"draw"}' });
    // The card that still existed is the same Y.Map, changed field by field.
    expect(live.getMap('cards').get('c1')).toBe(liveCard);
  });

  it('changes nothing when the board already equals the point', () => {
    const point = new Y.Doc();
    point.getMap('cards').set('c1', card({ text: 'Jalan rusak' }));
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(point));
    const before = Y.encodeStateVector(live);
    restoreEntries(live, point);
    expect(Y.encodeStateVector(live)).toEqual(before);
  });
});
