import { createContext, useContext } from 'react';
import { DEFAULT_TAXONOMY, type Taxonomy } from '../../shared/taxonomy';

/** What the board page knows about its board beyond the doc: gazetteer slice and taxonomy. */
export interface BoardInfo {
  id: string;
  title: string;
  kind: 'kecamatan' | 'merged';
  kecamatanKode: string | null;
  kecamatanNama: string | null;
  desa: readonly { kode: string; nama: string }[];
  /** Merged boards: the event's kecamatan, to name where each card came from. */
  kecamatan: readonly { kode: string; nama: string }[];
  taxonomy: Taxonomy;
}

/** The board info used before (or instead of) the server's answer. */
export function fallbackBoardInfo(id: string): BoardInfo {
  return {
    id,
    title: id,
    kind: 'kecamatan',
    kecamatanKode: null,
    kecamatanNama: null,
    desa: [],
    kecamatan: [],
    taxonomy: DEFAULT_TAXONOMY,
  };
}

export const BoardInfoContext = createContext<BoardInfo | null>(null);

/** The current board's info; throws outside a board page. */
export function useBoardInfo(): BoardInfo {
  const info = useContext(BoardInfoContext);
  if (info === null) throw new Error('useBoardInfo outside a board page');
  return info;
}
