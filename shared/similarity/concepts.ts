/**
 * Concepts: the condition a card states about its subject, whatever words it uses ("jalan rusak
 * berat", "jln rumbah, lubang di mana2" and "jalan hancur" all say broken-X). Combined with the
 * card's sectors (topicLexicon.ts) they give concept features such as `broken@jalan`, so two
 * restatements of one problem meet even when they share no content word. Terms are stems as
 * analyzeText gives them (Banjar words already rewritten: rumbah -> rusak, larang -> mahal).
 * Written from Indonesian condition words, not from any card set.
 */
const CONCEPT_WORDS: Record<string, string> = {
  // broken-X: damaged, holed, collapsed, leaking.
  broken:
    'rusak hancur lubang lobang berlubang retak ambruk roboh runtuh miring bocor jebol amblas ' +
    'patah lapuk reyot',
  // lack-of-X: too little, none, hard to get.
  lack: 'kurang minim sedikit langka kosong habis batas terbatas jarang susah sulit',
  // expensive-X.
  expensive: 'mahal naik melonjak',
  // cheap-X: prices that fall (for a seller's product).
  cheap: 'murah anjlok turun jatuh rendah harga_rendah rugi',
  // not-working-X: stopped, dead, inactive, cut off.
  stopped: 'macet mati padam putus henti berhenti mandek',
  // far-X: remote, hard to reach.
  far: 'jauh pencil terpencil terisolir isolir pelosok',
  // slow-X: late, slow, complicated service.
  slow: 'lambat telat lama belit berbelit antri antre',
};

const CONCEPT_BY_TERM: ReadonlyMap<string, string> = new Map(
  Object.entries(CONCEPT_WORDS).flatMap(([concept, words]) =>
    words.split(/\s+/).map((w): [string, string] => [w, concept]),
  ),
);

/** Concept names, for tests. */
export const CONCEPT_NAMES: readonly string[] = Object.keys(CONCEPT_WORDS);

/** Terms that, right after a negation, say the thing has stopped ("tidak aktif", "tidak mengalir"). */
const STOPPED_WHEN_NEGATED = new Set(['aktif', 'fungsi', 'alir', 'jalan']);

/**
 * The concepts a text's terms state. analyzeText keeps `tidak` as a term for any negation: a
 * negation before a term of working order states a stop ("PDAM tidak mengalir"), any other a
 * lack ("belum ada posyandu"). An affirmed "posyandu aktif" states nothing.
 */
export function conceptsOf(terms: readonly string[]): Set<string> {
  const out = new Set<string>();
  terms.forEach((t, i) => {
    const c = CONCEPT_BY_TERM.get(t);
    if (c !== undefined) out.add(c);
    if (t === 'tidak') out.add(STOPPED_WHEN_NEGATED.has(terms[i + 1] ?? '') ? 'stopped' : 'lack');
  });
  return out;
}
