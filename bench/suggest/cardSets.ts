/** The labelled card sets of the suggestion bench: the sample and the development set. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One labelled card: its strategic issue, its kecamatan board and the card it restates. */
export interface LabelledCard {
  id: string;
  text: string;
  theme: string;
  kecamatan: string;
  duplicateOf: string | null;
}

/** A named set of labelled cards. */
export interface CardSet {
  name: string;
  cards: LabelledCard[];
}

const here = dirname(fileURLToPath(import.meta.url));

function readSet(name: string, file: string): CardSet {
  const raw = JSON.parse(readFileSync(join(here, '../../shared/data', file), 'utf8')) as {
    cards: {
      id: string;
      text: string;
      theme: string;
      kecamatan: string;
      duplicate_of: string | null;
    }[];
  };
  return {
    name,
    cards: raw.cards.map((c) => ({
      id: c.id,
      text: c.text,
      theme: c.theme,
      kecamatan: c.kecamatan,
      duplicateOf: c.duplicate_of,
    })),
  };
}

/** The 120-card sample and the hand-written development set. */
export function loadCardSets(): { sample: CardSet; dev: CardSet } {
  return {
    sample: readSet('sample', 'sample-cards.json'),
    dev: readSet('dev', 'dev-cards.json'),
  };
}

/** The cards of a set that pass `keep`, as a new set. */
export function subset(set: CardSet, keep: (c: LabelledCard) => boolean): CardSet {
  return { name: set.name, cards: set.cards.filter(keep) };
}

/** One set per kecamatan board, as a table sees it. */
export function boardsOf(set: CardSet): CardSet[] {
  const by = new Map<string, LabelledCard[]>();
  for (const c of set.cards) by.set(c.kecamatan, [...(by.get(c.kecamatan) ?? []), c]);
  return [...by].map(([k, cards]) => ({ name: `${set.name}/${k}`, cards }));
}
