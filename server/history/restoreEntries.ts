import * as Y from 'yjs';
import { BOARD_MAP_NAMES } from '../../shared/board/boardDoc';

/**
 * Brings every top-level map of `doc` (meta, cards, clusters, votes, canvas, mergeRecord) back to
 * what `point` holds, by copying raw entries: nothing goes through readBoard, so fields a newer
 * client wrote survive. An entry that still exists as a Y.Map keeps its identity and only its
 * differing fields are set or deleted (concurrent edits of other fields and offline tablets merge
 * onto it); a missing entry comes back as a copy; an entry the point lacks is deleted. Run it
 * inside a transaction of a copy (Room.change), never on a live document.
 */
export function restoreEntries(doc: Y.Doc, point: Y.Doc): void {
  for (const name of BOARD_MAP_NAMES) {
    const wanted = point.share.has(name) ? point.getMap<unknown>(name) : null;
    if (!wanted && !doc.share.has(name)) continue;
    syncMap(doc.getMap<unknown>(name), wanted);
  }
}

function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown> | null): void {
  for (const key of [...target.keys()]) {
    if (!source?.has(key)) target.delete(key);
  }
  if (!source) return;
  for (const [key, value] of source.entries()) {
    const current = target.get(key);
    if (value instanceof Y.Map && current instanceof Y.Map) {
      syncMap(current, value);
    } else if (!sameValue(current, value)) {
      target.set(key, copyOf(value));
    }
  }
}

function copyOf(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.clone() : value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) {
    return (
      a instanceof Y.AbstractType &&
      b instanceof Y.AbstractType &&
      a.constructor === b.constructor &&
      JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON())
    );
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return (
      a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b))
    );
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
