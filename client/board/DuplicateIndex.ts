import type * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import { readBoard } from '../../shared/board/readBoard';
import {
  createDuplicateFinder,
  MIN_QUERY_LENGTH,
  type NearDuplicate,
} from '../../shared/similarity/findNearDuplicates';

/** A card that says nearly the same as the text being typed, with its text to show. */
export interface SimilarCard extends NearDuplicate {
  text: string;
}

/**
 * The board's cards prepared for "Mirip dengan: …": the finder is built once per change of the
 * cards (lazily, on the next keystroke after a change), so a keystroke only vectorises one text.
 */
export class DuplicateIndex {
  private finder: ReturnType<typeof createDuplicateFinder> | null = null;
  private texts = new Map<string, string>();
  private readonly markStale = () => {
    this.finder = null;
  };

  constructor(private readonly doc: Y.Doc) {
    boardMaps(doc).cards.observeDeep(this.markStale);
  }

  dispose(): void {
    boardMaps(this.doc).cards.unobserveDeep(this.markStale);
  }

  /** Whether the cards are prepared (the last find had text enough and no card changed since). */
  get prepared(): boolean {
    return this.finder !== null;
  }

  /** Near-duplicates of `text` on the board, best first; `excludeId` is the card being edited. */
  find(text: string, excludeId?: string): SimilarCard[] {
    // Nothing to compare yet (the form has just opened): do not prepare the whole board for it,
    // which on a 300-card board was a long task right after "Tambah kartu" on a slow tablet.
    if (text.trim().length < MIN_QUERY_LENGTH) return [];
    if (this.finder === null) {
      const cards = readBoard(this.doc).board.cards.map((c) => ({ id: c.id, text: c.text }));
      this.texts = new Map(cards.map((c) => [c.id, c.text]));
      this.finder = createDuplicateFinder(cards);
    }
    return this.finder(text, { limit: 3, ...(excludeId ? { excludeId } : {}) }).map((d) => ({
      ...d,
      text: this.texts.get(d.cardId) ?? '',
    }));
  }
}
