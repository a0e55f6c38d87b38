import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from './support/clientBuild';

const DIST = path.resolve(import.meta.dirname, '../../client/dist');
const CDN_HOSTS =
  /https?:\/\/(cdn\.tldraw\.com|unpkg\.com|cdn\.jsdelivr\.net|fonts\.googleapis\.com|fonts\.gstatic\.com)/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

describe('the built client', () => {
  beforeAll(() => ensureClientBuilt());

  it('names no CDN, not even as a default the app overrides (the hall has no internet)', () => {
    const offenders = files(DIST)
      .filter((file) => /\.(js|css|html)$/.test(file))
      .filter((file) => CDN_HOSTS.test(fs.readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('points tldraw’s default asset base at the copy the server serves', () => {
    const js = files(DIST)
      .filter((file) => file.endsWith('.js'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    expect(js).toContain('/tldraw-assets');
  });

  it('has a brotli and a gzip copy beside every compressible file, each decompressing to it', () => {
    const compressible = files(DIST).filter(
      (file) => /\.(js|css|html|svg|json)$/.test(file) && fs.statSync(file).size >= 1024,
    );
    expect(compressible.some((file) => /BoardPage-.*\.js$/.test(file))).toBe(true);
    for (const file of compressible) {
      const raw = fs.readFileSync(file);
      const br = fs.readFileSync(`${file}.br`);
      const gz = fs.readFileSync(`${file}.gz`);
      expect(zlib.brotliDecompressSync(br).equals(raw), `${file}.br`).toBe(true);
      expect(zlib.gunzipSync(gz).equals(raw), `${file}.gz`).toBe(true);
      expect(br.length).toBeLessThan(raw.length);
    }
  });

  it('writes board.html: index.html that also preloads the board page, its canvas and their imports', () => {
    const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const board = fs.readFileSync(path.join(DIST, 'board.html'), 'utf8');
    const preloads = (html: string) =>
      [...html.matchAll(/<link rel="modulepreload" crossorigin href="\/assets\/([^"]+)">/g)].map(
        (m) => m[1] ?? '',
      );
    const extra = preloads(board).filter((f) => !preloads(index).includes(f));
    expect(extra.some((f) => /^BoardPage-.*\.js$/.test(f))).toBe(true);
    expect(extra.some((f) => /^BoardCanvas-.*\.js$/.test(f))).toBe(true);
    expect(preloads(index).some((f) => /^Board(Page|Canvas)-/.test(f))).toBe(false);
    // Every preloaded file exists, and every chunk the canvas imports is preloaded with it.
    for (const f of preloads(board))
      expect(fs.existsSync(path.join(DIST, 'assets', f)), f).toBe(true);
    const canvas = extra.find((f) => f.startsWith('BoardCanvas-')) ?? '';
    const canvasCode = fs.readFileSync(path.join(DIST, 'assets', canvas), 'utf8');
    const imported = [...canvasCode.matchAll(/from"\.\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
    const entry = /<script type="module" crossorigin src="\/assets\/([^"]+)">/.exec(board)?.[1];
    for (const f of imported) expect([...preloads(board), entry], f).toContain(f);
    // The same page otherwise: the app's entry script and styles, nothing else changed.
    expect(board.replace(/\s*<link rel="(modulepreload|preload)"[^>]*>/g, '')).toBe(
      index.replace(/\s*<link rel="(modulepreload|preload)"[^>]*>/g, ''),
    );
  });

  it('gives the service worker every built asset to precache, and only files that exist', () => {
    const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    const list = JSON.parse(/const PRECACHE = (\[.*?\]);/.exec(sw)?.[1] ?? '[]') as string[];
    const built = files(path.join(DIST, 'assets'))
      .filter((file) => !/\.(br|gz)$/.test(file))
      .map((file) => `/assets/${path.basename(file)}`);
    expect(list).toEqual(expect.arrayContaining(built));
    const tldraw = path.resolve(import.meta.dirname, '../../node_modules/@tldraw/assets');
    for (const url of list.filter((u) => u.startsWith('/tldraw-assets/'))) {
      expect(fs.existsSync(path.join(tldraw, url.slice('/tldraw-assets/'.length))), url).toBe(true);
    }
  });
});
