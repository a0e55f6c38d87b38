import * as Y from 'yjs';

/** What an update does under one key of a top-level map. */
export interface TouchedEntry {
  /**
   * Values written straight under the key, in update order: JSON content as is, a shared type
   * (a new Y.Map, not yet integrated) as that type, other content (binary, embeds) as undefined.
   */
  values: unknown[];
  /** True when an entry stored under the key is deleted. */
  deleted: boolean;
  /** True when something inside the key's value (a card's Y.Map fields, say) changes. */
  nested: boolean;
}

/** Which top-level maps and keys one update touches; computed once per write (see touchedBy). */
export interface Touched {
  /** Per top-level name, per key: what the update does there. */
  readonly maps: ReadonlyMap<string, ReadonlyMap<string, TouchedEntry>>;
  /** Top-level names changed without a map key (a top-level array or text: not our layout). */
  readonly unkeyed: ReadonlySet<string>;
  /** Structs or deletions whose place is unknown: Yjs keeps them pending until their parent arrives. */
  readonly unresolved: number;
  /** True when the update completes structs Yjs held pending; those are included above. */
  readonly releasesPending: boolean;
}

/** A top-level type of a doc, as Yjs types it. */
type SharedType = Y.Doc['share'] extends Map<string, infer T> ? T : never;

type Place = { name: string; key: string | null; direct: boolean };

/** Every map key the update touches, for every top-level map, read before it is applied. */
export function touchedBy(doc: Y.Doc, update: Uint8Array): Touched {
  return new TouchScan(doc, update).run();
}

/**
 * Resolves each struct of an update to its top-level map and key without applying it: through
 * its own parent info, through the struct it was inserted next to (Yjs omits the parent then),
 * or through the parent type's item, in the update or in the doc. Structs held in Yjs's pending
 * queue that this update would release are scanned too, so a client cannot slip a write past
 * the rules by sending it before its parent.
 */
class TouchScan {
  private readonly maps = new Map<string, Map<string, TouchedEntry>>();
  private readonly unkeyed = new Set<string>();
  private unresolved = 0;
  private releasesPending = false;
  private readonly names = new Map<SharedType, string>();
  private readonly inUpdate = new Map<number, Y.Item[]>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: Uint8Array,
  ) {
    for (const [name, type] of doc.share) this.names.set(type, name);
  }

  run(): Touched {
    const decoded = this.decode();
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.inUpdate.get(struct.id.client) ?? [];
      list.push(struct);
      this.inUpdate.set(struct.id.client, list);
    }
    for (const list of this.inUpdate.values()) list.sort((a, b) => a.id.clock - b.id.clock);
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const place = this.placeOf(struct, 0);
      if (!place) {
        this.unresolved++;
        continue;
      }
      const entry = this.mark(place);
      if (entry && place.direct) entry.values.push(valueOf(struct.content));
    }
    for (const [client, ranges] of decoded.ds.clients) {
      for (const range of ranges) this.markDeleted(client, range.clock, range.clock + range.len);
    }
    return {
      maps: this.maps,
      unkeyed: this.unkeyed,
      unresolved: this.unresolved,
      releasesPending: this.releasesPending,
    };
  }

  /** The update, merged with what it would release from Yjs's pending queue. */
  private decode(): ReturnType<typeof Y.decodeUpdate> {
    const decoded = Y.decodeUpdate(this.update);
    const { pendingStructs, pendingDs } = this.doc.store;
    const extra: Uint8Array[] = [];
    if (pendingStructs) {
      for (const [client, clock] of pendingStructs.missing) {
        const fills = decoded.structs.some(
          (s) => s.id.client === client && s.id.clock + s.length > clock,
        );
        if (fills || Y.getState(this.doc.store, client) > clock) {
          extra.push(pendingStructs.update);
          break;
        }
      }
    }
    if (pendingDs) extra.push(pendingDs);
    if (extra.length === 0) return decoded;
    this.releasesPending = true;
    return Y.decodeUpdateV2(Y.mergeUpdatesV2([Y.convertUpdateFormatV1ToV2(this.update), ...extra]));
  }

  private mark(place: Place): TouchedEntry | null {
    if (place.key === null) {
      this.unkeyed.add(place.name);
      return null;
    }
    let keys = this.maps.get(place.name);
    if (!keys) {
      keys = new Map();
      this.maps.set(place.name, keys);
    }
    let entry = keys.get(place.key);
    if (!entry) {
      entry = { values: [], deleted: false, nested: false };
      keys.set(place.key, entry);
    }
    if (!place.direct) entry.nested = true;
    return entry;
  }

  private markDeleted(client: number, start: number, end: number): void {
    const structs = this.doc.store.clients.get(client);
    let seen = start;
    if (structs && start < Y.getState(this.doc.store, client)) {
      for (let i = Y.findIndexSS(structs, start); i < structs.length; i++) {
        const struct = structs[i];
        if (!struct || struct.id.clock >= end) break;
        seen = struct.id.clock + struct.length;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        this.markPlaceDeleted(this.placeOf(struct, 0));
      }
    }
    for (const item of this.inUpdate.get(client) ?? []) {
      if (item.id.clock + item.length <= seen || item.id.clock >= end) continue;
      seen = Math.max(seen, item.id.clock + item.length);
      this.markPlaceDeleted(this.placeOf(item, 0));
    }
    if (seen < end) this.unresolved++;
  }

  private markPlaceDeleted(place: Place | null): void {
    if (!place) {
      this.unresolved++;
      return;
    }
    const entry = this.mark(place);
    if (entry && place.direct) entry.deleted = true;
  }

  private placeOf(item: Y.Item, depth: number): Place | null {
    // A hostile chain of neighbours cannot send us around in circles.
    if (depth > 64) return null;
    const parent: unknown = item.parent;
    if (parent instanceof Y.AbstractType) return this.placeOfIntegrated(item);
    if (typeof parent === 'string') return { name: parent, key: item.parentSub, direct: true };
    if (parent instanceof Y.ID) {
      const owner = this.find(parent);
      const place = owner && this.placeOf(owner, depth + 1);
      return place && { ...place, direct: false };
    }
    // Yjs leaves the parent out when the item has a neighbour: it shares that neighbour's place.
    for (const id of [item.origin, item.rightOrigin]) {
      const neighbour = id && this.find(id);
      if (neighbour) return this.placeOf(neighbour, depth + 1);
    }
    return null;
  }

  private placeOfIntegrated(item: Y.Item): Place | null {
    let current = item;
    for (;;) {
      const parent = current.parent as SharedType;
      if (parent._item === null) {
        const name = this.names.get(parent);
        return name === undefined
          ? null
          : { name, key: current.parentSub, direct: current === item };
      }
      current = parent._item;
    }
  }

  private find(id: Y.ID): Y.Item | null {
    for (const item of this.inUpdate.get(id.client) ?? []) {
      if (id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return item;
    }
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    const struct = Y.getItem(this.doc.store, id);
    return struct instanceof Y.Item ? struct : null;
  }
}

function valueOf(content: Y.Item['content']): unknown {
  if (content instanceof Y.ContentAny) return content.getContent()[0];
  if (content instanceof Y.ContentType) return content.type;
  return undefined;
}
