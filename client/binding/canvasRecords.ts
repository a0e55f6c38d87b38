import { readBoardJson } from '../../shared/board/readBoard';
import { CARD_SHAPE_TYPE, CLUSTER_SHAPE_TYPE } from './cardShapeProps';

/** tldraw record kinds that live in the `canvas` map: free drawing, arrows and their bindings. */
const CANVAS_TYPE_NAMES: ReadonlySet<string> = new Set(['shape', 'binding', 'asset']);

/** True for a tldraw document record that goes to the `canvas` map untouched. */
export function isCanvasRecord(record: { typeName: string; type?: unknown }): boolean {
  if (!CANVAS_TYPE_NAMES.has(record.typeName)) return false;
  if (record.typeName !== 'shape') return true;
  return record.type !== CARD_SHAPE_TYPE && record.type !== CLUSTER_SHAPE_TYPE;
}

/**
 * A canvas record read from the doc, or null when it is unfit for the store: not an object,
 * too big, or pretending to be one of our own bound shapes (those only come from cards and
 * clusters). tldraw's store validates the rest when it is put.
 */
export function readCanvasRecord(id: string, raw: unknown): Record<string, unknown> | null {
  const { board } = readBoardJson({ canvas: Object.fromEntries([[id, raw]]) });
  const record = board.canvas.get(id);
  if (record === undefined) return null;
  if (record.id !== id || typeof record.typeName !== 'string') return null;
  if (!isCanvasRecord({ typeName: record.typeName, type: record.type })) return null;
  return record;
}
