import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/similarity/analyzeText';
import {
  createDuplicateFinder,
  findNearDuplicates,
  selectHits,
} from '../../shared/similarity/findNearDuplicates';

const board = [
  { id: 'sinyal', text: 'Tidak ada sinyal sama sekali di dusun kami' },
  { id: 'air', text: 'Air bersih macet sudah seminggu' },
  { id: 'posyandu', text: 'Belum ada posyandu di dusun kami' },
  { id: 'bumdes', text: 'BUMDes mati suri, unit usahanya tidak jalan' },
  { id: 'perawat', text: 'Tidak ada perawat yang jaga di pustu' },
  { id: 'jalan', text: 'Jalan poros desa rusak berat' },
  { id: 'pupuk', text: 'Pupuk subsidi kosong waktu tanam' },
  { id: 'guru', text: 'Guru SD kurang, satu guru pegang dua kelas' },
  { id: 'sampah', text: 'Sampah dibuang ke sungai karena tidak ada TPS' },
];

describe('duplicates: the same problem in other words', () => {
  it('finds "blank spot" as a restatement of "tidak ada sinyal"', () => {
    expect(findNearDuplicates('dusun masih blank spot', board)[0]?.cardId).toBe('sinyal');
  });

  it('finds "banyu PDAM tidak mengalir" as a restatement of "air bersih macet"', () => {
    expect(findNearDuplicates('banyu PDAM kada mengalir', board)[0]?.cardId).toBe('air');
  });

  it('finds "badan usaha milik desa tidak aktif" as a restatement of "BUMDes mati suri"', () => {
    expect(findNearDuplicates('Badan usaha milik desa tidak aktif lagi', board)[0]?.cardId).toBe(
      'bumdes',
    );
  });

  it('never offers a card that says the opposite: "posyandu sudah ada" is not "belum ada posyandu"', () => {
    expect(findNearDuplicates('posyandu sudah ada di dusun kami', board)).toEqual([]);
    expect(findNearDuplicates('posyandu sudah ada', board, { threshold: 0.01 })).toEqual([]);
    // ...while the same lack in another word order is found.
    expect(findNearDuplicates('posyandu belum ada, kasihan balita', board)[0]?.cardId).toBe(
      'posyandu',
    );
  });

  it('does not take a lack stated without a negation for its opposite', () => {
    const cards = [{ id: 'kerja', text: 'Lowongan kerja di kabupaten sedikit sekali' }];
    const hits = findNearDuplicates('tidak ada lowongan kerja', cards, { threshold: 0.01 });
    expect(hits.map((h) => h.cardId)).toEqual(['kerja']);
  });

  it('never offers a card of a disjoint sector, however many words it shares', () => {
    const hits = findNearDuplicates('Situs sejarah di desa tidak terawat', board, {
      threshold: 0.01,
    });
    expect(hits.map((h) => h.cardId)).not.toContain('perawat');
  });

  it('shows nothing for a new problem', () => {
    expect(findNearDuplicates('harga getah karet anjlok', board)).toEqual([]);
  });

  it('leaves out the card being edited', () => {
    const find = createDuplicateFinder(board);
    expect(find('Jalan poros desa rusak berat', { excludeId: 'jalan' })).toEqual([]);
  });
});

describe('the margin rule', () => {
  const hit = (cardId: string, score: number) => ({ cardId, score });

  it('shows every hit at or above the threshold', () => {
    const hits = [hit('a', 0.7), hit('b', 0.5), hit('c', 0.2)];
    expect(selectHits(hits, { threshold: 0.45 }).map((h) => h.cardId)).toEqual(['a', 'b']);
  });

  it('shows a lower top hit alone when it stands clear of the runner-up', () => {
    const opts = { threshold: 0.4, clearThreshold: 0.25, margin: 0.15 };
    expect(selectHits([hit('a', 0.32), hit('b', 0.1)], opts).map((h) => h.cardId)).toEqual(['a']);
    expect(selectHits([hit('a', 0.32)], opts).map((h) => h.cardId)).toEqual(['a']);
  });

  it('shows nothing when the top hit is low and the runner-up close behind', () => {
    const opts = { threshold: 0.4, clearThreshold: 0.25, margin: 0.15 };
    expect(selectHits([hit('a', 0.32), hit('b', 0.25)], opts)).toEqual([]);
    expect(selectHits([hit('a', 0.2)], opts)).toEqual([]);
  });

  it('respects the limit', () => {
    const hits = [hit('a', 0.9), hit('b', 0.8), hit('c', 0.7)];
    expect(selectHits(hits, { threshold: 0.5, limit: 2 })).toHaveLength(2);
  });
});

describe('the sector rule: a lower bar for a card of exactly the same sectors', () => {
  const roads = [
    { id: 'poros', text: 'jln poros dsa rumbah parah, lubang di mana2' },
    { id: 'truk', text: 'Truk batubara lewat jalan desa, jalan jadi hancur' },
    { id: 'posyandu', text: 'Belum ada posyandu di dusun kami' },
    { id: 'pupuk', text: 'Pupuk subsidi langka waktu tanam' },
    { id: 'karet', text: 'Harga getah karet anjlok' },
    { id: 'guru', text: 'Guru SD kurang, satu guru pegang dua kelas' },
    { id: 'bidan', text: 'Bidan desa cuma datang seminggu sekali' },
    { id: 'sampah', text: 'Sampah dibuang ke sungai karena tidak ada TPS' },
  ];
  const find = createDuplicateFinder(roads);
  const off = { threshold: 0.55, sectorThreshold: Infinity, conditionThreshold: Infinity };

  it('finds a road restatement in other words that the plain threshold misses', () => {
    const text = 'Jalan desa banyak berlobang dan rusak berat';
    expect(find(text).map((h) => h.cardId)).toContain('poros');
    expect(find(text, off).map((h) => h.cardId)).not.toContain('poros');
  });

  it('finds "harga pupuk naik" for "pupuk subsidi langka" (one sector, other words)', () => {
    expect(find('Harga pupuk naik terus')[0]?.cardId).toBe('pupuk');
    expect(find('Harga pupuk naik terus', off)).toEqual([]);
  });

  it('marks which hits are of exactly the same sectors', () => {
    const hits = find('Jalan desa banyak berlobang dan rusak berat', {
      threshold: 0.01,
      otherSectorThreshold: 0,
    });
    expect(hits.find((h) => h.cardId === 'poros')?.sameSector).toBe(true);
    expect(hits.find((h) => h.cardId === 'truk')?.sameSector).toBe(false); // jalan + tambang
  });

  it('never lowers the bar for a card that only shares some sectors', () => {
    // The mining-truck card is of jalan and tambang: for a plain road card only the plain
    // threshold applies to it.
    const hits = find('Jalan desa banyak berlobang dan rusak berat', {
      threshold: 0.99,
      sectorThreshold: 0.01,
    });
    expect(hits.map((h) => h.cardId)).toEqual(['poros']);
  });

  it('never offers the opposite statement, at any bar: "posyandu sudah ada"', () => {
    const low = { threshold: 0.01, sectorThreshold: 0.01 };
    expect(find('posyandu sudah ada di dusun kami', low)).toEqual([]);
    expect(find('Posyandu sudah aktif tiap bulan', low)).toEqual([]);
    expect(find('posyandu belum ada, kasihan balita')[0]?.cardId).toBe('posyandu');
  });

  it('selectHits: a same-sector hit from sectorThreshold, any hit from threshold', () => {
    const opts = {
      threshold: 0.45,
      otherSectorThreshold: 0,
      sectorThreshold: 0.15,
      margin: Infinity,
    };
    const hits = [
      { cardId: 'a', score: 0.5, sameSector: false },
      { cardId: 'b', score: 0.2, sameSector: true },
      { cardId: 'c', score: 0.2, sameSector: false },
      { cardId: 'd', score: 0.1, sameSector: true },
    ];
    expect(selectHits(hits, opts).map((h) => h.cardId)).toEqual(['a', 'b']);
  });
});

describe('round 3: sector agreement and a common condition', () => {
  const board = [
    { id: 'becek', text: 'Jalan ke sekolah becek, anak sering terlambat' },
    { id: 'truk', text: 'Truk batubara lewat jalan desa, jalan jadi hancur' },
    { id: 'galian', text: 'Galian C pasir di sungai bikin tebing gugur' },
    { id: 'poros', text: 'jln poros dsa rumbah parah, lubang di mana2' },
    { id: 'pupuk', text: 'Pupuk subsidi langka waktu tanam' },
    { id: 'posyandu', text: 'Belum ada posyandu di dusun kami' },
    { id: 'sinyal', text: 'Belum ada sinyal di dusun kami' },
    { id: 'pakan', text: 'Pakan ikan mahal, budidaya nila rugi' },
    { id: 'harga', text: 'Harga ikan di pengepul murah' },
    { id: 'guru', text: 'Guru SD kurang, satu guru pegang dua kelas' },
    { id: 'bidan', text: 'Bidan desa cuma datang seminggu sekali' },
    { id: 'sampah', text: 'Sampah dibuang ke sungai karena tidak ada TPS' },
  ];
  const find = createDuplicateFinder(board);
  const all = { threshold: 0.01, otherSectorThreshold: 0 };

  it("marks a card that states one of the text's conditions of its sector", () => {
    // "berlobang, rusak" and "rumbah, lubang": broken@jalan on both.
    const road = find('Jalan desa banyak berlobang dan rusak berat', all);
    expect(road.find((h) => h.cardId === 'poros')).toMatchObject({
      sameSector: true,
      sameCondition: true,
    });
    // A tilted footbridge and a muddy road to school: one sector pair, two problems.
    const titian = find('titian ke sekolah sudah miring, anak2 takut menyeberang', all);
    expect(titian.find((h) => h.cardId === 'becek')).toMatchObject({
      sameSector: true,
      sameCondition: false,
    });
  });

  it('selectHits: a same-sector card from conditionThreshold only with a common condition', () => {
    const opts = {
      threshold: 0.4,
      otherSectorThreshold: 0.55,
      sectorThreshold: 0.25,
      conditionThreshold: 0.12,
      margin: Infinity,
    };
    const hits = [
      { cardId: 'other-high', score: 0.6, sameSector: false, sameCondition: false },
      { cardId: 'other-mid', score: 0.5, sameSector: false, sameCondition: true },
      { cardId: 'sector-bare-high', score: 0.3, sameSector: true, sameCondition: false },
      { cardId: 'sector-bare-low', score: 0.2, sameSector: true, sameCondition: false },
      { cardId: 'sector-condition', score: 0.15, sameSector: true, sameCondition: true },
      { cardId: 'sector-condition-low', score: 0.1, sameSector: true, sameCondition: true },
    ];
    expect(selectHits(hits, opts).map((h) => h.cardId)).toEqual([
      'other-high',
      'sector-bare-high',
      'sector-condition',
    ]);
  });

  it('needs more for a card that is also about another sector: the mining truck is not the road card', () => {
    const text = 'Jalan desa banyak berlobang dan rusak berat sejak truk lewat';
    expect(find(text, all)[0]?.cardId).toBe('truk'); // most words in common...
    expect(find(text)[0]?.cardId).toBe('poros'); // ...but the same problem is the road card
    expect(find(text).map((h) => h.cardId)).not.toContain('truk');
    expect(find('Tebing sungai gugur, rumah di pinggir sungai terancam')).toEqual([]);
  });

  it('finds a fish farmer\'s restatement: "peternak ikan" is fish farming, not livestock', () => {
    expect(analyzeText('Harga pelet mahal, peternak ikan tidak untung').topics).toEqual([
      'perikanan',
    ]);
    expect(find('Harga pelet mahal, peternak ikan tidak untung')[0]?.cardId).toBe('pakan');
  });

  it('reads "sumur gali" as a dug well (air), "galian C" as mining', () => {
    expect(analyzeText('Sumur gali kering kalau kemarau').topics).toEqual(['air']);
    expect(analyzeText('Galian C pasir di sungai').topics).toEqual(['tambang']);
  });

  it('never offers the opposite statement, even at the lowest bars of every tier', () => {
    const low = { threshold: 0.01, sectorThreshold: 0.01, conditionThreshold: 0.01 };
    expect(find('sinyal sudah ada di dusun kami', { ...low, otherSectorThreshold: 0 })).toEqual([]);
    expect(find('posyandu sudah ada', { ...low, otherSectorThreshold: 0 })).toEqual([]);
    expect(find('Posyandu sudah aktif tiap bulan', low)).toEqual([]);
    // the same lack, said another way, is still found
    expect(find('sinyal belum ada, dusun blank spot')[0]?.cardId).toBe('sinyal');
  });
});
