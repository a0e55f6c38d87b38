import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, initBoard, moveCard } from '../../shared/board/boardModel';
import { checkUpdateShape } from '../../shared/board/checkUpdateShape';
import { measureUpdate } from '../../shared/board/measureUpdate';
import { MAX_UPDATE_DEPTH } from '../../shared/limits';
import { CLOSE_CODES } from '../../shared/protocol';
import { manyEntries, nestedArrays, nestMaps } from '../helpers/hostileDocs';

const author = { id: 'u1', name: 'Siti' };

/** Updates `change` makes to a copy of `doc`, as one update. */
function updateOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { kind: 'kecamatan', title: 'Juai', kecamatanKode: '63.11.01' });
  addCard(doc, { id: 'c1', text: 'jalan', desaKode: null, bidang: null, x: 1, y: 2, author });
  doc
    .getMap('canvas')
    .set('shape:a', { type: 'draw', props: { segments: [{ points: [{ x: 1 }] }] } });
  return doc;
}

describe('measureUpdate', () => {
  it('measures an ordinary edit as shallow and small, and keeps every board within the limits', () => {
    const doc = board();
    const move = updateOf(doc, (copy) => moveCard(copy, 'c1', 50, 60));
    const shape = measureUpdate(doc, move);
    expect(shape).toMatchObject({ depth: 2, structs: 2, pending: 0, topLevel: [] });
    expect(checkUpdateShape(shape)).toBeNull();
    const whole = measureUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc));
    expect(whole.topLevel).toEqual(['canvas', 'cards', 'meta']);
    // The canvas record: entry 1, then props, segments, [..], {points}, [..], {x}.
    expect(whole.depth).toBe(7);
    expect(checkUpdateShape(whole)).toBeNull();
  });

  it('measures a nest 5,000 deep without applying it, and refuses it with its close code', () => {
    const doc = board();
    const before = Y.encodeStateVector(doc);
    const nest = updateOf(doc, (copy) =>
      nestMaps(copy, copy.getMap('canvas'), 'shape:deep', 5_000),
    );
    const shape = measureUpdate(doc, nest);
    expect(shape.depth).toBe(5_000);
    expect(shape.topLevel).toEqual(['canvas']);
    expect(checkUpdateShape(shape)).toMatchObject({
      limit: 'depth',
      value: 5_000,
      closeCode: CLOSE_CODES.updateTooDeep,
    });
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(doc.getMap('canvas').has('shape:deep')).toBe(false);
  });

  it('adds the levels of JSON inside an entry to its depth', () => {
    const doc = board();
    const deep = updateOf(doc, (copy) => copy.getMap('canvas').set('shape:j', nestedArrays(500)));
    expect(measureUpdate(doc, deep).depth).toBe(501);
    const ok = updateOf(doc, (copy) =>
      copy.getMap('canvas').set('shape:k', nestedArrays(MAX_UPDATE_DEPTH - 1)),
    );
    expect(checkUpdateShape(measureUpdate(doc, ok))).toBeNull();
  });

  it('counts 400,000 small entries under an unused top-level name', () => {
    const doc = board();
    const shape = measureUpdate(doc, manyEntries(400_000, 'zzz'));
    expect(shape.structs).toBe(400_000);
    expect(shape.largestType).toEqual({ entries: 400_000, path: '/zzz' });
    expect(shape.topLevel).toEqual(['zzz']);
    expect(checkUpdateShape(shape)).toMatchObject({
      limit: 'structs',
      closeCode: CLOSE_CODES.updateTooManyStructs,
    });
    expect(doc.share.has('zzz')).toBe(false);
  });

  it('counts entries already in a map, and an overwrite of a key as no new entry', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, manyEntries(50_000, 'zzz'));
    const more = updateOf(doc, (copy) => {
      const map = copy.getMap<number>('zzz');
      for (let i = 0; i < 20_000; i++) map.set(`new${i}`, i);
      map.set('k1', 99);
    });
    const shape = measureUpdate(doc, more);
    expect(shape.largestType).toEqual({ entries: 70_000, path: '/zzz' });
    expect(checkUpdateShape(shape)).toMatchObject({
      limit: 'typeEntries',
      closeCode: CLOSE_CODES.typeTooManyEntries,
      where: '/zzz',
    });
    Y.applyUpdate(doc, more);
    expect(doc.getMap('zzz').size).toBe(70_000);
  });

  it('counts the held-back structs an update releases: a nest sent leaves first, root last', () => {
    const author = new Y.Doc();
    const parts: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => parts.push(update));
    const holder = new Y.Map<unknown>();
    author.getMap('canvas').set('shape:deep', holder);
    author.transact(() => {
      let inner = holder;
      for (let level = 1; level < 3_000; level++) {
        const next = new Y.Map<unknown>();
        inner.set('x', next);
        inner = next;
      }
    });
    const [root, leaves] = parts;
    if (!root || !leaves) throw new Error('expected two updates');
    const doc = new Y.Doc();
    const first = measureUpdate(doc, leaves);
    expect(first.pending).toBe(2_999);
    Y.applyUpdate(doc, leaves);
    expect(doc.store.pendingStructs).not.toBeNull();
    const second = measureUpdate(doc, root);
    expect(second.structs).toBe(1);
    expect(second.pending).toBe(0);
    expect(second.depth).toBe(3_000);
    expect(checkUpdateShape(second)?.limit).toBe('depth');
  });

  it('counts the structs of the whole document after the update', () => {
    const doc = board();
    const shape = measureUpdate(doc, manyEntries(10, 'zzz'));
    let held = 0;
    for (const list of doc.store.clients.values()) held += list.length;
    expect(shape.documentStructs).toBe(held + 10);
    expect(
      checkUpdateShape(shape, { depth: 48, structs: 1e6, typeEntries: 1e6, documentStructs: held }),
    ).toMatchObject({
      limit: 'documentStructs',
      closeCode: CLOSE_CODES.documentTooManyStructs,
    });
  });

  it('throws on bytes that are no update, and on JSON too deep for the decoder', () => {
    expect(() => measureUpdate(new Y.Doc(), new Uint8Array([7, 1, 2, 3, 200, 200]))).toThrow();
  });
});
