import { createContext, useContext, useSyncExternalStore } from 'react';
import type { VoteLedger, VoteSnapshot } from './VoteLedger';

/** What vote controls on cards and cluster frames need. */
export interface Voting {
  ledger: VoteLedger;
  /** True in the Pilih phase of an editable board. */
  open: boolean;
  budget: number;
  /** Says why a dot was not added (budget spent). */
  onRefused(): void;
}

export const VotingContext = createContext<Voting | null>(null);

const EMPTY: VoteSnapshot = { totals: new Map(), mine: new Map(), used: 0 };
const noSubscribe = () => () => undefined;
const emptySnapshot = () => EMPTY;

/** The voting state of the current board, or null before the canvas is bound. */
export function useVoting(): (Voting & { votes: VoteSnapshot }) | null {
  const voting = useContext(VotingContext);
  const votes = useSyncExternalStore(
    voting?.ledger.subscribe ?? noSubscribe,
    voting?.ledger.getSnapshot ?? emptySnapshot,
  );
  return voting === null ? null : { ...voting, votes };
}

/**
 * The voting state with only one card's or cluster's dots: the component re-renders when that
 * target's total or this person's dots on it change, not on every dot anywhere on the board
 * (with 300 cards, one tap used to re-render every card's vote controls).
 */
export function useVotingOn(targetId: string): (Voting & { total: number; mine: number }) | null {
  const voting = useContext(VotingContext);
  const subscribe = voting?.ledger.subscribe ?? noSubscribe;
  const total = useSyncExternalStore(
    subscribe,
    () => voting?.ledger.getSnapshot().totals.get(targetId) ?? 0,
  );
  const mine = useSyncExternalStore(
    subscribe,
    () => voting?.ledger.getSnapshot().mine.get(targetId) ?? 0,
  );
  return voting === null ? null : { ...voting, total, mine };
}
