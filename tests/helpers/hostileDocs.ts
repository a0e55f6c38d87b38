import * as Y from 'yjs';

/**
 * Sets `target[key]` to Y.Maps nested `depth` levels deep, in one transaction of `doc`: the
 * 60 KB update that used to overflow every recursive reader of a board.
 */
export function nestMaps(doc: Y.Doc, target: Y.Map<unknown>, key: string, depth: number): void {
  doc.transact(() => {
    let inner = new Y.Map<unknown>();
    target.set(key, inner);
    for (let level = 1; level < depth; level++) {
      const next = new Y.Map<unknown>();
      inner.set('x', next);
      inner = next;
    }
  });
}

/** Plain JSON arrays nested `depth` deep ([[[...]]]), the same attack inside one JSON value. */
export function nestedArrays(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

/** One update holding `count` small entries under the top-level map `name`. */
export function manyEntries(count: number, name = 'zzz'): Uint8Array {
  const doc = new Y.Doc();
  const map = doc.getMap<number>(name);
  doc.transact(() => {
    for (let i = 0; i < count; i++) map.set(`k${i}`, i);
  });
  return Y.encodeStateAsUpdate(doc);
}
