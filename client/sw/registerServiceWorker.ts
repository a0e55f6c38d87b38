/** Same-origin URLs the page has loaded so far (scripts, styles, fonts, icons, translations). */
function loadedUrls(): string[] {
  const urls = new Set<string>();
  for (const entry of performance.getEntriesByType('resource')) urls.add(entry.name);
  for (const el of document.querySelectorAll<HTMLScriptElement>('script[src]')) urls.add(el.src);
  for (const el of document.querySelectorAll<HTMLLinkElement>('link[href]')) urls.add(el.href);
  return [...urls].filter((u) => u.startsWith(window.location.origin));
}

/**
 * Registers the app-shell service worker (only where the browser allows one: https or
 * localhost) and hands it what this page already loaded, so the next offline reload has it.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const send = () =>
          registration.active?.postMessage({ type: 'cache-urls', urls: loadedUrls() });
        send();
        // tldraw fetches translations, fonts and icons after the first paint: send them too.
        setTimeout(send, 5_000);
      })
      .catch(() => undefined);
  });
}
