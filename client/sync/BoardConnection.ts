import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { BoardControl, PapanClientMessage } from '../../shared/protocol';
import { encodePapanMessage } from '../../shared/protocol';
import { attachPapanChannel } from './papanChannel';
import { decodeSavedStateVector, parseOwnClientIds, pendingChangeCount } from './pendingChanges';
import { reconnectDelay } from './reconnectDelay';

/** What the status badge and the control seams show. */
export interface ConnectionState {
  status: 'online' | 'offline' | 'syncing';
  /** Our changes the server has not confirmed as stored; null until it first says what it has. */
  pending: number | null;
  /** Server-authoritative control state (phase, lock, timer); null until the server sends it. */
  control: BoardControl | null;
  /** True once the tablet's own copy (IndexedDB) is loaded. */
  localLoaded: boolean;
  /** Set when the server closed the socket for good (no access, board gone). */
  closedCode: number | null;
  /** How many dots of ours the server has put back (over budget, finished board). */
  refusedVotes: number;
}

export interface BoardConnectionOptions {
  boardId: string;
  token: string | null;
  /** e.g. ws://host:port/sync; the board id is the room. */
  syncUrl: string;
  storage: Storage | null;
}

/**
 * One board's Y.Doc kept on the tablet (y-indexeddb) and synced with the server (stock
 * y-websocket provider), with our own reconnect backoff (jittered) and the saved-state channel.
 */
export class BoardConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  private readonly idb: IndexeddbPersistence;
  private readonly listeners = new Set<() => void>();
  private state: ConnectionState = {
    status: 'offline',
    pending: null,
    control: null,
    localLoaded: false,
    closedCode: null,
    refusedVotes: 0,
  };
  private saved: Map<number, number> | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly ownClientsKey: string;
  private ownClientIds: number[];
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly options: BoardConnectionOptions) {
    this.ownClientsKey = `papan.clients.${options.boardId}`;
    this.ownClientIds = parseOwnClientIds(this.read(this.ownClientsKey));
    this.idb = new IndexeddbPersistence(`papan-board-${options.boardId}`, this.doc);
    void this.idb.whenSynced.then(() => this.patch({ localLoaded: true }));
    this.provider = new WebsocketProvider(options.syncUrl, options.boardId, this.doc, {
      connect: false,
      params: options.token ? { token: options.token } : {},
      disableBc: true,
    });
    this.awareness = this.provider.awareness;
    this.cleanups.push(
      attachPapanChannel(this.provider, (message) => {
        switch (message.type) {
          case 'control':
            this.patch({ control: message.control });
            break;
          case 'saved':
            this.saved = decodeSavedStateVector(message.stateVector) ?? this.saved;
            this.recompute();
            break;
          case 'refused':
            if (message.reason === 'vote') {
              this.patch({ refusedVotes: this.state.refusedVotes + 1 });
            }
            break;
          case 'server-time':
            break;
          case 'facilitator-called':
            // The toolbar told the participant when the call left; this only confirms it arrived.
            break;
        }
      }),
    );
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') this.patch({ status: 'syncing' });
    };
    const onClose = () => this.onConnectionClose();
    const onSync = () => this.recompute();
    const onClosed = ({ code }: { code: number }) => this.patch({ closedCode: code });
    this.provider.on('status', onStatus);
    this.provider.on('connection-close', onClose);
    this.provider.on('sync', onSync);
    this.provider.on('closed', onClosed);
    const onUpdate = (_u: Uint8Array, origin: unknown, _d: Y.Doc, tr: Y.Transaction) => {
      if (tr.local && origin !== this.idb) this.rememberOwnClient();
      this.scheduleRecompute();
    };
    this.doc.on('update', onUpdate);
    const online = () => this.connectNow();
    const offline = () => this.goOffline();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.cleanups.push(() => {
      this.provider.off('status', onStatus);
      this.provider.off('connection-close', onClose);
      this.provider.off('sync', onSync);
      this.provider.off('closed', onClosed);
      this.doc.off('update', onUpdate);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    });
    if (navigator.onLine !== false) this.connectNow();
  }

  getState(): ConnectionState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sends one of our own messages (MESSAGE_PAPAN) to the server now; false when the socket is
   * not open (nothing is queued: a facilitator call from an hour ago helps nobody).
   */
  send(message: PapanClientMessage): boolean {
    const ws = this.provider.ws;
    if (ws === null || ws.readyState !== 1 || !this.provider.wsconnected) return false;
    ws.send(encodePapanMessage(message));
    return true;
  }

  /** Resolves once the tablet's own copy of the board is loaded into the doc. */
  whenLocalLoaded(): Promise<unknown> {
    return this.idb.whenSynced;
  }

  destroy(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    for (const cleanup of this.cleanups) cleanup();
    this.provider.destroy();
    void this.idb.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private wantConnected = false;

  private connectNow(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempts = 0;
    this.wantConnected = true;
    if (this.state.closedCode === null) this.provider.connect();
  }

  private goOffline(): void {
    // The browser knows the network is gone: stop waiting on a dead socket and say so.
    this.wantConnected = false;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.provider.disconnect();
    this.patch({ status: 'offline' });
  }

  private onConnectionClose(): void {
    this.patch({ status: 'offline' });
    if (!this.wantConnected) return;
    // Replace y-websocket's un-jittered retry with ours: stop it, then connect after a delay.
    this.provider.disconnect();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    const delay = reconnectDelay(this.attempts++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.wantConnected && this.state.closedCode === null) this.provider.connect();
    }, delay);
  }

  private recomputeQueued = false;

  private scheduleRecompute(): void {
    if (this.recomputeQueued) return;
    this.recomputeQueued = true;
    queueMicrotask(() => {
      this.recomputeQueued = false;
      this.recompute();
    });
  }

  private recompute(): void {
    const pending =
      this.saved === null
        ? null
        : pendingChangeCount(
            Y.decodeStateVector(Y.encodeStateVector(this.doc)),
            this.saved,
            this.ownClientIds,
          );
    const connected = this.provider.wsconnected;
    const synced = connected && this.provider.synced;
    const status = !connected ? 'offline' : synced && (pending ?? 0) === 0 ? 'online' : 'syncing';
    if (synced) this.attempts = 0;
    this.patch({ pending, status });
  }

  private rememberOwnClient(): void {
    if (this.ownClientIds.includes(this.doc.clientID)) return;
    this.ownClientIds = [...this.ownClientIds, this.doc.clientID].slice(-200);
    try {
      this.options.storage?.setItem(this.ownClientsKey, JSON.stringify(this.ownClientIds));
    } catch {
      // Storage full: the count covers this page load only.
    }
  }

  private read(key: string): string | null {
    try {
      return this.options.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private patch(next: Partial<ConnectionState>): void {
    const merged = { ...this.state, ...next };
    const same = (Object.keys(merged) as (keyof ConnectionState)[]).every(
      (k) => merged[k] === this.state[k],
    );
    if (same) return;
    this.state = merged;
    for (const listener of this.listeners) listener();
  }
}
