import { isRecordId } from '../../shared/board/ids';

/** tldraw's id of the one page every board uses. */
export const PAGE_ID = 'page:page';

/** tldraw's shape id of a card or cluster id (cards and clusters keep their domain id). */
export function shapeIdOf(recordId: string): `shape:${string}` {
  return `shape:${recordId}`;
}

/** The card or cluster id behind a tldraw shape id; null when it is not a valid record id. */
export function recordIdOfShape(shapeId: string): string | null {
  if (!shapeId.startsWith('shape:')) return null;
  const id = shapeId.slice('shape:'.length);
  return isRecordId(id) ? id : null;
}
