import * as Y from 'yjs';

/** What an incoming update would do to a room's document. */
export type UpdateEffect = 'invalid' | 'redundant' | 'changes';

/** Clock ranges per client, [start, end). */
type Ranges = Map<number, [number, number][]>;

/** What Yjs holds back for a doc (structs and deletions waiting for what they depend on). */
interface HeldBack {
  structs: Ranges;
  deletes: Ranges;
}

/** Held-back updates change only when Yjs replaces them, so each is decoded once. */
const heldBackCache = {
  structs: new WeakMap<Uint8Array, Ranges>(),
  deletes: new WeakMap<Uint8Array, Ranges>(),
};

/**
 * Decodes `update` fully (garbage throws inside Yjs) and says whether it would change `doc`.
 * Reconnecting clients answer our sync step 1 with their whole delete set every time, so without
 * this check every reconnect of every tablet would append a row to the log. What Yjs already
 * holds back as pending is not news either: a client resending the same held-back 1 MiB update
 * once added a row per resend until the disk was full.
 */
export function updateEffect(doc: Y.Doc, update: Uint8Array): UpdateEffect {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'invalid';
  }
  const held = heldBack(doc);
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const known = Y.getState(doc.store, struct.id.client);
    const end = struct.id.clock + struct.length;
    if (end <= known) continue;
    const start = Math.max(struct.id.clock, known);
    if (!covered(held.structs, struct.id.client, start, end)) return 'changes';
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const known = Y.getState(doc.store, client);
    const structs = doc.store.clients.get(client);
    for (const range of ranges) {
      if (range.len <= 0) continue;
      const end = range.clock + range.len;
      if (!structs || end > known) {
        // Deleting something we have not seen yet: news, unless Yjs already holds it back.
        if (covered(held.deletes, client, range.clock, end)) continue;
        return 'changes';
      }
      for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
        const struct = structs[i];
        if (!struct || struct.id.clock >= end) break;
        if (!struct.deleted) return 'changes';
      }
    }
  }
  return 'redundant';
}

function heldBack(doc: Y.Doc): HeldBack {
  const { pendingStructs, pendingDs } = doc.store;
  return {
    structs: pendingStructs ? rangesOf(pendingStructs.update, 'structs') : new Map(),
    deletes: pendingDs ? rangesOf(pendingDs, 'deletes') : new Map(),
  };
}

/** The clock ranges of an update's structs or deletions, decoded once per held-back update. */
function rangesOf(update: Uint8Array, what: 'structs' | 'deletes'): Ranges {
  const cached = heldBackCache[what].get(update);
  if (cached) return cached;
  const ranges: Ranges = new Map();
  const add = (client: number, start: number, end: number) => {
    const list = ranges.get(client) ?? [];
    list.push([start, end]);
    ranges.set(client, list);
  };
  try {
    // Held-back updates are kept in the v2 format by Yjs.
    const decoded = Y.decodeUpdateV2(update);
    if (what === 'structs') {
      for (const s of decoded.structs) {
        if (!(s instanceof Y.Skip)) add(s.id.client, s.id.clock, s.id.clock + s.length);
      }
    } else {
      for (const [client, list] of decoded.ds.clients) {
        for (const r of list) add(client, r.clock, r.clock + r.len);
      }
    }
  } catch {
    // Not decodable as held back: nothing counts as held back.
  }
  for (const list of ranges.values()) list.sort((a, b) => a[0] - b[0]);
  heldBackCache[what].set(update, ranges);
  return ranges;
}

/** True when [start, end) of `client` lies within the union of `ranges`. */
function covered(ranges: Ranges, client: number, start: number, end: number): boolean {
  let at = start;
  for (const [from, to] of ranges.get(client) ?? []) {
    if (from > at) break;
    if (to > at) at = to;
    if (at >= end) return true;
  }
  return at >= end;
}
