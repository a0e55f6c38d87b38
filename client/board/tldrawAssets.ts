import { getAssetUrls } from '@tldraw/assets/selfHosted';

/** Where our server serves @tldraw/assets (same version as tldraw): nothing leaves the origin. */
export const TLDRAW_ASSETS_BASE = '/tldraw-assets';

const all = getAssetUrls({ baseUrl: TLDRAW_ASSETS_BASE });
const sans = all.fonts.tldraw_sans;
const sansBold = all.fonts.tldraw_sans_bold;

/**
 * tldraw asks for all 16 of its fonts when the editor mounts (1.4 MB of woff2, a third of a
 * board's bytes on the hall WiFi), though our board writes only in IBM Plex Sans (cards, frame
 * titles). Every face is pointed at Plex Sans Medium or Bold, so two files come, once each; a
 * draw/serif/mono style a shape might still carry renders in Plex Sans.
 */
const fonts = Object.fromEntries(
  Object.keys(all.fonts).map((key) => [key, key.includes('bold') ? sansBold : sans]),
) as typeof all.fonts;

/**
 * The embed dialog's 19 service icons (YouTube, Figma...) are preloaded on mount; embeds are not
 * offered on our board, so none is named (tldraw skips empty URLs).
 */
const embedIcons = Object.fromEntries(
  Object.keys(all.embedIcons).map((key) => [key, '']),
) as typeof all.embedIcons;

/** tldraw's icons and translations from our own origin, with the fonts and embeds above. */
export const tldrawAssetUrls = { ...all, fonts, embedIcons };
