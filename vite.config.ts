import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * tldraw's default asset base is its CDN. We always pass our own asset URLs, but a default that
 * some code path still reads would make a tablet in an offline hall try the internet. This points
 * the default itself at the copy we serve (`/tldraw-assets`, same layout as the CDN), so no
 * default can leave the server's origin. Only the asset base changes; nothing else of tldraw's.
 */
function selfHostedTldrawDefaults(): Plugin {
  return {
    name: 'papan-self-hosted-tldraw-defaults',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@tldraw') || !code.includes('https://cdn.tldraw.com')) return null;
      return code
        .replace(/"https:\/\/cdn\.tldraw\.com"/g, '"/tldraw-assets"')
        .replace('return `${CDN_BASE_URL}/${version}`;', 'return CDN_BASE_URL;');
    },
  };
}

/** Text assets worth compressing; images, fonts and .br/.gz files are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Under about a packet the headers cost more than compression saves. */
const MIN_COMPRESS_BYTES = 1024;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * The tldraw assets a board asks for on first render (client/board/tldrawAssets.ts): the icon
 * sprite, the translations (Bahasa Indonesia and English) and Plex Sans in its two weights.
 */
const BOARD_TLDRAW_ASSETS = [
  '/tldraw-assets/icons/icon/0_merged.svg',
  '/tldraw-assets/translations/id.json',
  '/tldraw-assets/translations/en.json',
  '/tldraw-assets/fonts/IBMPlexSans-Medium.woff2',
  '/tldraw-assets/fonts/IBMPlexSans-Bold.woff2',
];
const PRECACHE_MARKER = 'const PRECACHE = [];';

async function compressBeside(file: string): Promise<void> {
  const raw = await readFile(file);
  if (raw.length < MIN_COMPRESS_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.length < raw.length) await writeFile(`${file}.br`, br);
  if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
}

/** The modules whose chunks a board needs: the page itself and its canvas (tldraw). */
const BOARD_MODULES = ['/client/board/BoardPage.tsx', '/client/board/BoardCanvas.tsx'];

/**
 * The built files a board needs beyond what index.html already loads: the board page's and its
 * canvas's chunks with every chunk they import, and their CSS, in that order.
 */
function boardFiles(bundle: Rolldown.OutputBundle): { js: string[]; css: string[] } {
  const chunks = Object.values(bundle).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (start: Rolldown.OutputChunk[]): string[] => {
    const seen: string[] = [];
    const visit = (chunk: Rolldown.OutputChunk) => {
      if (seen.includes(chunk.fileName)) return;
      seen.push(chunk.fileName);
      for (const name of chunk.imports) {
        const next = byName.get(name);
        if (next) visit(next);
      }
    };
    start.forEach(visit);
    return seen;
  };
  const entry = new Set(closure(chunks.filter((c) => c.isEntry)));
  const roots = BOARD_MODULES.map((id) => {
    const chunk = chunks.find((c) => c.facadeModuleId?.split(path.sep).join('/').endsWith(id));
    if (!chunk) throw new Error(`no chunk of its own for ${id}: board.html would preload nothing`);
    return chunk;
  });
  const js = closure(roots).filter((name) => !entry.has(name));
  const css = js.flatMap((name) => [...(byName.get(name)?.viteMetadata?.importedCss ?? [])]);
  return { js, css };
}

/**
 * `board.html`: index.html that also asks for the board's code from the start (modulepreload),
 * so on the hall WiFi tldraw downloads beside the app's own code instead of after it has run, and
 * the board's connection opens while tldraw is still arriving. The server sends it for `/b/...`
 * only: the join page and the other pages load no board code.
 */
function boardHtml(index: string, files: { js: string[]; css: string[] }): string {
  const links = [
    ...files.css.map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`),
    ...files.js.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
  ];
  if (!index.includes('</head>')) throw new Error('index.html has no </head>');
  return index.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
}

/**
 * Finishes client/dist for the hall, after the chunks are written and client/public is copied:
 * 0. writes `board.html` (see boardHtml);
 * 1. writes into dist/sw.js the list the service worker precaches (every built asset and the
 *    tldraw assets of a board), so each build is a new worker that fetches its own files;
 * 2. writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every
 *    compressible file of at least 1 kB, kept only when smaller, so the server sends them as
 *    they are (`preCompressed`) instead of compressing per request: 160 tablets ask for the
 *    same bytes within minutes. Node's zlib rather than a compression plugin: none is
 *    installed, and this is all it takes.
 */
function finishDistForTheHall(): Plugin {
  let outDir = '';
  let board: { js: string[]; css: string[] } | null = null;
  return {
    name: 'papan-finish-dist',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      board = boardFiles(bundle);
    },
    async closeBundle() {
      if (!board) throw new Error('closeBundle before generateBundle: no board chunks known');
      const index = await readFile(path.join(outDir, 'index.html'), 'utf8');
      await writeFile(path.join(outDir, 'board.html'), boardHtml(index, board));
      const assets = (await filesUnder(path.join(outDir, 'assets')))
        .filter((f) => !/\.(br|gz)$/.test(f))
        .map((f) => `/${path.relative(outDir, f).split(path.sep).join('/')}`)
        .sort();
      const swFile = path.join(outDir, 'sw.js');
      const sw = await readFile(swFile, 'utf8');
      if (!sw.includes(PRECACHE_MARKER)) throw new Error(`sw.js lacks "${PRECACHE_MARKER}"`);
      const list = ['/config.js', '/icon.svg', ...assets, ...BOARD_TLDRAW_ASSETS];
      await writeFile(
        swFile,
        sw.replace(PRECACHE_MARKER, `const PRECACHE = ${JSON.stringify(list)};`),
      );
      const files = (await filesUnder(outDir)).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(files.map(compressBeside));
    },
  };
}

// The client is built into client/dist and served by our own server (no CDN: the hall is offline).
export default defineConfig({
  root: 'client',
  plugins: [selfHostedTldrawDefaults(), react(), finishDistForTheHall()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    proxy: {
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
      '/api': 'http://127.0.0.1:8080',
      '/tldraw-assets': 'http://127.0.0.1:8080',
      '/config.js': 'http://127.0.0.1:8080',
    },
  },
});
