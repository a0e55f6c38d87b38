import Papa from 'papaparse';
import type { Desa, DesaJenis, Gazetteer, Kecamatan } from './types';

/** The columns of a gazetteer CSV, in order (the Kemendagri code list layout). */
export const GAZETTEER_COLUMNS = [
  'kode',
  'jenis',
  'nama',
  'kecamatan_kode',
  'kecamatan',
  'kabupaten_kode',
  'kabupaten',
] as const;

/** One problem in a gazetteer CSV, with its 1-based line number. */
export interface GazetteerError {
  line: number;
  message: string;
}

export type GazetteerResult =
  { ok: true; gazetteer: Gazetteer } | { ok: false; errors: GazetteerError[] };

const KABUPATEN = /^\d{2}\.\d{2}$/;
const KECAMATAN = /^\d{2}\.\d{2}\.\d{2}$/;
const DESA = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const MAX_ROWS = 5_000;
const MAX_NAME = 100;

/**
 * Parses a gazetteer CSV (one kabupaten; kecamatan, desa and kelurahan rows). All-or-nothing:
 * any bad line makes the result an error listing every bad line, so nothing is half-imported.
 */
export function parseGazetteerCsv(text: string): GazetteerResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const errors: GazetteerError[] = parsed.errors.map((e) => ({
    line: (e.row ?? 0) + 1,
    message: `CSV tidak terbaca: ${e.message}`,
  }));
  const rows = parsed.data;
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header || GAZETTEER_COLUMNS.some((c, i) => header[i] !== c)) {
    return {
      ok: false,
      errors: [{ line: 1, message: `Baris judul harus: ${GAZETTEER_COLUMNS.join(',')}` }],
    };
  }
  if (rows.length - 1 > MAX_ROWS) {
    return { ok: false, errors: [{ line: MAX_ROWS + 2, message: `Lebih dari ${MAX_ROWS} baris` }] };
  }
  let kabupaten: { kode: string; nama: string } | null = null;
  const kecamatan = new Map<string, Kecamatan>();
  const desaRows: { line: number; kecKode: string; desa: Desa }[] = [];
  const seen = new Set<string>();

  rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    const bad = (message: string) => errors.push({ line, message });
    if (row.length !== GAZETTEER_COLUMNS.length) {
      bad(`Harus ada ${GAZETTEER_COLUMNS.length} kolom, ada ${row.length}`);
      return;
    }
    const [kode, jenis, nama, kecKode, , kabKode, kabNama] = row.map((c) => c.trim()) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!KABUPATEN.test(kabKode)) return bad(`kabupaten_kode tidak sah: "${kabKode}"`);
    if (!kabNama || kabNama.length > MAX_NAME) return bad('kabupaten kosong atau terlalu panjang');
    if (kabupaten === null) kabupaten = { kode: kabKode, nama: kabNama };
    else if (kabupaten.kode !== kabKode)
      return bad(`Satu berkas untuk satu kabupaten (${kabupaten.kode}), bukan ${kabKode}`);
    if (!nama || nama.length > MAX_NAME) return bad('nama kosong atau terlalu panjang');
    if (seen.has(kode)) return bad(`kode ganda: ${kode}`);
    if (jenis === 'kecamatan') {
      if (!KECAMATAN.test(kode) || kode !== kecKode || !kode.startsWith(`${kabKode}.`)) {
        return bad(`kode kecamatan tidak sah: "${kode}"`);
      }
      seen.add(kode);
      kecamatan.set(kode, { kode, nama, desa: [] });
    } else if (jenis === 'desa' || jenis === 'kelurahan') {
      if (
        !DESA.test(kode) ||
        !kode.startsWith(`${kecKode}.`) ||
        !kecKode.startsWith(`${kabKode}.`)
      ) {
        return bad(`kode desa tidak sah atau tidak cocok dengan kecamatan: "${kode}"`);
      }
      seen.add(kode);
      desaRows.push({ line, kecKode, desa: { kode, nama, jenis: jenis as DesaJenis } });
    } else {
      bad(`jenis harus kecamatan, desa atau kelurahan, bukan "${jenis}"`);
    }
  });

  for (const { line, kecKode, desa } of desaRows) {
    const kec = kecamatan.get(kecKode);
    if (kec) kec.desa.push(desa);
    else errors.push({ line, message: `kecamatan ${kecKode} tidak ada di berkas` });
  }
  if (errors.length > 0 || kabupaten === null || kecamatan.size === 0) {
    if (errors.length === 0) errors.push({ line: 2, message: 'Tidak ada kecamatan' });
    return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  }
  const sortByKode = <T extends { kode: string }>(list: T[]) =>
    list.sort((a, b) => (a.kode < b.kode ? -1 : 1));
  const list = sortByKode([...kecamatan.values()]);
  for (const kec of list) sortByKode(kec.desa);
  return { ok: true, gazetteer: { kabupaten, kecamatan: list } };
}

/** Finds a desa by code; null when unknown. */
export function findDesa(
  gazetteer: Gazetteer,
  kode: string | null,
): (Desa & { kecamatanKode: string }) | null {
  if (kode === null) return null;
  for (const kec of gazetteer.kecamatan) {
    const desa = kec.desa.find((d) => d.kode === kode);
    if (desa) return { ...desa, kecamatanKode: kec.kode };
  }
  return null;
}

/** Finds a kecamatan by code; null when unknown. */
export function findKecamatan(gazetteer: Gazetteer, kode: string | null): Kecamatan | null {
  if (kode === null) return null;
  return gazetteer.kecamatan.find((k) => k.kode === kode) ?? null;
}
