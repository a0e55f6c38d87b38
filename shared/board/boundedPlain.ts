import * as Y from 'yjs';

/** What `boundedPlain` gives for a value it will not read: nested too deep, too big, or exotic. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** How far `boundedPlain` reads before it gives up on a value. */
export interface PlainBounds {
  /** Nesting levels below the value itself (a flat object is depth 1). */
  maxDepth: number;
  /** Objects, arrays and leaves counted together. */
  maxNodes: number;
}

interface Frame {
  source: unknown;
  depth: number;
  put: (value: unknown) => void;
}

/** Own data property, so a key like "__proto__" from a hostile doc is just a key. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Reads a doc value (Y types and the JSON inside them) into plain data without recursion, so a
 * hostile nest 5,000 levels deep costs a few steps and a clear answer instead of a stack
 * overflow (Yjs's own `toJSON` recurses once per level). Y.Text reads as its string; XML types
 * and anything past the bounds give UNREADABLE for the whole value.
 */
export function boundedPlain(root: unknown, bounds: PlainBounds): unknown {
  if (typeof root !== 'object' || root === null) return root;
  let result: unknown = UNREADABLE;
  const stack: Frame[] = [{ source: root, depth: 0, put: (v) => (result = v) }];
  let nodes = 0;
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { source, depth, put } = frame;
    if (++nodes > bounds.maxNodes) return UNREADABLE;
    if (typeof source !== 'object' || source === null || source instanceof Uint8Array) {
      put(source);
      continue;
    }
    if (source instanceof Y.XmlText || source instanceof Y.XmlFragment) return UNREADABLE;
    if (source instanceof Y.Text) {
      put(source.toString());
      continue;
    }
    if (depth >= bounds.maxDepth) return UNREADABLE;
    if (
      source instanceof Y.Map ||
      (!(source instanceof Y.AbstractType) && !Array.isArray(source))
    ) {
      if (!(source instanceof Y.Map) && !isPlainObject(source)) return UNREADABLE;
      const out: Record<string, unknown> = {};
      put(out);
      const entries =
        source instanceof Y.Map
          ? (source.entries() as Iterable<[string, unknown]>)
          : Object.entries(source);
      for (const [key, value] of entries) {
        stack.push({ source: value, depth: depth + 1, put: (v) => define(out, key, v) });
      }
      continue;
    }
    if (source instanceof Y.Array || Array.isArray(source)) {
      const items: unknown[] = source instanceof Y.Array ? source.toArray() : source;
      const out: unknown[] = new Array<unknown>(items.length);
      put(out);
      items.forEach((value, index) => {
        stack.push({ source: value, depth: depth + 1, put: (v) => (out[index] = v) });
      });
      continue;
    }
    // Another Y type (a placeholder AbstractType, a sub-document): nothing a board holds.
    return UNREADABLE;
  }
  return result;
}
