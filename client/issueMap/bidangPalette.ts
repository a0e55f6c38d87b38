import type { Bidang } from '../../shared/taxonomy';

const SOLID: Record<Bidang['color'], string> = {
  green: '#099268',
  blue: '#4465e9',
  orange: '#e16919',
  violet: '#ae3ec9',
  red: '#e03131',
  yellow: '#c68a17',
  'light-blue': '#2f8fe0',
  grey: '#6b7580',
};
const FALLBACK: readonly Bidang['color'][] = ['green', 'blue', 'orange', 'violet', 'red', 'yellow'];

/** The colour of a bidang on the issue map: the event's colour, else one by position; grey for none. */
export function bidangColor(
  colors: ReadonlyMap<string, Bidang['color']>,
  taxonomy: readonly { id: string }[],
  bidangId: string | null,
): string {
  if (bidangId === null) return SOLID.grey;
  const known = colors.get(bidangId);
  if (known !== undefined) return SOLID[known] ?? SOLID.grey;
  const i = taxonomy.findIndex((b) => b.id === bidangId);
  return SOLID[FALLBACK[i % FALLBACK.length] ?? 'grey'];
}
