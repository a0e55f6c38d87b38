import * as Y from 'yjs';
import { boardMaps, parseVoteKey, voteKey } from './boardDoc';
import { deleteCard, votesUsedBy } from './boardModel';
import { isRecordId } from './ids';
import { MAX_NAME_LENGTH, MAX_VOTES_PER_TARGET } from '../limits';
import type { Author } from './types';

/**
 * Deleted cards, kept so anyone at the table can bring one back (not only the person who deleted
 * it, whose undo is the only other way). A top-level map beside the five of the board, which
 * readBoard, exports and merges never read: a deleted card counts nowhere.
 */
export function trashMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('trash');
}

/** How many deleted cards the trash keeps; the oldest go first (a board holds hundreds). */
export const MAX_TRASHED_CARDS = 200;

/** One deleted card as the board shows it in "Kartu terhapus". */
export interface TrashedCard {
  cardId: string;
  text: string;
  authorName: string;
  deletedBy: string;
  deletedAt: number;
}

/**
 * Deletes a card (and its votes) and keeps a copy of its raw fields in the trash, in one
 * transaction. The raw entries are copied, not read through readBoard, so nothing a newer
 * client wrote on the card is lost on the way back. The card's dots are kept per voter
 * (`votes`), with any dots of an earlier restore that their voters had not taken back yet.
 */
export function trashCard(doc: Y.Doc, cardId: string, deletedBy: Author, origin?: unknown): void {
  const { cards, votes } = boardMaps(doc);
  const card = cards.get(cardId);
  doc.transact(() => {
    if (card instanceof Y.Map) {
      const trash = trashMap(doc);
      const dots = pendingVotes(trash.get(cardId));
      votes.forEach((count, key) => {
        const parsed = parseVoteKey(key);
        if (parsed?.targetId !== cardId || !isDotCount(count)) return;
        dots.set(
          parsed.voterId,
          Math.min(MAX_VOTES_PER_TARGET, (dots.get(parsed.voterId) ?? 0) + count),
        );
      });
      trash.set(cardId, {
        card: card.toJSON(),
        deletedBy: deletedBy.name.slice(0, MAX_NAME_LENGTH),
        deletedAt: Date.now(),
        ...(dots.size > 0 ? { votes: Object.fromEntries(dots) } : {}),
      });
      if (trash.size > MAX_TRASHED_CARDS) {
        const oldest = oldestEntry(trash);
        if (oldest !== null) trash.delete(oldest);
      }
    }
    deleteCard(doc, cardId, origin);
  }, origin);
}

/** Who restores a card: their own dots on it come back at once (within their budget). */
export interface Restorer {
  voterId: string;
  budget: number;
}

/**
 * Puts a deleted card back where it was (out of its cluster if that is gone). Returns false when
 * the entry is missing or unreadable, or a card with that id exists again.
 *
 * Dots: a tablet may only write its own voter's dots (the server puts back any other), so the
 * restorer's dots come back here and everyone else's stay in the entry (hidden from the list,
 * the card being back) until their own tablet puts them back (`returnVotes`).
 */
export function restoreCard(
  doc: Y.Doc,
  cardId: string,
  origin?: unknown,
  restorer?: Restorer,
): boolean {
  const trash = trashMap(doc);
  const entry = trash.get(cardId);
  const { cards, clusters } = boardMaps(doc);
  if (!isRecordId(cardId) || cards.has(cardId)) return false;
  if (typeof entry !== 'object' || entry === null) return false;
  const raw = (entry as { card?: unknown }).card;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  doc.transact(() => {
    const card = new Y.Map<unknown>();
    // Read from the copy: a Y.Map not yet in the doc cannot be read.
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const goneCluster = key === 'clusterId' && typeof value === 'string' && !clusters.has(value);
      card.set(key, goneCluster ? null : value);
    }
    cards.set(cardId, card);
    const dots = pendingVotes(entry);
    if (restorer !== undefined) giveBack(doc, cardId, restorer, dots);
    keepPending(trash, cardId, entry, dots);
  }, origin);
  return true;
}

/**
 * Puts back this voter's dots on every restored card that still holds them (a card someone else
 * brought back), within the budget, and drops them from the entry. A voter who already has dots
 * on that card again gets none added. Returns how many dots came back.
 */
export function returnVotes(doc: Y.Doc, voterId: string, budget: number, origin?: unknown): number {
  const trash = trashMap(doc);
  const { cards } = boardMaps(doc);
  const waiting: string[] = [];
  trash.forEach((entry, cardId) => {
    if (cards.has(cardId) && pendingVotes(entry).has(voterId)) waiting.push(cardId);
  });
  if (waiting.length === 0) return 0;
  let returned = 0;
  doc.transact(() => {
    for (const cardId of waiting) {
      const entry = trash.get(cardId);
      const dots = pendingVotes(entry);
      returned += giveBack(doc, cardId, { voterId, budget }, dots);
      keepPending(trash, cardId, entry, dots);
    }
  }, origin);
  return returned;
}

/** Moves the voter's dots from `dots` onto the card (as far as the budget allows). */
function giveBack(doc: Y.Doc, cardId: string, who: Restorer, dots: Map<string, number>): number {
  const wanted = dots.get(who.voterId);
  if (wanted === undefined) return 0;
  dots.delete(who.voterId);
  const { votes } = boardMaps(doc);
  const key = voteKey(cardId, who.voterId);
  if (votes.has(key)) return 0;
  const count = Math.min(wanted, Math.max(0, who.budget - votesUsedBy(doc, who.voterId)));
  if (count > 0) votes.set(key, count);
  return count;
}

/** The entry stays only while some voter's dots wait in it. */
function keepPending(
  trash: Y.Map<unknown>,
  cardId: string,
  entry: unknown,
  dots: Map<string, number>,
): void {
  if (dots.size === 0) trash.delete(cardId);
  else
    trash.set(cardId, { ...(entry as Record<string, unknown>), votes: Object.fromEntries(dots) });
}

/** The dots kept in a trash entry, per voter; what is not readable is left out (untrusted). */
function pendingVotes(entry: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof entry !== 'object' || entry === null) return out;
  const votes = (entry as { votes?: unknown }).votes;
  if (typeof votes !== 'object' || votes === null || Array.isArray(votes)) return out;
  for (const [voterId, count] of Object.entries(votes as Record<string, unknown>)) {
    if (isRecordId(voterId) && isDotCount(count)) out.set(voterId, count);
  }
  return out;
}

function isDotCount(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= MAX_VOTES_PER_TARGET
  );
}

/** The entry deleted longest ago (unreadable ones first), when the trash is full. */
function oldestEntry(trash: Y.Map<unknown>): string | null {
  let oldest: string | null = null;
  let oldestAt = Infinity;
  trash.forEach((entry, cardId) => {
    const at = (entry as { deletedAt?: unknown } | null)?.deletedAt;
    const when = typeof at === 'number' && Number.isFinite(at) ? at : -Infinity;
    if (when < oldestAt) {
      oldestAt = when;
      oldest = cardId;
    }
  });
  return oldest;
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The deleted cards, newest first; entries that are not readable are skipped (untrusted doc). */
export function readTrash(doc: Y.Doc): TrashedCard[] {
  const { cards } = boardMaps(doc);
  const out: TrashedCard[] = [];
  trashMap(doc).forEach((entry, cardId) => {
    if (!isRecordId(cardId) || cards.has(cardId)) return;
    if (typeof entry !== 'object' || entry === null) return;
    const e = entry as { card?: unknown; deletedBy?: unknown; deletedAt?: unknown };
    if (typeof e.card !== 'object' || e.card === null || Array.isArray(e.card)) return;
    const card = e.card as { text?: unknown; author?: unknown };
    const author = (card.author ?? {}) as { name?: unknown };
    out.push({
      cardId,
      text: text(card.text, 2000),
      authorName: text(author.name, MAX_NAME_LENGTH),
      deletedBy: text(e.deletedBy, MAX_NAME_LENGTH),
      deletedAt: typeof e.deletedAt === 'number' && Number.isFinite(e.deletedAt) ? e.deletedAt : 0,
    });
  });
  return out.sort((a, b) => b.deletedAt - a.deletedAt);
}
