import * as Y from 'yjs';

/** What an incoming update would do to a room's document. */
export type UpdateEffect = 'invalid' | 'redundant' | 'changes';

/**
 * Decodes `update` fully (garbage throws inside Yjs) and says whether it would change `doc`.
 * Reconnecting clients answer our sync step 1 with their whole delete set every time, so without
 * this check every reconnect of every tablet would append a row to the log.
 */
export function updateEffect(doc: Y.Doc, update: Uint8Array): UpdateEffect {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'invalid';
  }
  const stateVector = Y.getState;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const known = stateVector(doc.store, struct.id.client);
    if (struct.id.clock + struct.length > known) return 'changes';
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const known = stateVector(doc.store, client);
    const structs = doc.store.clients.get(client);
    for (const range of ranges) {
      if (range.len <= 0) continue;
      const end = range.clock + range.len;
      // Deleting something we have not seen yet: Yjs keeps it pending, it is news.
      if (!structs || end > known) return 'changes';
      for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
        const struct = structs[i];
        if (!struct || struct.id.clock >= end) break;
        if (!struct.deleted) return 'changes';
      }
    }
  }
  return 'redundant';
}
