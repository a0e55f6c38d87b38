import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Principal, Role } from '../../shared/roles';

/** A fixed staff token must not be guessable: at least this long. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** How long each kind of token lives unless told otherwise. */
export const TOKEN_TTL_MS: Record<Role, number> = {
  staff: 30 * 24 * 3600_000,
  moderator: 14 * 24 * 3600_000,
  participant: 3 * 24 * 3600_000,
};

/** What issuing a token takes. */
export interface TokenRequest {
  role: Role;
  name: string;
  eventId?: string | null;
  boardId?: string | null;
  desaKode?: string | null;
  ttlMs?: number;
}

/** A token's row as both stores write it. */
export interface StoredToken {
  id: string;
  hash: string;
  role: Role;
  name: string;
  eventId: string | null;
  boardId: string | null;
  desaKode: string | null;
  createdAt: number;
  expiresAt: number;
}

/** A stored token as read back for verification. */
export interface TokenLookup {
  id: string;
  role: Role;
  name: string;
  eventId: string | null;
  boardId: string | null;
  expiresAt: number;
  revoked: boolean;
}

/**
 * Random bearer tokens, stored only as SHA-256 hashes, scoped and expiring: SQLite in the
 * embedded mode, PostgreSQL in the scaled mode (so a token issued on one instance opens a socket
 * on any other). Both are a TokenStore under the same checks (TokenChecks).
 */
export interface TokenRepository {
  /** Issues a token; the plain token is returned once and never stored. */
  issue(input: TokenRequest): Promise<{ token: string; id: string; expiresAt: number }>;
  /** The principal of a token, or null when it is unknown, expired or revoked. */
  verify(token: string | null | undefined): Promise<Principal | null>;
  /** Revokes a token by id. */
  revoke(id: string): Promise<void>;
}

/** The storage half of a TokenRepository: rows by hash. */
export interface TokenStore {
  insert(token: StoredToken): Promise<void>;
  findByHash(hash: string): Promise<TokenLookup | null>;
  revoke(id: string): Promise<void>;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The rules every token repository applies, over any TokenStore. */
export class TokenChecks implements TokenRepository {
  private readonly adminHash: Buffer | null;
  private readonly now: () => number;

  constructor(
    private readonly store: TokenStore,
    opts: { adminToken?: string | null; now?: () => number } = {},
  ) {
    if (opts.adminToken && opts.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
      throw new Error(`PAPAN_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
    }
    this.adminHash = opts.adminToken ? Buffer.from(hashToken(opts.adminToken), 'hex') : null;
    this.now = opts.now ?? Date.now;
  }

  async issue(input: TokenRequest): Promise<{ token: string; id: string; expiresAt: number }> {
    if (input.role === 'moderator' && !input.eventId)
      throw new Error('a moderator token needs an event');
    if (input.role === 'participant' && (!input.eventId || !input.boardId)) {
      throw new Error('a participant token needs an event and a board');
    }
    const token = `pr_${randomBytes(24).toString('base64url')}`;
    const id = randomUUID();
    const now = this.now();
    const expiresAt = now + (input.ttlMs ?? TOKEN_TTL_MS[input.role]);
    await this.store.insert({
      id,
      hash: hashToken(token),
      role: input.role,
      name: input.name,
      eventId: input.eventId ?? null,
      boardId: input.boardId ?? null,
      desaKode: input.desaKode ?? null,
      createdAt: now,
      expiresAt,
    });
    return { token, id, expiresAt };
  }

  async verify(token: string | null | undefined): Promise<Principal | null> {
    if (typeof token !== 'string' || token.length < 10 || token.length > 200) return null;
    const hash = hashToken(token);
    if (this.adminHash && timingSafeEqual(this.adminHash, Buffer.from(hash, 'hex'))) {
      return { tokenId: 'admin', role: 'staff', name: 'Admin', eventId: null, boardId: null };
    }
    const row = await this.store.findByHash(hash);
    if (!row || row.revoked || row.expiresAt <= this.now()) return null;
    return {
      tokenId: row.id,
      role: row.role,
      name: row.name,
      eventId: row.eventId,
      boardId: row.boardId,
    };
  }

  revoke(id: string): Promise<void> {
    return this.store.revoke(id);
  }
}
