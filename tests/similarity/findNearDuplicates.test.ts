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
