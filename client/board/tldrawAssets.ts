import { getAssetUrls } from '@tldraw/assets/selfHosted';

/** Where our server serves @tldraw/assets (same version as tldraw): nothing leaves the origin. */
export const TLDRAW_ASSETS_BASE = '/tldraw-assets';

/** tldraw's icons, fonts, translations and embed icons, all from our own origin. */
export const tldrawAssetUrls = getAssetUrls({ baseUrl: TLDRAW_ASSETS_BASE });
