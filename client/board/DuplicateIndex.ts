import type * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import { readBoard } from '../../shared/board/readBoard';
import {
  createDuplicateFinder,
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

  /** Near-duplicates of `text` on the board, best first; `excludeId` is the card being edited. */
  find(text: string, excludeId?: string): SimilarCard[] {
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
