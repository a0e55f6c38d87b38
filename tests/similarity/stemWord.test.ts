import { describe, expect, it } from 'vitest';
import { stemWord } from '../../shared/similarity/stemWord';

describe('stemWord', () => {
  it('removes the common prefixes and suffixes with their sound changes', () => {
    expect(stemWord('pertanian')).toBe('tani');
    expect(stemWord('menanam')).toBe('tanam');
    expect(stemWord('menyadap')).toBe('sadap');
    expect(stemWord('penyadap')).toBe('sadap');
    expect(stemWord('memeriksa')).toBe('periksa');
    expect(stemWord('diperbaiki')).toBe('baik');
    expect(stemWord('kesehatan')).toBe('sehat');
    expect(stemWord('pelatihan')).toBe('latih');
    expect(stemWord('bantuan')).toBe('bantu');
    expect(stemWord('diobati')).toBe('obat');
    expect(stemWord('kebanjiran')).toBe('banjir');
    expect(stemWord('rumahnya')).toBe('rumah');
  });

  it('gives a word and its derivations the same stem', () => {
    expect(stemWord('menganggur')).toBe(stemWord('pengangguran'));
    expect(stemWord('pemadaman')).toBe(stemWord('padam'));
    expect(stemWord('penerangan')).toBe(stemWord('terang'));
  });

  it('does not over-stem roots that only look affixed', () => {
    for (const root of [
      'sekolah',
      'masalah',
      'jembatan',
      'sungai',
      'jamban',
      'petani',
      'kering',
      'kelapa',
      'keluarga',
      'dinding',
      'pangan',
      'beras',
      'bersih',
      'perahu',
      'minum',
    ]) {
      const stem = stemWord(root);
      expect(stem.length, `${root} -> ${stem}`).toBeGreaterThanOrEqual(4);
      expect(
        [
          'sekolah',
          'masalah',
          'jembatan',
          'sungai',
          'jamban',
          'kering',
          'kelapa',
          'keluarga',
          'dinding',
          'pangan',
          'beras',
          'bersih',
          'perahu',
          'minum',
        ].includes(root)
          ? stem
          : root,
      ).toBe(root);
    }
    expect(stemWord('petani')).toBe('tani');
  });

  it('leaves short words, numbers and ids alone', () => {
    expect(stemWord('air')).toBe('air');
    expect(stemWord('jalan')).toBe('jalan');
    expect(stemWord('4g')).toBe('4g');
    expect(stemWord('ikan')).toBe('ikan');
  });
});
