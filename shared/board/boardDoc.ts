import * as Y from 'yjs';

/** Version of the board document layout; readBoard accepts this and older. */
export const SCHEMA_VERSION = 1;

/**
 * Every top-level map a board Y.Doc may hold (docs/ARCHITECTURE.md, "The board document"):
 * the five of every board, and `mergeRecord` on merged boards (shared/merge/mergeRecord.ts).
 */
export const BOARD_MAP_NAMES = [
  'meta',
  'cards',
  'clusters',
  'votes',
  'canvas',
  'mergeRecord',
] as const;

/** The five top-level maps every board has (merged boards add `mergeRecord`). */
export interface BoardMaps {
  meta: Y.Map<unknown>;
  cards: Y.Map<Y.Map<unknown>>;
  clusters: Y.Map<Y.Map<unknown>>;
  votes: Y.Map<number>;
  canvas: Y.Map<unknown>;
}

/** The typed top-level maps of a board doc. Throws if a top-level name was defined as another type. */
export function boardMaps(doc: Y.Doc): BoardMaps {
  return {
    meta: doc.getMap('meta'),
    cards: doc.getMap('cards'),
    clusters: doc.getMap('clusters'),
    votes: doc.getMap('votes'),
    canvas: doc.getMap('canvas'),
  };
}

/** The key of one voter's dots on one card or cluster. */
export function voteKey(targetId: string, voterId: string): string {
  return `${targetId}/${voterId}`;
}

/** Splits a vote key; null when it is not `target/voter`. */
export function parseVoteKey(key: string): { targetId: string; voterId: string } | null {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1 || key.indexOf('/', slash + 1) !== -1) return null;
  return { targetId: key.slice(0, slash), voterId: key.slice(slash + 1) };
}
