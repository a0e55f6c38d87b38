import { describe, expect, it } from 'vitest';
import type { StoredUpdate } from '../../server/store/DocStore';
import { BoardLogFollower, type CommittedLog } from '../../server/scale/BoardLogFollower';

/** A committed log in memory: what PostgreSQL holds for one board. */
function memoryLog(count: number): CommittedLog & { entries: StoredUpdate[]; reads: number } {
  const entries = Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    update: Uint8Array.of(i + 1),
  }));
  return {
    entries,
    reads: 0,
    async readSince(_boardId, afterSeq) {
      this.reads++;
      return this.entries.filter((entry) => entry.seq > afterSeq);
    },
    async head() {
      return this.entries.length;
    },
  };
}

function follower(log: CommittedLog, startSeq = 0) {
  const applied: number[] = [];
  const errors: unknown[] = [];
  const f = new BoardLogFollower(
    'board-1',
    startSeq,
    log,
    (_update, seq) => applied.push(seq),
    (error) => errors.push(error),
  );
  return { f, applied, errors };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('BoardLogFollower', () => {
  it('applies messages in sequence and drops duplicates', () => {
    const { f, applied } = follower(memoryLog(3));
    f.receive(1, Uint8Array.of(1));
    f.receive(1, Uint8Array.of(1));
    f.receive(2, Uint8Array.of(2));
    expect(applied).toEqual([1, 2]);
    expect(f.seq).toBe(2);
  });

  it('fills a gap from the log when a message was lost, and applies each seq once', async () => {
    const log = memoryLog(5);
    const { f, applied } = follower(log);
    f.receive(1, Uint8Array.of(1));
    f.receive(4, Uint8Array.of(4)); // 2 and 3 were lost
    f.receive(5, Uint8Array.of(5));
    await flush();
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(log.reads).toBeGreaterThan(0);
  });

  it('puts reordered messages back in order', () => {
    const log = memoryLog(3);
    const { f, applied } = follower(log);
    f.receive(2, Uint8Array.of(2));
    f.receive(1, Uint8Array.of(1));
    f.receive(3, Uint8Array.of(3));
    expect(applied).toEqual([1, 2, 3]);
  });

  it('finds a lost last message by checking the head', async () => {
    const { f, applied } = follower(memoryLog(3));
    f.receive(1, Uint8Array.of(1));
    f.receive(2, Uint8Array.of(2));
    await f.checkHead();
    expect(applied).toEqual([1, 2, 3]);
  });

  it('skips its own commits and the echo of them', async () => {
    const { f, applied } = follower(memoryLog(2));
    f.markApplied(1);
    f.receive(1, Uint8Array.of(1));
    f.receive(2, Uint8Array.of(2));
    expect(applied).toEqual([2]);
  });

  it('starts after a loaded snapshot and tail, dropping what is already applied', () => {
    const { f, applied } = follower(memoryLog(10), 7);
    f.receive(6, Uint8Array.of(6));
    f.receive(8, Uint8Array.of(8));
    expect(applied).toEqual([8]);
  });

  it('reports a log that cannot be read instead of throwing into the socket handler', async () => {
    const failing: CommittedLog = {
      readSince: () => Promise.reject(new Error('database down')),
      head: () => Promise.resolve(3),
    };
    const { f, applied, errors } = follower(failing);
    f.receive(3, Uint8Array.of(3));
    await flush();
    expect(applied).toEqual([]);
    expect(String(errors[0])).toMatch(/database down/);
  });

  it('takes the snapshot when the entries it lacks were compacted away, then the tail', async () => {
    // Another instance compacted seqs 1..6 into a snapshot while this one heard nothing.
    const tail = [7, 8].map((seq) => ({ seq, update: Uint8Array.of(seq) }));
    const compacted: CommittedLog = {
      readSince: async (_board, afterSeq) => tail.filter((entry) => entry.seq > afterSeq),
      head: async () => 8,
      load: async () => ({ snapshot: Uint8Array.of(99), snapshotSeq: 6, updates: tail }),
    };
    const { f, applied } = follower(compacted, 2);
    await f.checkHead();
    expect(applied).toEqual([6, 7, 8]);
    expect(f.seq).toBe(8);
  });
});
