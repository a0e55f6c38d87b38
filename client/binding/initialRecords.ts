import { getIndicesAbove, type TLRecord } from 'tldraw';
import type * as Y from 'yjs';
import { readBoard } from '../../shared/board/readBoard';
import type { Taxonomy } from '../../shared/taxonomy';
import { boardShapeSpecs, type CardShapeSpec, type ClusterShapeSpec } from './docToShapes';
import { PAGE_ID } from './shapeIds';

/** The page every board's shapes are on, as tldraw makes it. */
const PAGE_RECORD = { id: PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} };

/**
 * The board's frames and cards as complete tldraw records, for the store the canvas starts
 * with (tldraw's `initialData`), so the editor is built on a full page. Put into a running
 * editor instead, 300 cards went through `createShapes` one index at a time and every derived
 * view of the page (spatial index, bounds, culling) was updated for each of them, on the
 * tablet's slowest task of the load. Frames are behind the cards on the page, as the binding
 * sends new frames to the back; within a parent, shapes keep the board's order. The binding
 * still reads the whole doc when it attaches and finds these shapes already as the doc has
 * them (and puts pen strokes and arrows, whose records may not validate, one by one).
 * Undefined for an empty board: tldraw then makes its own page.
 */
export function initialRecords(
  doc: Y.Doc,
  taxonomy: Taxonomy,
): Record<string, TLRecord> | undefined {
  const { board } = readBoard(doc, { taxonomy });
  if (board.cards.length === 0 && board.clusters.length === 0) return undefined;
  const { frames, cards } = boardShapeSpecs(board);
  const byParent = new Map<string, (CardShapeSpec | ClusterShapeSpec)[]>();
  const add = (spec: CardShapeSpec | ClusterShapeSpec) => {
    const siblings = byParent.get(spec.parentId);
    if (siblings) siblings.push(spec);
    else byParent.set(spec.parentId, [spec]);
  };
  for (const spec of [...frames, ...cards]) add(spec);
  const records: Record<string, TLRecord> = { [PAGE_ID]: PAGE_RECORD as unknown as TLRecord };
  for (const specs of byParent.values()) {
    const indices = getIndicesAbove(null, specs.length);
    specs.forEach((spec, i) => {
      records[spec.id] = {
        id: spec.id,
        typeName: 'shape',
        type: spec.type,
        x: spec.x,
        y: spec.y,
        rotation: 0,
        index: indices[i],
        parentId: spec.parentId,
        isLocked: false,
        opacity: 1,
        props: spec.props,
        meta: {},
      } as unknown as TLRecord;
    });
  }
  return records;
}
