import { BANJAR_PHRASES, TOKEN_REWRITES } from './abbreviations';

/**
 * Turns a card's text into plain lowercase Indonesian words: accents and punctuation removed,
 * reduplication folded (putus-putus -> putus), bare numbers dropped (RT 05 -> rt), letters
 * repeated for emphasis shortened, and abbreviations and Banjar words rewritten.
 */
export function normalizeText(text: string): string[] {
  // Accents are folded only when there are any: most cards are plain ASCII.
  let s = (/[^ -~\s]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text)
    .toLowerCase()
    // Letters other than a-z become spaces below, so only a-z need folding here.
    .replace(/([a-z])\1{2,}/g, '$1')
    // Reduplication written with a 2 (anak2, mana2) is folded like anak-anak.
    .replace(/\b([a-z]{2,})2\b/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ');
  s = ` ${s} `;
  for (const [phrase, replacement] of BANJAR_PHRASES) {
    s = s.split(` ${phrase} `).join(` ${replacement} `);
  }
  const out: string[] = [];
  for (const raw of s.split(' ')) {
    if (raw === '' || /^\d+$/.test(raw)) continue;
    const rewritten = TOKEN_REWRITES.get(raw) ?? raw;
    for (const word of rewritten.split(' ')) {
      if (out[out.length - 1] !== word) out.push(word);
    }
  }
  return out;
}
