import { describe, expect, it } from 'vitest';
import { centralTitle, proposeTitle } from '../../shared/similarity/proposeTitle';

describe('strategic-issue titles', () => {
  it('names a plain lack with the sector: "Belum memadainya akses air bersih"', () => {
    expect(
      proposeTitle([
        'Pipa PDAM belum masuk ke dusun',
        'sumur kering, tidak ada air bersih',
        'Warga belum punya sambungan air minum',
      ]),
    ).toBe('Belum memadainya akses air bersih');
  });

  it('names a stated condition with the shared terms in written order: "Rendahnya harga karet"', () => {
    expect(
      proposeTitle([
        'Harga karet murah sekali',
        'harga karet turun terus, penyadap rugi',
        'Petani menjual getah ke tengkulak, harga karet rendah',
      ]),
    ).toBe('Rendahnya harga karet');
  });

  it('reads "Rusaknya ..." for damage and "Kurangnya ..." for shortage', () => {
    expect(
      proposeTitle(['jembatan ulin rusak', 'Jembatan gantung lapuk', 'jembatan desa jebol']),
    ).toBe('Rusaknya jembatan');
    expect(proposeTitle(['guru SD kurang', 'kekurangan guru honor', 'guru cuma dua'])).toBe(
      'Kurangnya guru',
    );
  });

  it('keeps a lone card, or cards that share nothing, in their own words', () => {
    expect(proposeTitle(['  jalan   tani becek. '])).toBe('Jalan tani becek');
    expect(proposeTitle(['Xyz abc', 'Qwe rty'])).toBe('Xyz abc');
    expect(proposeTitle([])).toBe('');
  });

  it('stays one line of at most 80 characters', () => {
    const title = proposeTitle(
      Array.from({ length: 5 }, () => 'pengelolaan kesiapsiagaan penanggulangan kebencanaan'),
    );
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title).not.toMatch(/\n/);
  });

  it('keeps the titles people wrote when clusters are merged', () => {
    expect(centralTitle(['Jalan rusak', 'jalan rusak', 'Jembatan putus'])).toBe('Jalan rusak');
  });
});
