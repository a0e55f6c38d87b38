import { isRecordId } from '../board/ids';

/** FNV-1a over a string with a seed; two of them make a 64-bit fingerprint. */
function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A stable record id derived from a key, so two moderators merging the same source card at once
 * write the same merged card (one Y.Map key) instead of two copies.
 */
export function stableId(prefix: string, key: string): string {
  return `${prefix}${fnv1a(key, 0x811c9dc5)}${fnv1a(key, 0x01000193)}`;
}

/** Key of a source card or cluster: board ids cannot contain '/', record ids cannot either. */
export function sourceKey(boardId: string, recordId: string): string {
  return `${boardId}/${recordId}`;
}

/**
 * A source board's voter as a voter on the merged board: namespaced by board, so voter "v1"
 * of Halong and "v1" of Juai stay two people. Hashed when the readable form is too long.
 */
export function mergedVoterId(boardId: string, voterId: string): string {
  const readable = `${boardId}:${voterId}`;
  return isRecordId(readable) ? readable : stableId('v', readable);
}
