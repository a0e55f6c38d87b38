import { MAX_DOC_STRUCTS, MAX_TYPE_ENTRIES, MAX_UPDATE_DEPTH, MAX_UPDATE_STRUCTS } from '../limits';
import { CLOSE_CODES } from '../protocol';
import type { UpdateShape } from './measureUpdate';

/** The shape limits an update is held to; the defaults are in shared/limits.ts. */
export interface ShapeLimits {
  depth: number;
  structs: number;
  typeEntries: number;
  documentStructs: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = {
  depth: MAX_UPDATE_DEPTH,
  structs: MAX_UPDATE_STRUCTS,
  typeEntries: MAX_TYPE_ENTRIES,
  documentStructs: MAX_DOC_STRUCTS,
};

/** Which limit an update broke, by how much, and the close code that says so. */
export interface ShapeViolation {
  limit: keyof ShapeLimits;
  value: number;
  max: number;
  closeCode: number;
  /** For logs: where it happened ("/zzz", a type's item id) when the limit is per type. */
  where?: string;
}

/** The first shape limit `shape` breaks, or null when it keeps them all. */
export function checkUpdateShape(
  shape: UpdateShape,
  limits: ShapeLimits = DEFAULT_SHAPE_LIMITS,
): ShapeViolation | null {
  const structs = shape.structs + shape.deleteRanges;
  if (structs > limits.structs) {
    return {
      limit: 'structs',
      value: structs,
      max: limits.structs,
      closeCode: CLOSE_CODES.updateTooManyStructs,
    };
  }
  if (shape.depth > limits.depth) {
    return {
      limit: 'depth',
      value: shape.depth,
      max: limits.depth,
      closeCode: CLOSE_CODES.updateTooDeep,
    };
  }
  if (shape.largestType.entries > limits.typeEntries) {
    return {
      limit: 'typeEntries',
      value: shape.largestType.entries,
      max: limits.typeEntries,
      closeCode: CLOSE_CODES.typeTooManyEntries,
      where: shape.largestType.path,
    };
  }
  if (shape.documentStructs > limits.documentStructs) {
    return {
      limit: 'documentStructs',
      value: shape.documentStructs,
      max: limits.documentStructs,
      closeCode: CLOSE_CODES.documentTooManyStructs,
    };
  }
  return null;
}
