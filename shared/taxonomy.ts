/** The bidang (sector) taxonomy of an event. */

export interface Bidang {
  id: string;
  /** Name in Bahasa Indonesia, as printed in reports. */
  nama: string;
  /** A tldraw colour name used for cards of this bidang. */
  color: 'green' | 'blue' | 'orange' | 'violet' | 'red' | 'yellow' | 'light-blue' | 'grey';
}

export type Taxonomy = readonly Bidang[];

/** The default taxonomy of Rembuk Remas breakouts (the three Musrenbang bidang). */
export const DEFAULT_TAXONOMY: Taxonomy = [
  { id: 'ekonomi', nama: 'Ekonomi', color: 'green' },
  { id: 'infrastruktur', nama: 'Infrastruktur dan Kewilayahan', color: 'blue' },
  {
    id: 'pemerintahan-pembangunan-manusia',
    nama: 'Pemerintahan dan Pembangunan Manusia',
    color: 'orange',
  },
];

/** Finds a bidang by id; null for unknown ids. */
export function findBidang(taxonomy: Taxonomy, id: string | null): Bidang | null {
  if (id === null) return null;
  return taxonomy.find((b) => b.id === id) ?? null;
}
