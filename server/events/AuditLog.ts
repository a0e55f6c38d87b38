import type { Principal } from '../../shared/roles';

/** One line of the audit log. */
export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  role: string;
  action: string;
  eventId: string | null;
  boardId: string | null;
  detail: Record<string, unknown>;
}

/**
 * Who created, locked, unlocked, merged and exported what, and when. Append-only: SQLite in the
 * embedded mode (SqliteAuditLog), PostgreSQL in the scaled mode (PgAuditLog).
 */
export interface AuditLog {
  /** Records an action by a principal (or the system). */
  record(
    actor: Principal | 'system',
    action: string,
    target: { eventId?: string | null; boardId?: string | null },
    detail?: Record<string, unknown>,
  ): Promise<void>;
  /** The entries of an event, newest first. */
  list(eventId: string, limit?: number): Promise<AuditEntry[]>;
  /** Every entry of an event, oldest first (for the event archive). */
  listAll(eventId: string): Promise<AuditEntry[]>;
  /** Adds entries carried over from an event archive, with their own times, in order. */
  importEntries(entries: readonly Omit<AuditEntry, 'id'>[]): Promise<void>;
}

/** The entry `record` writes, without its id. */
export function newAuditEntry(
  actor: Principal | 'system',
  action: string,
  target: { eventId?: string | null; boardId?: string | null },
  detail: Record<string, unknown> = {},
  at = Date.now(),
): Omit<AuditEntry, 'id'> {
  return {
    at,
    actor: actor === 'system' ? 'system' : actor.name,
    role: actor === 'system' ? 'system' : actor.role,
    action,
    eventId: target.eventId ?? null,
    boardId: target.boardId ?? null,
    detail,
  };
}

/** The default number of entries `list` returns. */
export const AUDIT_LIST_LIMIT = 500;
