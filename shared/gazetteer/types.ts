/** A kabupaten's kecamatan and desa with their Kemendagri codes. */

export type DesaJenis = 'desa' | 'kelurahan';

export interface Desa {
  kode: string;
  nama: string;
  jenis: DesaJenis;
}

export interface Kecamatan {
  kode: string;
  nama: string;
  desa: Desa[];
}

export interface Gazetteer {
  kabupaten: { kode: string; nama: string };
  kecamatan: Kecamatan[];
}
