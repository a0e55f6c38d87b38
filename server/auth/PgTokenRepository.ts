import type pg from 'pg';
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
  expires_at: string;
  revoked: boolean;
}

/** Token rows in PostgreSQL (scaled mode). */
class PgTokenStore implements TokenStore {
  constructor(private readonly pool: pg.Pool) {}

  async insert(t: StoredToken): Promise<void> {
    await this.pool.query(
      `INSERT INTO tokens (id, hash, role, name, event_id, board_id, desa_kode, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [t.id, t.hash, t.role, t.name, t.eventId, t.boardId, t.desaKode, t.createdAt, t.expiresAt],
    );
  }

  async findByHash(hash: string): Promise<TokenLookup | null> {
    const result = await this.pool.query<TokenRow>(
      'SELECT id, role, name, event_id, board_id, expires_at, revoked FROM tokens WHERE hash = $1',
      [hash],
    );
    const row = result.rows[0];
    if (!row) return null;
    return {
      id: row.id,
      role: row.role,
      name: row.name,
      eventId: row.event_id,
      boardId: row.board_id,
      expiresAt: Number(row.expires_at),
      revoked: row.revoked,
    };
  }

  async revoke(id: string): Promise<void> {
    await this.pool.query('UPDATE tokens SET revoked = true WHERE id = $1', [id]);
  }
}

/** The token repository on PostgreSQL (scaled mode): a token issued on one instance works on all. */
export class PgTokenRepository extends TokenChecks {
  constructor(pool: pg.Pool, opts: { adminToken?: string | null; now?: () => number } = {}) {
    super(new PgTokenStore(pool), opts);
  }
}
