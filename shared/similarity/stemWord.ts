/**
 * A light Indonesian stemmer for short issue cards: particles (-lah, -kah, -nya), derivational
 * suffixes (-kan, -an, -i) and the prefixes me-, ber-, di-, ter-, pe- and ke- with their sound
 * changes. It is deliberately conservative: every step must leave a stem of at least
 * MIN_STEM_LENGTH letters with a vowel, ke- is only removed together with -an (the ke-an
 * confix), -i only after a prefix, and STEM_EXCEPTIONS lists roots that merely look affixed.
 * A missed stem costs little (character n-grams still match); a wrong one merges unrelated words.
 */

/** Shortest stem any rule may leave. */
export const MIN_STEM_LENGTH = 4;

/** Words that look affixed but are roots (value: the stem to use). */
export const STEM_EXCEPTIONS: ReadonlyMap<string, string> = new Map(
  (
    'jembatan pangan tangan kawasan selatan perahu pelampung kelapa kelompok keluarga kemarau ' +
    'kering keruh kerja kelas ketua terampil ternak teras terang terus pertama pasien beras berat ' +
    'bersih benih bencana bendung bensin dinding dinas dingin diare minum makan ikan perempuan ' +
    'pesantren tahan tanah pemerintah pesisir sungai pantai pegawai balai ramai santai lautan ' +
    'lapangan pelangi pelita meja menara mesin merah kebun kecil kemah berita pekan peka bantal ' +
    'bukan ingin dengan tuan lingkungan jaringan perawat'
  )
    .split(/\s+/)
    .map((w): [string, string] => [w, w])
    .concat([
      ['pemuda', 'muda'],
      ['kemudian', 'kemudian'],
      ['pendidikan', 'didik'],
      ['kekeringan', 'kering'],
      ['kelompoknya', 'kelompok'],
      ['keluarganya', 'keluarga'],
      ['keterampilan', 'terampil'],
      ['peternakan', 'ternak'],
      ['peternak', 'ternak'],
      ['pemerintahan', 'pemerintah'],
      ['pengepul', 'kepul'],
      ['perikanan', 'ikan'],
      ['perusahaan', 'usaha'],
      ['perusahan', 'usaha'],
      ['perumahan', 'rumah'],
      ['perairan', 'air'],
      ['peringatan', 'ingat'],
    ]),
);

const VOWEL = /[aeiou]/;

/** Consonant pairs a root may end in (digraphs); any other pair means we cut into the root. */
const FINAL_DIGRAPHS = new Set(['ng', 'ny', 'kh', 'sy']);

function isStem(s: string): boolean {
  if (s.length < MIN_STEM_LENGTH || !VOWEL.test(s)) return false;
  const tail = s.slice(-2);
  return VOWEL.test(tail) || FINAL_DIGRAPHS.has(tail); // jamban is not jamb-an
}

function stripParticles(w: string): string {
  for (const suffix of ['lah', 'kah', 'tah', 'pun', 'nya']) {
    // Particles need a longer stem: sekolah, setelah and masalah are not seko-lah, sete-lah.
    const cut = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && (suffix === 'nya' ? isStem(cut) : cut.length > MIN_STEM_LENGTH)) {
      return w.slice(0, -suffix.length);
    }
  }
  return w;
}

/** me-/pe- with their nasal sound changes; returns null when the word does not start so. */
function stripNasal(w: string, base: 'me' | 'pe'): string | null {
  if (!w.startsWith(base)) return null;
  const rest = w.slice(2);
  const v = (i: number): boolean => VOWEL.test(rest[i] ?? '');
  if (rest.startsWith('ny') && v(2)) return 's' + rest.slice(2);
  if (rest.startsWith('ng') && v(2)) return rest.slice(2);
  if (rest.startsWith('ng')) return rest.slice(2);
  if (rest.startsWith('m') && v(1)) return 'p' + rest.slice(1);
  if (rest.startsWith('m') && /[bpf]/.test(rest[1] ?? '')) return rest.slice(1);
  if (rest.startsWith('n') && v(1)) return 't' + rest.slice(1);
  if (rest.startsWith('n') && /[dcjtsz]/.test(rest[1] ?? '')) return rest.slice(1);
  if (base === 'pe' && rest.startsWith('r') && v(1)) return rest; // pe+rawat, not per+awat
  if (base === 'pe' && rest.startsWith('r')) return rest.slice(1); // per+tani+an
  if (/^[lrwy]/.test(rest)) return rest;
  if (base === 'pe' && /^[tkdgbsjc]/.test(rest)) return rest; // pe+tani, pe+kerja
  return null;
}

function stripOnePrefix(w: string, allowKe: boolean): string | null {
  const candidates: (string | null)[] = [
    w.startsWith('di') ? w.slice(2) : null,
    w.startsWith('ter') ? w.slice(3) : null,
    w.startsWith('ber') ? w.slice(3) : w.startsWith('bek') ? w.slice(2) : null,
    stripNasal(w, 'me'),
    stripNasal(w, 'pe'),
    allowKe && w.startsWith('ke') ? w.slice(2) : null,
  ];
  for (const c of candidates) if (c !== null && isStem(c)) return c;
  return null;
}

/** The stem of one lowercase word; words shorter than six letters are returned as they are. */
export function stemWord(word: string): string {
  const known = STEM_EXCEPTIONS.get(word);
  if (known !== undefined) return known;
  if (word.length < 6 || /\d/.test(word)) return word;
  let w = stripParticles(word);
  const knownAfterParticles = STEM_EXCEPTIONS.get(w);
  if (knownAfterParticles !== undefined) return knownAfterParticles;

  let strippedAn = false;
  if (w.endsWith('kan') && isStem(w.slice(0, -3))) {
    w = w.slice(0, -3);
  } else if (w.endsWith('an') && isStem(w.slice(0, -2))) {
    w = w.slice(0, -2);
    strippedAn = true;
  } else if (
    w.endsWith('i') &&
    /^(me|di)/.test(w) && // -i only joins verbs (di-obat-i), never pe-/ber- nouns (petani)
    !VOWEL.test(w[w.length - 2] ?? 'a') &&
    isStem(w.slice(0, -1))
  ) {
    w = w.slice(0, -1);
  }
  const first = stripOnePrefix(w, strippedAn);
  if (first === null) return STEM_EXCEPTIONS.get(w) ?? w;
  // A second prefix only in the shapes Indonesian stacks them: di-per-, ke-ber-, me-per-...
  // Only a prefix written in the word stacks: memeriksa is me+periksa, not me+pe+riksa.
  const stacked = w.endsWith(first) && /^(per|ber|ter|pe)/.test(first);
  const second = stacked ? stripOnePrefix(first, false) : null;
  const stem = second ?? first;
  return STEM_EXCEPTIONS.get(stem) ?? STEM_EXCEPTIONS.get(first) ?? stem;
}
