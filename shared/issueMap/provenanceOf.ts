import type { DesaRef, KecamatanRef, Problem, Provenance, ProvenanceKecamatan } from './types';

/** Codes first in code order, unknown (null) last. */
function compareKode(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** "disebut oleh N desa di M kecamatan": the provenance line printed under a kabupaten issue. */
export function provenanceLabel(desaCount: number, kecamatanCount: number): string {
  return `disebut oleh ${desaCount} desa di ${kecamatanCount} kecamatan`;
}

/**
 * Every source kecamatan and desa behind a set of problems on a merged board, with card counts.
 * Kecamatan and desa are in code order; cards of unknown kecamatan or without desa come last.
 */
export function provenanceOf(problems: readonly Problem[]): Provenance {
  const byKecamatan = new Map<
    string | null,
    {
      kecamatan: KecamatanRef | null;
      cards: number;
      desa: Map<string | null, { desa: DesaRef; cards: number }>;
    }
  >();
  for (const p of problems) {
    const kecKode = p.kecamatan?.kode ?? null;
    let kec = byKecamatan.get(kecKode);
    if (kec === undefined) {
      kec = { kecamatan: p.kecamatan, cards: 0, desa: new Map() };
      byKecamatan.set(kecKode, kec);
    }
    kec.cards++;
    const desa = kec.desa.get(p.desa.kode) ?? { desa: p.desa, cards: 0 };
    desa.cards++;
    kec.desa.set(p.desa.kode, desa);
  }
  const kecamatan: ProvenanceKecamatan[] = [...byKecamatan.values()]
    .sort((a, b) => compareKode(a.kecamatan?.kode ?? null, b.kecamatan?.kode ?? null))
    .map((k) => ({
      kecamatan: k.kecamatan,
      cards: k.cards,
      desa: [...k.desa.values()].sort((a, b) => compareKode(a.desa.kode, b.desa.kode)),
    }));
  const desaCodes = new Set(problems.flatMap((p) => (p.desa.kode === null ? [] : [p.desa.kode])));
  const kecamatanCount = kecamatan.filter((k) => k.kecamatan !== null).length;
  return {
    desaCount: desaCodes.size,
    kecamatanCount,
    label: provenanceLabel(desaCodes.size, kecamatanCount),
    kecamatan,
  };
}
