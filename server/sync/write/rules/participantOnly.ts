import type { WriteOrigin } from '../../writeOrigin';

/**
 * True for a write from a participant's socket: the board's own data (cards, clusters, their
 * dots, drawings) is theirs to change, the rest is the server's. Moderators and staff keep
 * every right they had; server code and peers are not held to these rules. Like the vote rule,
 * a server run without an authorizer (no tokens, no voter ids) has no participants to hold.
 */
export function isParticipantWrite(who: WriteOrigin): boolean {
  return (
    who.kind === 'client' &&
    who.socket.info.role === 'participant' &&
    who.socket.info.voterId !== null
  );
}
