// `npm start`: build the client if it has not been built, then run the server under tsx,
// forwarding SIGINT/SIGTERM to it and exiting with its exit code.
import { spawn } from 'node:child_process';
import console from 'node:console';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

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

async function main() {
  const built = path.join(root, 'client', 'dist', 'index.html');
  const source = path.join(root, 'client', 'index.html');
  if (!fs.existsSync(built) && fs.existsSync(source)) {
    console.log('Building the client (first start)...');
    await run([require.resolve('vite/bin/vite.js'), 'build'], 'vite build');
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
