import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/protocol';
import type { ServerLimits } from '../config';
import type { Metrics } from '../metrics/Metrics';
import { RateWindow } from './RateWindow';

/** Who is on the other end of a sync socket, as decided by `authorize` before the upgrade. */
export interface ConnectionInfo {
  id: number;
  boardId: string;
  readOnly: boolean;
  role: string;
  subject: string;
  voterId: string | null;
}

/** What a connection hands its frames to once its room has loaded. */
export type FrameHandler = (connection: Connection, bytes: Uint8Array) => void;

interface ConnectionDeps {
  logger: Logger;
  metrics: Metrics;
  limits: ServerLimits;
}

/**
 * One client websocket: its identity, its per-socket limits (awareness rate, send buffer), and
 * the frames it sent before its board finished loading, which are held back until then.
 */
export class Connection {
  /** Awareness client ids this socket introduced; removed from the room when it closes. */
  readonly awarenessIds = new Set<number>();
  readonly awarenessRate = new RateWindow(1000);
  /** True once the client sent our `hello`; only then does it receive type-100 messages. */
  saidHello = false;
  /** Heartbeat: set by pong, cleared by each ping. */
  alive = true;
  readonly logger: Logger;
  private handler: FrameHandler | null = null;
  private queued: Uint8Array[] = [];
  private readonly closeListeners: (() => void)[] = [];
  private isClosed = false;
  private corked = false;

  /**
   * `socket` is the upgraded TCP socket under `ws`: sends of one tick are corked on it and go
   * out in one write (a pass of committed updates, a burst of peer updates from Redis).
   */
  constructor(
    private readonly ws: WebSocket,
    readonly info: ConnectionInfo,
    private readonly deps: ConnectionDeps,
    private readonly socket?: Duplex,
  ) {
    this.logger = deps.logger.child({ conn: info.id, board: info.boardId });
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    // ws reports protocol errors (including frames over maxPayload) here, then closes itself.
    ws.on('error', (error) => this.logger.warn({ err: error }, 'websocket error'));
    ws.on('close', (code) => this.handleClosed(code));
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Starts delivering frames (first those queued while the room loaded) to `handler`. */
  attach(handler: FrameHandler): void {
    this.handler = handler;
    const queued = this.queued;
    this.queued = [];
    for (const bytes of queued) {
      if (this.isClosed) return;
      handler(this, bytes);
    }
  }

  /**
   * Sends one message. `droppable` messages (presence) are skipped while the socket's send buffer
   * is above the soft limit; past the hard limit the socket is closed as too slow.
   */
  send(bytes: Uint8Array, droppable = false): boolean {
    if (this.isClosed || this.ws.readyState !== this.ws.OPEN) return false;
    const buffered = this.ws.bufferedAmount;
    if (buffered > this.deps.limits.backpressureHardBytes) {
      this.close(CLOSE_CODES.tooSlow, 'send buffer full');
      return false;
    }
    if (droppable && buffered > this.deps.limits.backpressureSoftBytes) return false;
    this.corkUntilNextTick();
    this.ws.send(bytes);
    this.deps.metrics.bytesOut += bytes.byteLength;
    return true;
  }

  /**
   * Holds this tick's frames in the socket's buffer and writes them in one syscall on the next
   * tick (Node's cork/uncork): a room delivering a pass of 100 updates to 400 sockets makes 400
   * writes, not 40,000. Nothing waits longer than the current tick.
   */
  private corkUntilNextTick(): void {
    const socket = this.socket;
    if (this.corked || !socket || socket.destroyed) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  /** Closes the socket with one of CLOSE_CODES; later calls are ignored. */
  close(code: number, reason: string): void {
    if (this.isClosed) return;
    if (code !== CLOSE_CODES.goingAway) this.logger.info({ code, reason }, 'closing socket');
    this.markClosed(code);
    this.ws.close(code, reason.slice(0, 120));
  }

  /** Drops the socket without a close handshake (dead peer found by the heartbeat). */
  terminate(): void {
    this.markClosed(1006);
    this.ws.terminate();
  }

  /** Sends a ws ping; the peer's pong sets `alive` again. */
  ping(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
  }

  /** Calls `listener` once when the socket closes, however it closes. */
  onClose(listener: () => void): void {
    if (this.isClosed) listener();
    else this.closeListeners.push(listener);
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.isClosed) return;
    this.alive = true;
    // Copy into a fresh ArrayBuffer: ws hands out slices of pooled buffers, and lib0's decoder
    // would otherwise read a truncated frame's missing bytes out of someone else's message.
    const bytes = Array.isArray(data)
      ? new Uint8Array(Buffer.concat(data))
      : data instanceof ArrayBuffer
        ? new Uint8Array(data.slice(0))
        : new Uint8Array(data);
    this.deps.metrics.bytesIn += bytes.byteLength;
    if (!isBinary) {
      this.close(CLOSE_CODES.malformedMessage, 'text frames are not part of the protocol');
      return;
    }
    if (this.handler) {
      this.handler(this, bytes);
      return;
    }
    if (this.queued.length >= this.deps.limits.maxQueuedBeforeLoad) {
      this.close(CLOSE_CODES.tooManyWhileLoading, 'too many messages while the board loads');
      return;
    }
    this.queued.push(bytes);
  }

  private markClosed(code: number): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.queued = [];
    this.deps.metrics.countClose(code);
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  private handleClosed(code: number): void {
    this.markClosed(code);
  }
}
