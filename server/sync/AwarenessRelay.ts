import * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { MAX_AWARENESS_IDS_PER_SOCKET } from '../../shared/limits';
import type { ServerLimits } from '../config';
import type { Metrics } from '../metrics/Metrics';
import type { RateWindow } from './RateWindow';
import { encodeAwarenessMessage } from './syncMessages';

/** What presence needs of a socket (a Connection is one; tests can pass a plain object). */
export interface AwarenessSocket {
  readonly info: { readonly voterId: string | null };
  readonly closed: boolean;
  /** Presence client ids this socket introduced; removed from the room when it closes. */
  readonly awarenessIds: Set<number>;
  readonly awarenessRate: RateWindow;
}

/** The origin of awareness changes a socket made, so the update handler knows whose they are. */
class FromSocket {
  constructor(readonly socket: AwarenessSocket) {}
}

/** What happened to one incoming awareness message. */
export type AwarenessVerdict = 'applied' | 'dropped' | 'flood' | 'invalid';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * A room's presence. Cursor moves are the real scaling cost (each fans out to everyone), so
 * changes are collected and sent as one encoded update per tick, each socket is rate- and
 * size-limited, and slow sockets are skipped rather than buffered.
 */
export class AwarenessRelay {
  readonly awareness: Awareness;
  private readonly pending = new Set<number>();
  /** Which socket introduced each presence client id: only that socket may change it. */
  private readonly owners = new Map<number, AwarenessSocket>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    doc: Y.Doc,
    private readonly options: {
      tickMs: number;
      limits: ServerLimits;
      metrics: Metrics;
      logger: Logger;
      /** Sends one encoded message to every socket of the room (droppable). */
      broadcast: (message: Uint8Array) => void;
    },
  ) {
    this.awareness = new Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => {
      if (origin instanceof FromSocket) {
        const { socket } = origin;
        for (const id of [...change.added, ...change.updated]) {
          socket.awarenessIds.add(id);
          if (!this.owners.has(id)) this.owners.set(id, socket);
        }
        for (const id of change.removed) socket.awarenessIds.delete(id);
      }
      for (const id of change.removed) {
        if (!this.awareness.getStates().has(id)) this.owners.delete(id);
      }
      for (const id of [...change.added, ...change.updated, ...change.removed]) {
        this.pending.add(id);
      }
      this.schedule();
    });
  }

  /** Applies one client's awareness update, within its limits. */
  receive(connection: AwarenessSocket, update: Uint8Array, now = Date.now()): AwarenessVerdict {
    const { limits, metrics } = this.options;
    const rate = connection.awarenessRate.hit(now);
    if (rate > limits.awarenessFloodPerSecond) return 'flood';
    if (rate > limits.maxAwarenessPerSecond || update.byteLength > limits.maxAwarenessBytes) {
      metrics.awarenessDropped++;
      return 'dropped';
    }
    try {
      const ids = awarenessClientIds(update);
      // A socket is one tab (and its reloads): a few presence ids, never a crowd of fake names.
      const fresh = new Set(ids.filter((id) => !connection.awarenessIds.has(id)));
      if (connection.awarenessIds.size + fresh.size > MAX_AWARENESS_IDS_PER_SOCKET) {
        metrics.awarenessDropped++;
        return 'dropped';
      }
      // One socket cannot speak for another's cursor and name (or for the server).
      for (const id of ids) {
        const owner = this.owners.get(id);
        // A tablet that reconnects before its old socket timed out is the same holder of the token.
        const sameHolder =
          owner === undefined ||
          owner === connection ||
          owner.closed ||
          (owner.info.voterId !== null && owner.info.voterId === connection.info.voterId);
        if (!sameHolder || id === this.awareness.clientID) {
          metrics.awarenessDropped++;
          return 'dropped';
        }
      }
      applyAwarenessUpdate(this.awareness, update, new FromSocket(connection));
      for (const id of ids) this.owners.set(id, connection);
      return 'applied';
    } catch {
      return 'invalid';
    }
  }

  /** The full presence of the room as one message, or null when nobody is present. */
  statesMessage(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    if (ids.length === 0) return null;
    return encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, ids));
  }

  /** Removes the presence of a socket that closed, so its cursor disappears for everyone. */
  removeConnection(connection: AwarenessSocket): void {
    for (const [id, owner] of this.owners) if (owner === connection) this.owners.delete(id);
    if (connection.awarenessIds.size === 0) return;
    removeAwarenessStates(this.awareness, [...connection.awarenessIds], 'disconnect');
  }

  /** Stops the tick and the awareness timeout check. */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.awareness.destroy();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.options.tickMs);
  }

  private flush(): void {
    this.timer = null;
    if (this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending.clear();
    this.options.broadcast(encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, ids)));
  }
}

/** The client ids an encoded awareness update speaks for (throws on a malformed update). */
function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder); // clock
    decoding.readVarString(decoder); // state JSON
  }
  return ids;
}
