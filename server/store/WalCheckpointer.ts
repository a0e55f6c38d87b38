import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How the background worker keeps the WAL small. */
export interface WalCheckpointOptions {
  /** How often the worker looks at the WAL's size. */
  intervalMs: number;
  /** A PASSIVE checkpoint (never blocks the writer) every this many looks. */
  passiveEvery: number;
  /**
   * Past this size the worker runs a TRUNCATE checkpoint: the writer waits a few ms, the WAL is
   * copied into the database and emptied. Keeps the WAL bounded under any write rate.
   */
  maxWalBytes: number;
  /** SQLite `journal_size_limit`: what a WAL is cut back to after it restarts. */
  journalSizeLimit: number;
}

export const DEFAULT_WAL_CHECKPOINT: WalCheckpointOptions = {
  intervalMs: 250,
  passiveEvery: 4,
  maxWalBytes: 64 * 1024 * 1024,
  journalSizeLimit: 64 * 1024 * 1024,
};

/**
 * Moves WAL checkpoints of a SQLite file to a worker thread (see walCheckpointWorker.mjs). If the
 * worker cannot start, automatic checkpoints stay on in the main connection, as before.
 */
export class WalCheckpointer {
  /** TRUNCATE checkpoints run so far (for tests and metrics). */
  truncations = 0;

  private constructor(private readonly worker: Worker) {}

  /** Starts the worker for `db`'s file and turns off the main connection's own checkpoints. */
  static start(
    db: Database.Database,
    onError: (error: unknown) => void,
    options: WalCheckpointOptions = DEFAULT_WAL_CHECKPOINT,
  ): WalCheckpointer | null {
    if (db.memory) return null;
    let worker: Worker;
    try {
      worker = new Worker(new URL('./walCheckpointWorker.mjs', import.meta.url), {
        workerData: { file: db.name, ...options },
      });
    } catch (error) {
      onError(error);
      return null;
    }
    worker.unref();
    const checkpointer = new WalCheckpointer(worker);
    worker.on('message', (message: { error?: string; truncated?: boolean }) => {
      if (message.truncated) checkpointer.truncations++;
      if (message.error !== undefined) onError(new Error(message.error));
    });
    worker.on('error', (error) => {
      onError(error);
      // Back to checkpoints in the main connection.
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    });
    db.pragma('wal_autocheckpoint = 0');
    return checkpointer;
  }

  /** Stops the worker after a last checkpoint. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }
}
