import type { IssueMap, Provenance } from '../issueMap/types';
import { bidangLabel, boardLabel, desaLabel, kecamatanLabel, tingkatLabel } from './labels';
import type { Table, TableCell } from './table';

/** "Juai: Bata (2), Juai (1); Halong: Binjai (1)": who raised a kabupaten issue, in one line. */
export function provenanceDetail(provenance: Provenance): string {
  return provenance.kecamatan
    .map((k) => {
      const desa = k.desa
        .map((d) => `${desaLabel(d.desa) || 'tanpa desa'} (${d.cards})`)
        .join(', ');
      const name = k.kecamatan === null ? 'kecamatan tidak diketahui' : kecamatanLabel(k.kecamatan);
      return `${name}: ${desa}`;
    })
    .join('; ');
}

/** One row per strategic issue, board by board in rank order (the XLSX "Isu Strategis" sheet). */
export function issueTable(map: IssueMap): Table {
  const header = [
    'Tingkat',
    'Kecamatan / Papan',
    'Peringkat',
    'Isu Strategis',
    'Bidang Dominan',
    'Suara Total',
    'Suara Isu',
    'Suara Kartu',
    'Jumlah Permasalahan',
    'Jumlah Desa',
    'Asal',
    'Rincian Asal',
  ];
  const rows: TableCell[][] = [];
  for (const board of map.boards) {
    for (const issue of board.issues) {
      rows.push([
        tingkatLabel(board),
        boardLabel(board),
        issue.rank,
        issue.title,
        bidangLabel(issue.dominantBidang),
        issue.votes.total,
        issue.votes.cluster,
        issue.votes.cards,
        issue.problems.length,
        issue.desaCount,
        issue.provenance?.label ?? '',
        issue.provenance === null ? '' : provenanceDetail(issue.provenance),
      ]);
    }
  }
  return { header, rows };
}
