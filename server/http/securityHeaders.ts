import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The app's Content-Security-Policy: everything from our own origin, nothing from anywhere else
 * (the hall is offline and tldraw's assets are served by us). What each exception is for:
 * - `style-src 'unsafe-inline'`: tldraw and React set inline styles on shapes and the canvas;
 * - `img-src data: blob:`: tldraw's cursors and icons as data: URLs, pasted and exported images;
 * - `font-src data:`: fonts tldraw embeds in the SVG it exports;
 * - `worker-src blob:`: workers tldraw may start from a blob; the service worker is /sw.js ('self');
 * - `connect-src 'self'`: the API and the sync websocket (same host and port; CSP 3 'self'
 *   covers ws: on it).
 * No `upgrade-insecure-requests`: the hall runs plain http on a LAN address.
 */
export const APP_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'data:', 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Stricter than the app's policy, for the printable pages the server writes itself (the issue map
 * report, the QR sheet): inline styles and data: images, no script, no fetch, no frame, whatever
 * the participants' words in them say.
 */
export const PRINTABLE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

/**
 * Headers on every answer (pages, API, files, errors): the CSP above, X-Frame-Options DENY,
 * nosniff, no referrer, same-origin opener and resource policies. Routes with a stricter
 * policy (the printable report, the QR sheet) set their own CSP over this one. No HSTS: a plain
 * http LAN server must not pin a browser to https for its address.
 */
export const SECURITY_HEADERS: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: Object.fromEntries(
      Object.entries(APP_CSP_DIRECTIVES).map(([name, sources]) => [name, [...sources]]),
    ),
  },
  xFrameOptions: { action: 'deny' },
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'no-referrer' },
};
