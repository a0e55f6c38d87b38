import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/similarity/analyzeText';
import { normalizeText } from '../../shared/similarity/normalizeText';
import { STOPWORDS } from '../../shared/similarity/stopwords';
import { textSimilarity } from '../../shared/similarity/textSimilarity';

describe('normalisation of Indonesian cards', () => {
  it('expands common abbreviations and folds case and punctuation', () => {
    expect(normalizeText('JLN. rusak, tdk bisa dilewati!!')).toEqual([
      'jalan',
      'rusak',
      'tidak',
      'bisa',
      'dilewati',
    ]);
    expect(normalizeText('JUT blm ada')).toEqual(['jalan', 'usaha', 'tani', 'belum', 'ada']);
  });

  it('turns Banjar words into standard Indonesian', () => {
    expect(normalizeText('banyu batang banyu keruh')).toEqual(['air', 'sungai', 'keruh']);
    expect(normalizeText('titian ke pahumaan')).toEqual(['jembatan', 'kecil', 'ke', 'sawah']);
  });

  it('drops bare numbers and folds reduplication', () => {
    expect(normalizeText('RT 05 putus-putus')).toEqual(['rt', 'putus']);
  });

  it('keeps negations and condition words out of the stopword list', () => {
    for (const w of ['tidak', 'belum', 'kurang', 'rusak', 'mahal', 'minim', 'sulit', 'jauh']) {
      expect(STOPWORDS.has(w)).toBe(false);
    }
    expect(analyzeText('belum ada posyandu').negated).toContain('posyandu');
  });
});

describe('textSimilarity', () => {
  it('treats an abbreviation as the word it stands for', () => {
    expect(textSimilarity('jln rusak', 'jalan rusak')).toBeCloseTo(1, 5);
    expect(textSimilarity('Air PDAM tdk mengalir', 'air pdam tidak mengalir')).toBeCloseTo(1, 5);
  });

  it('matches synonyms: air bersih, air minum and PDAM', () => {
    const syn = textSimilarity('susah dapat air bersih', 'susah dapat air PDAM');
    const unrelated = textSimilarity('susah dapat air bersih', 'susah dapat guru');
    expect(syn).toBeGreaterThan(unrelated);
    expect(syn).toBeGreaterThan(0.6);
  });

  it('matches sinyal, jaringan internet and blank spot', () => {
    expect(textSimilarity('desa masih blank spot', 'tidak ada sinyal di desa')).toBeGreaterThan(
      textSimilarity('desa masih blank spot', 'tidak ada bidan di desa'),
    );
  });

  it('does not match a negation away: sudah vs belum ada posyandu', () => {
    const opposite = textSimilarity('sudah ada posyandu', 'belum ada posyandu');
    const paraphrase = textSimilarity('belum ada posyandu', 'posyandu belum ada di dusun kami');
    expect(opposite).toBeLessThan(paraphrase - 0.05);
    expect(opposite).toBeLessThan(0.9);
  });

  it('finds cards of one sector closer than cards of different sectors', () => {
    const same = textSimilarity('harga getah karet anjlok', 'harga TBS sawit rendah');
    const other = textSimilarity('harga getah karet anjlok', 'guru honor kurang');
    expect(same).toBeGreaterThan(other);
  });

  it('is symmetric and stays in [0, 1], also for empty and hostile text', () => {
    for (const [a, b] of [
      ['', ''],
      ['!!!', '123'],
      ['__proto__ constructor', 'jalan'],
      ['x'.repeat(5000), 'jalan rusak'],
    ] as const) {
      const s = textSimilarity(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1 + 1e-6);
      expect(s).toBeCloseTo(textSimilarity(b, a), 6);
    }
  });
});
