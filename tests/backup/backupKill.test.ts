import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { RollingBackup } from '../../server/backup/RollingBackup';
import { SqliteDocStore } from '../../server/store/SqliteDocStore';
import { spawnServer, type ServerProcess } from '../helpers/serverProcess';
import { makeTempDir } from '../helpers/tempDir';
import { startTestPapan } from '../helpers/testPapan';
import { waitFor } from '../helpers/waitFor';
import { backupsIn, databaseFile, fileHash, fingerprint, partialsIn } from './backupFiles';

const data = makeTempDir('papan-kill-data-');
const stick = makeTempDir('papan-kill-stick-');
const running: ServerProcess[] = [];

afterAll(async () => {
  for (const server of running) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
  data.remove();
  stick.remove();
});

/** Starts the real server on the data directory with rolling backups to the stick. */
async function startServerProcess(): Promise<ServerProcess> {
  const server = await spawnServer({ DATA_DIR: data.dir, BACKUP_DIR: stick.dir });
  running.push(server);
  return server;
}

/**
 * Starts the server and kills it (SIGKILL) the moment its start backup creates its temporary
 * file. Resolves whether the kill caught the backup in the middle (its temporary file is left).
 */
async function killDuringBackup(): Promise<boolean> {
  let killed = false;
  let server: ServerProcess | null = null;
  const watcher = fs.watch(stick.dir, (_event, name) => {
    if (!killed && server && name?.endsWith('.partial')) {
      killed = server.child.kill('SIGKILL');
    }
  });
  try {
    server = await startServerProcess();
    // If the watch fired before spawnServer returned, kill now.
    if (!killed && partialsIn(stick.dir).length > 0) killed = server.child.kill('SIGKILL');
    await waitFor(() => killed || backupsIn(stick.dir).length > 1, {
      what: 'the start backup',
      timeoutMs: 30_000,
    });
    if (!killed) server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
  } finally {
    watcher.close();
  }
  return partialsIn(stick.dir).length > 0;
}

describe('kill -9 during a rolling backup', () => {
  it('leaves the last complete backup intact and the server data unharmed', async () => {
    // The demo event, plus 40 MiB of incompressible ballast so a backup takes a while.
    const seeded = await startTestPapan({ dataDir: data.dir });
    await seeded.close({ keepData: true });
    const store = SqliteDocStore.open(data.dir);
    for (let i = 0; i < 40; i++)
      await store.append('ballast', randomBytes(1024 * 1024), {
        kind: 'server',
        actor: 'test',
      });
    await store.close();
    const before = fingerprint(databaseFile(data.dir));
    expect(before.integrity).toBe('ok');

    // A first server run makes one complete backup, then stops cleanly.
    const first = await startServerProcess();
    await waitFor(() => backupsIn(stick.dir).length === 1 && partialsIn(stick.dir).length === 0, {
      what: 'the first complete backup',
      timeoutMs: 30_000,
    });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const [complete] = backupsIn(stick.dir);
    const completeFile = path.join(stick.dir, complete ?? '');
    const completeHash = fileHash(completeFile);

    // Then the server is killed in the middle of its next backup (a few tries: the kill must
    // land while the copy is being written, not after it).
    let caughtMidway = false;
    for (let attempt = 0; attempt < 4 && !caughtMidway; attempt++) {
      caughtMidway = await killDuringBackup();
    }
    expect(caughtMidway).toBe(true);

    // Every complete backup is whole; the half-written copy never took a backup's name.
    expect(backupsIn(stick.dir)).toContain(complete);
    expect(fileHash(completeFile)).toBe(completeHash);
    for (const name of backupsIn(stick.dir)) {
      expect(fingerprint(path.join(stick.dir, name)), name).toEqual(before);
    }
    // The server's own data is exactly what it was, and sound.
    expect(fingerprint(databaseFile(data.dir))).toEqual(before);

    // The next backup clears the leftover temporary file and makes a whole copy.
    const next = await new RollingBackup({
      databaseFile: databaseFile(data.dir),
      dir: stick.dir,
      everyMinutes: 5,
      keep: 12,
      logger: pino({ level: 'silent' }),
    }).runOnce();
    expect(next.failing).toBe(false);
    expect(partialsIn(stick.dir)).toEqual([]);
    expect(fingerprint(next.lastSuccess?.file ?? '')).toEqual(before);
  }, 180_000);
});
