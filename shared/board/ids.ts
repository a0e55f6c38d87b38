import * as random from 'lib0/random';

/** Ids of cards, clusters, voters and tldraw records: short, URL- and key-safe. */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9_:-]{1,100}$/;

/** True for a well-formed record id (and never for `__proto__`-style keys). */
export function isRecordId(id: unknown): id is string {
  return typeof id === 'string' && RECORD_ID_PATTERN.test(id) && id !== '__proto__';
}

/** A new random id (works in insecure browser contexts too, unlike crypto.randomUUID). */
export function newId(prefix: string): string {
  return `${prefix}${random.uuidv4().replace(/-/g, '').slice(0, 20)}`;
}
