import * as Y from 'yjs';
import { scanUpdate, type ScannedStruct } from './scanUpdate';

/**
 * What an incoming Yjs update would do to a document's shape, measured from the decoded structs
 * without applying anything to the live doc. The door (the room's write path) compares it with
 * the shape limits in shared/limits.ts before the update is stored or applied.
 */
export interface UpdateShape {
  /** Structs (items and collected ranges) in the update itself. */
  structs: number;
  /** Ranges in the update's delete set: each one costs a lookup when applied. */
  deleteRanges: number;
  /**
   * Deepest nesting the update (with the held-back structs it releases) creates, counted from
   * the top-level types: an entry of a top-level map is 1, a field of a card 2, and JSON values
   * inside an entry add their own levels ([[1]] adds 2).
   */
  depth: number;
  /** The most entries (keys of a map, length of a list) one type would hold afterwards. */
  largestType: { entries: number; path: string };
  /** Structs the document's store would hold afterwards (an upper bound: Yjs merges some). */
  documentStructs: number;
  /** Top-level type names the update writes into (directly, not through a nested type). */
  topLevel: string[];
  /** Structs that would still be held back afterwards (their dependencies are missing). */
  pending: number;
}

/** Where an item sits: its nesting depth, the type it belongs to, and its map key if any. */
interface Place {
  depth: number;
  type: string;
  key: string | null;
  pending: boolean;
}

/** A shared type of a doc, as Yjs types its `share` map. */
type DocType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

const UNKNOWN: Place = { depth: 0, type: '?', key: null, pending: true };

/** The structs of the update by client, sorted by clock, for lookups by ID. */
class StructIndex {
  private readonly byClient = new Map<number, ScannedStruct[]>();

  constructor(structs: readonly ScannedStruct[]) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.client, [struct]);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.clock - b.clock);
  }

  clients(): IterableIterator<[number, ScannedStruct[]]> {
    return this.byClient.entries();
  }

  /** The item whose clock range holds (client, clock), or null. */
  find(client: number, clock: number): ScannedStruct | null {
    const list = this.byClient.get(client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = list[mid] as ScannedStruct;
      if (clock < s.clock) hi = mid - 1;
      else if (clock >= s.clock + s.length) lo = mid + 1;
      else return s.kind === 'item' ? s : null;
    }
    return null;
  }
}

/** The key of a type for the entry counts: its top-level name, or the ID of the item holding it. */
function typeKey(type: DocType): string {
  return type._item
    ? `${type._item.id.client}:${type._item.id.clock}`
    : `/${Y.findRootTypeKey(type)}`;
}

function itemInDoc(doc: Y.Doc, client: number, clock: number): Y.Item | null {
  if (client < 0 || clock >= Y.getState(doc.store, client)) return null;
  const struct = Y.getItem(doc.store, Y.createID(client, clock));
  return struct instanceof Y.Item ? struct : null;
}

/** A type of the live doc by key, if it exists. */
function docType(doc: Y.Doc, key: string): DocType | null {
  if (key.startsWith('/')) return doc.share.get(key.slice(1)) ?? null;
  const [client, clock] = key.split(':').map(Number);
  const item = itemInDoc(doc, client ?? -1, clock ?? 0);
  return item && item.content instanceof Y.ContentType ? item.content.type : null;
}

/** Measures places of items already in the doc (walking up their parents), memoised. */
class DocPlaces {
  private readonly memo = new WeakMap<Y.Item, Place>();

  of(item: Y.Item): Place {
    const known = this.memo.get(item);
    if (known) return known;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return UNKNOWN;
    let depth = 1;
    for (
      let up = parent._item;
      up !== null;
      up = up.parent instanceof Y.AbstractType ? up.parent._item : null
    ) {
      depth++;
    }
    const place: Place = { depth, type: typeKey(parent), key: item.parentSub, pending: false };
    this.memo.set(item, place);
    return place;
  }
}

/** The structs Yjs holds back in `doc`, scanned (Yjs keeps them in its v2 encoding). */
function heldBack(doc: Y.Doc): ScannedStruct[] {
  const held = doc.store.pendingStructs;
  return held ? scanUpdate(Y.convertUpdateFormatV2ToV1(held.update)).structs : [];
}

/**
 * Measures what `update` would do to `doc` (see UpdateShape), together with the structs the
 * doc holds back, which this update may release. Reads the doc, never changes it, and builds
 * no Yjs objects (see scanUpdate). Throws when the update does not scan.
 */
export function measureUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  /** Called with each new item's depth (JSON levels included), e.g. to cut what is too deep. */
  visit?: (struct: ScannedStruct, depth: number) => void,
): UpdateShape {
  const own = scanUpdate(update);
  const all = [...own.structs, ...heldBack(doc)];
  const structs = own.structs.filter((s) => s.kind !== 'skip').length;

  const index = new StructIndex(all);
  // A struct past a gap in its client's clocks waits for the gap whatever its parent.
  const reachable = new Map<number, number>();
  for (const [client, list] of index.clients()) {
    let frontier = Y.getState(doc.store, client);
    for (const s of list) {
      if (s.kind === 'skip' || s.clock > frontier) break;
      frontier = Math.max(frontier, s.clock + s.length);
    }
    reachable.set(client, frontier);
  }

  const docPlaces = new DocPlaces();
  const rootTypes = new Map<string, string>();
  /** An entry of a top-level type needs no lookups: most of a flood is these, so no memo. */
  const rootPlace = (item: ScannedStruct, name: string): Place => {
    let type = rootTypes.get(name);
    if (type === undefined) {
      type = `/${name}`;
      rootTypes.set(name, type);
    }
    const pending = item.clock >= (reachable.get(item.client) ?? 0);
    return { depth: 1, type, key: item.key, pending };
  };
  const places = new Map<ScannedStruct, Place>();
  const inProgress = new Set<ScannedStruct>();

  /** The place of the item holding an ID, or what must be placed first (an item of the update). */
  const lookup = (client: number, clock: number): Place | ScannedStruct => {
    if (client < 0) return UNKNOWN;
    const inUpdate = index.find(client, clock);
    if (inUpdate?.parentName != null) return rootPlace(inUpdate, inUpdate.parentName);
    if (inUpdate) return places.get(inUpdate) ?? (inProgress.has(inUpdate) ? UNKNOWN : inUpdate);
    const inDoc = itemInDoc(doc, client, clock);
    return inDoc ? docPlaces.of(inDoc) : UNKNOWN;
  };

  const placeOf = (root: ScannedStruct): Place => {
    if (root.parentName !== null) return rootPlace(root, root.parentName);
    const stack: ScannedStruct[] = [root];
    while (stack.length > 0) {
      const item = stack[stack.length - 1] as ScannedStruct;
      if (places.has(item)) {
        stack.pop();
        continue;
      }
      inProgress.add(item);
      let place: Place;
      if (item.parentName !== null) {
        place = { depth: 1, type: `/${item.parentName}`, key: item.key, pending: false };
      } else if (item.parentClient >= 0) {
        const holder = lookup(item.parentClient, item.parentClock);
        if (!isPlace(holder)) {
          stack.push(holder);
          continue;
        }
        place = {
          depth: holder.depth + 1,
          type: `${item.parentClient}:${item.parentClock}`,
          key: item.key,
          pending: holder.pending,
        };
      } else {
        const neighbour =
          item.originClient >= 0
            ? lookup(item.originClient, item.originClock)
            : lookup(item.rightClient, item.rightClock);
        if (!isPlace(neighbour)) {
          stack.push(neighbour);
          continue;
        }
        place = neighbour;
      }
      const gap = item.clock >= (reachable.get(item.client) ?? 0);
      if (gap && !place.pending) place = { ...place, pending: true };
      places.set(item, place);
      inProgress.delete(item);
      stack.pop();
    }
    return places.get(root) ?? UNKNOWN;
  };

  let depth = 0;
  let pending = 0;
  const topLevel = new Set<string>();
  /** Per type: new map keys, and list length added. */
  const added = new Map<string, { keys: Set<string>; length: number }>();
  const states = new Map<number, number>();
  for (const struct of all) {
    if (struct.kind !== 'item') continue;
    let state = states.get(struct.client);
    if (state === undefined) {
      state = Y.getState(doc.store, struct.client);
      states.set(struct.client, state);
    }
    // A resent struct the doc already holds changes nothing.
    if (struct.clock + struct.length <= state) continue;
    const place = placeOf(struct);
    if (place.pending) pending++;
    const itemDepth = place.depth + struct.jsonDepth;
    visit?.(struct, itemDepth);
    if (itemDepth > depth) depth = itemDepth;
    if (place.type.startsWith('/')) topLevel.add(place.type.slice(1));
    let entry = added.get(place.type);
    if (!entry) {
      entry = { keys: new Set(), length: 0 };
      added.set(place.type, entry);
    }
    // An overwrite of a key has an origin and no key of its own: it adds no entry.
    if (struct.key !== null) entry.keys.add(struct.key);
    else if (place.key === null && struct.countable) entry.length += struct.length;
  }

  let largestType = { entries: 0, path: '' };
  for (const [key, entry] of added) {
    const existing = key === '?' ? null : docType(doc, key);
    let newKeys = 0;
    for (const k of entry.keys) if (!existing?._map.has(k)) newKeys++;
    const entries = (existing?._map.size ?? 0) + (existing?._length ?? 0) + newKeys + entry.length;
    if (entries > largestType.entries) largestType = { entries, path: key };
  }

  let documentStructs = structs;
  for (const list of doc.store.clients.values()) documentStructs += list.length;

  return {
    structs,
    deleteRanges: own.deleteRanges,
    depth,
    largestType,
    documentStructs,
    topLevel: [...topLevel].sort(),
    pending,
  };
}

function isPlace(value: Place | ScannedStruct): value is Place {
  return 'pending' in value && !('kind' in value);
}
