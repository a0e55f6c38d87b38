import type { AppendOrigin } from '../store/DocStore';
import type { ConnectionInfo } from './Connection';

/** What the write path needs of the socket an update came from. */
export interface WriterSocket {
  readonly info: ConnectionInfo;
  readonly closed: boolean;
  close(code: number, reason: string): void;
}

/**
 * Who wrote an update: a client connection, server code acting for someone (a merge, a
 * suggestion, a rule putting entries back), or another server instance relaying a write it has
 * already stored. It is the Yjs transaction origin of every applied write and goes to the store.
 */
export type WriteOrigin =
  | { kind: 'client'; socket: WriterSocket }
  | { kind: 'server'; actor: string; action: string }
  /** Already stored under `seq` by the instance that took it: applied here, never stored twice. */
  | { kind: 'peer'; instanceId: string; seq: number };

/** A server action on behalf of `actor` (a token subject, or "system"). */
export function serverOrigin(actor: string, action: string): WriteOrigin {
  return { kind: 'server', actor, action };
}

/** What the store keeps of an origin. */
export function toAppendOrigin(origin: WriteOrigin): AppendOrigin {
  switch (origin.kind) {
    case 'client':
      return { kind: 'client', actor: `${origin.socket.info.role}:${origin.socket.info.subject}` };
    case 'server':
      return { kind: 'server', actor: origin.actor };
    case 'peer':
      return { kind: 'peer', actor: origin.instanceId };
  }
}

/** The origin of a Yjs transaction, when it is one of ours. */
export function asWriteOrigin(origin: unknown): WriteOrigin | null {
  if (typeof origin !== 'object' || origin === null) return null;
  const kind = (origin as { kind?: unknown }).kind;
  return kind === 'client' || kind === 'server' || kind === 'peer' ? (origin as WriteOrigin) : null;
}
