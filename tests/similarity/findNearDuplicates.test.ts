import { describe, expect, it } from 'vitest';
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
  const off = { sectorThreshold: Infinity };

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
    const hits = find('Jalan desa banyak berlobang dan rusak berat', { threshold: 0.01 });
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
    const opts = { threshold: 0.45, sectorThreshold: 0.15, margin: Infinity };
    const hits = [
      { cardId: 'a', score: 0.5, sameSector: false },
      { cardId: 'b', score: 0.2, sameSector: true },
      { cardId: 'c', score: 0.2, sameSector: false },
      { cardId: 'd', score: 0.1, sameSector: true },
    ];
    expect(selectHits(hits, opts).map((h) => h.cardId)).toEqual(['a', 'b']);
  });
});
