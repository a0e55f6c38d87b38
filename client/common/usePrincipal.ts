import { useEffect, useState } from 'react';
import type { Principal, Role } from '../../shared/roles';
import { apiRequest } from './apiRequest';

const ROLE_SET: ReadonlySet<string> = new Set(['staff', 'moderator', 'participant']);

/** Parses GET /api/me (untrusted) into a Principal for `can`; null when unusable. */
export function parseMe(raw: unknown): Principal | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { role, name, eventId, boardId } = raw as Record<string, unknown>;
  if (typeof role !== 'string' || !ROLE_SET.has(role)) return null;
  return {
    tokenId: '',
    role: role as Role,
    name: typeof name === 'string' ? name.slice(0, 80) : '',
    eventId: typeof eventId === 'string' ? eventId : null,
    boardId: typeof boardId === 'string' ? boardId : null,
  };
}

/** Who the tab's token belongs to: undefined while asking, null without a valid token. */
export function usePrincipal(token: string | null): Principal | null | undefined {
  const [principal, setPrincipal] = useState<Principal | null | undefined>(
    token === null ? null : undefined,
  );
  useEffect(() => {
    if (token === null) return;
    let live = true;
    void apiRequest('/api/me', { token }).then((r) => {
      if (live) setPrincipal(r.ok ? parseMe(r.data) : null);
    });
    return () => {
      live = false;
    };
  }, [token]);
  return principal;
}
