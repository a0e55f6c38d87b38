import type * as Y from 'yjs';
import type { ControlState } from '../../../shared/control';
import type { RefusalReason } from '../../../shared/protocol';
import type { WriteOrigin } from '../writeOrigin';
import { touchedBy, type Touched } from './touchedBy';
import type { MapKey, PendingWrite, WriteRule } from './WriteRule';

/** The rules' combined decision on one write. */
export type WriteDecision =
  | { verdict: 'accept' }
  | {
      verdict: 'refuse';
      rule: string;
      reason: RefusalReason;
      close?: { code: number; reason: string };
    }
  | { verdict: 'revert'; reverts: RuleRevert[] };

/** What one rule wants put back (see WriteVerdict). */
export interface RuleRevert {
  rule: string;
  reason: RefusalReason;
  keys: MapKey[];
  brokenAfter?: (doc: Y.Doc, key: MapKey) => boolean;
}

/** What a write is checked against, besides the rules. */
export interface WriteCheckInput {
  doc: Y.Doc;
  update: Uint8Array;
  who: WriteOrigin;
  control: ControlState;
  wouldExceed(maxBytes: number): boolean;
}

/** Runs `rules` in order on one write: the first refusal wins, reverts add up. */
export function checkWrite(rules: readonly WriteRule[], input: WriteCheckInput): WriteDecision {
  const write = pendingWrite(input);
  const reverts: RuleRevert[] = [];
  for (const rule of rules) {
    const verdict = rule.check(write);
    switch (verdict.verdict) {
      case 'accept':
        break;
      case 'refuse':
        return { ...verdict, rule: rule.name };
      case 'revert':
        reverts.push({
          rule: rule.name,
          reason: verdict.reason,
          keys: [...verdict.keys],
          ...(verdict.brokenAfter ? { brokenAfter: verdict.brokenAfter } : {}),
        });
        break;
    }
  }
  return reverts.length > 0 ? { verdict: 'revert', reverts } : { verdict: 'accept' };
}

/** A PendingWrite whose `touched` is computed on first use, then kept. */
export function pendingWrite(input: WriteCheckInput): PendingWrite {
  let touched: Touched | null = null;
  return {
    doc: input.doc,
    update: input.update,
    who: input.who,
    control: input.control,
    wouldExceed: input.wouldExceed,
    get touched() {
      touched ??= touchedBy(input.doc, input.update);
      return touched;
    },
  };
}
