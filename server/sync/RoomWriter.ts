import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { ControlState } from '../../shared/control';
import { CLOSE_CODES, type RefusalReason } from '../../shared/protocol';
import type { Metrics } from '../metrics/Metrics';
import { StoreUnavailableError } from '../store/DocStore';
import type { RoomDocument } from './RoomDocument';
import type { CommittedWrite } from './RoomHooks';
import { updateEffect } from './updateEffect';
import { checkWrite } from './write/checkWrite';
import type { MapKey, WriteRule } from './write/WriteRule';
import { serverOrigin, toAppendOrigin, type WriteOrigin, type WriterSocket } from './writeOrigin';

interface PreviousValue extends MapKey {
  value: unknown;
}

export interface RoomWriterOptions {
  boardId: string;
  state: RoomDocument;
  logger: Logger;
  metrics: Metrics;
  /** Checked in order before anything is stored (see checkWrite). */
  rules: readonly WriteRule[];
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
      const previous = decision.verdict === 'revert' ? this.valuesOf(decision.reverts) : [];
      const seq = await this.append(update, origin);
      this.commit(update, seq, origin);
      if (previous.length > 0) this.putBack(previous);
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
    const effect = updateEffect(state.doc, update);
    if (effect === 'invalid') {
      this.options.logger.warn({ conn: socket.info.id }, 'undecodable document update');
      socket.close(CLOSE_CODES.malformedMessage, 'undecodable document update');
      return;
    }
    if (effect === 'redundant') return;
    const origin: WriteOrigin = { kind: 'client', socket };
    const decision = checkWrite(this.options.rules, this.checkInput(update, origin));
    if (decision.verdict === 'refuse') {
      this.refused(socket, decision.reason);
      if (decision.close) socket.close(decision.close.code, decision.close.reason);
      return;
    }
    const previous = decision.verdict === 'revert' ? this.valuesOf(decision.reverts) : [];
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
    if (decision.verdict === 'revert') {
      for (const { reason } of decision.reverts) this.refused(socket, reason);
      this.putBack(previous);
    }
  }

  /** What the keys to put back hold before the write (a shared type as a detached copy). */
  private valuesOf(reverts: readonly { keys: readonly MapKey[] }[]): PreviousValue[] {
    return reverts.flatMap(({ keys }) =>
      keys.map(({ map, key }) => {
        const value: unknown = this.options.state.doc.getMap(map).get(key);
        return { map, key, value: value instanceof Y.AbstractType ? value.clone() : value };
      }),
    );
  }

  /** Puts back what a write changed against the rules, as a server write queued right after it. */
  private putBack(previous: PreviousValue[]): void {
    this.change(
      (doc) => {
        for (const { map, key, value } of previous) {
          if (value === undefined) doc.getMap(map).delete(key);
          else doc.getMap(map).set(key, value);
        }
      },
      serverOrigin('system', 'write-rules'),
    ).catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'putting back refused entries failed'),
    );
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

  private refused(socket: WriterSocket, reason: RefusalReason): void {
    this.options.metrics.countRefused(reason);
    this.options.logger.debug({ reason, conn: socket.info.id }, 'update refused');
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
