import { isBoardId } from '../../shared/protocol';

/** What POST /api/join answers, checked. */
export interface JoinResult {
  token: string;
  boardId: string;
  eventId: string;
  name: string;
}

/** Parses the untrusted join answer; null when it is not one. */
export function parseJoinResponse(raw: unknown): JoinResult | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { token, boardId, eventId, name } = raw as Record<string, unknown>;
  if (typeof token !== 'string' || !/^[A-Za-z0-9_.~-]{1,512}$/.test(token)) return null;
  if (!isBoardId(boardId) || typeof eventId !== 'string') return null;
  return { token, boardId, eventId, name: typeof name === 'string' ? name : '' };
}
