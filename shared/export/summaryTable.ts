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

/** Problems, issues (by dominant bidang) and votes per bidang, over kecamatan boards. */
export function bidangTable(map: IssueMap): Table {
  return {
    header: ['Bidang', 'Permasalahan', 'Isu Strategis', 'Suara'],
    rows: map.summary.byBidang.map((b) => [
      b.bidang?.nama ?? 'Tanpa bidang',
      b.cards,
      b.issues,
      b.votes,
    ]),
  };
}
