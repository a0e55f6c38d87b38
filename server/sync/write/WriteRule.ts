import type * as Y from 'yjs';
import type { ControlState } from '../../../shared/control';
import type { RefusalReason } from '../../../shared/protocol';
import type { WriteOrigin } from '../writeOrigin';
import type { Touched } from './touchedBy';

/** One update on its way into a room, as the write rules see it (before it is stored or applied). */
export interface PendingWrite {
  /** The room's document, not yet changed by the update. */
  readonly doc: Y.Doc;
  readonly update: Uint8Array;
  /** Which top-level maps and keys the update touches; computed once, on first use. */
  readonly touched: Touched;
  readonly who: WriteOrigin;
  readonly control: ControlState;
  /** True when applying the update could take the document past `maxBytes`. */
  wouldExceed(maxBytes: number): boolean;
}

/** A key of a top-level map. */
export interface MapKey {
  map: string;
  key: string;
}

/**
 * What a rule decides. `refuse`: nothing is stored or applied, the client is told `reason`
 * (and closed with `close` if given). `revert`: the update is stored and applied (the client's
 * later edits build on it) and at once followed by a server write putting `keys` back to their
 * values before it; the client is told `reason`. With `brokenAfter`, only the keys it finds
 * broken once the update (and what it released from Yjs's pending queue) is applied are put
 * back: a rule that must see the result, not the update, compares before and after this way.
 */
export type WriteVerdict =
  | { verdict: 'accept' }
  | { verdict: 'refuse'; reason: RefusalReason; close?: { code: number; reason: string } }
  | {
      verdict: 'revert';
      reason: RefusalReason;
      keys: readonly MapKey[];
      brokenAfter?: (doc: Y.Doc, key: MapKey) => boolean;
    };

/**
 * One write rule. Rules run in order for every write (clients, server code, peers: each rule
 * decides whom it holds to account); the first refusal wins, reverts add up.
 */
export interface WriteRule {
  /** Short name for logs and tests. */
  readonly name: string;
  check(write: PendingWrite): WriteVerdict;
}

export const ACCEPT: WriteVerdict = { verdict: 'accept' };

/** A refusal verdict. */
export function refuse(
  reason: RefusalReason,
  close?: { code: number; reason: string },
): WriteVerdict {
  return close ? { verdict: 'refuse', reason, close } : { verdict: 'refuse', reason };
}

/** A revert verdict (accept when there is nothing to put back); see WriteVerdict for `brokenAfter`. */
export function revert(
  reason: RefusalReason,
  keys: readonly MapKey[],
  brokenAfter?: (doc: Y.Doc, key: MapKey) => boolean,
): WriteVerdict {
  if (keys.length === 0) return ACCEPT;
  return brokenAfter
    ? { verdict: 'revert', reason, keys, brokenAfter }
    : { verdict: 'revert', reason, keys };
}
