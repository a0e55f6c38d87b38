import fs from 'node:fs';
import path from 'node:path';

/** Free bytes on the file system holding `dir` (for tests, a fake). */
export type FreeSpaceProbe = (dir: string) => number;

/** What /healthz reports about storage: ok, or the problems found. */
export interface StorageCheck {
  ok: boolean;
  problems: string[];
  freeBytes: number | null;
}

/**
 * Below this much free space the server takes no new writes: room for the WAL to reach its bound
 * (64 MiB), a compaction of the largest board (a 32 MiB snapshot written beside the old one) and
 * SQLite's own temporary space, so a full disk never interrupts a write halfway.
 */
export const DEFAULT_MIN_FREE_BYTES = 256 * 1024 * 1024;

/** statfs: blocks available to this (unprivileged) process times the block size. */
export const statfsFreeBytes: FreeSpaceProbe = (dir) => {
  const stats = fs.statfsSync(dir);
  return Number(stats.bavail) * Number(stats.bsize);
};

/**
 * Watches the SQLite file of the server: free space on its disk (refuse new writes before the
 * disk is full, with CLOSE_CODES.storageFull) and the files themselves (a database or WAL that
 * was deleted or replaced under a running server: SQLite keeps writing to the unlinked file and
 * the next crash loses everything since). One per database file.
 */
export class StorageHealth {
  private freeBytes: number | null = null;
  private readonly inodes = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      databaseFile: string;
      minFreeBytes?: number;
      probe?: FreeSpaceProbe;
    },
  ) {
    // The files as they are when the server opened them; later a different inode means replaced.
    for (const file of this.files()) {
      try {
        this.inodes.set(file, fs.statSync(file).ino);
      } catch {
        // The WAL may not exist yet; it is remembered when first seen.
      }
    }
  }

  private get minFreeBytes(): number {
    return this.options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  }

  private files(): string[] {
    return [this.options.databaseFile, `${this.options.databaseFile}-wal`];
  }

  /** Looks at the free space now; returns it (null when it could not be read). */
  refresh(): number | null {
    try {
      const probe = this.options.probe ?? statfsFreeBytes;
      this.freeBytes = probe(path.dirname(this.options.databaseFile));
    } catch {
      this.freeBytes = null;
    }
    return this.freeBytes;
  }

  /**
   * True while new writes may be taken: the last look found at least the minimum free. Cheap
   * (no system call), for the write path; `watch` keeps the look fresh. An unreadable file
   * system counts as full.
   */
  get acceptsWrites(): boolean {
    if (this.freeBytes === null) this.refresh();
    return this.freeBytes !== null && this.freeBytes >= this.minFreeBytes;
  }

  /** Refreshes the free space every `intervalMs` until `stop`. */
  watch(intervalMs = 2000): void {
    if (this.timer) return;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Everything /healthz needs: the files present, writable and the same, and free space. */
  check(): StorageCheck {
    const problems: string[] = [];
    for (const file of this.files()) {
      const name = path.basename(file);
      let stats: fs.Stats;
      try {
        stats = fs.statSync(file);
      } catch {
        problems.push(`${name} is missing`);
        continue;
      }
      const known = this.inodes.get(file);
      if (known === undefined) this.inodes.set(file, stats.ino);
      else if (known !== stats.ino) problems.push(`${name} was replaced`);
      try {
        fs.accessSync(file, fs.constants.W_OK);
      } catch {
        problems.push(`${name} is not writable`);
      }
    }
    const free = this.refresh();
    if (free === null) problems.push('free space unknown');
    else if (free < this.minFreeBytes) problems.push(`disk nearly full (${free} bytes free)`);
    return { ok: problems.length === 0, problems, freeBytes: free };
  }
}
