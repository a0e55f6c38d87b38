/* global self, caches, fetch, URL, Response */
// Papan Rembuk app shell service worker: the page, its built assets and tldraw's assets stay on
// the tablet, so a reload without the server (hall WiFi down) still opens the board, whose data
// comes from IndexedDB. Sync (/sync) and the API (/api/) always go to the network.
const CACHE = 'papan-shell-v1';
const SHELL_KEY = '/__papan_shell__';
// Every built asset and the tldraw assets a board needs, written here by the build (see
// vite.config.ts), so a new build is a new worker. Precached at install, i.e. once the first page
// (the join page) has loaded: the board then opens from the tablet, not from the hall WiFi.
const PRECACHE = [];

const isCacheable = (url) =>
  url.origin === self.location.origin &&
  (url.pathname.startsWith('/assets/') ||
    url.pathname.startsWith('/tldraw-assets/') ||
    url.pathname === '/icon.svg');

async function cacheShellFrom(response) {
  const cache = await caches.open(CACHE);
  await cache.put(SHELL_KEY, response.clone());
  const html = await response.text();
  const urls = Array.from(html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g), (m) => m[1]);
  await Promise.all(urls.map((u) => cache.add(u).catch(() => undefined)));
}

// One at a time: the precache must not crowd out what the page itself still asks for.
async function precache() {
  const cache = await caches.open(CACHE);
  for (const url of PRECACHE) {
    if (await cache.match(url)) continue;
    await cache.add(url).catch(() => undefined);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch('/', { cache: 'no-cache' })
      .then((r) => (r.ok ? cacheShellFrom(r) : undefined))
      .catch(() => undefined)
      .then(precache)
      .then(() => self.skipWaiting()),
  );
});

// Built assets have hashed names: drop the ones an older build left, keep the current set.
async function pruneOldAssets() {
  if (PRECACHE.length === 0) return;
  const keep = new Set(PRECACHE.map((u) => new URL(u, self.location.origin).href));
  const cache = await caches.open(CACHE);
  const requests = await cache.keys();
  await Promise.all(
    requests
      .filter((r) => new URL(r.url).pathname.startsWith('/assets/') && !keep.has(r.url))
      .map((r) => cache.delete(r)),
  );
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(pruneOldAssets)
      .then(() => self.clients.claim()),
  );
});

// The page tells us what it loaded before we controlled it (its scripts, fonts, icons).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        data.urls.slice(0, 500).map(async (raw) => {
          let url;
          try {
            url = new URL(raw, self.location.origin);
          } catch {
            return;
          }
          if (!isCacheable(url) && url.pathname !== '/config.js') return;
          if (await cache.match(url.href)) return;
          await cache.add(url.href).catch(() => undefined);
        }),
      ),
    ),
  );
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  // Fonts and icons are requested with query-free URLs; the SVG sprite with a #fragment.
  const cached = await cache.match(request.url.split('#')[0]);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url.split('#')[0], response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/sync') || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      networkFirst(request, SHELL_KEY).catch(
        () => new Response('Papan Rembuk: offline', { status: 503 }),
      ),
    );
    return;
  }
  if (url.pathname === '/config.js') {
    event.respondWith(networkFirst(request, '/config.js'));
    return;
  }
  if (isCacheable(url)) event.respondWith(cacheFirst(request));
});
