import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendOrigin } from '../../server/store/DocStore';
import { PgDocStore } from '../../server/store/PgDocStore';
import { docStoreContract } from '../server/docStoreContract';
import {
  scaledServicesAvailable,
  TEST_DATABASE_URL,
  uniqueSchema,
} from '../helpers/scaledServices';

const available = await scaledServicesAvailable();
const schemas: string[] = [];

function newSchema(): string {
  const schema = uniqueSchema('papan_store');
  schemas.push(schema);
  return schema;
}

afterAll(async () => {
  if (!available || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

const ORIGIN: AppendOrigin = { kind: 'client', actor: 'participant:1' };

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

if (available) {
  let schema = newSchema();
  docStoreContract('PgDocStore on a real PostgreSQL', {
    create: async () => PgDocStore.open({ connectionString: TEST_DATABASE_URL, schema }),
    reopen: async (store) => {
      await store.close();
      return PgDocStore.open({ connectionString: TEST_DATABASE_URL, schema });
    },
    cleanup: async () => {
      schema = newSchema();
    },
  });
}

describe.skipIf(!available)('PgDocStore sequences and group commit', () => {
  it('gives one board a gapless sequence when two instances append at once', async () => {
    const schema = newSchema();
    const a = await PgDocStore.open({ connectionString: TEST_DATABASE_URL, schema });
    const b = await PgDocStore.open({ connectionString: TEST_DATABASE_URL, schema });
    try {
      const appends: Promise<number>[] = [];
      for (let i = 0; i < 100; i++) {
        const store = i % 2 === 0 ? a : b;
        appends.push(
          store.append('board-1', updateSetting(`k${i}`, String(i)), {
            kind: 'client',
            actor: `test-${i % 2}`,
          }),
        );
      }
      const seqs = await Promise.all(appends);
      expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(await a.head('board-1')).toBe(100);
      // Each instance's own appends keep their order.
      const fromA = seqs.filter((_, i) => i % 2 === 0);
      expect(fromA).toEqual([...fromA].sort((x, y) => x - y));
      const loaded = await b.load('board-1');
      const doc = new Y.Doc();
      for (const { update } of loaded?.updates ?? []) Y.applyUpdate(doc, update);
      expect(Object.keys(doc.getMap('cards').toJSON())).toHaveLength(100);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reads the log after a seq, to fill a gap a receiver noticed', async () => {
    const store = await PgDocStore.open({
      connectionString: TEST_DATABASE_URL,
      schema: newSchema(),
    });
    try {
      for (let i = 0; i < 5; i++)
        await store.append('board-1', updateSetting(`k${i}`, 'v'), ORIGIN);
      const tail = await store.readSince('board-1', 2);
      expect(tail.map((entry) => entry.seq)).toEqual([3, 4, 5]);
      expect(await store.readSince('board-1', 5)).toEqual([]);
      expect(await store.head('never-seen')).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('commits a burst to one board in fewer transactions than updates', async () => {
    const schema = newSchema();
    const store = await PgDocStore.open({
      connectionString: TEST_DATABASE_URL,
      schema,
      groupCommitMs: 5,
    });
    const probe = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await probe.connect();
    try {
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          store.append('busy', updateSetting(`k${i}`, 'v'), ORIGIN),
        ),
      );
      expect(await store.head('busy')).toBe(200);
      // Every row remembers the transaction that wrote it (xmin): 200 rows, a handful of commits.
      const result = await probe.query<{ commits: string }>(
        `SELECT COUNT(DISTINCT xmin::text) AS commits FROM ${schema}.doc_updates WHERE board_id = 'busy'`,
      );
      expect(Number(result.rows[0]?.commits)).toBeLessThan(20);
    } finally {
      await probe.end();
      await store.close();
    }
  });

  it('commits the appends of many boards together, each board still gapless and in order', async () => {
    const schema = newSchema();
    const store = await PgDocStore.open({
      connectionString: TEST_DATABASE_URL,
      schema,
      groupCommitMs: 5,
    });
    const probe = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await probe.connect();
    try {
      const boards = Array.from({ length: 20 }, (_, i) => `board-${i}`);
      const seqs = await Promise.all(
        boards.flatMap((board) =>
          Array.from({ length: 5 }, (_, i) =>
            store.append(board, updateSetting(`k${i}`, 'v'), ORIGIN),
          ),
        ),
      );
      // Each board's appends got 1..5 in call order.
      expect(seqs).toEqual(boards.flatMap(() => [1, 2, 3, 4, 5]));
      const result = await probe.query<{ commits: string }>(
        `SELECT COUNT(DISTINCT xmin::text) AS commits FROM ${schema}.doc_updates`,
      );
      // 100 rows of 20 boards: fewer transactions than boards.
      expect(Number(result.rows[0]?.commits)).toBeLessThan(boards.length);
    } finally {
      await probe.end();
      await store.close();
    }
  });

  it('still commits appends that were queued when close was called', async () => {
    const schema = newSchema();
    const store = await PgDocStore.open({
      connectionString: TEST_DATABASE_URL,
      schema,
      groupCommitMs: 50,
    });
    const pending = store.append('board-1', updateSetting('late', 'v'), ORIGIN);
    await store.close();
    expect(await pending).toBe(1);
    const reopened = await PgDocStore.open({ connectionString: TEST_DATABASE_URL, schema });
    expect((await reopened.load('board-1'))?.updates).toHaveLength(1);
    await reopened.close();
  });

  it('two instances compacting while both append lose nothing and never roll the snapshot back', async () => {
    const schema = newSchema();
    const a = await PgDocStore.open({ connectionString: TEST_DATABASE_URL, schema });
    const b = await PgDocStore.open({ connectionString: TEST_DATABASE_URL, schema });
    try {
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 120; i++) {
        const store = i % 2 === 0 ? a : b;
        work.push(store.append('board-1', updateSetting(`k${i}`, String(i)), ORIGIN));
        if (i % 15 === 7) work.push(a.compact('board-1'), b.compact('board-1'));
      }
      await Promise.all(work);
      const covered = [await a.compact('board-1'), await b.compact('board-1')];
      expect(covered).toEqual([120, 120]);
      const loaded = await b.load('board-1');
      expect(loaded?.snapshotSeq).toBe(120);
      const doc = new Y.Doc();
      if (loaded?.snapshot) Y.applyUpdate(doc, loaded.snapshot);
      expect(Object.keys(doc.getMap('cards').toJSON())).toHaveLength(120);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
