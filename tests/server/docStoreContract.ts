import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/store/DocStore';

/** A harness that makes a fresh store, and can reopen it to check what survived. */
export interface DocStoreHarness {
  create(): Promise<DocStore>;
  /** Closes `store` and opens the same storage again; null for stores that keep nothing. */
  reopen: ((store: DocStore) => Promise<DocStore>) | null;
  cleanup(): Promise<void>;
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

    it('returns appended updates in order with increasing seq numbers', async () => {
      const first = updateSetting('a', '1');
      const second = updateSetting('b', '2');
      const seq1 = await store.append('board-1', first);
      const seq2 = await store.append('board-1', second);
      expect(seq2).toBeGreaterThan(seq1);
      const loaded = await store.load('board-1');
      expect(loaded?.snapshot).toBeNull();
      expect(loaded?.updates.map((u) => u.seq)).toEqual([seq1, seq2]);
      expect(loaded?.updates.map((u) => [...u.update])).toEqual([[...first], [...second]]);
    });

    it('keeps boards apart', async () => {
      await store.append('board-a', updateSetting('a', '1'));
      expect(await store.load('board-b')).toBeNull();
      expect((await store.stats('board-b')).logEntries).toBe(0);
    });

    it('keeps what was appended even if the caller reuses its buffer', async () => {
      const buffer = updateSetting('a', '1');
      const original = [...buffer];
      await store.append('board-1', buffer);
      buffer.fill(0);
      const loaded = await store.load('board-1');
      expect([...(loaded?.updates[0]?.update ?? [])]).toEqual(original);
    });

    it('compaction replaces covered log entries with the snapshot and keeps later ones', async () => {
      const doc = new Y.Doc();
      const seqs: number[] = [];
      doc.on('update', (update: Uint8Array) => {
        void store.append('board-1', update).then((seq) => seqs.push(seq));
      });
      for (let i = 0; i < 10; i++) doc.getMap('cards').set(`k${i}`, i);
      await new Promise((resolve) => setTimeout(resolve, 10));
      const snapshot = Y.encodeStateAsUpdate(doc);
      const upTo = seqs.at(-1) ?? 0;
      const later = updateSetting('late', 'yes');
      const lateSeq = await store.append('board-1', later);
      const before = await store.stats('board-1');
      await store.compact('board-1', snapshot, upTo);
      const after = await store.stats('board-1');
      expect(before.logEntries).toBe(11);
      expect(after.logEntries).toBe(1);
      expect(after.snapshotBytes).toBe(snapshot.byteLength);
      expect(after.lastSeq).toBe(lateSeq);
      const loaded = await store.load('board-1');
      expect([...(loaded?.snapshot ?? [])]).toEqual([...snapshot]);
      expect(loaded?.updates.map((u) => u.seq)).toEqual([lateSeq]);
      const restored = new Y.Doc();
      if (loaded?.snapshot) Y.applyUpdate(restored, loaded.snapshot);
      for (const { update } of loaded?.updates ?? []) Y.applyUpdate(restored, update);
      expect(restored.getMap('cards').toJSON()).toEqual({
        ...doc.getMap('cards').toJSON(),
        late: 'yes',
      });
    });

    it('an older compaction finishing late does not roll the snapshot back', async () => {
      const seq1 = await store.append('board-1', updateSetting('a', '1'));
      const seq2 = await store.append('board-1', updateSetting('b', '2'));
      const newer = updateSetting('newer', 'snapshot');
      await store.compact('board-1', newer, seq2);
      await store.compact('board-1', updateSetting('older', 'snapshot'), seq1);
      const loaded = await store.load('board-1');
      expect([...(loaded?.snapshot ?? [])]).toEqual([...newer]);
      expect(loaded?.updates).toEqual([]);
    });

    it('a board with only a snapshot loads with an empty log', async () => {
      const seq = await store.append('board-1', updateSetting('a', '1'));
      await store.compact('board-1', updateSetting('a', '1'), seq);
      const loaded = await store.load('board-1');
      expect(loaded?.snapshot).not.toBeNull();
      expect(loaded?.updates).toEqual([]);
      expect((await store.stats('board-1')).lastSeq).toBe(seq);
    });

    it('seq numbers keep increasing after compaction', async () => {
      const seq1 = await store.append('board-1', updateSetting('a', '1'));
      await store.compact('board-1', updateSetting('a', '1'), seq1);
      const seq2 = await store.append('board-1', updateSetting('b', '2'));
      expect(seq2).toBeGreaterThan(seq1);
    });

    it('rejects calls after close', async () => {
      await store.close();
      await expect(store.append('board-1', updateSetting('a', '1'))).rejects.toThrow(/closed/);
      store = await harness.create();
    });

    const reopen = harness.reopen;
    // Only stores that persist anything can be reopened.
    if (reopen) {
      it('keeps appended updates and snapshots across a reopen', async () => {
        const seq = await store.append('board-1', updateSetting('a', '1'));
        await store.compact('board-1', updateSetting('a', '1'), seq);
        await store.append('board-1', updateSetting('b', '2'));
        store = await reopen(store);
        const loaded = await store.load('board-1');
        expect(loaded?.snapshot).not.toBeNull();
        expect(loaded?.updates).toHaveLength(1);
      });
    }
  });
}
