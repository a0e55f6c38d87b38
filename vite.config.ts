import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
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
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every
 * compressible file of client/dist, including what comes from client/public (sw.js, icon.svg), so
 * the server sends them as they are (`preCompressed`) instead of compressing per request: 160
 * tablets ask for the same bytes within minutes. A copy is kept only when it is smaller.
 * Node's zlib instead of a compression plugin: none is installed, and this is all it takes.
 */
function precompressAssets(): Plugin {
  let outDir = '';
  return {
    name: 'papan-precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // closeBundle: after the chunks are written and the public folder is copied.
    async closeBundle() {
      const files = (await filesUnder(outDir)).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (file) => {
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
        }),
      );
    },
  };
}

// The client is built into client/dist and served by our own server (no CDN: the hall is offline).
export default defineConfig({
  root: 'client',
  plugins: [selfHostedTldrawDefaults(), react(), precompressAssets()],
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
