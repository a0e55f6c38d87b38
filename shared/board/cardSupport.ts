import * as Y from 'yjs';
import { boardMaps, voteKey, parseVoteKey } from './boardDoc';
import { MAX_NAME_LENGTH } from '../limits';
import type { Author } from './types';

/**
 * "Saya juga mengalami ini": before the Pilih phase, a person who was about to write a card that
 * already exists adds themselves as a supporter of it instead. Not a vote (no dot is spent, the
 * vote totals never include it); one key per card and person (`card/person` -> name), so
 * concurrent supports merge and a repeat changes nothing. A top-level map of its own.
 */
export function supportMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('supports');
}

/** Adds `who` as a supporter of a card; false when the card does not exist. */
export function supportCard(doc: Y.Doc, cardId: string, who: Author, origin?: unknown): boolean {
  if (!boardMaps(doc).cards.has(cardId)) return false;
  const key = voteKey(cardId, who.id);
  doc.transact(() => supportMap(doc).set(key, who.name.slice(0, MAX_NAME_LENGTH)), origin);
  return true;
}

/** Supporters per card id (people other than the author who said "me too"). */
export function supporterCounts(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  supportMap(doc).forEach((_name, key) => {
    const parsed = parseVoteKey(key);
    if (parsed === null) return;
    counts.set(parsed.targetId, (counts.get(parsed.targetId) ?? 0) + 1);
  });
  return counts;
}
