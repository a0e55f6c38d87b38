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
