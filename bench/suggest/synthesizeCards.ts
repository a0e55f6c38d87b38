/** Deterministic synthetic cards for the suggestion bench: recombined and perturbed samples. */

export interface LabelledText {
  text: string;
  theme: string;
}

/** A small seeded PRNG (mulberry32), so every bench run sees the same cards. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLERS = [
  'di dusun kami',
  'sejak lama',
  'mohon perhatian',
  'di RT 03',
  'tahun ini',
  'sudah lama',
];

function typo(word: string, rnd: () => number): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
}

/**
 * `count` cards: each takes a sample card, sometimes joins half of it with half of another card
 * of the same theme, drops or swaps a word, adds a typo or a filler phrase, changes case.
 */
export function synthesizeCards(
  samples: readonly LabelledText[],
  count: number,
  seed: number,
): LabelledText[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const byTheme = new Map<string, LabelledText[]>();
  for (const s of samples) byTheme.set(s.theme, [...(byTheme.get(s.theme) ?? []), s]);
  const out: LabelledText[] = [];
  for (let k = 0; k < count; k++) {
    const base = pick(samples);
    let words = base.text.split(/\s+/);
    if (rnd() < 0.4) {
      const other = pick(byTheme.get(base.theme) ?? [base]).text.split(/\s+/);
      words = words
        .slice(0, Math.ceil(words.length / 2))
        .concat(other.slice(Math.floor(other.length / 2)));
    }
    if (rnd() < 0.3 && words.length > 4) words.splice(Math.floor(rnd() * words.length), 1);
    if (rnd() < 0.2) {
      const i = Math.floor(rnd() * words.length);
      words[i] = typo(words[i] ?? '', rnd);
    }
    if (rnd() < 0.2) words.push(pick(FILLERS));
    let text = words.join(' ');
    if (rnd() < 0.1) text = text.toUpperCase();
    out.push({ text, theme: base.theme });
  }
  return out;
}
