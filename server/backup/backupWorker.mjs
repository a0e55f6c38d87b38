// Copies the server's SQLite file with SQLite's online backup, off the main thread: a copy of a
// few MiB to a slow USB stick takes seconds, and the sync loop must not stall for it. Its own
// read connection sees one consistent snapshot (WAL readers never block the writer), and the
// copy is made in one step after the first, so writes by the server meanwhile cannot make it
// start over again and again. The copy is fsynced before the main thread renames it into place.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { source, destination } = workerData;

async function run() {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const result = await db.backup(destination, { progress: () => 0x7fffffff });
    const fd = fs.openSync(destination, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

run().then(
  (result) => parentPort?.postMessage({ ok: true, ...result }),
  (error) =>
    parentPort?.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      code: typeof error?.code === 'string' ? error.code : null,
    }),
);
