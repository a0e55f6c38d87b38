import type { Bidang } from '../../shared/taxonomy';

/** tldraw's light-theme colours by name, for our own card rendering (band and tint). */
const COLORS: Record<Bidang['color'], { solid: string; tint: string }> = {
  green: { solid: '#099268', tint: '#e6f6ef' },
  blue: { solid: '#4465e9', tint: '#eaeefd' },
  orange: { solid: '#e16919', tint: '#fdefe6' },
  violet: { solid: '#ae3ec9', tint: '#f7ebfa' },
  red: { solid: '#e03131', tint: '#fdeaea' },
  yellow: { solid: '#c68a17', tint: '#fdf4e2' },
  'light-blue': { solid: '#2f8fe0', tint: '#e8f3fd' },
  grey: { solid: '#6b7580', tint: '#f1f3f5' },
};

/** The colours of a bidang's cards; grey for a card without (or with an unknown) bidang. */
export function bidangColors(bidang: Bidang | null): { solid: string; tint: string } {
  return COLORS[bidang?.color ?? 'grey'];
}
