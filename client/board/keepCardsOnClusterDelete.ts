import type { Editor, TLShapeId } from 'tldraw';
import { CARD_SHAPE_TYPE, CLUSTER_SHAPE_TYPE } from '../binding/cardShapeProps';

/**
 * The cards a deletion of `ids` would take with it only because they sit in a deleted cluster
 * frame (tldraw deletes a frame's children with it). Cards that are themselves being deleted
 * are not in the list.
 */
export function cardsToRelease(editor: Editor, ids: readonly TLShapeId[]): TLShapeId[] {
  const deleting = new Set(ids);
  const released: TLShapeId[] = [];
  for (const id of ids) {
    if (editor.getShape(id)?.type !== CLUSTER_SHAPE_TYPE) continue;
    for (const childId of editor.getSortedChildIdsForParent(id)) {
      const child = editor.getShape(childId);
      if (child?.type === CARD_SHAPE_TYPE && !deleting.has(childId)) released.push(childId);
    }
  }
  return released;
}

/**
 * The domain rule (deleteCluster in shared/board/boardModel.ts): deleting a cluster keeps its
 * cards on the board, unclustered. tldraw deletes a frame's children with it, and its
 * before-delete side effects run after the children were already chosen, so every deletion
 * (Delete key, menu, cut) goes through `deleteShapes`, wrapped here to move the cards out to
 * the page first, in place, as one undoable change. Returns a function that unwraps it.
 */
export function keepCardsOnClusterDelete(editor: Editor): () => void {
  const original = editor.deleteShapes;
  const deleteIds = (ids: TLShapeId[]) => original.call(editor, ids as never);
  const wrapped = ((shapes: readonly (TLShapeId | { id: TLShapeId })[]) => {
    const ids = shapes.map((s) => (typeof s === 'string' ? s : s.id));
    const released = editor.getIsReadonly() ? [] : cardsToRelease(editor, ids);
    if (released.length === 0) return deleteIds(ids);
    editor.run(() => {
      editor.reparentShapes(released, editor.getCurrentPageId());
      deleteIds(ids);
    });
    return editor;
  }) as Editor['deleteShapes'];
  editor.deleteShapes = wrapped;
  return () => {
    if (editor.deleteShapes === wrapped) editor.deleteShapes = original;
  };
}
