import type { Editor, TLShape, TLShapeId } from 'tldraw';
import { CARD_SHAPE_TYPE, CLUSTER_SHAPE_TYPE } from '../binding/cardShapeProps';
import { clusterAt, type FrameBox } from '../binding/clusterAt';
import { growFrameToFit } from './canvasActions';

/** Puts each given card into the frame under its centre, or on the page when under none. */
export function settleCards(editor: Editor, cards: readonly TLShape[]): void {
  const frames: FrameBox[] = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === CLUSTER_SHAPE_TYPE && s.parentId === editor.getCurrentPageId())
    .flatMap((s) => {
      const b = editor.getShapePageBounds(s.id);
      return b ? [{ id: s.id, x: b.x, y: b.y, w: b.w, h: b.h }] : [];
    });
  for (const card of cards) {
    if (card.type !== CARD_SHAPE_TYPE) continue;
    const bounds = editor.getShapePageBounds(card.id);
    if (!bounds) continue;
    const frameId = clusterAt(bounds.center, frames) as TLShapeId | null;
    const target = frameId ?? editor.getCurrentPageId();
    if (card.parentId !== target) editor.reparentShapes([card.id], target);
    // A card dropped at a full frame's edge is not cut off: the frame grows around it.
    if (frameId !== null) growFrameToFit(editor, frameId);
  }
}

/**
 * Membership follows where a card is dropped: when a drag ends, every selected card goes into
 * the frame under its centre, or out of any frame. tldraw's own drag-into-frame only fires when
 * the pointer crosses a frame edge, which misses a card that starts over a frame.
 */
export function bindClusterDrop(editor: Editor): () => void {
  const onEvent = (info: { type: string; name: string }) => {
    if (info.type !== 'pointer' || info.name !== 'pointer_up') return;
    // After tldraw has finished the translation this pointer-up ends.
    setTimeout(() => {
      const cards = editor.getSelectedShapes().filter((s) => s.type === CARD_SHAPE_TYPE);
      if (cards.length > 0) settleCards(editor, cards);
    }, 0);
  };
  editor.on('event', onEvent);
  return () => editor.off('event', onEvent);
}
