import { StoreUnavailableError } from './DocStore';

/** Socket errors of a database that is gone or cannot be reached. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What `pg` and `pg-pool` throw, without a code, when the server goes away or never answers. */
const PG_GONE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * Whether `error` means "the database cannot be reached" (a request may pass later), as opposed
 * to a bug or a statement PostgreSQL refused: a StoreUnavailableError from a doc store, SQLSTATE
 * class 08 (connection exception) or 57P01-57P03 (shutdown, cannot connect now), a socket error,
 * or pg's own "connection terminated" and pool-timeout errors.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true;
    if (SOCKET_CODES.has(code)) return true;
  }
  return typeof message === 'string' && PG_GONE.test(message);
}
