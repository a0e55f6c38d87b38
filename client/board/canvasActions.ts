import type { Editor, TLShapeId } from 'tldraw';
import { newId } from '../../shared/board/ids';
import type { Author } from '../../shared/board/types';
import {
  CARD_HEIGHT,
  CARD_SHAPE_TYPE,
  CARD_WIDTH,
  CLUSTER_SHAPE_TYPE,
} from '../binding/cardShapeProps';
import { shapeIdOf } from '../binding/shapeIds';
import type { CardFormValue } from '../ui/CardForm';

/**
 * Where a new card goes: the first spot, from the middle of what the user sees outwards, that
 * overlaps no card and no cluster frame (a new card is unclustered until someone drops it in).
 */
function freeSpotNearCenter(editor: Editor, w: number, h: number): { x: number; y: number } {
  const center = editor.getViewportPageBounds().center;
  const taken = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === CARD_SHAPE_TYPE || s.type === CLUSTER_SHAPE_TYPE)
    .flatMap((s) => {
      const b = editor.getShapePageBounds(s.id);
      return b ? [b] : [];
    });
  const free = (x: number, y: number) =>
    taken.every(
      (b) => x + w + 12 <= b.x || x >= b.maxX + 12 || y + h + 12 <= b.y || y >= b.maxY + 12,
    );
  const stepX = w + 24;
  const stepY = h + 24;
  const vp = editor.getViewportPageBounds();
  // Keep clear of our top bar and the big buttons, so the new card is seen where it lands.
  const inView = (x: number, y: number) =>
    x >= vp.x + 16 && y >= vp.y + 72 && x + w <= vp.maxX - 200 && y + h <= vp.maxY - 96;
  let fallback: { x: number; y: number } | null = null;
  for (let ring = 0; ring < 8; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const x = center.x - w / 2 + dx * stepX;
        const y = center.y - h / 2 + dy * stepY;
        if (!free(x, y)) continue;
        if (inView(x, y)) return { x, y };
        fallback ??= { x, y };
      }
    }
  }
  if (fallback) return fallback;
  return { x: center.x - w / 2, y: center.y - h / 2 };
}

/** Adds a card through the canvas (the binding writes it to the doc); returns its card id. */
export function addCardShape(editor: Editor, value: CardFormValue, author: Author): string {
  const cardId = newId('c');
  const { x, y } = freeSpotNearCenter(editor, CARD_WIDTH, CARD_HEIGHT);
  editor.markHistoryStoppingPoint('add card');
  editor.createShape({
    id: shapeIdOf(cardId) as TLShapeId,
    type: CARD_SHAPE_TYPE,
    x,
    y,
    props: { ...value, authorId: author.id, authorName: author.name },
  });
  editor.select(shapeIdOf(cardId) as TLShapeId);
  return cardId;
}

/** Edits a card's text, desa and bidang through the canvas. */
export function updateCardShape(editor: Editor, shapeId: TLShapeId, value: CardFormValue): void {
  editor.updateShape({ id: shapeId, type: CARD_SHAPE_TYPE, props: value });
}

/** Adds a cluster frame (a strategic issue) in view; returns its cluster id. */
export function addClusterShape(editor: Editor, title: string): string {
  const clusterId = newId('k');
  const w = CARD_WIDTH * 2 + 72;
  const h = CARD_HEIGHT * 2 + 96;
  const center = editor.getViewportPageBounds().center;
  editor.createShape({
    id: shapeIdOf(clusterId) as TLShapeId,
    type: CLUSTER_SHAPE_TYPE,
    x: center.x - w / 2,
    y: center.y - h / 2,
    props: { w, h, name: title },
  });
  editor.sendToBack([shapeIdOf(clusterId) as TLShapeId]);
  return clusterId;
}

/** The one selected card, if exactly one card is selected. */
export function selectedCard(editor: Editor) {
  const shapes = editor.getSelectedShapes();
  const only = shapes.length === 1 ? shapes[0] : undefined;
  return only?.type === CARD_SHAPE_TYPE ? only : null;
}
