import type { Logger } from 'pino';
import * as Y from 'yjs';
import {
  applyControlPatch,
  defaultControlState,
  type ControlPatch,
  type ControlState,
} from '../../shared/control';
import { CLOSE_CODES, type PapanServerMessage } from '../../shared/protocol';
import { DEFAULT_SHAPE_LIMITS } from '../../shared/board/checkUpdateShape';
import type { ServerLimits } from '../config';
import type { Metrics } from '../metrics/Metrics';
import { StoreUnavailableError, type DocStore } from '../store/DocStore';
import { AwarenessRelay } from './AwarenessRelay';
import type { Connection, ConnectionInfo } from './Connection';
import { RoomDocument } from './RoomDocument';
import type { CommittedWrite, RoomHooks } from './RoomHooks';
import { RoomWriter } from './RoomWriter';
import { SessionChannel } from './SessionChannel';
import {
  MalformedMessageError,
  encodeSyncStep1,
  encodeUpdateMessage,
  parseIncomingMessage,
} from './syncMessages';
import { defaultWriteRules } from './write/defaultWriteRules';
import { serverOrigin, type WriteOrigin } from './writeOrigin';

export interface RoomOptions {
  store: DocStore;
  logger: Logger;
  metrics: Metrics;
  limits: ServerLimits;
  /** Appended updates after which the log is compacted into a snapshot. */
  compactEvery: number;
  /** Presence and "saved" notifications are coalesced into one message per tick. */
  tickMs?: number;
  /** What other parts of the server plug into every room (see RoomHooks). */
  hooks?: readonly RoomHooks[];
  /** Several server instances write this store (scaled mode): never compact from our state. */
  sharedStore?: boolean;
}

/** What a room tells its listeners (the registry, the board bus). */
export type RoomEvent =
  | { kind: 'doc'; origin: WriteOrigin['kind'] }
  | { kind: 'control'; control: ControlState }
  | { kind: 'connections'; count: number }
  | { kind: 'facilitator-call'; name: string; from: ConnectionInfo }
  /** The store refused a write: the room closed its sockets and must be unloaded at once. */
  | { kind: 'failed' };

/**
 * One loaded board: it coordinates the sockets, hands each frame to the part that handles it
 * (the writer for document updates, presence, the session channel for our type-100 messages),
 * holds the server-side control state, and closes everything in order.
 */
export class Room {
  readonly awareness;
  private readonly connections = new Set<Connection>();
  private readonly listeners = new Set<(event: RoomEvent) => void>();
  private readonly relay: AwarenessRelay;
  private readonly writer: RoomWriter;
  private readonly session: SessionChannel;
  private readonly hooks: readonly RoomHooks[];
  private currentControl = defaultControlState();
  /** No new sockets: unloading, or dropped after a store failure. */
  private closing = false;
  private closed = false;

  private constructor(
    readonly boardId: string,
    private readonly state: RoomDocument,
    private readonly options: RoomOptions,
  ) {
    const tickMs = options.tickMs ?? 100;
    this.hooks = options.hooks ?? [];
    this.relay = new AwarenessRelay(state.doc, {
      tickMs,
      limits: options.limits,
      metrics: options.metrics,
      logger: options.logger,
      broadcast: (message) => {
        for (const connection of this.connections) connection.send(message, true);
      },
    });
    this.awareness = this.relay.awareness;
    this.session = new SessionChannel({
      savedStateVector: () => this.writer.savedStateVector(),
      tickMs,
      sockets: () => this.connections,
      control: () => this.currentControl,
      onFacilitatorCall: (name, from) => this.emit({ kind: 'facilitator-call', name, from }),
    });
    this.writer = new RoomWriter({
      boardId,
      state,
      logger: options.logger,
      metrics: options.metrics,
      rules: [
        ...defaultWriteRules(options.limits),
        ...this.hooks.flatMap((hooks) => hooks.beforeWrite ?? []),
      ],
      shapeLimits: DEFAULT_SHAPE_LIMITS,
      acceptsWrites: () => options.store.acceptsWrites?.() ?? true,
      control: () => this.currentControl,
      deliver: (update, origin) => this.deliver(update, origin),
      tellRefused: (socket, reason) => {
        if (this.connections.has(socket as Connection)) {
          this.session.refused(socket as Connection, reason);
        }
      },
      afterCommit: (write) => this.afterCommit(write),
      storeFailed: (error) => this.storeFailed(error),
    });
    state.doc.on('update', (update: Uint8Array) => {
      if (!state.applying && !this.closing) this.writer.adoptDirectChange(update);
    });
  }

  /** Loads a board from the store; rejects (and nothing is saved) when the stored data is bad. */
  static async load(boardId: string, options: RoomOptions): Promise<Room> {
    const logger = options.logger.child({ board: boardId });
    const state = await RoomDocument.load(boardId, options.store, { ...options, logger });
    return new Room(boardId, state, { ...options, logger });
  }

  /** The board document. Read freely; change it only through `change` or `write`. */
  get doc(): Y.Doc {
    return this.state.doc;
  }

  get control(): ControlState {
    return { ...this.currentControl };
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** The log position of the last write applied (see RoomDocument.lastSeq). */
  get lastSeq(): number {
    return this.state.lastSeq;
  }

  /** Changes the control state and pushes it to clients that said hello. */
  setControl(patch: ControlPatch): ControlState {
    const wasLocked = this.currentControl.locked;
    this.currentControl = applyControlPatch(this.currentControl, patch);
    this.session.sendControlToAll();
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
    this.session.broadcast(message);
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

  /**
   * Changes the board from server code (merge, suggestions) as `origin`: stored before anyone
   * sees it, like any update. Resolves with its log position, or null when nothing changed.
   */
  change(
    mutate: (doc: Y.Doc) => void,
    origin: WriteOrigin = serverOrigin('system', 'change'),
  ): Promise<number | null> {
    return this.writer.change(mutate, origin);
  }

  /**
   * Stores, applies and delivers an encoded update from server code or a peer instance (a peer's
   * is applied under its own seq, never stored twice). Resolves with its log position.
   */
  write(update: Uint8Array, origin: WriteOrigin): Promise<number | null> {
    return this.writer.write(update, origin);
  }

  /**
   * Runs `read` on the document when it holds exactly what is stored: at once when no write is
   * in flight, else right after the pass in flight is committed (never on staged writes, which
   * a failed commit would take back). Rejects when the store fails first. For exports and other
   * server reads of the live board.
   */
  readCommitted<T>(read: (doc: Y.Doc) => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.writer.whenCommitted(() => {
        try {
          resolve(read(this.doc));
        } catch (error) {
          reject(error);
        }
      }, reject);
    });
  }

  /** Resolves when every queued update is stored and applied. */
  async flush(): Promise<void> {
    await this.writer.flush();
  }

  /** Has the store compact the log now (also done in the background every `compactEvery` updates). */
  async compact(): Promise<void> {
    await this.state.compact();
  }

  /** Unloads: closes every socket with `code`, finishes queued updates, compacts, runs onUnload. */
  async close(code: number = CLOSE_CODES.roomClosed, reason = 'board unloaded'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing = true;
    for (const connection of [...this.connections]) connection.close(code, reason);
    await this.writer.flush();
    this.session.close();
    await this.state.close();
    for (const hooks of this.hooks) {
      try {
        await hooks.onUnload?.(this);
      } catch (error) {
        this.options.logger.error({ err: error }, 'onUnload hook failed');
      }
    }
    this.relay.destroy();
    this.doc.destroy();
  }

  private receive(connection: Connection, bytes: Uint8Array): void {
    try {
      const message = parseIncomingMessage(bytes);
      switch (message.kind) {
        case 'sync-step1': {
          // Answered from what is committed: a pass in flight is in the doc but not yet stored.
          const { stateVector } = message;
          this.writer.whenCommitted(() => this.answerSyncStep1(connection, stateVector));
          return;
        }
        case 'update':
          this.writer.writeFromClient(connection, message.update);
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
          this.session.receive(connection, message.message);
          return;
      }
    } catch (error) {
      connection.logger.warn({ err: error }, 'malformed message');
      const reason = error instanceof MalformedMessageError ? error.message : 'undecodable';
      connection.close(CLOSE_CODES.malformedMessage, reason);
    }
  }

  private answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    if (connection.closed) return;
    try {
      connection.send(this.state.syncStep2For(stateVector));
    } catch (error) {
      connection.logger.warn({ err: error }, 'malformed state vector');
      connection.close(CLOSE_CODES.malformedMessage, 'undecodable state vector');
    }
  }

  /**
   * The store refused a write of this room: its document holds accepted updates that will never
   * be stored, so every socket is closed (the clients keep their changes and resend them to a
   * freshly loaded room) and the registry unloads the room at once.
   */
  private storeFailed(error: unknown): void {
    if (this.closing) return;
    const [code, reason] =
      error instanceof StoreUnavailableError
        ? [CLOSE_CODES.storeUnavailable, 'database unavailable, keep your changes']
        : [CLOSE_CODES.storeFailed, 'could not save, reconnect'];
    this.closing = true;
    for (const connection of [...this.connections]) connection.close(code, reason);
    this.emit({ kind: 'failed' });
  }

  private handleAwareness(connection: Connection, update: Uint8Array): void {
    const verdict = this.relay.receive(connection, update);
    if (verdict === 'flood') connection.close(CLOSE_CODES.awarenessFlood, 'presence flood');
    if (verdict === 'invalid') {
      connection.close(CLOSE_CODES.malformedMessage, 'undecodable awareness update');
    }
  }

  /** Sends a committed update to everyone but the client it came from. */
  private deliver(update: Uint8Array, origin: WriteOrigin): void {
    const message = encodeUpdateMessage(update);
    const sender = origin.kind === 'client' ? origin.socket : null;
    for (const connection of this.connections) {
      if (connection !== sender && connection.send(message)) this.options.metrics.updatesOut++;
    }
    this.session.scheduleSaved();
  }

  private afterCommit(write: CommittedWrite): void {
    this.emit({ kind: 'doc', origin: write.origin.kind });
    for (const hooks of this.hooks) {
      try {
        hooks.afterCommit?.(this, write);
      } catch (error) {
        this.options.logger.error({ err: error, seq: write.seq }, 'afterCommit hook threw');
      }
    }
  }

  private removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.relay.removeConnection(connection);
    this.emit({ kind: 'connections', count: this.connections.size });
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
