/** Typed board data, as produced by readBoard from an untrusted Y.Doc. */

export type BoardKind = 'kecamatan' | 'merged';

export const BOARD_KINDS: readonly BoardKind[] = ['kecamatan', 'merged'];

export interface Author {
  id: string;
  name: string;
}

/** Where a card on a merged board came from. */
export interface CardSource {
  boardId: string;
  cardId: string;
  kecamatanKode: string;
}

export interface Card {
  id: string;
  text: string;
  /** Kemendagri code of the desa/kelurahan, e.g. 63.11.06.2005, or null when not given. */
  desaKode: string | null;
  /** Bidang id from the event's taxonomy, or null when unknown. */
  bidang: string | null;
  x: number;
  y: number;
  clusterId: string | null;
  author: Author;
  createdAt: number;
  /** Only on merged boards. */
  source: CardSource | null;
}

export interface Cluster {
  id: string;
  /** The strategic issue (isu strategis). */
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
  createdAt: number;
}

export interface Vote {
  targetId: string;
  voterId: string;
  count: number;
}

export interface BoardMeta {
  schemaVersion: number;
  kind: BoardKind;
  title: string;
  kecamatanKode: string | null;
}

export interface Board {
  meta: BoardMeta;
  cards: Card[];
  clusters: Cluster[];
  votes: Vote[];
  /** Other tldraw records (pen, arrows, text), passed through untouched. */
  canvas: Map<string, Record<string, unknown>>;
}

export interface ReadReport {
  skipped: { cards: number; clusters: number; votes: number; canvas: number };
  repaired: { meta: number; cards: number; clusters: number };
  /** The first problems found, for logs (capped). */
  problems: string[];
}
