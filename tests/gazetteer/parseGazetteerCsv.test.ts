import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDesa, parseGazetteerCsv } from '../../shared/gazetteer/parseGazetteerCsv';

const balangan = readFileSync(
  new URL('../../shared/data/wilayah-balangan.csv', import.meta.url),
  'utf8',
);
const HEADER = 'kode,jenis,nama,kecamatan_kode,kecamatan,kabupaten_kode,kabupaten';

describe('gazetteer CSV', () => {
  it('parses the Balangan default: 8 kecamatan and 157 desa and kelurahan', () => {
    const result = parseGazetteerCsv(balangan);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.gazetteer.kabupaten).toEqual({ kode: '63.11', nama: 'Kabupaten Balangan' });
    expect(result.gazetteer.kecamatan).toHaveLength(8);
    const desa = result.gazetteer.kecamatan.flatMap((k) => k.desa);
    expect(desa).toHaveLength(157);
    expect(desa.filter((d) => d.jenis === 'kelurahan')).toHaveLength(3);
    expect(findDesa(result.gazetteer, '63.11.01.2001')).toMatchObject({
      nama: 'Muara Ninian',
      kecamatanKode: '63.11.01',
    });
  });

  it('accepts a BOM and quoted names', () => {
    const csv = `\uFEFF${HEADER}\n63.01.01,kecamatan,"Satu, Dua",63.01.01,x,63.01,Kab X\n63.01.01.2001,desa,A,63.01.01,x,63.01,Kab X\n`;
    const result = parseGazetteerCsv(csv);
    expect(result.ok && result.gazetteer.kecamatan[0]?.nama).toBe('Satu, Dua');
  });

  it('reports every bad line with its number and returns nothing else', () => {
    const csv = [
      HEADER,
      '63.01.01,kecamatan,Satu,63.01.01,Satu,63.01,Kab X',
      '63.01.01.2001,desa,A,63.01.01,Satu,63.01,Kab X',
      '63.01.01.2001,desa,Ganda,63.01.01,Satu,63.01,Kab X',
      '63.01.02.2001,desa,Yatim,63.01.02,Dua,63.01,Kab X',
      'xx,desa,B,63.01.01,Satu,63.01,Kab X',
      '63.01.01.2003,kota,C,63.01.01,Satu,63.01,Kab X',
      '63.01.01.2004,desa,D,63.01.01,Satu',
      '63.02.01,kecamatan,Lain,63.02.01,Lain,63.02,Kab Y',
    ].join('\n');
    const result = parseGazetteerCsv(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(result.errors[0]?.message).toMatch(/ganda/);
    expect(result.errors[1]?.message).toMatch(/tidak ada/);
  });

  it('rejects a wrong header', () => {
    const result = parseGazetteerCsv('a,b,c\n1,2,3');
    expect(result).toEqual({
      ok: false,
      errors: [{ line: 1, message: expect.stringMatching(/judul/) }],
    });
  });
});
