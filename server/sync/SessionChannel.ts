import type { ControlState } from '../../shared/control';
import {
  encodePapanMessage,
  type PapanClientMessage,
  type PapanServerMessage,
  type RefusalReason,
} from '../../shared/protocol';
import { MAX_FACILITATOR_CALLS_PER_MINUTE } from '../../shared/limits';
import type { ConnectionInfo } from './Connection';

/** What the session channel needs of a socket. */
export interface SessionSocket {
  readonly info: ConnectionInfo;
  /** True once the client sent our `hello`; only then does it receive type-100 messages. */
  saidHello: boolean;
  send(bytes: Uint8Array): boolean;
}

export interface SessionChannelOptions {
  /** The state vector of what is stored (a write pass in flight is not). */
  savedStateVector(): Uint8Array;
  sockets(): Iterable<SessionSocket>;
  control(): ControlState;
  /** "Saved" notifications are coalesced into one message per tick. */
  tickMs: number;
  /** A participant asked for a facilitator. */
  onFacilitatorCall(name: string, from: ConnectionInfo): void;
}

/**
 * Our type-100 messages of one room (docs/ARCHITECTURE.md, "Sync contract"): `hello`, control
 * state per connection, "saved" state vectors, refusals, facilitator calls. Stock clients never
 * say hello and never receive any of it.
 */
export class SessionChannel {
  private savedTimer: NodeJS.Timeout | null = null;
  /** Per person (voter id, else connection), when their recent facilitator calls were relayed. */
  private readonly calls = new Map<string, number[]>();
  private closed = false;

  constructor(private readonly options: SessionChannelOptions) {}

  /** Handles one of our messages from a client. */
  receive(socket: SessionSocket, message: PapanClientMessage): void {
    switch (message.type) {
      case 'hello':
        socket.saidHello = true;
        this.sendControl(socket);
        socket.send(encodePapanMessage({ type: 'saved', stateVector: this.savedVector() }));
        return;
      case 'call-facilitator':
        // Always acknowledged, so the tablet can say "Fasilitator sudah dipanggil"; relayed to
        // the consoles only within the per-person rate (20,000 calls once reached every console).
        if (this.mayCall(socket.info)) {
          this.options.onFacilitatorCall(message.name.trim().replace(/\s+/g, ' '), socket.info);
        }
        socket.send(encodePapanMessage({ type: 'facilitator-called' }));
        return;
    }
  }

  /** Sends one of our messages to every client that said hello. */
  broadcast(message: PapanServerMessage): void {
    const bytes = encodePapanMessage(message);
    for (const socket of this.options.sockets()) {
      if (socket.saidHello) socket.send(bytes);
    }
  }

  /** Sends the control state, with this connection's read-only flag and voter id. */
  sendControl(socket: SessionSocket): void {
    if (!socket.saidHello) return;
    const control = {
      ...this.options.control(),
      readOnly: socket.info.readOnly,
      voterId: socket.info.voterId,
    };
    socket.send(encodePapanMessage({ type: 'control', control }));
  }

  /** Sends the control state to every client that said hello. */
  sendControlToAll(): void {
    for (const socket of this.options.sockets()) this.sendControl(socket);
  }

  /** Tells a client its update was refused or partly put back. */
  refused(socket: SessionSocket, reason: RefusalReason): void {
    if (socket.saidHello) socket.send(encodePapanMessage({ type: 'refused', reason }));
  }

  /** Announces what is stored, once per tick however many writes there were. */
  scheduleSaved(): void {
    if (this.savedTimer || this.closed) return;
    this.savedTimer = setTimeout(() => {
      this.savedTimer = null;
      this.broadcast({ type: 'saved', stateVector: this.savedVector() });
    }, this.options.tickMs);
  }

  /** Stops the "saved" tick. */
  close(): void {
    this.closed = true;
    if (this.savedTimer) clearTimeout(this.savedTimer);
    this.savedTimer = null;
  }

  /** True when this person may have one more call relayed this minute (and counts it). */
  private mayCall(info: ConnectionInfo, now = Date.now()): boolean {
    const key = info.voterId ?? `conn:${info.id}`;
    const recent = (this.calls.get(key) ?? []).filter((at) => now - at < 60_000);
    const allowed = recent.length < MAX_FACILITATOR_CALLS_PER_MINUTE;
    if (allowed) recent.push(now);
    this.calls.set(key, recent);
    return allowed;
  }

  private savedVector(): string {
    return Buffer.from(this.options.savedStateVector()).toString('base64');
  }
}
