import * as encoding from 'lib0/encoding';
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

/**
 * One update holding `count` small entries (key `k<i>`, value i) under the top-level map `name`,
 * encoded by hand in the Yjs v1 format as a hostile client would, so that a test can send
 * 400,000 without first building them in a doc.
 */
export function manyEntries(count: number, name = 'zzz', client = 424_242): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one client
  encoding.writeVarUint(encoder, count); // its structs
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0); // first clock
  for (let i = 0; i < count; i++) {
    // Info: content ContentAny (8), with a map key (BIT6), no origins: parent by top-level name.
    encoding.writeUint8(encoder, 8 | 32);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, name);
    encoding.writeVarString(encoder, `k${i}`);
    encoding.writeVarUint(encoder, 1);
    encoding.writeAny(encoder, i);
  }
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}
