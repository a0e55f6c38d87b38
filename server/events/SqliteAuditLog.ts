import type Database from 'better-sqlite3';
import type { Principal } from '../../shared/roles';
import { AUDIT_LIST_LIMIT, newAuditEntry, type AuditEntry, type AuditLog } from './AuditLog';

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

/** Inserts audit entries on `db` (inside the caller's transaction, if any). */
export function insertAuditEntries(
  db: Database.Database,
  entries: readonly Omit<AuditEntry, 'id'>[],
): void {
  const insert = db.prepare(
    'INSERT INTO audit (at, actor, role, action, event_id, board_id, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const e of entries) {
    insert.run(e.at, e.actor, e.role, e.action, e.eventId, e.boardId, JSON.stringify(e.detail));
  }
}

/** The audit log in the SQLite file (embedded mode). */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Database.Database) {}

  async record(
    actor: Principal | 'system',
    action: string,
    target: { eventId?: string | null; boardId?: string | null },
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    insertAuditEntries(this.db, [newAuditEntry(actor, action, target, detail)]);
  }

  async list(eventId: string, limit = AUDIT_LIST_LIMIT): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM audit WHERE event_id = ? ORDER BY id DESC LIMIT ?')
      .all(eventId, limit) as AuditRow[];
    return rows.map(toEntry);
  }

  async listAll(eventId: string): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM audit WHERE event_id = ? ORDER BY id')
      .all(eventId) as AuditRow[];
    return rows.map(toEntry);
  }

  async importEntries(entries: readonly Omit<AuditEntry, 'id'>[]): Promise<void> {
    this.db.transaction(() => insertAuditEntries(this.db, entries))();
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
