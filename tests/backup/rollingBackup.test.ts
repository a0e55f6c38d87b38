import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { addCard } from '../../shared/board/boardModel';
import { RollingBackup } from '../../server/backup/RollingBackup';
import { loadConfig } from '../../server/config';
import { makeTempDir } from '../helpers/tempDir';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';
import { waitFor } from '../helpers/waitFor';
import { connectClient } from '../helpers/yClient';
import { storedDoc } from './archiveFixture';
import { backupsIn, databaseFile, fingerprint, partialsIn } from './backupFiles';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const temp = makeTempDir(prefix);
  cleanups.push(temp.remove);
  return temp.dir;
}

async function papanWithBackups(env: Record<string, string>): Promise<TestPapan> {
  const t = await startTestPapan({ env });
  cleanups.push(() => t.close());
  return t;
}

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** A participant adds a card over a stock y-websocket client; resolves once it is stored. */
async function addCardAsParticipant(t: TestPapan, cardId: string): Promise<void> {
  const token = (
    await t.papan.app.tokens.issue({
      role: 'participant',
      name: 'Ani',
      eventId: 'demo',
      boardId: 'demo-juai',
    })
  ).token;
  const client = connectClient(t.syncUrl, 'demo-juai', { params: { token } });
  try {
    await client.synced();
    addCard(client.doc, {
      id: cardId,
      text: 'Air bersih',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author: { id: 'ani', name: 'Ani' },
    });
    await waitFor(
      async () => (await storedDoc(t.papan.store, 'demo-juai')).getMap('cards').has(cardId),
      { what: `card ${cardId} stored` },
    );
  } finally {
    client.destroy();
  }
}

describe('BACKUP_* configuration', () => {
  it('is off without BACKUP_DIR, and reads the directory, interval (default 5) and count', () => {
    expect(loadConfig({}).backup).toBeNull();
    expect(loadConfig({ BACKUP_DIR: 'stick' }, '/media/usb').backup).toEqual({
      dir: path.resolve('/media/usb/stick'),
      everyMinutes: 5,
      keep: 12,
    });
    expect(
      loadConfig({ BACKUP_DIR: '/b', BACKUP_EVERY_MINUTES: '15', BACKUP_KEEP: '3' }).backup,
    ).toEqual({ dir: '/b', everyMinutes: 15, keep: 3 });
    expect(() => loadConfig({ BACKUP_DIR: '/b', BACKUP_EVERY_MINUTES: '0' })).toThrow(
      /BACKUP_EVERY_MINUTES/,
    );
    expect(() => loadConfig({ BACKUP_DIR: '/b', BACKUP_KEEP: 'semua' })).toThrow(/BACKUP_KEEP/);
  });
});

describe('rolling backups of a running server', () => {
  it('makes a consistent copy at start and on demand, readable as the same data, keeping the last N', async () => {
    const dir = tempDir('papan-backups-');
    const t = await papanWithBackups({ BACKUP_DIR: dir, BACKUP_KEEP: '2' });
    const backups = t.papan.app.backups;
    if (!backups) throw new Error('backups are configured');
    const first = await waitFor(() => backups.status().lastSuccess, { what: 'the start backup' });
    expect(backupsIn(dir)).toEqual([path.basename(first.file)]);

    await addCardAsParticipant(t, 'kartu-setelah-cadangan');
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct millisecond names
      const status = await backups.runOnce();
      expect(status.failing).toBe(false);
    }
    const files = backupsIn(dir);
    expect(files).toHaveLength(2);
    expect(partialsIn(dir)).toEqual([]);
    expect(backups.status()).toMatchObject({ kept: 2, failing: false, lastError: null });

    // The newest copy holds exactly what the server holds, card included, and is sound.
    const copy = fingerprint(path.join(dir, files.at(-1) ?? ''));
    expect(copy.integrity).toBe('ok');
    expect(copy).toEqual(fingerprint(databaseFile(t.dataDir)));
  });

  it('reports a BACKUP_DIR that is not there (a pulled stick) without creating it, logs it, and goes on', async () => {
    const dir = path.join(tempDir('papan-stick-'), 'usb');
    const { logger, lines } = capturingLogger();
    const t = await papanWithBackups({});
    const backup = new RollingBackup({
      databaseFile: databaseFile(t.dataDir),
      dir,
      everyMinutes: 5,
      keep: 3,
      logger,
    });
    const status = await backup.runOnce();
    expect(status.failing).toBe(true);
    expect(status.lastError).toMatchObject({ code: 'unreachable' });
    expect(status.lastError?.message).toMatch(/cannot write to .*usb; is the disk plugged in\?/);
    expect(fs.existsSync(dir)).toBe(false);
    expect(lines.some((l) => l.level === 50 && l.msg === status.lastError?.message)).toBe(true);

    // The stick comes back: the next run succeeds and the failure is no longer current.
    fs.mkdirSync(dir);
    const next = await backup.runOnce();
    expect(next.failing).toBe(false);
    expect(next.lastSuccess?.file).toMatch(/papan-.*\.sqlite$/);
    expect(backupsIn(dir)).toHaveLength(1);
  });

  it('says a full BACKUP_DIR is full, leaves nothing half-written there, and the server goes on', async (ctx) => {
    const dir = tempDir('papan-full-');
    // A real full disk: a 64 KiB tmpfs, smaller than the database. Mounting needs root.
    try {
      if (process.getuid?.() !== 0) throw new Error('not running as root');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      console.log(`Skipped the full-disk backup test: cannot mount a small tmpfs (${reason})`);
      ctx.skip();
      return;
    }
    cleanups.push(() => {
      execFileSync('umount', ['-l', dir]);
    });
    const t = await papanWithBackups({ BACKUP_DIR: dir });
    // Ballast so the database is surely larger than the disk.
    await t.papan.store.append('ballast', randomBytes(512 * 1024), {
      kind: 'server',
      actor: 'test',
    });
    const backups = t.papan.app.backups;
    if (!backups) throw new Error('backups are configured');
    await waitFor(() => !backups.status().running && backups.status().lastError, {
      what: 'the start backup to fail',
      timeoutMs: 15_000,
    });
    const status = await backups.runOnce();
    expect(status.failing).toBe(true);
    expect(status.lastError).toMatchObject({ code: 'disk-full' });
    expect(status.lastError?.message).toContain('the backup disk is full');
    expect(fs.readdirSync(dir)).toEqual([]);

    // The server goes on: it answers, and a participant's card is stored.
    const events = await t.api('/api/events', { token: TEST_ADMIN_TOKEN });
    expect(events.status).toBe(200);
    await addCardAsParticipant(t, 'kartu-saat-disk-penuh');

    // Room again on the disk: the next backup is made and the failure is behind us.
    execFileSync('mount', ['-o', 'remount,size=16m', dir]);
    const after = await backups.runOnce();
    expect(after.failing).toBe(false);
    expect(backupsIn(dir)).toHaveLength(1);
    expect(fingerprint(path.join(dir, backupsIn(dir)[0] ?? '')).integrity).toBe('ok');
  });
});
