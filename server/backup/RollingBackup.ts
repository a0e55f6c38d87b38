import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';

/** Why a backup failed, for the console to say in its own language. */
export type BackupFailure = 'disk-full' | 'unreachable' | 'not-allowed' | 'failed';

/** What the console shows about rolling backups. */
export interface BackupStatus {
  dir: string;
  everyMinutes: number;
  keep: number;
  /** A backup is being made now. */
  running: boolean;
  lastSuccess: { at: number; file: string; bytes: number; durationMs: number } | null;
  /** The last failure; `failing` says whether it came after the last success. */
  lastError: { at: number; code: BackupFailure; message: string } | null;
  failing: boolean;
  /** Complete backups in the directory after the last run. */
  kept: number;
}

export interface RollingBackupOptions {
  /** The live SQLite file to copy. */
  databaseFile: string;
  /** An existing directory (a USB stick); never created, so a pulled stick is an error. */
  dir: string;
  everyMinutes: number;
  keep: number;
  logger: Logger;
}

const BACKUP_NAME = /^papan-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/;
const PARTIAL_NAME = /^\.papan-.*\.sqlite\.partial$/;

/** `papan-2026-11-30T03-05-17-123Z.sqlite`: names sort by time. */
function backupName(at: Date): string {
  return `papan-${at.toISOString().replace(/[:.]/g, '-')}.sqlite`;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** A failure in words staff can act on, and its kind. */
function describeFailure(error: unknown, dir: string): { code: BackupFailure; message: string } {
  const code = errorCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT')
    return {
      code: 'disk-full',
      message: `Backup failed: the backup disk is full (${dir}); free space or use another disk. The server keeps running.`,
    };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY')
    return {
      code: 'not-allowed',
      message: `Backup failed: not allowed to write to ${dir} (${reason}). The server keeps running.`,
    };
  if (
    ['ENOENT', 'ENOTDIR', 'ENODEV', 'EIO', 'ENXIO', 'SQLITE_CANTOPEN'].includes(code) ||
    code.startsWith('SQLITE_IOERR')
  )
    return {
      code: 'unreachable',
      message: `Backup failed: cannot write to ${dir}; is the disk plugged in? (${reason}). The server keeps running.`,
    };
  return { code: 'failed', message: `Backup failed: ${reason}. The server keeps running.` };
}

/** An error carrying the code the worker saw (SQLite's or the file system's). */
class BackupError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * Rolling backups of the live database while the server runs: one at start, then every
 * `everyMinutes`, each a consistent copy made with SQLite's online backup in a worker thread
 * (never a file copy of a live WAL database). A copy is written under a hidden temporary name,
 * fsynced and then renamed, so a kill mid-backup leaves every earlier backup whole; the last
 * `keep` are kept. A failure (disk full, stick pulled) is logged and kept in status() for the
 * console; it never throws out of the timer and never stops the server.
 */
export class RollingBackup {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<BackupStatus> | null = null;
  private lastSuccess: BackupStatus['lastSuccess'] = null;
  private lastError: BackupStatus['lastError'] = null;
  private kept = 0;

  constructor(private readonly options: RollingBackupOptions) {
    if (options.everyMinutes <= 0 || options.keep < 1)
      throw new Error('RollingBackup needs everyMinutes > 0 and keep >= 1');
  }

  /** Makes a backup now and then one every `everyMinutes`. */
  start(): this {
    if (this.timer) return this;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.options.everyMinutes * 60_000);
    this.timer.unref();
    return this;
  }

  /** Stops the timer and waits for a backup under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  /** Makes one backup now (or joins the one under way); resolves with the status, never rejects. */
  runOnce(): Promise<BackupStatus> {
    this.inFlight ??= this.backup().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** When the last backup was made, and the last failure. */
  status(): BackupStatus {
    const { dir, everyMinutes, keep } = this.options;
    return {
      dir,
      everyMinutes,
      keep,
      running: this.inFlight !== null,
      lastSuccess: this.lastSuccess,
      lastError: this.lastError,
      failing:
        this.lastError !== null &&
        (this.lastSuccess === null || this.lastError.at >= this.lastSuccess.at),
      kept: this.kept,
    };
  }

  private async backup(): Promise<BackupStatus> {
    const { dir, logger } = this.options;
    const started = new Date();
    const name = backupName(started);
    const partial = path.join(dir, `.${name}.partial`);
    try {
      const info = await fs.stat(dir);
      if (!info.isDirectory()) throw new BackupError(`${dir} is not a directory`, 'ENOTDIR');
      await this.removePartials();
      await this.copyInWorker(partial);
      const final = path.join(dir, name);
      await fs.rename(partial, final);
      await syncDirectory(dir);
      const { size } = await fs.stat(final);
      this.lastSuccess = {
        at: Date.now(),
        file: final,
        bytes: size,
        durationMs: Date.now() - started.getTime(),
      };
      await this.prune();
      logger.info({ file: final, bytes: size }, 'backup made');
    } catch (error) {
      await fs.rm(partial, { force: true }).catch(() => undefined);
      const failure = describeFailure(error, dir);
      this.lastError = { at: Date.now(), ...failure };
      logger.error({ err: error, dir }, failure.message);
    }
    return this.status();
  }

  private copyInWorker(destination: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./backupWorker.mjs', import.meta.url), {
        workerData: { source: this.options.databaseFile, destination },
      });
      let answered = false;
      worker.once('message', (m: { ok: boolean; message?: string; code?: string | null }) => {
        answered = true;
        if (m.ok) resolve();
        else reject(new BackupError(m.message ?? 'backup failed', m.code ?? ''));
      });
      worker.once('error', (error) => {
        answered = true;
        reject(error);
      });
      worker.once('exit', (code) => {
        if (!answered) reject(new Error(`backup worker exited (${code}) without an answer`));
      });
    });
  }

  /** Temporary files of backups that never finished (a kill, a crash). */
  private async removePartials(): Promise<void> {
    for (const entry of await fs.readdir(this.options.dir)) {
      if (PARTIAL_NAME.test(entry))
        await fs.rm(path.join(this.options.dir, entry), { force: true });
    }
  }

  /** Deletes complete backups beyond the newest `keep`. */
  private async prune(): Promise<void> {
    const backups = (await fs.readdir(this.options.dir)).filter((n) => BACKUP_NAME.test(n)).sort();
    const old = backups.slice(0, Math.max(0, backups.length - this.options.keep));
    for (const name of old) await fs.rm(path.join(this.options.dir, name), { force: true });
    this.kept = backups.length - old.length;
  }
}

/** Makes a rename durable; some file systems (FAT sticks) cannot sync a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}
