import type { Problem } from '../issueMap/types';
import { formatTableTime, timeZoneOf, type TimeOptions } from './formatTime';
import { authorLabel, bidangLabel, desaLabel, kecamatanLabel } from './labels';
import type { Table } from './table';

/** The problems of one issue (or the unclustered cards) as a numbered table for reports. */
export function problemTable(
  problems: readonly Problem[],
  withKecamatan: boolean,
  opts: TimeOptions = {},
): Table {
  const header = ['No', 'Permasalahan', ...(withKecamatan ? ['Kecamatan'] : []), 'Desa'];
  header.push('Kode Wilayah', 'Bidang', 'Suara', 'Pengusul', `Tanggal (${timeZoneOf(opts)})`);
  const rows = problems.map((p, i) => [
    i + 1,
    p.text,
    ...(withKecamatan ? [kecamatanLabel(p.kecamatan)] : []),
    desaLabel(p.desa),
    p.desa.kode ?? '',
    bidangLabel(p.bidang),
    p.votes,
    authorLabel(p),
    formatTableTime(p.createdAt, opts),
  ]);
  const kode = header.indexOf('Kode Wilayah');
  return { header, rows, nowrap: [kode, header.length - 1] };
}
