import type { Board } from '../board/types';

/** Who raised a cluster's issue: "disebut oleh N desa di M kecamatan". */
export interface IssueProvenance {
  clusterId: string;
  title: string;
  cardCount: number;
  desaCount: number;
  kecamatanCount: number;
  sources: {
    boardId: string | null;
    cardId: string;
    kecamatanKode: string | null;
    desaKode: string | null;
  }[];
}

/**
 * Per cluster, the distinct desa and kecamatan behind its cards. On merged boards a card's
 * kecamatan is its source's; on a kecamatan board it is the board's own.
 */
export function issueProvenance(board: Board): IssueProvenance[] {
  return board.clusters.map((k) => {
    const cards = board.cards.filter((c) => c.clusterId === k.id);
    const sources = cards.map((c) => ({
      boardId: c.source?.boardId ?? null,
      cardId: c.source?.cardId ?? c.id,
      kecamatanKode: c.source?.kecamatanKode ?? board.meta.kecamatanKode,
      desaKode: c.desaKode,
    }));
    const desa = new Set(sources.flatMap((s) => (s.desaKode === null ? [] : [s.desaKode])));
    const kecamatan = new Set(
      sources.flatMap((s) => (s.kecamatanKode === null ? [] : [s.kecamatanKode])),
    );
    return {
      clusterId: k.id,
      title: k.title,
      cardCount: cards.length,
      desaCount: desa.size,
      kecamatanCount: kecamatan.size,
      sources,
    };
  });
}
