import * as Y from 'yjs';

/**
 * How many of our own changes the server has not yet confirmed as stored: for each client id
 * this device wrote with (one per page load), its clock in the local doc minus the clock in
 * the server's saved state vector. A clock counts items written (one per field set), so this
 * is "field writes not yet durable", never an estimate from the socket.
 */
export function pendingChangeCount(
  local: ReadonlyMap<number, number>,
  saved: ReadonlyMap<number, number>,
  ownClientIds: Iterable<number>,
): number {
  let pending = 0;
  for (const clientId of new Set(ownClientIds)) {
    const mine = local.get(clientId) ?? 0;
    const stored = saved.get(clientId) ?? 0;
    pending += Math.max(0, mine - stored);
  }
  return pending;
}

/** Decodes a base64 state vector from the server; null when it is not one. */
export function decodeSavedStateVector(base64: unknown): Map<number, number> | null {
  if (typeof base64 !== 'string' || base64.length > 1_000_000) return null;
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return Y.decodeStateVector(bytes);
  } catch {
    return null;
  }
}

/** The client ids this device has written a board with, as kept in storage (bad entries dropped). */
export function parseOwnClientIds(raw: string | null): number[] {
  if (raw === null) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.filter((v): v is number => Number.isInteger(v) && v >= 0).slice(-200);
  } catch {
    return [];
  }
}
