import type { BidangCount, IssueMap } from '../issueMap/types';
import { boardLabel } from './labels';
import type { Table, TableCell } from './table';

function countsRow(label: string, counts: readonly BidangCount[]): TableCell[] {
  const cards = counts.map((c) => c.cards);
  return [label, ...cards, cards.reduce((a, b) => a + b, 0)];
}

/**
 * Problems (cards) per kecamatan board and bidang, with a "Tanpa bidang" column, row totals
 * and a total row over kecamatan boards (the XLSX "Matriks" sheet, the page's heat table).
 */
export function matrixTable(map: IssueMap): Table {
  const header = ['Kecamatan', ...map.taxonomy.map((b) => b.nama), 'Tanpa bidang', 'Jumlah'];
  const rows = map.boards
    .filter((b) => b.kind === 'kecamatan')
    .map((b) => countsRow(boardLabel(b), b.summary.byBidang));
  rows.push(countsRow('Jumlah', map.summary.byBidang));
  return { header, rows };
}
