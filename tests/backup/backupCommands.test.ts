import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventData } from '../../server/backup/openEventData';
import { writeEventArchive } from '../../server/backup/writeEventArchive';
import { makeTempDir } from '../helpers/tempDir';
import { startTestPapan, type TestPapan } from '../helpers/testPapan';
import { storedBoard } from './archiveFixture';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

/** Runs `npm run backup|restore -- ...args` as its own process (node with tsx, as npm does). */
async function command(
  name: 'backup' | 'restore',
  args: string[],
  dataDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', `server/backup/${name}Command.ts`, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: '8080' }, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let t: TestPapan;
const files = makeTempDir('papan-archives-');
const hall = makeTempDir('papan-hall-');
const archive = path.join(files.dir, 'demo.jsonl.gz');

beforeAll(async () => {
  t = await startTestPapan();
});

afterAll(async () => {
  await t.close();
  files.remove();
  hall.remove();
});

describe('npm run backup and npm run restore', () => {
  it('archive the demo event beside the running server and import it on a fresh machine', async () => {
    const backup = await command('backup', ['--out', archive], t.dataDir);
    expect(backup.stderr).toBe('');
    expect(backup).toMatchObject({ code: 0 });
    expect(backup.stdout).toMatch(/Event demo \(8 boards\) archived to .*demo\.jsonl\.gz/);
    expect(fs.readdirSync(files.dir)).toEqual(['demo.jsonl.gz']);

    const restore = await command('restore', [archive], hall.dir);
    expect(restore).toMatchObject({ code: 0 });
    expect(restore.stdout).toContain('Event demo imported with 8 boards');
    // A fresh machine gets a staff link, as a first start does.
    expect(restore.stdout).toMatch(/Staff link .*\n {2}http:\/\/localhost:8080\/\?token=pr_/);

    const again = await command('restore', [archive], hall.dir);
    expect(again.stdout).toContain('Event demo already exists here: imported as demo-2');
    expect(again.stdout).toContain('(new: the old one is in use here)');
    expect(again.stdout).not.toContain('Staff link');

    const restored = openEventData(hall.dir, { mustExist: true });
    try {
      expect((await restored.events.listEvents()).map((e) => e.id)).toEqual(['demo', 'demo-2']);
      expect(await storedBoard(restored.store, 'demo-2-juai')).toEqual(
        await storedBoard(t.papan.store, 'demo-juai'),
      );
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('refuse to overwrite an archive, and a damaged archive imports nothing, not even a database', async () => {
    fs.writeFileSync(path.join(files.dir, 'taken.jsonl.gz'), 'old');
    const overwrite = await command(
      'backup',
      ['--out', path.join(files.dir, 'taken.jsonl.gz')],
      t.dataDir,
    );
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('already exists; choose another name');
    expect(fs.readFileSync(path.join(files.dir, 'taken.jsonl.gz'), 'utf8')).toBe('old');

    const cut = path.join(files.dir, 'cut.jsonl.gz');
    const { events, audit } = t.papan.app;
    const whole = await writeEventArchive({ events, audit, store: t.papan.store }, 'demo');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.byteLength / 2)));
    const fresh = makeTempDir('papan-fresh-');
    try {
      const restore = await command('restore', [cut], fresh.dir);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(/^Nothing was imported: The archive is damaged or cut short/);
      expect(fs.readdirSync(fresh.dir)).toEqual([]);
    } finally {
      fresh.remove();
    }

    const usage = await command('backup', [], t.dataDir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run backup -- --out FILE [--event ID]');
  }, 120_000);
});
