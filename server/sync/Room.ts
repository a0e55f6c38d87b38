import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  encodePapanMessage,
  type PapanClientMessage,
  type PapanServerMessage,
} from '../../shared/protocol';
import type { ServerLimits } from '../config';
import type { Metrics } from '../metrics/Metrics';
import type { DocStore } from '../store/DocStore';
import { AwarenessRelay } from './AwarenessRelay';
import type { Connection, ConnectionInfo } from './Connection';
import { RoomDocument } from './RoomDocument';
import { defaultRoomControl, mergeRoomControl, type RoomControl } from './roomControl';
import {
  MalformedMessageError,
  encodeSyncStep1,
  encodeUpdateMessage,
  parseIncomingMessage,
} from './syncMessages';
import { updateEffect } from './updateEffect';
import { findVoteViolations, type VoteViolation } from './voteGuard';

/** Close code when the store refused an append: the client keeps its change and retries. */
const STORE_FAILED = 1011;

export interface RoomOptions {
  store: DocStore;
  logger: Logger;
  metrics: Metrics;
  limits: ServerLimits;
  /** Appended updates after which the log is compacted into a snapshot. */
  compactEvery: number;
  /** Presence and "saved" notifications are coalesced into one message per tick. */
  tickMs?: number;
}

/** What a room tells its listeners (the registry, later the moderator console). */
export type RoomEvent =
  | { kind: 'doc'; origin: 'client' | 'server' }
  | { kind: 'control'; control: RoomControl }
  | { kind: 'connections'; count: number }
  | { kind: 'papan'; message: PapanClientMessage; from: ConnectionInfo };

type Refusal = 'locked' | 'read-only' | 'document-too-large' | 'vote';

/**
 * One loaded board: its Y.Doc, presence, sockets and server-side control state. Every accepted
 * update is appended to the store before it is applied or sent to anyone, one at a time.
 */
export class Room {
  readonly awareness;
  private readonly connections = new Set<Connection>();
  private readonly listeners = new Set<(event: RoomEvent) => void>();
  private readonly relay: AwarenessRelay;
  private currentControl = defaultRoomControl();
  private queue: Promise<void> = Promise.resolve();
  private savedTimer: NodeJS.Timeout | null = null;
  private closing = false;
  private readonly tickMs: number;

  private constructor(
    readonly boardId: string,
    private readonly state: RoomDocument,
    private readonly options: RoomOptions,
  ) {
    this.tickMs = options.tickMs ?? 100;
    this.relay = new AwarenessRelay(state.doc, {
      tickMs: this.tickMs,
      limits: options.limits,
      metrics: options.metrics,
      logger: options.logger,
      broadcast: (message) => {
        for (const connection of this.connections) connection.send(message, true);
      },
    });
    this.awareness = this.relay.awareness;
    state.doc.on('update', (update: Uint8Array) => {
      if (!state.applying && !this.closing) this.adoptDirectChange(update);
    });
  }

  /** Loads a board from the store; rejects (and nothing is saved) when the stored data is bad. */
  static async load(boardId: string, options: RoomOptions): Promise<Room> {
    const logger = options.logger.child({ board: boardId });
    const state = await RoomDocument.load(boardId, options.store, { ...options, logger });
    return new Room(boardId, state, { ...options, logger });
  }

  /** The board document. Read freely; change it only through `change` or `applyServerUpdate`. */
  get doc(): Y.Doc {
    return this.state.doc;
  }

  get control(): RoomControl {
    return { ...this.currentControl };
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Changes locked/phase/timer/voteBudget and pushes the new control to clients that said hello. */
  setControl(change: Partial<RoomControl>): RoomControl {
    const wasLocked = this.currentControl.locked;
    this.currentControl = mergeRoomControl(this.currentControl, change);
    for (const connection of this.connections) this.sendControl(connection);
    if (wasLocked && !this.currentControl.locked) {
      // Updates refused while locked stay on their clients, and every later update of theirs
      // depends on them. Asking each client for what we lack (its reply is a sync step 2)
      // brings them in now, instead of leaving the board stuck until that client reconnects.
      const step1 = encodeSyncStep1(Y.encodeStateVector(this.doc));
      for (const connection of this.connections) {
        if (!connection.info.readOnly) connection.send(step1);
      }
    }
    this.emit({ kind: 'control', control: this.control });
    return this.control;
  }

  /** Subscribes to room events; returns the unsubscribe function. */
  onChange(listener: (event: RoomEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends one of our messages to every client that said hello (stock clients never see it). */
  broadcastPapan(message: PapanServerMessage): void {
    const bytes = encodePapanMessage(message);
    for (const connection of this.connections) {
      if (connection.saidHello) connection.send(bytes);
    }
  }

  /** Adds a socket: sends our state vector and presence, then handles its (queued) frames. */
  addConnection(connection: Connection): boolean {
    if (connection.closed) return false;
    if (this.closing) {
      connection.close(CLOSE_CODES.goingAway, 'board is unloading, reconnect');
      return false;
    }
    if (this.connections.size >= this.options.limits.maxConnectionsPerRoom) {
      connection.close(CLOSE_CODES.roomFull, 'too many connections to this board');
      return false;
    }
    this.connections.add(connection);
    connection.onClose(() => this.removeConnection(connection));
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const presence = this.relay.statesMessage();
    if (presence) connection.send(presence);
    this.emit({ kind: 'connections', count: this.connections.size });
    connection.attach((from, bytes) => this.receive(from, bytes));
    return true;
  }

  /** Applies a change made by server code (merge, suggestions) to a copy, then stores it like any update. */
  async change(mutate: (doc: Y.Doc) => void): Promise<void> {
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, this.state.fullState());
    const before = Y.encodeStateVector(scratch);
    mutate(scratch);
    const update = Y.encodeStateAsUpdate(scratch, before);
    scratch.destroy();
    await this.applyServerUpdate(update);
  }

  /** Stores, applies and broadcasts an update from server code; bypasses lock and read-only. */
  applyServerUpdate(update: Uint8Array): Promise<void> {
    return this.enqueue(async () => {
      const effect = updateEffect(this.doc, update);
      if (effect === 'invalid') throw new Error('applyServerUpdate: not a Yjs update');
      if (effect === 'redundant') return;
      if (this.state.wouldExceed(update, this.options.limits.maxDocBytes)) {
        throw new Error(`applyServerUpdate: board ${this.boardId} would exceed the size limit`);
      }
      const seq = await this.state.append(update);
      this.commit(update, seq, null);
    });
  }

  /**
   * Safety net for code that mutates `room.doc` directly instead of calling `change`: the update
   * is already applied, so it is stored and then broadcast (clients still only see stored data).
   */
  private adoptDirectChange(update: Uint8Array): void {
    this.enqueue(async () => {
      const seq = await this.state.append(update);
      this.state.recordApplied(update, seq);
      this.broadcastCommitted(update, null);
    }).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'direct change could not be stored');
    });
  }

  /** Resolves when every queued update is stored and applied. */
  async flush(): Promise<void> {
    await this.queue;
  }

  /** Writes a snapshot now (also done in the background every `compactEvery` updates). */
  async compact(): Promise<void> {
    await this.state.compact();
  }

  /** Unloads: closes every socket with `code`, finishes queued updates, compacts. */
  async close(code: number = CLOSE_CODES.roomClosed, reason = 'board unloaded'): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const connection of [...this.connections]) connection.close(code, reason);
    await this.queue;
    if (this.savedTimer) clearTimeout(this.savedTimer);
    await this.state.close();
    this.relay.destroy();
    this.doc.destroy();
  }

  private receive(connection: Connection, bytes: Uint8Array): void {
    try {
      const message = parseIncomingMessage(bytes);
      switch (message.kind) {
        case 'sync-step1':
          connection.send(this.state.syncStep2For(message.stateVector));
          return;
        case 'update':
          this.enqueue(() => this.handleClientUpdate(connection, message.update)).catch(
            (error: unknown) => connection.logger.error({ err: error }, 'update failed'),
          );
          return;
        case 'awareness':
          this.handleAwareness(connection, message.update);
          return;
        case 'query-awareness': {
          const presence = this.relay.statesMessage();
          if (presence) connection.send(presence);
          return;
        }
        case 'papan':
          this.handlePapan(connection, message.message);
          return;
      }
    } catch (error) {
      connection.logger.warn({ err: error }, 'malformed message');
      const reason = error instanceof MalformedMessageError ? error.message : 'undecodable';
      connection.close(CLOSE_CODES.malformedMessage, reason);
    }
  }

  private async handleClientUpdate(connection: Connection, update: Uint8Array): Promise<void> {
    const effect = updateEffect(this.doc, update);
    if (effect === 'invalid') {
      connection.logger.warn('undecodable document update');
      connection.close(CLOSE_CODES.malformedMessage, 'undecodable document update');
      return;
    }
    if (effect === 'redundant') return;
    if (this.currentControl.locked) return this.refuse(connection, 'locked');
    if (connection.info.readOnly) return this.refuse(connection, 'read-only');
    if (this.state.wouldExceed(update, this.options.limits.maxDocBytes)) {
      this.refuse(connection, 'document-too-large');
      connection.close(CLOSE_CODES.documentTooLarge, 'board size limit reached');
      return;
    }
    // Without identities (a server run with no authorizer) there is no voter to hold to rules.
    const violations =
      connection.info.voterId === null
        ? []
        : findVoteViolations(
            this.doc,
            update,
            connection.info.voterId,
            this.currentControl.phase === 'selesai' ? 0 : this.currentControl.voteBudget,
          );
    const started = performance.now();
    let seq: number;
    try {
      seq = await this.state.append(update);
    } catch (error) {
      // Not applied, not broadcast: the client still holds the change and resends it on reconnect.
      connection.logger.error({ err: error }, 'store append failed; update not applied');
      connection.close(STORE_FAILED, 'could not save, reconnect');
      return;
    }
    this.options.metrics.observeAppend((performance.now() - started) / 1000);
    this.options.metrics.updatesIn++;
    this.commit(update, seq, connection);
    if (violations.length > 0) this.restoreVotes(connection, violations);
  }

  /**
   * Puts back vote entries an update wrote against the rules (see voteGuard). Dropping the update
   * instead would strand the client: its later edits build on it. Queued after the current task.
   */
  private restoreVotes(connection: Connection, violations: VoteViolation[]): void {
    this.refuse(connection, 'vote');
    this.change((doc) => {
      const votes = doc.getMap('votes');
      for (const { key, previous } of violations) {
        if (previous === undefined) votes.delete(key);
        else votes.set(key, previous);
      }
    }).catch((error: unknown) => connection.logger.error({ err: error }, 'restoring votes failed'));
  }

  /** Applies a stored update and sends it to everyone but its sender. */
  private commit(update: Uint8Array, seq: number, origin: Connection | null): void {
    this.state.apply(update, seq, origin);
    this.broadcastCommitted(update, origin);
  }

  private broadcastCommitted(update: Uint8Array, origin: Connection | null): void {
    const message = encodeUpdateMessage(update);
    for (const connection of this.connections) {
      if (connection !== origin && connection.send(message)) this.options.metrics.updatesOut++;
    }
    this.scheduleSaved();
    this.emit({ kind: 'doc', origin: origin ? 'client' : 'server' });
  }

  private refuse(connection: Connection, reason: Refusal): void {
    this.options.metrics.countRefused(reason);
    connection.logger.debug({ reason }, 'update refused');
    if (connection.saidHello) connection.send(encodePapanMessage({ type: 'refused', reason }));
  }

  private handleAwareness(connection: Connection, update: Uint8Array): void {
    const verdict = this.relay.receive(connection, update);
    if (verdict === 'flood') connection.close(CLOSE_CODES.awarenessFlood, 'presence flood');
    if (verdict === 'invalid') {
      connection.close(CLOSE_CODES.malformedMessage, 'undecodable awareness update');
    }
  }

  private handlePapan(connection: Connection, message: PapanClientMessage): void {
    switch (message.type) {
      case 'hello':
        connection.saidHello = true;
        this.sendControl(connection);
        connection.send(encodePapanMessage({ type: 'saved', stateVector: this.savedVector() }));
        return;
      case 'call-facilitator':
        this.emit({ kind: 'papan', message, from: connection.info });
        return;
    }
  }

  private sendControl(connection: Connection): void {
    if (!connection.saidHello) return;
    const control = {
      ...this.currentControl,
      readOnly: connection.info.readOnly,
      voterId: connection.info.voterId,
    };
    connection.send(encodePapanMessage({ type: 'control', control }));
  }

  /** Everything applied has been appended first, so the doc's state vector is what is stored. */
  private savedVector(): string {
    return Buffer.from(Y.encodeStateVector(this.doc)).toString('base64');
  }

  private scheduleSaved(): void {
    if (this.savedTimer || this.closing) return;
    this.savedTimer = setTimeout(() => {
      this.savedTimer = null;
      this.broadcastPapan({ type: 'saved', stateVector: this.savedVector() });
    }, this.tickMs);
  }

  private removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.relay.removeConnection(connection);
    this.emit({ kind: 'connections', count: this.connections.size });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    // The queue itself never rejects, so one failed task does not block the next.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit(event: RoomEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error({ err: error, event: event.kind }, 'room listener threw');
      }
    }
  }
}
