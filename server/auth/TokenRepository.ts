import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal, Role } from '../../shared/roles';

/** A fixed staff token must not be guessable: at least this long. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** How long each kind of token lives unless told otherwise. */
export const TOKEN_TTL_MS: Record<Role, number> = {
  staff: 30 * 24 * 3600_000,
  moderator: 14 * 24 * 3600_000,
  participant: 3 * 24 * 3600_000,
};

interface TokenRow {
  id: string;
  role: Role;
  name: string;
  event_id: string | null;
  board_id: string | null;
  expires_at: number;
  revoked: number;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Random bearer tokens, stored only as SHA-256 hashes, scoped and expiring. */
export class TokenRepository {
  private readonly adminHash: Buffer | null;

  constructor(
    private readonly db: Database.Database,
    opts: { adminToken?: string | null; now?: () => number } = {},
  ) {
    if (opts.adminToken && opts.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
      throw new Error(`PAPAN_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
    }
    this.adminHash = opts.adminToken ? Buffer.from(hashToken(opts.adminToken), 'hex') : null;
    this.now = opts.now ?? Date.now;
  }

  private readonly now: () => number;

  /** Issues a token; the plain token is returned once and never stored. */
  issue(input: {
    role: Role;
    name: string;
    eventId?: string | null;
    boardId?: string | null;
    desaKode?: string | null;
    ttlMs?: number;
  }): { token: string; id: string; expiresAt: number } {
    if (input.role === 'moderator' && !input.eventId)
      throw new Error('a moderator token needs an event');
    if (input.role === 'participant' && (!input.eventId || !input.boardId)) {
      throw new Error('a participant token needs an event and a board');
    }
    const token = `pr_${randomBytes(24).toString('base64url')}`;
    const id = randomUUID();
    const now = this.now();
    const expiresAt = now + (input.ttlMs ?? TOKEN_TTL_MS[input.role]);
    this.db
      .prepare(
        `INSERT INTO tokens (id, hash, role, name, event_id, board_id, desa_kode, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        hashToken(token),
        input.role,
        input.name,
        input.eventId ?? null,
        input.boardId ?? null,
        input.desaKode ?? null,
        now,
        expiresAt,
      );
    return { token, id, expiresAt };
  }

  /** The principal of a token, or null when it is unknown, expired or revoked. */
  verify(token: string | null | undefined): Principal | null {
    if (typeof token !== 'string' || token.length < 10 || token.length > 200) return null;
    const hash = hashToken(token);
    if (this.adminHash && timingSafeEqual(this.adminHash, Buffer.from(hash, 'hex'))) {
      return { tokenId: 'admin', role: 'staff', name: 'Admin', eventId: null, boardId: null };
    }
    const row = this.db
      .prepare(
        'SELECT id, role, name, event_id, board_id, expires_at, revoked FROM tokens WHERE hash = ?',
      )
      .get(hash) as TokenRow | undefined;
    if (!row || row.revoked === 1 || row.expires_at <= this.now()) return null;
    return {
      tokenId: row.id,
      role: row.role,
      name: row.name,
      eventId: row.event_id,
      boardId: row.board_id,
    };
  }

  /** Revokes a token by id. */
  revoke(id: string): void {
    this.db.prepare('UPDATE tokens SET revoked = 1 WHERE id = ?').run(id);
  }
}
