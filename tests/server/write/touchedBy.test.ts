import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchedBy } from '../../../server/sync/write/touchedBy';

/** A server doc and a client doc in sync; `edit` returns the client's update. */
function pair() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const edit = (change: (doc: Y.Doc) => void): Uint8Array => {
    const before = Y.encodeStateVector(client);
    change(client);
    return Y.encodeStateAsUpdate(client, before);
  };
  const sync = () => Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return { server, client, edit, sync };
}

function keysOf(touched: ReturnType<typeof touchedBy>): Record<string, string[]> {
  return Object.fromEntries([...touched.maps].map(([name, keys]) => [name, [...keys.keys()]]));
}

describe('touchedBy', () => {
  it('names every top-level map and key an update writes, with the values written', () => {
    const { server, edit } = pair();
    const update = edit((doc) => {
      const card = new Y.Map<unknown>();
      card.set('text', 'Jalan rusak');
      doc.getMap('cards').set('c1', card);
      doc.getMap('votes').set('c1/v1', 2);
      doc.getMap('meta').set('title', 'Juai');
    });
    const touched = touchedBy(server, update);
    expect(keysOf(touched)).toEqual({ cards: ['c1'], votes: ['c1/v1'], meta: ['title'] });
    expect(touched.maps.get('votes')?.get('c1/v1')).toEqual({
      values: [2],
      deleted: false,
      nested: false,
    });
    expect(touched.maps.get('cards')?.get('c1')?.values[0]).toBeInstanceOf(Y.Map);
    expect(touched.unresolved).toBe(0);
    expect(touched.releasesPending).toBe(false);
  });

  it('finds the key of an overwrite that carries no parent, and of a nested field change', () => {
    const { server, edit, sync } = pair();
    edit((doc) => {
      const card = new Y.Map<unknown>();
      card.set('text', 'lama');
      doc.getMap('cards').set('c1', card);
      doc.getMap('votes').set('c1/v1', 1);
    });
    sync();
    const update = edit((doc) => {
      doc.getMap('votes').set('c1/v1', 3);
      (doc.getMap('cards').get('c1') as Y.Map<unknown>).set('text', 'baru');
    });
    const touched = touchedBy(server, update);
    expect(touched.maps.get('votes')?.get('c1/v1')).toMatchObject({ values: [3], deleted: true });
    expect(touched.maps.get('cards')?.get('c1')).toEqual({
      values: [],
      deleted: false,
      nested: true,
    });
  });

  it('reports deletions of stored keys', () => {
    const { server, edit, sync } = pair();
    edit((doc) => doc.getMap('votes').set('c1/v1', 1));
    sync();
    const touched = touchedBy(
      server,
      edit((doc) => doc.getMap('votes').delete('c1/v1')),
    );
    expect(touched.maps.get('votes')?.get('c1/v1')).toEqual({
      values: [],
      deleted: true,
      nested: false,
    });
  });

  it('counts structs whose parent is unknown as unresolved instead of guessing', () => {
    const { server, edit } = pair();
    edit((doc) => doc.getMap('cards').set('c1', new Y.Map()));
    const nested = edit((doc) => (doc.getMap('cards').get('c1') as Y.Map<unknown>).set('x', 1));
    const touched = touchedBy(server, nested);
    expect(touched.maps.size).toBe(0);
    expect(touched.unresolved).toBe(1);
  });

  it('includes what the update releases from the pending queue: a vote sent before its parent', () => {
    const { server, edit } = pair();
    const first = edit((doc) => doc.getMap('votes').set('c1/v1', 1));
    const second = edit((doc) => doc.getMap('votes').set('c1/v2', 50));
    // The second update arrives first: Yjs keeps it pending, the rules could not place it then.
    Y.applyUpdate(server, second);
    expect(server.store.pendingStructs).not.toBeNull();
    const touched = touchedBy(server, first);
    expect(touched.releasesPending).toBe(true);
    expect(keysOf(touched)).toEqual({ votes: ['c1/v1', 'c1/v2'] });
    expect(touched.maps.get('votes')?.get('c1/v2')?.values).toEqual([50]);
  });

  it('marks top-level content that is not a map entry as unkeyed', () => {
    const { server, edit } = pair();
    const touched = touchedBy(
      server,
      edit((doc) => doc.getArray('stray').push([1])),
    );
    expect([...touched.unkeyed]).toEqual(['stray']);
    expect(touched.maps.size).toBe(0);
  });
});
