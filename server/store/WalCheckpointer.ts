import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the background worker checkpoints the WAL. */
const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * Moves WAL checkpoints of a SQLite file to a worker thread (see walCheckpointWorker.mjs). If the
 * worker cannot start, automatic checkpoints stay on in the main connection, as before.
 */
export class WalCheckpointer {
  private constructor(private readonly worker: Worker) {}

  /** Starts the worker for `db`'s file and turns off the main connection's own checkpoints. */
  static start(db: Database.Database, onError: (error: unknown) => void): WalCheckpointer | null {
    if (db.memory) return null;
    let worker: Worker;
    try {
      worker = new Worker(new URL('./walCheckpointWorker.mjs', import.meta.url), {
        workerData: { file: db.name, intervalMs: CHECKPOINT_INTERVAL_MS },
      });
    } catch (error) {
      onError(error);
      return null;
    }
    worker.unref();
    worker.on('message', (message: { error?: string }) => onError(new Error(message.error)));
    worker.on('error', (error) => {
      onError(error);
      // Back to checkpoints in the main connection.
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    });
    db.pragma('wal_autocheckpoint = 0');
    return new WalCheckpointer(worker);
  }

  /** Stops the worker after a last checkpoint. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }
}
