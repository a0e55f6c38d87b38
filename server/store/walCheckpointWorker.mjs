// Runs SQLite WAL checkpoints off the main thread: the server's own connection has automatic
// checkpoints turned off, because one that copies a few MiB stalls every socket for 5-15 ms.
// A PASSIVE checkpoint never blocks the writer; it copies what no reader still needs.
import { clearInterval, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort?.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);

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
