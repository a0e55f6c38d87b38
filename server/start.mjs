// `npm start`: build the client if it has not been built, then run the server under tsx,
// forwarding SIGINT/SIGTERM to it and exiting with its exit code.
import { spawn } from 'node:child_process';
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(args, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ?? code})`));
    });
  });
}

/** Newest modification time of the client's sources (and the shared code it bundles). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when there is no build, or a source file changed after it (e.g. after `git pull`). */
function isStale(built) {
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  if (fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs > builtAt) return true;
  return [path.join(root, 'client'), path.join(root, 'shared')].some(
    (dir) => newestSource(dir) > builtAt,
  );
}

async function main() {
  const built = path.join(root, 'client', 'dist', 'index.html');
  const source = path.join(root, 'client', 'index.html');
  if (fs.existsSync(source) && isStale(built)) {
    console.log('Building the client...');
    await run([path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], 'vite build');
  }
  // One node process with tsx as a loader: signals reach the server directly.
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => server.kill(signal));
  }
  server.once('exit', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
