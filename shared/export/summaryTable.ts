import type { IssueMap } from '../issueMap/types';
import { formatLongTime, type TimeOptions } from './formatTime';
import type { Table } from './table';

/** The event and its totals as label/value rows (the XLSX "Ringkasan" sheet, report summary). */
export function summaryTable(map: IssueMap, opts: TimeOptions = {}): Table {
  const s = map.summary;
  return {
    header: ['Uraian', 'Nilai'],
    rows: [
      ['Kegiatan', map.event.title],
      ['Tahun', map.event.year],
      ['Kabupaten', map.event.kabupaten.nama],
      ['Kode kabupaten', map.event.kabupaten.kode],
      ['Dibuat', formatLongTime(map.generatedAt, opts)],
      ['Papan kecamatan', s.kecamatanBoards],
      ['Papan gabungan (kabupaten)', s.mergedBoards],
      ['Permasalahan', s.cards],
      ['Isu strategis', s.issues],
      ['Permasalahan belum dikelompokkan', s.unclusteredCards],
      ['Suara', s.votes],
      ['Desa/kelurahan terjangkau', s.desaReached],
      ['Kecamatan terjangkau', s.kecamatanReached],
      ['Isu kabupaten', s.kabupatenIssues],
    ],
  };
}

/** How votes are counted per bidang, printed under the per-bidang table of every export. */
export const BIDANG_VOTES_NOTE =
  'Suara pada kartu dihitung untuk bidang kartu itu; suara pada isu dihitung untuk bidang ' +
  'dominan isu itu (isu tanpa bidang dominan: "Tanpa bidang"). Jumlahnya sama dengan jumlah suara.';

/**
 * Problems, issues (by dominant bidang) and votes per bidang over kecamatan boards, with a total
 * row that equals the event's totals (see BidangCount.votes for how issue votes count).
 */
export function bidangTable(map: IssueMap): Table {
  const rows = map.summary.byBidang.map((b) => [
    b.bidang?.nama ?? 'Tanpa bidang',
    b.cards,
    b.issues,
    b.votes,
  ]);
  const sum = (column: number) => rows.reduce((total, row) => total + Number(row[column]), 0);
  rows.push(['Jumlah', sum(1), sum(2), sum(3)]);
  return { header: ['Bidang', 'Permasalahan', 'Isu Strategis', 'Suara'], rows };
}
