import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DIST_INDEX = path.join(ROOT, 'client', 'dist', 'index.html');
const SOURCES = [path.join(ROOT, 'client'), path.join(ROOT, 'shared')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'data' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds client/dist with `vite build` unless it is newer than every client and shared source. */
export function ensureClientBuilt(): void {
  const built = fs.existsSync(DIST_INDEX) ? fs.statSync(DIST_INDEX).mtimeMs : 0;
  const newest = Math.max(
    ...SOURCES.map(newestMtime),
    fs.statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs,
  );
  if (built > newest) return;
  // vitest sets NODE_ENV=test, which would give React's development build: test what ships.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** Where screenshots and measurements go (ignored by git, kept as CI artifacts). */
export const RESULTS_DIR = path.join(ROOT, 'test-results');
