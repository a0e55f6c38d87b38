import { MAX_CLUSTER_SIDE, MAX_COORDINATE, MIN_CLUSTER_SIDE } from '../limits';

/** A finite page coordinate within the board's box; non-numbers and NaN become 0. */
export function clampCoordinate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
  return Math.min(MAX_COORDINATE, Math.max(-MAX_COORDINATE, value));
}

/** A cluster side length within limits; non-numbers become the minimum. */
export function clampSide(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return MIN_CLUSTER_SIDE;
  return Math.min(MAX_CLUSTER_SIDE, Math.max(MIN_CLUSTER_SIDE, value));
}
