import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { ControlState } from '../../shared/control';
import { CLOSE_CODES, type RefusalReason } from '../../shared/protocol';
import type { ShapeLimits } from '../../shared/board/checkUpdateShape';
import type { Metrics } from '../metrics/Metrics';
import { StoreUnavailableError } from '../store/DocStore';
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
}

/**
 * The write pipeline of one room: one write at a time, each checked by the write rules, appended
 * to the store with its origin, then applied and delivered. Nothing anyone sees was not stored.
 */
export class RoomWriter {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RoomWriterOptions) {}

  /** Queues a client's update; refusals and store failures are answered on its socket. */
  writeFromClient(socket: WriterSocket, update: Uint8Array): void {
    this.enqueue(() => this.clientWrite(socket, update)).catch((error: unknown) =>
      this.options.logger.error({ err: error, conn: socket.info.id }, 'update failed'),
    );
  }

  /**
   * Stores, applies and delivers an update from server code or a peer instance. Resolves with
   * its log position, or null when it changed nothing; rejects when a rule refuses it.
   */
  write(update: Uint8Array, origin: WriteOrigin): Promise<number | null> {
    return this.enqueue(async () => {
      const { state } = this.options;
      const effect = updateEffect(state.doc, update);
      if (effect === 'invalid') throw new Error('RoomWriter.write: not a Yjs update');
      if (effect === 'redundant') return null;
      // A peer's write is already stored and was checked by the instance that took it: refusing
      // it here would leave this instance's document behind the log.
      if (origin.kind === 'peer') {
        this.commit(update, origin.seq, origin);
        return origin.seq;
      }
      const decision = checkWrite(this.options.rules, this.checkInput(update, origin));
      if (decision.verdict === 'refuse') {
        throw new Error(`write to board ${this.options.boardId} refused: ${decision.reason}`);
      }
      const reverts = decision.verdict === 'revert' ? decision.reverts : [];
      const previous = this.valuesOf(reverts);
      const seq = await this.append(update, origin);
      this.commit(update, seq, origin);
      await this.putBack(this.stillBroken(reverts, previous));
      return seq;
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
    const origin = serverOrigin('system', 'direct-change');
    this.enqueue(async () => {
      const seq = await this.append(update, origin);
      this.options.state.recordApplied(update, seq);
      this.delivered(update, seq, origin);
    }).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'direct change could not be stored');
    });
  }

  /** Resolves when every queued write is stored and applied. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private async clientWrite(socket: WriterSocket, update: Uint8Array): Promise<void> {
    const { state, metrics } = this.options;
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
    const previous = this.valuesOf(reverts);
    const started = performance.now();
    let seq: number;
    try {
      seq = await this.append(update, origin);
    } catch (error) {
      // Not applied, not delivered: the client still holds the change and resends it on reconnect.
      this.options.logger.error({ err: error, conn: socket.info.id }, 'store append failed');
      if (error instanceof StoreUnavailableError) {
        socket.close(CLOSE_CODES.storeUnavailable, 'database unavailable, keep your changes');
      } else {
        socket.close(CLOSE_CODES.storeFailed, 'could not save, reconnect');
      }
      return;
    }
    metrics.observeAppend((performance.now() - started) / 1000);
    metrics.updatesIn++;
    this.commit(update, seq, origin);
    const broken = this.stillBroken(reverts, previous);
    const rules = new Set(broken.map(({ rule }) => rule));
    for (const revert of reverts) {
      if (rules.has(revert.rule)) this.refused(socket, revert.reason, revert.rule, 'revert');
    }
    await this.putBack(broken);
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
   * of memory), stored before anyone is sent it. Runs inside the write queue, right after the
   * write it corrects.
   */
  private async putBack(previous: PreviousValue[]): Promise<void> {
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
    try {
      const seq = await this.append(update, origin);
      state.recordApplied(update, seq);
      this.delivered(update, seq, origin);
    } catch (error) {
      // Applied but not stored: the next write or compaction of this board stores the state.
      this.options.logger.error({ err: error }, 'putting back refused entries failed');
    }
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

  /** Applies a stored update and delivers it. */
  private commit(update: Uint8Array, seq: number, origin: WriteOrigin): void {
    this.options.state.apply(update, seq, origin);
    this.delivered(update, seq, origin);
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

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    // The queue itself never rejects, so one failed task does not block the next.
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
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
