import type { BidangRef, BoardIssues, DesaRef, KecamatanRef, Problem } from '../issueMap/types';

/** A kecamatan's name for people: its name, else its code, else ''. */
export function kecamatanLabel(kecamatan: KecamatanRef | null): string {
  return kecamatan === null ? '' : (kecamatan.nama ?? kecamatan.kode);
}

/** A desa's name for people: "Nama", "kode tidak dikenal (63.11.99.9999)" or "". */
export function desaLabel(desa: DesaRef): string {
  if (desa.nama !== null) return desa.nama;
  return desa.kode === null ? '' : `kode tidak dikenal (${desa.kode})`;
}

/** A bidang's name, or '' for none. */
export function bidangLabel(bidang: BidangRef | null): string {
  return bidang?.nama ?? '';
}

/** The heading of a board section: "Kecamatan Juai", or the board title of merged boards. */
export function boardLabel(board: {
  kind: 'kecamatan' | 'merged';
  title: string;
  boardId: string;
  kecamatan: KecamatanRef | null;
}): string {
  if (board.kind === 'kecamatan' && board.kecamatan !== null) {
    return `Kecamatan ${kecamatanLabel(board.kecamatan)}`;
  }
  return board.title === '' ? board.boardId : board.title;
}

/** The author's name, or '' when not known. */
export function authorLabel(problem: Problem): string {
  return problem.authorName ?? '';
}

/** "Kecamatan" for kecamatan boards, "Kabupaten" for merged ones. */
export function tingkatLabel(board: Pick<BoardIssues, 'kind'>): string {
  return board.kind === 'merged' ? 'Kabupaten' : 'Kecamatan';
}
