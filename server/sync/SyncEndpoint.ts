import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { CLOSE_CODES, isBoardId } from '../../shared/protocol';
import type { ServerLimits } from '../config';
import type { Metrics } from '../metrics/Metrics';
import type { Authorize } from './authorization';
import { Connection } from './Connection';
import type { RoomRegistry } from './RoomRegistry';
import { SocketQuota } from './SocketQuota';

/** Websocket path prefix; the stock provider appends `/<room>` to the server URL. */
export const SYNC_PATH_PREFIX = '/sync/';

export interface SyncEndpointOptions {
  registry: RoomRegistry;
  authorize: Authorize;
  logger: Logger;
  metrics: Metrics;
  limits: ServerLimits;
  heartbeatMs: number;
}

/**
 * Turns `GET /sync/<boardId>` upgrades into room connections: board id checked (never
 * rewritten), access authorized, then the socket joins its room. Also runs the heartbeat.
 */
export class SyncEndpoint {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Per connection, whether its token is still good (checked on every heartbeat). */
  private readonly validity = new Map<Connection, () => boolean | Promise<boolean>>();
  private nextConnectionId = 1;
  private readonly quota = new SocketQuota();

  constructor(private readonly options: SyncEndpointOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.limits.maxMessageBytes,
      // Yjs updates compress poorly and deflate costs memory per socket; tablets are on LAN.
      perMessageDeflate: false,
    });
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Handles an http `upgrade` event; answers 4xx/5xx without upgrading when refused. */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', (error) => this.options.logger.debug({ err: error }, 'upgrade socket'));
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return reject(socket, 404, 'Not found');
    const boardId = url.pathname.slice(SYNC_PATH_PREFIX.length);
    if (!isBoardId(boardId)) return reject(socket, 400, 'Invalid board id');
    let verdict;
    try {
      verdict = await this.options.authorize(request, boardId);
    } catch (error) {
      this.options.logger.error({ err: error, board: boardId }, 'authorize threw');
      return reject(socket, 500, 'Authorization failed');
    }
    if (!verdict.ok) return reject(socket, verdict.status, verdict.message);
    if (socket.destroyed) return;
    const { readOnly, role, subject, stillValid } = verdict;
    const voterId = verdict.voterId ?? null;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const info = { id: this.nextConnectionId++, boardId, readOnly, role, subject, voterId };
      const connection = new Connection(ws, info, this.options, socket);
      const release = this.quota.take(this.quotaKeys(request, role, voterId));
      if (!release) {
        connection.logger.warn(
          { role, name: subject },
          'too many sockets for one token or address',
        );
        connection.close(CLOSE_CODES.tooManySockets, 'too many connections from this device');
        return;
      }
      connection.onClose(release);
      if (stillValid) this.validity.set(connection, stillValid);
      this.connections.add(connection);
      connection.onClose(() => {
        this.connections.delete(connection);
        this.validity.delete(connection);
      });
      connection.logger.debug({ role, readOnly }, 'socket connected');
      this.options.registry.join(boardId, connection).catch((error: unknown) => {
        connection.logger.error({ err: error }, 'board failed to load, closing socket');
        connection.close(CLOSE_CODES.loadFailed, 'board could not be loaded');
      });
    });
  }

  /** Stops the heartbeat, closes remaining sockets with 1001 and the websocket server. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const connection of [...this.connections]) {
      connection.close(CLOSE_CODES.goingAway, 'server shutting down');
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Participants are counted per token; everyone per address. */
  private quotaKeys(request: IncomingMessage, role: string, voterId: string | null) {
    const keys = [
      {
        key: `address:${request.socket.remoteAddress ?? '?'}`,
        cap: this.options.limits.maxSocketsPerAddress,
      },
    ];
    if (role === 'participant' && voterId !== null) {
      keys.push({
        key: `token:${voterId}`,
        cap: this.options.limits.maxSocketsPerToken,
      });
    }
    return keys;
  }

  /**
   * Closes the connection with 4401 once its token no longer verifies. The answer may come from
   * a database (scaled mode); an error there is no verdict: the next heartbeat asks again.
   * Returns false when it closed the connection at once.
   */
  private recheck(connection: Connection, stillValid: () => boolean | Promise<boolean>): boolean {
    const close = (valid: boolean) => {
      if (!valid && this.connections.has(connection)) {
        connection.close(CLOSE_CODES.unauthorized, 'token revoked or expired');
      }
    };
    let answer: boolean | Promise<boolean>;
    try {
      answer = stillValid();
    } catch (error) {
      connection.logger.warn({ err: error }, 'token re-check failed');
      return true;
    }
    if (typeof answer === 'boolean') {
      close(answer);
      return answer;
    }
    answer.then(close, (error: unknown) =>
      connection.logger.warn({ err: error }, 'token re-check failed'),
    );
    return true;
  }

  private beat(): void {
    for (const connection of this.connections) {
      const stillValid = this.validity.get(connection);
      if (stillValid && !this.recheck(connection, stillValid)) continue;
      if (!connection.alive) {
        connection.logger.info('no pong since the last heartbeat, terminating');
        connection.terminate();
        continue;
      }
      connection.alive = false;
      connection.ping();
    }
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function reject(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
