import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../server/store/openDatabase';
import { StorageHealth, statfsFreeBytes } from '../../server/store/StorageHealth';
import { makeTempDir } from '../helpers/tempDir';
import { startTestServer, type TestServer } from '../helpers/testServer';

const MIB = 1024 * 1024;
let server: TestServer | null = null;
const temps: ReturnType<typeof makeTempDir>[] = [];

afterEach(async () => {
  await server?.close();
  server = null;
  for (const t of temps.splice(0)) t.remove();
});

function database(): { file: string; close: () => void } {
  const temp = makeTempDir();
  temps.push(temp);
  const db = openDatabase(temp.dir);
  db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);');
  return { file: path.join(temp.dir, DATABASE_FILE_NAME), close: () => db.close() };
}

describe('StorageHealth', () => {
  it('takes writes above the free-space floor and refuses them below it, before the disk is full', () => {
    const db = database();
    let free = 300 * MIB;
    const health = new StorageHealth({
      databaseFile: db.file,
      minFreeBytes: 256 * MIB,
      probe: () => free,
    });
    expect(health.acceptsWrites).toBe(true);
    free = 200 * MIB;
    health.refresh();
    expect(health.acceptsWrites).toBe(false);
    expect(health.check()).toMatchObject({
      ok: false,
      problems: [`disk nearly full (${free} bytes free)`],
    });
    free = 300 * MIB;
    expect(health.check()).toEqual({ ok: true, problems: [], freeBytes: free });
    expect(health.acceptsWrites).toBe(true);
    db.close();
  });

  it('counts a file system it cannot read as full', () => {
    const db = database();
    const health = new StorageHealth({
      databaseFile: db.file,
      probe: () => {
        throw new Error('EIO');
      },
    });
    expect(health.acceptsWrites).toBe(false);
    expect(health.check().problems).toContain('free space unknown');
    db.close();
  });

  it('reads the real free space of the disk with statfs', () => {
    const temp = makeTempDir();
    temps.push(temp);
    expect(statfsFreeBytes(temp.dir)).toBeGreaterThan(0);
  });

  it('notices a WAL that was deleted and a database that was replaced', () => {
    const db = database();
    const health = new StorageHealth({ databaseFile: db.file, probe: () => 1e12 });
    expect(health.check().ok).toBe(true);
    fs.rmSync(`${db.file}-wal`);
    expect(health.check().problems).toEqual([`${DATABASE_FILE_NAME}-wal is missing`]);
    fs.copyFileSync(db.file, `${db.file}.copy`);
    fs.renameSync(`${db.file}.copy`, db.file);
    expect(health.check().problems).toContain(`${DATABASE_FILE_NAME} was replaced`);
    db.close();
  });
});

describe('GET /healthz', () => {
  it('fails with 503 and says why when the WAL is deleted under the running server', async () => {
    server = await startTestServer();
    const before = await fetch(`${server.server.url}/healthz`);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ ok: true, storage: [] });
    fs.rmSync(path.join(server.dataDir, `${DATABASE_FILE_NAME}-wal`));
    const after = await fetch(`${server.server.url}/healthz`);
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({
      ok: false,
      storage: [`${DATABASE_FILE_NAME}-wal is missing`],
    });
  });

  it('fails when the database file is gone', async () => {
    server = await startTestServer();
    fs.rmSync(path.join(server.dataDir, DATABASE_FILE_NAME));
    const res = await fetch(`${server.server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { storage: string[] }).storage).toContain(
      `${DATABASE_FILE_NAME} is missing`,
    );
  });
});
