import type { BidangRef, Problem } from './types';

/**
 * The bidang most of an issue's problems belong to. Ties go to the bidang whose problems have
 * more votes, then to the one listed first in the taxonomy. Problems without a bidang do not
 * count; null when none has one.
 */
export function dominantBidang(
  problems: readonly Problem[],
  taxonomy: readonly BidangRef[],
): BidangRef | null {
  const tally = new Map<string, { cards: number; votes: number }>();
  for (const p of problems) {
    if (p.bidang === null) continue;
    const t = tally.get(p.bidang.id) ?? { cards: 0, votes: 0 };
    t.cards++;
    t.votes += p.votes;
    tally.set(p.bidang.id, t);
  }
  let best: BidangRef | null = null;
  let bestTally = { cards: 0, votes: 0 };
  // Taxonomy order, strict "greater than": an earlier bidang keeps a full tie.
  for (const bidang of taxonomy) {
    const t = tally.get(bidang.id);
    if (t === undefined) continue;
    if (
      best === null ||
      t.cards > bestTally.cards ||
      (t.cards === bestTally.cards && t.votes > bestTally.votes)
    ) {
      best = bidang;
      bestTally = t;
    }
  }
  return best;
}
