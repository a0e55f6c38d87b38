import type pg from 'pg';
import type { Principal } from '../../shared/roles';
import { AUDIT_LIST_LIMIT, newAuditEntry, type AuditEntry, type AuditLog } from './AuditLog';

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  event_id: string | null;
  board_id: string | null;
  detail_json: string;
}

/** Inserts audit entries, in order, in one statement (inside the caller's transaction, if any). */
export async function insertAuditEntries(
  db: pg.Pool | pg.PoolClient,
  entries: readonly Omit<AuditEntry, 'id'>[],
): Promise<void> {
  if (entries.length === 0) return;
  // unnest keeps the array order, and BIGSERIAL ids follow the insertion order.
  await db.query(
    `INSERT INTO audit (at, actor, role, action, event_id, board_id, detail_json)
     SELECT at, actor, role, action, event_id, board_id, detail_json
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       WITH ORDINALITY AS e(at, actor, role, action, event_id, board_id, detail_json, n)
     ORDER BY n`,
    [
      entries.map((e) => e.at),
      entries.map((e) => e.actor),
      entries.map((e) => e.role),
      entries.map((e) => e.action),
      entries.map((e) => e.eventId),
      entries.map((e) => e.boardId),
      entries.map((e) => JSON.stringify(e.detail)),
    ],
  );
}

/** The audit log in PostgreSQL (scaled mode), one log for every instance. */
export class PgAuditLog implements AuditLog {
  constructor(private readonly pool: pg.Pool) {}

  record(
    actor: Principal | 'system',
    action: string,
    target: { eventId?: string | null; boardId?: string | null },
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    return insertAuditEntries(this.pool, [newAuditEntry(actor, action, target, detail)]);
  }

  async list(eventId: string, limit = AUDIT_LIST_LIMIT): Promise<AuditEntry[]> {
    const result = await this.pool.query<AuditRow>(
      'SELECT * FROM audit WHERE event_id = $1 ORDER BY id DESC LIMIT $2',
      [eventId, limit],
    );
    return result.rows.map(toEntry);
  }

  async listAll(eventId: string): Promise<AuditEntry[]> {
    const result = await this.pool.query<AuditRow>(
      'SELECT * FROM audit WHERE event_id = $1 ORDER BY id',
      [eventId],
    );
    return result.rows.map(toEntry);
  }

  importEntries(entries: readonly Omit<AuditEntry, 'id'>[]): Promise<void> {
    return insertAuditEntries(this.pool, entries);
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    at: Number(r.at),
    actor: r.actor,
    role: r.role,
    action: r.action,
    eventId: r.event_id,
    boardId: r.board_id,
    detail: JSON.parse(r.detail_json) as Record<string, unknown>,
  };
}
