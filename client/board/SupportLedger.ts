import { createContext, useContext, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { supportCard, supporterCounts, supportMap } from '../../shared/board/cardSupport';
import type { Author } from '../../shared/board/types';

const EMPTY: ReadonlyMap<string, number> = new Map();

/** The "saya juga mengalami ini" supporters per card, live from the doc (not votes). */
export class SupportLedger {
  private counts: ReadonlyMap<string, number>;
  private readonly listeners = new Set<() => void>();
  private readonly onChange = () => {
    this.counts = supporterCounts(this.doc);
    for (const listener of this.listeners) listener();
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly origin: unknown,
  ) {
    this.counts = supporterCounts(doc);
    supportMap(doc).observe(this.onChange);
  }

  /**
   * Adds this person as a supporter of a card, under `personId`: the connection's voter id from
   * the server (the server puts back supports under any other id). False when the card is gone.
   */
  support(cardId: string, personId: string, who: Author): boolean {
    return supportCard(this.doc, cardId, { id: personId, name: who.name }, this.origin);
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ReadonlyMap<string, number> => this.counts;

  dispose(): void {
    supportMap(this.doc).unobserve(this.onChange);
    this.listeners.clear();
  }
}

export const SupportContext = createContext<SupportLedger | null>(null);

const noSubscribe = () => () => undefined;
const empty = () => EMPTY;

/**
 * How many people support a card (0 outside a board, e.g. in an image export). The card
 * re-renders when its own count changes, not on every support anywhere on the board.
 */
export function useSupporters(cardId: string | null): number {
  const ledger = useContext(SupportContext);
  const getCounts = ledger?.getSnapshot ?? empty;
  return useSyncExternalStore(ledger?.subscribe ?? noSubscribe, () =>
    cardId === null ? 0 : (getCounts().get(cardId) ?? 0),
  );
}
