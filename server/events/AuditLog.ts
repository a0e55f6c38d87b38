import type Database from 'better-sqlite3';
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

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  role: string;
  action: string;
  event_id: string | null;
  board_id: string | null;
  detail_json: string;
}

/** Who created, locked, unlocked, merged and exported what, and when. Append-only. */
export class AuditLog {
  constructor(private readonly db: Database.Database) {}

  /** Records an action by a principal (or the system). */
  record(
    actor: Principal | 'system',
    action: string,
    target: { eventId?: string | null; boardId?: string | null },
    detail: Record<string, unknown> = {},
  ): void {
    this.db
      .prepare(
        'INSERT INTO audit (at, actor, role, action, event_id, board_id, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        Date.now(),
        actor === 'system' ? 'system' : actor.name,
        actor === 'system' ? 'system' : actor.role,
        action,
        target.eventId ?? null,
        target.boardId ?? null,
        JSON.stringify(detail),
      );
  }

  /** The entries of an event, newest first. */
  list(eventId: string, limit = 500): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit WHERE event_id = ? ORDER BY id DESC LIMIT ?')
      .all(eventId, limit) as AuditRow[];
    return rows.map(toEntry);
  }

  /** Every entry of an event, oldest first (for the event archive). */
  listAll(eventId: string): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit WHERE event_id = ? ORDER BY id')
      .all(eventId) as AuditRow[];
    return rows.map(toEntry);
  }

  /** Adds entries carried over from an event archive, with their own times, in order. */
  importEntries(entries: readonly Omit<AuditEntry, 'id'>[]): void {
    const insert = this.db.prepare(
      'INSERT INTO audit (at, actor, role, action, event_id, board_id, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const e of entries) {
      insert.run(e.at, e.actor, e.role, e.action, e.eventId, e.boardId, JSON.stringify(e.detail));
    }
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    eventId: r.event_id,
    boardId: r.board_id,
    detail: JSON.parse(r.detail_json) as Record<string, unknown>,
  };
}
