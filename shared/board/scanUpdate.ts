import * as decoding from 'lib0/decoding';

/**
 * One struct of a Yjs update as the shape analyser needs it: where it sits and how much it adds,
 * without its content. IDs are (client, clock); a missing ID has client -1.
 */
export interface ScannedStruct {
  client: number;
  clock: number;
  length: number;
  /** 'item' (content), 'gc' (a collected range) or 'skip' (a gap left by merging updates). */
  kind: 'item' | 'gc' | 'skip';
  originClient: number;
  originClock: number;
  rightClient: number;
  rightClock: number;
  /** Top-level type name, when the item names its parent that way. */
  parentName: string | null;
  /** ID of the item holding the parent type, when the item names its parent that way. */
  parentClient: number;
  parentClock: number;
  /** Map key, when the item states one (an item with an origin inherits its neighbour's). */
  key: string | null;
  /** Adds to a list's length (not deleted content, not text formatting). */
  countable: boolean;
  /** Levels of JSON inside the content (0 for strings, types and scalars). */
  jsonDepth: number;
  /** Byte offsets of the struct in the update, so a repair can copy it or replace it. */
  start: number;
  end: number;
}

/** A scanned update: its structs in wire order (clients in turn, clocks rising) and delete ranges. */
export interface ScannedUpdate {
  structs: ScannedStruct[];
  deleteRanges: number;
  /** Byte offset where the delete set begins. */
  deleteSetStart: number;
}

// Struct info bits, as Yjs writes them (Item.write).
const BITS5 = 31;
const HAS_ORIGIN = 128;
const HAS_RIGHT_ORIGIN = 64;
const HAS_PARENT_SUB = 32;
const YXML_ELEMENT = 3;
const YXML_HOOK = 5;

/** Skips a varint (lib0 writeVarInt): bytes until one without the continuation bit. */
function skipVarInt(decoder: decoding.Decoder): void {
  while ((decoding.readUint8(decoder) & 0x80) !== 0) {
    // continuation byte
  }
}

function skipBytes(decoder: decoding.Decoder, count: number): void {
  if (decoder.pos + count > decoder.arr.length) throw new Error('update ends inside a value');
  decoder.pos += count;
}

/**
 * Skips one lib0 `writeAny` value and returns its nesting (0 for a scalar, [] is 1), without
 * recursion: lib0's own readAny recurses per level and overflows on hostile JSON.
 */
function skipAny(decoder: decoding.Decoder): number {
  const first = decoder.arr[decoder.pos];
  if (first !== undefined && first !== 117 && first !== 118) {
    skipScalar(decoder, decoding.readUint8(decoder));
    return 0;
  }
  // Per open array/object: values still to read, and whether each needs a key first.
  const open: { left: number; keyed: boolean }[] = [];
  let deepest = 0;
  for (;;) {
    const top = open[open.length - 1];
    if (top !== undefined) {
      if (top.left === 0) {
        open.pop();
        if (open.length === 0) return deepest;
        continue;
      }
      top.left--;
      if (top.keyed) skipBytes(decoder, decoding.readVarUint(decoder));
    }
    const type = decoding.readUint8(decoder);
    if (type === 118 || type === 117) {
      // An object (entries are key, value) or an array.
      open.push({ left: decoding.readVarUint(decoder), keyed: type === 118 });
      deepest = Math.max(deepest, open.length);
    } else skipScalar(decoder, type);
    if (open.length === 0) return deepest;
  }
}

/** Skips one lib0 `writeAny` scalar of the given type byte. */
function skipScalar(decoder: decoding.Decoder, type: number): void {
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      skipVarInt(decoder);
      return;
    case 124:
      skipBytes(decoder, 4);
      return;
    case 123:
    case 122:
      skipBytes(decoder, 8);
      return;
    case 119: // string
    case 116: // Uint8Array
      skipBytes(decoder, decoding.readVarUint(decoder));
      return;
    default:
      throw new Error(`unknown value type ${type} in update`);
  }
}

/** Levels of JSON nesting in a JSON text (outside strings), without parsing it. */
function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** UTF-16 length of a UTF-8 string of `byteLength` bytes at the decoder, skipping it. */
function skipStringLength(decoder: decoding.Decoder): number {
  const bytes = decoding.readVarUint(decoder);
  const start = decoder.pos;
  skipBytes(decoder, bytes);
  let units = 0;
  for (let i = start; i < start + bytes; i++) {
    const b = decoder.arr[i] as number;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** Reads one item's content into `item`: its length, whether it counts, its JSON depth. */
function readContent(decoder: decoding.Decoder, ref: number, item: ScannedStruct): void {
  item.countable = true;
  switch (ref) {
    case 1: // ContentDeleted
      item.length = decoding.readVarUint(decoder);
      item.countable = false;
      return;
    case 2: {
      // ContentJSON
      item.length = decoding.readVarUint(decoder);
      for (let i = 0; i < item.length; i++) {
        const depth = jsonTextDepth(decoding.readVarString(decoder));
        if (depth > item.jsonDepth) item.jsonDepth = depth;
      }
      return;
    }
    case 3: // ContentBinary
      skipBytes(decoder, decoding.readVarUint(decoder));
      item.length = 1;
      return;
    case 4: // ContentString
      item.length = skipStringLength(decoder);
      return;
    case 5: // ContentEmbed
      item.length = 1;
      item.jsonDepth = jsonTextDepth(decoding.readVarString(decoder));
      return;
    case 6: // ContentFormat: key, then value as JSON
      skipBytes(decoder, decoding.readVarUint(decoder));
      item.length = 1;
      item.countable = false;
      item.jsonDepth = jsonTextDepth(decoding.readVarString(decoder));
      return;
    case 7: {
      // ContentType
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === YXML_ELEMENT || typeRef === YXML_HOOK) {
        skipBytes(decoder, decoding.readVarUint(decoder));
      }
      item.length = 1;
      return;
    }
    case 8: {
      // ContentAny
      item.length = decoding.readVarUint(decoder);
      for (let i = 0; i < item.length; i++) {
        const depth = skipAny(decoder);
        if (depth > item.jsonDepth) item.jsonDepth = depth;
      }
      return;
    }
    case 9: // ContentDoc: guid, then options
      skipBytes(decoder, decoding.readVarUint(decoder));
      item.length = 1;
      item.jsonDepth = skipAny(decoder);
      return;
    default:
      throw new Error(`unknown content type ${ref} in update`);
  }
}

function struct(
  client: number,
  clock: number,
  length: number,
  kind: ScannedStruct['kind'],
): ScannedStruct {
  return {
    client,
    clock,
    length,
    kind,
    originClient: -1,
    originClock: 0,
    rightClient: -1,
    rightClock: 0,
    parentName: null,
    parentClient: -1,
    parentClock: 0,
    key: null,
    countable: false,
    jsonDepth: 0,
    start: 0,
    end: 0,
  };
}

/**
 * Scans a Yjs update (v1, what y-websocket sends) struct by struct without building Yjs objects
 * or reading content values: several times cheaper than Y.decodeUpdate, and safe on content
 * nested too deep for lib0's recursive reader. Throws on bytes that are no update.
 */
export function scanUpdate(update: Uint8Array): ScannedUpdate {
  const decoder = decoding.createDecoder(update);
  const structs: ScannedStruct[] = [];
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const count = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    let clock = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const start = decoder.pos;
      const info = decoding.readUint8(decoder);
      const ref = info & BITS5;
      if (ref === 0 || ref === 10) {
        const length = decoding.readVarUint(decoder);
        const gap = struct(client, clock, length, ref === 0 ? 'gc' : 'skip');
        gap.start = start;
        gap.end = decoder.pos;
        structs.push(gap);
        clock += length;
        continue;
      }
      const item = struct(client, clock, 0, 'item');
      item.start = start;
      if ((info & HAS_ORIGIN) !== 0) {
        item.originClient = decoding.readVarUint(decoder);
        item.originClock = decoding.readVarUint(decoder);
      }
      if ((info & HAS_RIGHT_ORIGIN) !== 0) {
        item.rightClient = decoding.readVarUint(decoder);
        item.rightClock = decoding.readVarUint(decoder);
      }
      if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
        if (decoding.readVarUint(decoder) === 1) item.parentName = decoding.readVarString(decoder);
        else {
          item.parentClient = decoding.readVarUint(decoder);
          item.parentClock = decoding.readVarUint(decoder);
        }
        if ((info & HAS_PARENT_SUB) !== 0) item.key = decoding.readVarString(decoder);
      }
      readContent(decoder, ref, item);
      if (item.length < 1) throw new Error('empty struct in update');
      item.end = decoder.pos;
      structs.push(item);
      clock += item.length;
    }
  }
  const deleteSetStart = decoder.pos;
  let deleteRanges = 0;
  const dsClients = decoding.readVarUint(decoder);
  for (let c = 0; c < dsClients; c++) {
    decoding.readVarUint(decoder);
    const ranges = decoding.readVarUint(decoder);
    for (let r = 0; r < ranges; r++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
    deleteRanges += ranges;
  }
  // lib0 reads past the end as undefined rather than throwing: a short update lands here.
  if (decoder.pos > update.length) throw new Error('update ends early');
  return { structs, deleteRanges, deleteSetStart };
}
