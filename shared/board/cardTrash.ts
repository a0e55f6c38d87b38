import * as Y from 'yjs';
import { boardMaps } from './boardDoc';
import { deleteCard } from './boardModel';
import { isRecordId } from './ids';
import { MAX_NAME_LENGTH } from '../limits';
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
 * client wrote on the card is lost on the way back.
 */
export function trashCard(doc: Y.Doc, cardId: string, deletedBy: Author, origin?: unknown): void {
  const card = boardMaps(doc).cards.get(cardId);
  doc.transact(() => {
    if (card instanceof Y.Map) {
      const trash = trashMap(doc);
      trash.set(cardId, {
        card: card.toJSON(),
        deletedBy: deletedBy.name.slice(0, MAX_NAME_LENGTH),
        deletedAt: Date.now(),
      });
      if (trash.size > MAX_TRASHED_CARDS) {
        const oldest = [...readTrash(doc)].sort((a, b) => a.deletedAt - b.deletedAt)[0];
        if (oldest) trash.delete(oldest.cardId);
      }
    }
    deleteCard(doc, cardId, origin);
  }, origin);
}

/**
 * Puts a deleted card back where it was (out of its cluster if that is gone). Returns false when
 * the entry is missing or unreadable, or a card with that id exists again.
 */
export function restoreCard(doc: Y.Doc, cardId: string, origin?: unknown): boolean {
  const trash = trashMap(doc);
  const entry = trash.get(cardId);
  const { cards, clusters } = boardMaps(doc);
  if (!isRecordId(cardId) || cards.has(cardId)) return false;
  if (typeof entry !== 'object' || entry === null) return false;
  const raw = (entry as { card?: unknown }).card;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  doc.transact(() => {
    const card = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      card.set(key, value);
    }
    const clusterId = card.get('clusterId');
    if (typeof clusterId === 'string' && !clusters.has(clusterId)) card.set('clusterId', null);
    cards.set(cardId, card);
    trash.delete(cardId);
  }, origin);
  return true;
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
