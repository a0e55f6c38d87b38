import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../server/store/openDatabase';
import { SqliteDocStore } from '../../server/store/SqliteDocStore';
import { makeTempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';

const MAX_WAL = 1024 * 1024;
let cleanup: (() => Promise<void>) | null = null;

afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function walSize(dir: string): number {
  try {
    return fs.statSync(path.join(dir, `${DATABASE_FILE_NAME}-wal`)).size;
  } catch {
    return 0;
  }
}

describe('the WAL under sustained writes', () => {
  it('stays bounded while tiny updates are appended back to back without a pause', async () => {
    const temp = makeTempDir();
    const store = SqliteDocStore.open(temp.dir, {
      wal: { intervalMs: 20, passiveEvery: 4, maxWalBytes: MAX_WAL, journalSizeLimit: MAX_WAL },
    });
    cleanup = async () => {
      await store.close();
      temp.remove();
    };
    const errors: unknown[] = [];
    const checkpointer = store.checkpointInBackground((e) => errors.push(e));
    expect(checkpointer).not.toBeNull();
    const update = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    let largest = 0;
    // Each tiny commit adds a few pages to the WAL: 6,000 of them made 76 MB when nothing let
    // the WAL start over (what passive checkpoints alone gave under steady writes); 12,000 make
    // about twice that, far above the bound asserted below.
    const started = Date.now();
    for (let i = 0; i < 12_000; i++) {
      await store.append('board', update, { kind: 'client', actor: 'participant:test' });
      if (i % 50 === 0) largest = Math.max(largest, walSize(temp.dir));
    }
    const elapsed = Date.now() - started;
    // The writer looks every 64 appends (about 1 MB of WAL for these tiny commits), again at
    // the next append while the worker holds the checkpoint lock, which on a loaded CI machine
    // has taken up to 24 MB. Without the bound the WAL grows past 100 MB.
    expect(largest, `largest WAL ${largest} bytes in ${elapsed} ms`).toBeLessThan(48 * MAX_WAL);
    expect(store.walTruncations).toBeGreaterThan(0);
    expect((await store.stats('board')).logEntries).toBe(12_000);
    expect(errors).toEqual([]);
    await waitFor(() => walSize(temp.dir) <= MAX_WAL, { what: 'WAL back under its bound' });
  });
});
