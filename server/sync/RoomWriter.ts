import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { ControlState } from '../../shared/control';
import { CLOSE_CODES, type RefusalReason } from '../../shared/protocol';
import type { ShapeLimits } from '../../shared/board/checkUpdateShape';
import type { Metrics } from '../metrics/Metrics';
import type { RoomDocument } from './RoomDocument';
import type { CommittedWrite } from './RoomHooks';
import { updateEffect } from './updateEffect';
import { checkDoor, checkHeader, type DoorRefusal } from './write/checkDoor';
import { checkWrite, type RuleRevert } from './write/checkWrite';
import type { MapKey, WriteRule } from './write/WriteRule';
import { serverOrigin, toAppendOrigin, type WriteOrigin, type WriterSocket } from './writeOrigin';

interface PreviousValue extends MapKey {
  value: unknown;
  rule: string;
  brokenAfter?: (doc: Y.Doc, key: MapKey) => boolean;
}

export interface RoomWriterOptions {
  boardId: string;
  state: RoomDocument;
  logger: Logger;
  metrics: Metrics;
  /** Checked in order before anything is stored (see checkWrite). */
  rules: readonly WriteRule[];
  /** A client's update past one of these is refused at the door and its socket closed. */
  shapeLimits: ShapeLimits;
  /** False while the disk is nearly full: client writes are refused (4507) before storing. */
  acceptsWrites(): boolean;
  control(): ControlState;
  /** Sends a committed update to the room's clients (all but the one it came from). */
  deliver(update: Uint8Array, origin: WriteOrigin): void;
  /** Tells a client its update was refused or partly put back. */
  tellRefused(socket: WriterSocket, reason: RefusalReason): void;
  afterCommit(write: CommittedWrite): void;
  /**
   * The store refused a batch: the live document now holds accepted updates that are not stored
   * and never will be. The room must close its sockets and be loaded again from the store.
   */
  storeFailed(error: unknown): void;
}

/**
 * Writes staged in one pass are appended together: one transaction (one PostgreSQL group commit)
 * instead of one round trip each. The bound keeps one commit's size and a joiner's wait small.
 */
export const MAX_BATCH = 256;

type QueuedWrite =
  | { kind: 'client'; socket: WriterSocket; update: Uint8Array }
  | {
      kind: 'server';
      update: Uint8Array;
      origin: WriteOrigin;
      resolve(seq: number | null): void;
      reject(error: unknown): void;
    }
  /** Already in the live doc (code that mutated it directly): stored, then delivered. */
  | { kind: 'direct'; update: Uint8Array }
  /**
   * Runs when everything queued before it is committed (a sync reply to a joiner, a read);
   * `abort` (when given) is told if the writer fails first.
   */
  | { kind: 'barrier'; run(): void; abort?(error: unknown): void };

type Barrier = Extract<QueuedWrite, { kind: 'barrier' }>;

/** An accepted write, in the live doc and on its way to the store; nobody has seen it yet. */
interface StagedWrite {
  update: Uint8Array;
  origin: WriteOrigin;
  append: Promise<number>;
  /** After its commit and delivery: the client's notices, the caller's promise. */
  committed?(seq: number): void;
  failed?(error: unknown): void;
}

/**
 * The write pipeline of one room, for every origin (docs/ARCHITECTURE.md, "A room and its write
 * path"). Queued writes are taken in passes: each write is judged by the write rules against the
 * state the earlier ones leave, staged into the live document (and the keys a rule flagged put
 * back right after it), and appended to the store in order; the pass waits for the store once
 * (one transaction), then records, delivers and runs the afterCommit hooks in order. Until then
 * nobody sees a staged write: not the other sockets, not a joiner's sync reply (answered after
 * the commit), not the "saved" vector. When the store fails, nothing of the pass is delivered and
 * the room is dropped (`storeFailed`): its document holds what the store refused.
 */
export class RoomWriter {
  private readonly queue: QueuedWrite[] = [];
  private draining: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;
  /** The document's state vector before the pass in flight staged anything. */
  private committedVector: Uint8Array | null = null;

  constructor(private readonly options: RoomWriterOptions) {}

  /** Queues a client's update; refusals and store failures are answered on its socket. */
  writeFromClient(socket: WriterSocket, update: Uint8Array): void {
    this.enqueue({ kind: 'client', socket, update });
  }

  /**
   * Stores, applies and delivers an update from server code or a peer instance. Resolves with
   * its log position, or null when it changed nothing; rejects when a rule refuses it.
   */
  write(update: Uint8Array, origin: WriteOrigin): Promise<number | null> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (origin.kind === 'peer') return Promise.resolve(this.writeFromPeer(update, origin));
    return new Promise((resolve, reject) => {
      this.enqueue({ kind: 'server', update, origin, resolve, reject });
    });
  }

  /**
   * Runs `mutate` on a copy of the document and writes what it changed as `origin`. A copy,
   * because the live document may only change after the store has the update; the origin is
   * kept on the transaction of the copy and of the commit. Resolves with the log position.
   */
  async change(mutate: (doc: Y.Doc) => void, origin: WriteOrigin): Promise<number | null> {
    const scratch = new Y.Doc();
    try {
      Y.applyUpdate(scratch, this.options.state.fullState());
      const before = Y.encodeStateVector(scratch);
      scratch.transact(() => mutate(scratch), origin);
      return await this.write(Y.encodeStateAsUpdate(scratch, before), origin);
    } finally {
      scratch.destroy();
    }
  }

  /**
   * Safety net for code that mutates the room's doc directly instead of calling `change`: the
   * update is already applied, so it is stored and then delivered (clients only see stored data).
   */
  adoptDirectChange(update: Uint8Array): void {
    this.enqueue({ kind: 'direct', update });
  }

  /**
   * Runs `run` once every write queued so far is committed and delivered, while nothing
   * uncommitted is in the document: at once when the writer is idle. For sync replies and
   * server reads (`abort` is told instead when the store fails first).
   */
  whenCommitted(run: () => void, abort?: (error: unknown) => void): void {
    if (this.failure) abort?.(this.failure.error);
    else if (this.draining) this.enqueue({ kind: 'barrier', run, abort });
    else run();
  }

  /** The state vector of what is stored and delivered (staged writes excluded). */
  savedStateVector(): Uint8Array {
    return this.committedVector ?? Y.encodeStateVector(this.options.state.doc);
  }

  /** Resolves when every queued write is stored and applied. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private enqueue(write: QueuedWrite): void {
    if (this.failure) {
      // The room is being dropped; its sockets are closed, server callers are told.
      if (write.kind === 'server') write.reject(this.failure.error);
      if (write.kind === 'barrier') write.abort?.(this.failure.error);
      return;
    }
    this.queue.push(write);
    this.startDraining();
  }

  private startDraining(): void {
    if (this.draining) return;
    // From the next microtask, so the frames of one socket read go into one pass.
    this.draining = Promise.resolve()
      .then(() => this.drain())
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'write pass failed'))
      .finally(() => {
        this.draining = null;
        // Queued after the last pass looked, while its promise settled.
        if (this.queue.length > 0 && !this.failure) this.startDraining();
      });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      const pass = this.queue.splice(0, MAX_BATCH);
      const staged: StagedWrite[] = [];
      const afterCommit: Barrier[] = [];
      for (const write of pass) {
        try {
          this.stage(write, staged, afterCommit);
        } catch (error) {
          // A rule or hook that throws must not sink the writes staged around it.
          this.options.logger.error({ err: error }, 'staging a write failed');
          if (write.kind === 'server') write.reject(error);
        }
      }
      if (staged.length > 0 && !(await this.commit(staged, afterCommit))) return;
      this.committedVector = null;
      for (const barrier of afterCommit) barrier.run();
    }
  }

  /** Judges one queued write against the live doc and stages it (or answers it at once). */
  private stage(write: QueuedWrite, staged: StagedWrite[], afterCommit: Barrier[]): void {
    switch (write.kind) {
      case 'client':
        this.stageClientWrite(write.socket, write.update, staged);
        return;
      case 'server':
        this.stageServerWrite(write, staged);
        return;
      case 'direct':
        this.beforeStaging(staged);
        staged.push({
          update: write.update,
          origin: serverOrigin('system', 'direct-change'),
          append: this.append(write.update, serverOrigin('system', 'direct-change')),
        });
        return;
      case 'barrier':
        if (staged.length === 0) write.run();
        else afterCommit.push(write);
        return;
    }
  }

  private stageServerWrite(
    write: Extract<QueuedWrite, { kind: 'server' }>,
    staged: StagedWrite[],
  ): void {
    const { update, origin } = write;
    const effect = updateEffect(this.options.state.doc, update);
    if (effect === 'invalid') return write.reject(new Error('RoomWriter.write: not a Yjs update'));
    if (effect === 'redundant') return write.resolve(null);
    const decision = checkWrite(this.options.rules, this.checkInput(update, origin));
    if (decision.verdict === 'refuse') {
      return write.reject(
        new Error(`write to board ${this.options.boardId} refused: ${decision.reason}`),
      );
    }
    this.stageAccepted(update, origin, decision.verdict === 'revert' ? decision.reverts : [], {
      staged,
      committed: (seq) => write.resolve(seq),
      failed: (error) => write.reject(error),
    });
  }

  private stageClientWrite(socket: WriterSocket, update: Uint8Array, staged: StagedWrite[]): void {
    const { state } = this.options;
    const header = checkHeader(update, this.options.shapeLimits);
    if (header) return this.turnAway(socket, header);
    const effect = updateEffect(state.doc, update);
    if (effect === 'invalid') {
      this.options.logger.warn({ conn: socket.info.id }, 'undecodable document update');
      socket.close(CLOSE_CODES.malformedMessage, 'undecodable document update');
      return;
    }
    if (effect === 'redundant') return;
    if (!this.options.acceptsWrites()) {
      this.refused(socket, 'storage-full', 'storage');
      socket.close(CLOSE_CODES.storageFull, 'server disk nearly full, try again later');
      return;
    }
    if (!this.doorAllows(socket, update)) return;
    const origin: WriteOrigin = { kind: 'client', socket };
    const decision = checkWrite(this.options.rules, this.checkInput(update, origin));
    if (decision.verdict === 'refuse') {
      this.refused(socket, decision.reason, decision.rule, 'refuse');
      if (decision.close) socket.close(decision.close.code, decision.close.reason);
      return;
    }
    const reverts = decision.verdict === 'revert' ? decision.reverts : [];
    const broken = this.stageAccepted(update, origin, reverts, {
      staged,
      committed: () => {
        this.options.metrics.updatesIn++;
        const rules = new Set(broken.map(({ rule }) => rule));
        for (const revert of reverts) {
          if (rules.has(revert.rule)) this.refused(socket, revert.reason, revert.rule, 'revert');
        }
      },
    });
  }

  /**
   * Stages an accepted write: appended (in queue order), applied to the live doc, and the keys
   * a rule flagged put back right after it (judged now that it is applied), in the same pass.
   * Returns the entries put back.
   */
  private stageAccepted(
    update: Uint8Array,
    origin: WriteOrigin,
    reverts: readonly RuleRevert[],
    pass: {
      staged: StagedWrite[];
      committed?: (seq: number) => void;
      failed?: (error: unknown) => void;
    },
  ): PreviousValue[] {
    const { state } = this.options;
    const previous = this.valuesOf(reverts);
    this.beforeStaging(pass.staged);
    const append = this.append(update, origin);
    state.stage(update, origin);
    pass.staged.push({ update, origin, append, committed: pass.committed, failed: pass.failed });
    const broken = this.stillBroken(reverts, previous);
    this.stagePutBack(broken, pass.staged);
    return broken;
  }

  /** Before the first write of a pass changes the doc: what "saved" may still report. */
  private beforeStaging(staged: StagedWrite[]): void {
    if (staged.length === 0) this.committedVector = Y.encodeStateVector(this.options.state.doc);
    this.options.state.uncommitted++;
  }

  /**
   * Waits for the store to commit the pass, then records, delivers and runs the hooks in order.
   * False when the store failed: nothing is delivered, the barriers waiting on the pass are
   * aborted, and the room is dropped.
   */
  private async commit(staged: StagedWrite[], barriers: Barrier[]): Promise<boolean> {
    const { state, metrics } = this.options;
    const started = performance.now();
    const results = await Promise.allSettled(staged.map((write) => write.append));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
      this.fail(failed.reason, staged, barriers);
      return false;
    }
    const seconds = (performance.now() - started) / 1000;
    results.forEach((result, index) => {
      const write = staged[index];
      if (!write || result.status !== 'fulfilled') return;
      metrics.observeAppend(seconds);
      state.uncommitted--;
      state.recordApplied(write.update, result.value);
      this.delivered(write.update, result.value, write.origin);
      write.committed?.(result.value);
    });
    return true;
  }

  /**
   * The store refused (part of) a pass. The live document holds staged writes that are not
   * stored, and Yjs cannot take them out: nothing of the pass is delivered, every caller is told,
   * and the room drops this document (its clients keep their changes and resend them).
   */
  private fail(error: unknown, staged: StagedWrite[], barriers: Barrier[]): void {
    this.failure = { error };
    this.options.logger.error({ err: error, writes: staged.length }, 'store append failed');
    for (const write of staged) write.failed?.(error);
    for (const barrier of barriers) barrier.abort?.(error);
    for (const write of this.queue.splice(0)) {
      if (write.kind === 'server') write.reject(error);
      if (write.kind === 'barrier') write.abort?.(error);
    }
    this.options.storeFailed(error);
  }

  /** A peer's write is already stored and was checked by the instance that took it. */
  private writeFromPeer(
    update: Uint8Array,
    origin: Extract<WriteOrigin, { kind: 'peer' }>,
  ): number | null {
    const { state } = this.options;
    const effect = updateEffect(state.doc, update);
    if (effect === 'invalid') throw new Error('RoomWriter.write: not a Yjs update');
    if (effect === 'redundant') return null;
    // Committed already, so it need not wait for a pass in flight: refusing or holding it here
    // would only leave this instance's document behind the log. Staged writes after it are
    // judged with it applied, like any write before them.
    state.stage(update, origin);
    state.recordApplied(update, origin.seq);
    this.delivered(update, origin.seq, origin);
    return origin.seq;
  }

  /**
   * The door (see checkDoor): a client update past a shape limit, or forging the room's own
   * client id, is refused before anything is stored and its socket closed.
   */
  private doorAllows(socket: WriterSocket, update: Uint8Array): boolean {
    const refusal = checkDoor(this.options.state.doc, update, this.options.shapeLimits);
    if (refusal) this.turnAway(socket, refusal);
    return refusal === null;
  }

  private turnAway(socket: WriterSocket, refusal: DoorRefusal): void {
    if (refusal.reason) {
      const { id, role, subject } = socket.info;
      if (refusal.detail) {
        this.options.logger.warn(
          { conn: id, role, name: subject, violation: refusal.detail },
          'update past a shape limit',
        );
      }
      this.refused(socket, refusal.reason, refusal.rule, 'refuse');
    }
    socket.close(refusal.close.code, refusal.close.reason);
  }

  /** What the keys to put back hold before the write (a shared type as a detached copy). */
  private valuesOf(reverts: readonly RuleRevert[]): PreviousValue[] {
    return reverts.flatMap(({ keys, rule, brokenAfter }) =>
      keys.map(({ map, key }) => {
        const value: unknown = this.options.state.doc.getMap(map).get(key);
        return { map, key, value: detachedCopy(value), rule, brokenAfter };
      }),
    );
  }

  /** The keys to put back, now that the write (and what it released) is applied. */
  private stillBroken(reverts: readonly RuleRevert[], previous: PreviousValue[]): PreviousValue[] {
    if (reverts.length === 0) return [];
    const { doc } = this.options.state;
    return previous.filter((entry) => !entry.brokenAfter || entry.brokenAfter(doc, entry));
  }

  /**
   * Puts back what a write changed against the rules: a targeted change of just those keys on
   * the live doc (never a copy of the document: a copy per forged vote once ran the server out
   * of memory), staged right after the write it corrects, so both commit in the same pass.
   */
  private stagePutBack(previous: PreviousValue[], staged: StagedWrite[]): void {
    if (previous.length === 0) return;
    const { state } = this.options;
    const origin = serverOrigin('system', 'write-rules');
    const update = state.changeInPlace((doc) => {
      for (const { map, key, value } of previous) {
        if (value === undefined) doc.getMap(map).delete(key);
        else doc.getMap(map).set(key, value);
      }
    }, origin);
    if (!update) return;
    this.beforeStaging(staged);
    staged.push({ update, origin, append: this.append(update, origin) });
  }

  private checkInput(update: Uint8Array, who: WriteOrigin) {
    const { state, control } = this.options;
    return {
      doc: state.doc,
      update,
      who,
      control: control(),
      wouldExceed: (maxBytes: number) => state.wouldExceed(update, maxBytes),
    };
  }

  private append(update: Uint8Array, origin: WriteOrigin): Promise<number> {
    return this.options.state.append(update, toAppendOrigin(origin));
  }

  private delivered(update: Uint8Array, seq: number, origin: WriteOrigin): void {
    this.options.deliver(update, origin);
    this.options.afterCommit({ boardId: this.options.boardId, update, seq, origin });
  }

  private refused(
    socket: WriterSocket,
    reason: RefusalReason,
    rule: string,
    verdict: 'refuse' | 'revert' = 'refuse',
  ): void {
    const { metrics, logger } = this.options;
    metrics.countRefused(reason);
    metrics.countRuleVerdict(rule, verdict);
    const { id, role, subject } = socket.info;
    // Expected refusals (a locked board, a read-only token) are routine; the rest are hostile.
    const level = rule === 'lock' || rule === 'read-only' ? 'debug' : 'warn';
    logger[level]({ reason, rule, verdict, conn: id, role, name: subject }, 'write refused');
    this.options.tellRefused(socket, reason);
  }
}

/** A value to put back later: a shared type as a detached copy (none if it cannot be copied). */
function detachedCopy(value: unknown): unknown {
  if (!(value instanceof Y.AbstractType)) return value;
  try {
    return value.clone();
  } catch {
    // A nest stored before the shape limits existed: putting back removes it instead.
    return undefined;
  }
}
