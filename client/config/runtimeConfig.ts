/**
 * Run-time configuration the server injects with `/config.js`, loaded by index.html before the
 * app: `window.__PAPAN_CONFIG__ = { tldrawLicenseKey: "..." }`. Missing or malformed fields read
 * as absent; the page works without the script (tldraw then runs unlicensed, as in development).
 */
export interface RuntimeConfig {
  tldrawLicenseKey: string | undefined;
}

declare global {
  interface Window {
    __PAPAN_CONFIG__?: unknown;
  }
}

/** Parses the injected configuration object. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  const key =
    typeof raw === 'object' && raw !== null
      ? (raw as { tldrawLicenseKey?: unknown }).tldrawLicenseKey
      : undefined;
  return {
    tldrawLicenseKey:
      typeof key === 'string' && key.length > 0 && key.length < 10_000 ? key : undefined,
  };
}

/** The configuration of this page. */
export function runtimeConfig(): RuntimeConfig {
  return parseRuntimeConfig(window.__PAPAN_CONFIG__);
}
