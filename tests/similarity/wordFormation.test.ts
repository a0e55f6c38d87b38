import { describe, expect, it } from 'vitest';
import { analyzeText, termOf } from '../../shared/similarity/analyzeText';
import { normalizeText } from '../../shared/similarity/normalizeText';

describe('Indonesian and Banjar word formation', () => {
  it('folds reduplication written with a 2 like the hyphenated form', () => {
    expect(normalizeText('anak2 takut lewat')).toEqual(normalizeText('anak-anak takut lewat'));
    expect(normalizeText('lubang di mana2')).toEqual(['lubang', 'di', 'mana']);
    expect(normalizeText('jaringan 4G')).toContain('4g'); // a digit inside a word is not a 2
  });

  it('reads Banjar words as the Indonesian ones', () => {
    expect(normalizeText('kadada banyu')).toEqual(['tidak', 'ada', 'air']);
    expect(normalizeText('pemuda kada baisi gawian')).toEqual([
      'pemuda',
      'tidak',
      'punya',
      'kerja',
    ]);
    expect(analyzeText('harga karet murah banar').terms).not.toContain('banar');
  });

  it('strips the Banjar ba- and ma- prefixes only when the lexicon knows the root', () => {
    expect(termOf('manyadap')).toBe(termOf('menyadap'));
    expect(termOf('basawah')).toBe('sawah');
    expect(analyzeText('bapupuk').topics).toContain('pertanian');
    // Indonesian roots that merely start like the prefixes stay whole.
    expect(termOf('balita')).toBe('balita');
    expect(termOf('manusia')).toBe('manusia');
    expect(termOf('bantuan')).toBe('bantu');
  });

  it('restores the r that ter- and ber- swallow when the lexicon knows the root', () => {
    expect(termOf('terendam')).toBe(termOf('rendam'));
    expect(analyzeText('rumah terendam').topics).toContain('bencana');
    expect(termOf('terbakar')).toBe('bakar');
  });

  it('keeps a nurse apart from "well kept": perawat is a root, not pe+rawat', () => {
    expect(termOf('perawat')).not.toBe(termOf('terawat'));
  });
});

describe('negation bound to what it negates', () => {
  it('binds a negation to the next content word', () => {
    expect(analyzeText('belum ada posyandu').negated).toEqual(['posyandu']);
    expect(analyzeText('tidak ada sinyal sama sekali').negated).toEqual(['sinyal']);
  });

  it('binds a negation that closes its clause to the word before it', () => {
    expect(analyzeText('Posyandu belum ada, balita dibawa ke desa sebelah').negated).toEqual([
      'posyandu',
    ]);
    expect(analyzeText('BUMDes tidak aktif lagi').negated).toEqual(['bumdes']);
  });

  it('does not negate anything in an affirmative card', () => {
    expect(analyzeText('posyandu sudah ada').negated).toEqual([]);
  });
});
