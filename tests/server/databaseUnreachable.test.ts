import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../server/store/DocStore';
import { isDatabaseUnreachable } from '../../server/store/databaseUnreachable';

function withCode(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnreachable: a 503 "try again", not a 500', () => {
  it('is true for a database that is gone or cannot be reached', () => {
    expect(isDatabaseUnreachable(new StoreUnavailableError('PostgreSQL unavailable'))).toBe(true);
    expect(isDatabaseUnreachable(withCode('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnreachable(withCode('ECONNRESET'))).toBe(true);
    expect(isDatabaseUnreachable(withCode('08006'))).toBe(true); // connection failure
    expect(isDatabaseUnreachable(withCode('57P01'))).toBe(true); // admin shutdown
    expect(isDatabaseUnreachable(withCode('57P03'))).toBe(true); // cannot connect now
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('is false for bugs and statements PostgreSQL refused', () => {
    expect(isDatabaseUnreachable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnreachable(withCode('23505'))).toBe(false); // unique violation
    expect(isDatabaseUnreachable(withCode('42P01'))).toBe(false); // undefined table
    expect(isDatabaseUnreachable(withCode('57014'))).toBe(false); // statement cancelled
    expect(isDatabaseUnreachable(withCode('ENOENT'))).toBe(false);
    expect(isDatabaseUnreachable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnreachable(null)).toBe(false);
  });
});
