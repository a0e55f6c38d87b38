/** Roles and what each may do: one matrix, used by the server to decide and the client to hide. */

export type Role = 'staff' | 'moderator' | 'participant';
export const ROLES: readonly Role[] = ['staff', 'moderator', 'participant'];

/** Who a verified token belongs to and what it is scoped to. */
export interface Principal {
  tokenId: string;
  role: Role;
  name: string;
  /** Moderator tokens: their event. Participant tokens: the event of their board. */
  eventId: string | null;
  /** Participant tokens: their one board. */
  boardId: string | null;
}

export type Action =
  /** Create events, import gazetteers. */
  | 'event:create'
  /** See an event, its boards and live counts (the console). */
  | 'event:read'
  /** Read the audit log. */
  | 'event:audit'
  /** Export the issue map. */
  | 'event:export'
  /** Invite moderators. */
  | 'event:invite'
  /** Lock, unlock, set phases, the timer and the vote budget. */
  | 'board:control'
  /** Merge boards into a kabupaten board. */
  | 'board:merge'
  /** Open a board read-only. */
  | 'board:read'
  /** Change a board's document. */
  | 'board:write';

export const ACTIONS: readonly Action[] = [
  'event:create',
  'event:read',
  'event:audit',
  'event:export',
  'event:invite',
  'board:control',
  'board:merge',
  'board:read',
  'board:write',
];

/** What a request acts on: always the event, and the board for board actions. */
export interface Target {
  eventId: string | null;
  boardId?: string | null;
}

/** True when `principal` may do `action` on `target`. No principal may do nothing. */
export function can(principal: Principal | null, action: Action, target: Target): boolean {
  if (principal === null) return false;
  switch (principal.role) {
    case 'staff':
      return true;
    case 'moderator':
      if (action === 'event:create' || action === 'event:audit' || action === 'event:invite') {
        return false;
      }
      return target.eventId !== null && principal.eventId === target.eventId;
    case 'participant':
      if (action !== 'board:read' && action !== 'board:write') return false;
      return (
        target.boardId !== undefined &&
        target.boardId !== null &&
        principal.boardId === target.boardId &&
        principal.eventId === target.eventId
      );
  }
}
