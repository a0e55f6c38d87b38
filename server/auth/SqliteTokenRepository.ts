import type Database from 'better-sqlite3';
import type { Role } from '../../shared/roles';
import {
  TokenChecks,
  type StoredToken,
  type TokenLookup,
  type TokenStore,
} from './TokenRepository';

interface TokenRow {
  id: string;
  role: Role;
  name: string;
  event_id: string | null;
  board_id: string | null;
  expires_at: number;
  revoked: number;
}

/** Token rows in the SQLite file (embedded mode). */
class SqliteTokenStore implements TokenStore {
  constructor(private readonly db: Database.Database) {}

  async insert(t: StoredToken): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO tokens (id, hash, role, name, event_id, board_id, desa_kode, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        t.id,
        t.hash,
        t.role,
        t.name,
        t.eventId,
        t.boardId,
        t.desaKode,
        t.createdAt,
        t.expiresAt,
      );
  }

  async findByHash(hash: string): Promise<TokenLookup | null> {
    const row = this.db
      .prepare(
        'SELECT id, role, name, event_id, board_id, expires_at, revoked FROM tokens WHERE hash = ?',
      )
      .get(hash) as TokenRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      role: row.role,
      name: row.name,
      eventId: row.event_id,
      boardId: row.board_id,
      expiresAt: row.expires_at,
      revoked: row.revoked === 1,
    };
  }

  async revoke(id: string): Promise<void> {
    this.db.prepare('UPDATE tokens SET revoked = 1 WHERE id = ?').run(id);
  }
}

/** The token repository on the SQLite file (embedded mode). */
export class SqliteTokenRepository extends TokenChecks {
  constructor(
    db: Database.Database,
    opts: { adminToken?: string | null; now?: () => number } = {},
  ) {
    super(new SqliteTokenStore(db), opts);
  }
}
