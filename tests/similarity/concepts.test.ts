import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/similarity/analyzeText';
import { conceptsOf } from '../../shared/similarity/concepts';
import { buildVectors, cosine } from '../../shared/similarity/textVectors';

const conceptsOfText = (text: string): string[] => [...conceptsOf(analyzeText(text).terms)].sort();

/** Cosine of two texts over one small space, with or without concept features. */
function similarity(a: string, b: string, concept: number): number {
  const { vectors } = buildVectors([a, b], { useIdf: false, weights: { topic: 0.3, concept } });
  return cosine(vectors[0]!, vectors[1]!);
}

describe('concepts: the condition a card states, whatever its words', () => {
  it('reads broken-X from Indonesian and Banjar words', () => {
    expect(conceptsOfText('Jalan desa banyak berlobang')).toEqual(['broken']);
    expect(conceptsOfText('jln poros rumbah parah')).toEqual(['broken']);
    expect(conceptsOfText('Jembatan kayu sudah lapuk dan miring')).toEqual(['broken']);
  });

  it('reads expensive-X and cheap-X', () => {
    expect(conceptsOfText('Harga pupuk naik terus')).toEqual(['expensive']);
    expect(conceptsOfText('Pakan ikan larang banar')).toEqual(['expensive']);
    expect(conceptsOfText('Harga getah anjlok')).toEqual(['cheap']);
  });

  it('reads a negation as a lack, and before a word of working order as a stop', () => {
    expect(conceptsOfText('Belum ada posyandu di dusun kami')).toEqual(['lack']);
    expect(conceptsOfText('Kekurangan guru di SD')).toEqual(['lack']);
    expect(conceptsOfText('Banyu PDAM kada mengalir')).toEqual(['stopped']);
    expect(conceptsOfText('Posyandu tidak aktif lagi')).toEqual(['stopped']);
    expect(conceptsOfText('Air bersih macet seminggu')).toEqual(['stopped']);
  });

  it('reads nothing from an affirmation: "posyandu sudah ada", "posyandu aktif"', () => {
    expect(conceptsOfText('Posyandu sudah ada')).toEqual([]);
    expect(conceptsOfText('Posyandu aktif tiap bulan')).toEqual([]);
  });

  it('brings two restatements of one problem closer, and not two opposite statements', () => {
    const a = 'Aspal jalan poros hancur';
    const b = 'jln rumbah, lubang di mana2';
    expect(similarity(a, b, 0.6)).toBeGreaterThan(similarity(a, b, 0) + 0.03);
    // A lack and its affirmation share no concept: the concept weight cannot pull them together.
    const lack = 'belum ada posyandu';
    const there = 'posyandu sudah ada';
    expect(similarity(lack, there, 0.6)).toBeLessThanOrEqual(similarity(lack, there, 0) + 1e-6);
  });

  it("keeps one sector's condition apart from another's: broken road is not broken pump", () => {
    const road = 'jalan rusak berat';
    expect(similarity(road, 'pompa air rusak', 0.6)).toBeLessThan(
      similarity(road, 'jln berlobang di mana2', 0.6),
    );
  });
});
