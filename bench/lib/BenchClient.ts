import WebSocket from 'ws';
import * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import { addCard } from '../../shared/board/boardModel';
import {
  decodeIncoming,
  editMarker,
  encodeAwareness,
  encodeHocuspocusAuth,
  encodeStep1,
  encodeStep2,
  encodeUpdate,
  findEditMarkers,
  type Framing,
} from './wire';

/** Wall-clock milliseconds with sub-ms precision, comparable across worker threads. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface ClientSpec {
  /** Unique across the run; written into edits so receivers skip their own. */
  no: number;
  url: string;
  room: string;
  framing: Framing;
  token: string;
  /** Editors own one card and edit it; observers only listen (no Y.Doc at all). */
  role: 'editor' | 'observer';
}

export interface ClientHooks {
  /** An edit by another client arrived `ms` after it was sent. */
  onEditLatency(ms: number): void;
  onUpdate(): void;
  onAwareness(): void;
}

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

/**
 * One simulated participant speaking the y-websocket protocol over a real socket. An editor
 * holds a tiny Y.Doc with the one card it edits; nobody applies what others send.
 */
export class BenchClient {
  readonly socket: WebSocket;
  synced = false;
  /** Wall-clock ms at which sync step 2 arrived. */
  syncedAt = 0;
  closed = false;
  closeCode = 0;
  private readonly doc: Y.Doc | null;
  private card: Y.Map<unknown> | null = null;
  private presenceClock = 0;
  private readonly syncWaiters: Array<(ok: boolean) => void> = [];

  constructor(
    readonly spec: ClientSpec,
    private readonly hooks: ClientHooks,
  ) {
    if (spec.role === 'editor') {
      this.doc = new Y.Doc();
      addCard(this.doc, {
        id: `bench-${spec.no}`,
        text: editMarker(spec.no, 0),
        desaKode: null,
        bidang: null,
        x: spec.no % 1000,
        y: Math.floor(spec.no / 1000),
        author: { id: `p${spec.no}`, name: `Peserta ${spec.no}` },
      });
      const card = boardMaps(this.doc).cards.get(`bench-${spec.no}`);
      this.card = card instanceof Y.Map ? (card as Y.Map<unknown>) : null;
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'remote') this.send(encodeUpdate(spec.framing, spec.room, update));
      });
    } else {
      this.doc = null;
    }
    const sep = spec.url.includes('?') ? '&' : '?';
    const url = spec.token ? `${spec.url}${sep}token=${encodeURIComponent(spec.token)}` : spec.url;
    this.socket = new WebSocket(url, { perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('open', () => this.onOpen());
    this.socket.on('message', (data: Buffer) => this.onMessage(data));
    this.socket.on('error', () => undefined);
    this.socket.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
      this.settle(false);
    });
  }

  /** Resolves true once synced, false when the socket closes or `timeoutMs` passes first. */
  whenSynced(timeoutMs: number): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.syncWaiters.push((ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
    });
  }

  /** Sets the card's text to a fresh timestamp marker (one Y.Map field set, one update). */
  edit(): void {
    if (!this.card || !this.synced) return;
    this.card.set('text', editMarker(this.spec.no, nowMs()));
  }

  /** Sends a cursor position as presence. */
  presence(): void {
    if (!this.synced) return;
    const state = {
      user: { name: `Peserta ${this.spec.no}`, color: '#3b82f6' },
      cursor: { x: Math.round(Math.random() * 2000), y: Math.round(Math.random() * 1200) },
    };
    const clientId = this.doc?.clientID ?? 1_000_000 + this.spec.no;
    this.send(
      encodeAwareness(this.spec.framing, this.spec.room, clientId, ++this.presenceClock, state),
    );
  }

  /** Bytes queued in the socket but not yet written (back-pressure for bursts). */
  get buffered(): number {
    return this.socket.bufferedAmount;
  }

  close(): void {
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close();
    this.doc?.destroy();
  }

  private send(bytes: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(bytes);
  }

  private onOpen(): void {
    const { framing, room, token } = this.spec;
    if (framing === 'hocuspocus') this.send(encodeHocuspocusAuth(room, token || 'bench'));
    const stateVector = this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR;
    this.send(encodeStep1(framing, room, stateVector));
  }

  private onMessage(data: Buffer): void {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const message = decodeIncoming(this.spec.framing, bytes);
    switch (message.kind) {
      case 'step1': {
        const update = this.doc
          ? Y.encodeStateAsUpdate(this.doc, message.stateVector)
          : EMPTY_UPDATE;
        this.send(encodeStep2(this.spec.framing, this.spec.room, update));
        return;
      }
      case 'step2':
        if (!this.synced) {
          this.synced = true;
          this.syncedAt = nowMs();
          this.settle(true);
        }
        return;
      case 'update': {
        const arrivedAt = nowMs();
        this.hooks.onUpdate();
        for (const marker of findEditMarkers(message.update)) {
          if (marker.writer !== this.spec.no && marker.sentAt > 0) {
            this.hooks.onEditLatency(arrivedAt - marker.sentAt);
          }
        }
        return;
      }
      case 'awareness':
        this.hooks.onAwareness();
        return;
      case 'other':
        return;
    }
  }

  private settle(ok: boolean): void {
    for (const waiter of this.syncWaiters.splice(0)) waiter(ok);
  }
}
