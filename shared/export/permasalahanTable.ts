import type { IssueMap, Problem } from '../issueMap/types';
import { formatTableTime, timeZoneOf, type TimeOptions } from './formatTime';
import { authorLabel, bidangLabel, boardLabel, kecamatanLabel, tingkatLabel } from './labels';
import type { Table, TableCell } from './table';

/**
 * One row per card of every board, in the order of the issue map (boards, issues by rank,
 * problems, then unclustered cards). The first ten columns follow the SIPD usulan record;
 * Tingkat and Papan tell kecamatan rows from the kabupaten (merged) board's repeat of them.
 * The CSV and the XLSX "Permasalahan" sheet are both this table.
 */
export function permasalahanTable(map: IssueMap, opts: TimeOptions = {}): Table {
  const header = [
    'Kabupaten',
    'Kecamatan',
    'Kelurahan/Desa',
    'Kode Wilayah',
    'Bidang',
    'Isu Strategis',
    'Permasalahan',
    'Suara',
    'Pengusul',
    `Tanggal (${timeZoneOf(opts)})`,
    'Tingkat',
    'Papan',
  ];
  const rows: TableCell[][] = [];
  for (const board of map.boards) {
    const row = (p: Problem, issue: string): TableCell[] => [
      map.event.kabupaten.nama,
      kecamatanLabel(p.kecamatan),
      p.desa.nama ?? '',
      p.desa.kode ?? '',
      bidangLabel(p.bidang),
      issue,
      p.text,
      p.votes,
      authorLabel(p),
      formatTableTime(p.createdAt, opts),
      tingkatLabel(board),
      boardLabel(board),
    ];
    for (const issue of board.issues) {
      for (const p of issue.problems) rows.push(row(p, issue.title));
    }
    for (const p of board.unclustered) rows.push(row(p, ''));
  }
  return { header, rows };
}
