import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendOrigin, DocStore, StoredDoc } from '../../server/store/DocStore';

/** A harness that makes a fresh store, and can reopen it to check what survived. */
export interface DocStoreHarness {
  create(): Promise<DocStore>;
  /** Closes `store` and opens the same storage again; null for stores that keep nothing. */
  reopen: ((store: DocStore) => Promise<DocStore>) | null;
  cleanup(): Promise<void>;
}

const CLIENT: AppendOrigin = { kind: 'client', actor: 'participant:1' };
const SERVER: AppendOrigin = { kind: 'server', actor: 'merge' };
const PEER: AppendOrigin = { kind: 'peer', actor: 'instance-b' };

function docOf(stored: StoredDoc | null): Y.Doc {
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** The behaviour every DocStore must have; run it against each implementation. */
export function docStoreContract(name: string, harness: DocStoreHarness): void {
  describe(`${name} (DocStore contract)`, () => {
    let store: DocStore;

    beforeEach(async () => {
      store = await harness.create();
    });
    afterEach(async () => {
      await store.close();
      await harness.cleanup();
    });

    it('returns null for a board that was never stored', async () => {
      expect(await store.load('never-seen')).toBeNull();
    });

    it('returns appended updates in order with seq numbers increasing within the board', async () => {
      const first = updateSetting('a', '1');
      const second = updateSetting('b', '2');
      const seq1 = await store.append('board-1', first, CLIENT);
      const seq2 = await store.append('board-1', second, CLIENT);
      expect(seq2).toBeGreaterThan(seq1);
      const loaded = await store.load('board-1');
      expect(loaded?.snapshot).toBeNull();
      expect(loaded?.updates.map((u) => u.seq)).toEqual([seq1, seq2]);
      expect(loaded?.updates.map((u) => [...u.update])).toEqual([[...first], [...second]]);
    });

    it('keeps boards apart', async () => {
      await store.append('board-a', updateSetting('a', '1'), CLIENT);
      expect(await store.load('board-b')).toBeNull();
      expect((await store.stats('board-b')).logEntries).toBe(0);
    });

    it('keeps what was appended even if the caller reuses its buffer', async () => {
      const buffer = updateSetting('a', '1');
      const original = [...buffer];
      await store.append('board-1', buffer, CLIENT);
      buffer.fill(0);
      const loaded = await store.load('board-1');
      expect([...(loaded?.updates[0]?.update ?? [])]).toEqual(original);
    });

    it('compacts by itself: the snapshot holds every entry, and entries appended later stay', async () => {
      const doc = new Y.Doc();
      const seqs: Promise<number>[] = [];
      doc.on('update', (update: Uint8Array) => {
        seqs.push(store.append('board-1', update, CLIENT));
      });
      for (let i = 0; i < 10; i++) doc.getMap('cards').set(`k${i}`, i);
      const upTo = (await Promise.all(seqs)).at(-1) ?? 0;
      const before = await store.stats('board-1');
      expect(await store.compact('board-1')).toBe(upTo);
      const lateSeq = await store.append('board-1', updateSetting('late', 'yes'), SERVER);
      const after = await store.stats('board-1');
      expect(before.logEntries).toBe(10);
      expect(after.logEntries).toBe(1);
      expect(after.snapshotBytes).toBeGreaterThan(0);
      expect(after.lastSeq).toBe(lateSeq);
      const loaded = await store.load('board-1');
      expect(loaded?.updates.map((u) => u.seq)).toEqual([lateSeq]);
      expect(docOf(loaded).getMap('cards').toJSON()).toEqual({
        ...doc.getMap('cards').toJSON(),
        late: 'yes',
      });
    });

    it('compacting twice, or a board never stored, changes nothing and loses nothing', async () => {
      expect(await store.compact('never-seen')).toBe(0);
      expect(await store.load('never-seen')).toBeNull();
      const seq = await store.append('board-1', updateSetting('a', '1'), CLIENT);
      expect(await store.compact('board-1')).toBe(seq);
      expect(await store.compact('board-1')).toBe(seq);
      const loaded = await store.load('board-1');
      expect(loaded?.updates).toEqual([]);
      expect(docOf(loaded).getMap('cards').toJSON()).toEqual({ a: '1' });
    });

    it('uses a sole writer state only when the log ends where that state does', async () => {
      const seq1 = await store.append('board-1', updateSetting('a', '1'), CLIENT);
      const stale = { state: updateSetting('a', '1'), upToSeq: seq1 };
      await store.append('board-1', updateSetting('b', '2'), CLIENT);
      // The log moved on past the hint (another writer): the store merges it all itself.
      await store.compact('board-1', stale);
      expect(
        docOf(await store.load('board-1'))
          .getMap('cards')
          .toJSON(),
      ).toEqual({
        a: '1',
        b: '2',
      });
      const seq3 = await store.append('board-1', updateSetting('c', '3'), CLIENT);
      const writer = docOf(await store.load('board-1'));
      const hint = { state: Y.encodeStateAsUpdate(writer), upToSeq: seq3 };
      expect(await store.compact('board-1', hint)).toBe(seq3);
      const loaded = await store.load('board-1');
      expect([...(loaded?.snapshot ?? [])]).toEqual([...hint.state]);
      expect(docOf(loaded).getMap('cards').toJSON()).toEqual({ a: '1', b: '2', c: '3' });
    });

    it('a board with only a snapshot loads with an empty log', async () => {
      const seq = await store.append('board-1', updateSetting('a', '1'), CLIENT);
      await store.compact('board-1');
      const loaded = await store.load('board-1');
      expect(loaded?.snapshot).not.toBeNull();
      expect(loaded?.updates).toEqual([]);
      expect((await store.stats('board-1')).lastSeq).toBe(seq);
    });

    it('seq numbers keep increasing after compaction', async () => {
      const seq1 = await store.append('board-1', updateSetting('a', '1'), CLIENT);
      await store.compact('board-1');
      const seq2 = await store.append('board-1', updateSetting('b', '2'), PEER);
      expect(seq2).toBeGreaterThan(seq1);
    });

    it('a restore point is the full state at a log position, with who, why and counts', async () => {
      await store.append('board-1', updateSetting('a', '1'), CLIENT);
      await store.compact('board-1');
      const seq = await store.append('board-1', updateSetting('b', '2'), CLIENT);
      const info = await store.createRestorePoint('board-1', {
        actor: 'moderator:sari',
        reason: 'before merge',
      });
      expect(info).toMatchObject({
        boardId: 'board-1',
        upToSeq: seq,
        actor: 'moderator:sari',
        reason: 'before merge',
        counts: { cards: 2 },
      });
      expect(info.createdAt).toBeGreaterThan(0);
      await store.append('board-1', updateSetting('c', '3'), CLIENT);
      await store.compact('board-1');
      const point = await store.readRestorePoint('board-1', info.id);
      expect(point?.info).toEqual(info);
      expect(point?.state.byteLength).toBe(info.bytes);
      const restored = new Y.Doc();
      Y.applyUpdate(restored, point?.state ?? new Uint8Array());
      expect(restored.getMap('cards').toJSON()).toEqual({ a: '1', b: '2' });
    });

    it('lists restore points newest first, per board, and deletes only those asked for', async () => {
      await store.append('board-1', updateSetting('a', '1'), CLIENT);
      const first = await store.createRestorePoint('board-1', { actor: 'x', reason: 'one' });
      const second = await store.createRestorePoint('board-1', { actor: 'x', reason: 'two' });
      const other = await store.createRestorePoint('board-2', { actor: 'x', reason: 'empty' });
      expect(other.counts).toEqual({});
      expect((await store.listRestorePoints('board-1')).map((p) => p.id)).toEqual([
        second.id,
        first.id,
      ]);
      expect(await store.readRestorePoint('board-1', other.id)).toBeNull();
      expect(await store.deleteRestorePoints('board-1', [first.id, other.id])).toBe(1);
      expect((await store.listRestorePoints('board-1')).map((p) => p.id)).toEqual([second.id]);
      expect((await store.listRestorePoints('board-2')).map((p) => p.id)).toEqual([other.id]);
    });

    it('adds a given state as a restore point, with its time, and lists it with the others', async () => {
      if (!store.addRestorePoint) return; // optional until every store has it
      await store.append('board-1', updateSetting('a', '1'), CLIENT);
      const given = new Y.Doc();
      given.getMap('cards').set('x', 'taken before a write');
      given.getMap('cards').set('y', 'too');
      const info = await store.addRestorePoint(
        'board-1',
        { actor: 'participant:ani', reason: 'mass-deletion: 2' },
        { state: Y.encodeStateAsUpdate(given), upToSeq: 7, createdAt: 1_700_000_000_000 },
      );
      expect(info).toMatchObject({
        boardId: 'board-1',
        upToSeq: 7,
        createdAt: 1_700_000_000_000,
        actor: 'participant:ani',
        counts: { cards: 2 },
      });
      const point = await store.readRestorePoint('board-1', info.id);
      const read = new Y.Doc();
      Y.applyUpdate(read, point?.state ?? new Uint8Array());
      expect(read.getMap('cards').toJSON()).toEqual({ x: 'taken before a write', y: 'too' });
      expect((await store.listRestorePoints('board-1')).map((p) => p.id)).toEqual([info.id]);
      // The board's own log is untouched.
      const loaded = await store.load('board-1');
      expect(loaded?.updates).toHaveLength(1);
    });

    it('rejects calls after close', async () => {
      await store.close();
      await expect(store.append('board-1', updateSetting('a', '1'), CLIENT)).rejects.toThrow(
        /closed/,
      );
      store = await harness.create();
    });

    const reopen = harness.reopen;
    // Only stores that persist anything can be reopened.
    if (reopen) {
      it('keeps appended updates and snapshots across a reopen', async () => {
        await store.append('board-1', updateSetting('a', '1'), CLIENT);
        await store.compact('board-1');
        await store.append('board-1', updateSetting('b', '2'), CLIENT);
        const point = await store.createRestorePoint('board-1', { actor: 'x', reason: 'kept' });
        store = await reopen(store);
        const loaded = await store.load('board-1');
        expect(loaded?.snapshot).not.toBeNull();
        expect(loaded?.updates).toHaveLength(1);
        expect(await store.listRestorePoints('board-1')).toEqual([point]);
      });
    }
  });
}
