// Runs SQLite WAL checkpoints off the main thread: the server's own connection has automatic
// checkpoints turned off, because one that copies a few MiB stalls every socket for 5-15 ms.
// A PASSIVE checkpoint never blocks the writer, but under steady writes it never catches up
// either, and the WAL only starts over once a checkpoint has caught up: 3,700 tiny writes a
// second grew it to 961 MB in 20 s. So past `maxWalBytes` the worker runs a TRUNCATE
// checkpoint, which waits a moment for the writer, copies everything and empties the file.
import fs from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs, passiveEvery, maxWalBytes, journalSizeLimit } = workerData;
const walFile = `${file}-wal`;
const db = new Database(file);
db.pragma('busy_timeout = 1000');
db.pragma(`journal_size_limit = ${journalSizeLimit}`);

function walBytes() {
  try {
    return fs.statSync(walFile).size;
  } catch {
    return 0;
  }
}

let tick = 0;
const timer = setInterval(() => {
  tick++;
  try {
    if (walBytes() > maxWalBytes) {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)');
      parentPort?.postMessage({ truncated: true, busy: result?.busy === 1 });
    } else if (tick % passiveEvery === 0) {
      db.pragma('wal_checkpoint(PASSIVE)');
    }
  } catch (error) {
    parentPort?.postMessage({ error: String(error) });
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // The main connection checkpoints on close anyway.
    }
    db.close();
    parentPort?.close();
  }
});
