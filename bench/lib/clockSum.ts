import * as Y from 'yjs';

/**
 * Sum of a Yjs state vector's clocks: how many items the state holds. A bench edit (one Y.Map
 * field set) adds exactly one, so two states' sums tell whether one holds every edit of the other.
 */
export function clockSum(stateVector: Uint8Array): number {
  let sum = 0;
  for (const clock of Y.decodeStateVector(stateVector).values()) sum += clock;
  return sum;
}
