import { Box, type Editor, type TLShapeId } from 'tldraw';
import { newId } from '../../shared/board/ids';
import type { Author } from '../../shared/board/types';
import {
  CARD_HEIGHT,
  CARD_SHAPE_TYPE,
  CARD_WIDTH,
  CLUSTER_SHAPE_TYPE,
} from '../binding/cardShapeProps';
import { shapeIdOf } from '../binding/shapeIds';
import { issueColor } from '../shapes/issueColor';
import type { CardFormValue } from '../ui/CardForm';

/** Room kept around a new shape, so it never touches a card or a frame. */
const GAP = 24;
/** Frame margin around its cards, and the room its title band needs above them. */
export const FRAME_PADDING = 24;
export const FRAME_BAND = 96;

/**
 * Where a new card or frame goes: the free spot nearest the middle of what the person sees
 * (our bars sit outside the canvas, so the viewport is what is visible), overlapping no card
 * and no frame. When the view has no room, the camera moves to the free spot found next to it.
 */
export function freeSpotInView(editor: Editor, w: number, h: number): { x: number; y: number } {
  const vp = editor.getViewportPageBounds();
  const taken = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === CARD_SHAPE_TYPE || s.type === CLUSTER_SHAPE_TYPE)
    .flatMap((s) => {
      const b = editor.getShapePageBounds(s.id);
      return b ? [b] : [];
    });
  const free = (x: number, y: number) =>
    taken.every(
      (b) => x + w + GAP <= b.x || x >= b.maxX + GAP || y + h + GAP <= b.y || y >= b.maxY + GAP,
    );
  const margin = 16 / editor.getZoomLevel();
  const inView = (x: number, y: number) =>
    x >= vp.x + margin &&
    y >= vp.y + margin &&
    x + w <= vp.maxX - margin &&
    y + h <= vp.maxY - margin;
  const step = Math.max(24, Math.min(w, h) / 4);
  const cx = vp.center.x - w / 2;
  const cy = vp.center.y - h / 2;
  let fallback: { x: number; y: number } | null = null;
  for (let ring = 0; ring < 60; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const x = cx + dx * step;
        const y = cy + dy * step;
        if (!free(x, y)) continue;
        if (inView(x, y)) return { x, y };
        fallback ??= { x, y };
      }
    }
    if (fallback && ring > 20) break;
  }
  // No room in view: below everything, and the camera follows.
  const spot = fallback ?? {
    x: vp.x + margin,
    y: Math.max(vp.maxY, ...taken.map((b) => b.maxY)) + GAP,
  };
  return spot;
}

/**
 * When a new shape found no room in view, the camera zooms out just enough to show it next to
 * what the person was looking at (nothing they saw goes off screen).
 */
function bringIntoView(editor: Editor, id: TLShapeId): void {
  const bounds = editor.getShapePageBounds(id);
  const view = editor.getViewportPageBounds();
  if (!bounds || view.contains(bounds)) return;
  editor.zoomToBounds(Box.Common([view, bounds]), { inset: 16, animation: { duration: 0 } });
}

/** Adds a card through the canvas (the binding writes it to the doc); returns its card id. */
export function addCardShape(editor: Editor, value: CardFormValue, author: Author): string {
  const cardId = newId('c');
  const id = shapeIdOf(cardId) as TLShapeId;
  const { x, y } = freeSpotInView(editor, CARD_WIDTH, CARD_HEIGHT);
  editor.markHistoryStoppingPoint('add card');
  editor.createShape({
    id,
    type: CARD_SHAPE_TYPE,
    x,
    y,
    props: { ...value, authorId: author.id, authorName: author.name },
  });
  editor.select(id);
  bringIntoView(editor, id);
  return cardId;
}

/** Edits a card's text, desa and bidang through the canvas. */
export function updateCardShape(editor: Editor, shapeId: TLShapeId, value: CardFormValue): void {
  editor.updateShape({ id: shapeId, type: CARD_SHAPE_TYPE, props: value });
}

/** Adds a cluster frame (a strategic issue) in free space in view; returns its cluster id. */
export function addClusterShape(editor: Editor, title: string): string {
  const clusterId = newId('k');
  const id = shapeIdOf(clusterId) as TLShapeId;
  const w = CARD_WIDTH * 2 + GAP + FRAME_PADDING * 2;
  const h = CARD_HEIGHT + FRAME_BAND + FRAME_PADDING * 2;
  const { x, y } = freeSpotInView(editor, w, h);
  editor.createShape({
    id,
    type: CLUSTER_SHAPE_TYPE,
    x,
    y,
    props: { w, h, name: title, color: issueColor(clusterId) },
  });
  editor.sendToBack([id]);
  bringIntoView(editor, id);
  return clusterId;
}

/** Renames a cluster frame (the strategic issue). */
export function renameClusterShape(editor: Editor, shapeId: TLShapeId, title: string): void {
  editor.updateShape({ id: shapeId, type: CLUSTER_SHAPE_TYPE, props: { name: title } });
}

/**
 * Grows a frame so every card in it is inside with a margin (it never shrinks: a person may
 * have made room on purpose). Cards that stick out on the left or top move the frame's edge.
 */
export function growFrameToFit(editor: Editor, frameId: TLShapeId): void {
  const frame = editor.getShape(frameId);
  if (frame?.type !== CLUSTER_SHAPE_TYPE) return;
  const children = editor
    .getSortedChildIdsForParent(frameId)
    .map((id) => editor.getShape(id))
    .filter((s) => s?.type === CARD_SHAPE_TYPE);
  if (children.length === 0) return;
  const { w, h } = frame.props as { w: number; h: number };
  let minX = 0;
  let minY = 0;
  let maxX = w;
  let maxY = h;
  for (const child of children) {
    if (!child) continue;
    const cw = (child.props as { w: number }).w;
    const ch = (child.props as { h: number }).h;
    minX = Math.min(minX, child.x - FRAME_PADDING);
    minY = Math.min(minY, child.y - FRAME_BAND);
    maxX = Math.max(maxX, child.x + cw + FRAME_PADDING);
    maxY = Math.max(maxY, child.y + ch + FRAME_PADDING);
  }
  if (minX === 0 && minY === 0 && maxX === w && maxY === h) return;
  editor.run(() => {
    // Children are relative to the frame: moving its corner moves them back by as much.
    if (minX < 0 || minY < 0) {
      for (const child of children) {
        if (child)
          editor.updateShape({
            id: child.id,
            type: child.type,
            x: child.x - minX,
            y: child.y - minY,
          });
      }
    }
    editor.updateShape({
      id: frameId,
      type: CLUSTER_SHAPE_TYPE,
      x: frame.x + minX,
      y: frame.y + minY,
      props: { w: maxX - minX, h: maxY - minY },
    });
  });
}

/** The one selected card, if exactly one card is selected. */
export function selectedCard(editor: Editor) {
  const shapes = editor.getSelectedShapes();
  const only = shapes.length === 1 ? shapes[0] : undefined;
  return only?.type === CARD_SHAPE_TYPE ? only : null;
}

/** The one selected cluster frame, if exactly one frame is selected. */
export function selectedCluster(editor: Editor) {
  const shapes = editor.getSelectedShapes();
  const only = shapes.length === 1 ? shapes[0] : undefined;
  return only?.type === CLUSTER_SHAPE_TYPE ? only : null;
}
