import * as Y from 'yjs';
import { boundedPlain, UNREADABLE } from '../board/boundedPlain';
import { MAX_RECORD_DEPTH } from '../limits';

/**
 * What the last merge wrote on a merged board, kept in the doc's own top-level `mergeRecord`
 * map (merged boards only) so any moderator's re-merge sees it. A field whose current value
 * still equals the recorded one is the merge's to update; anything else is a moderator's edit.
 * The record is read like all doc content: as untrusted, skipping malformed entries.
 */
export const MERGE_RECORD_MAP = 'mergeRecord';

/** What the merge last wrote for one source card. */
export interface CardRecord {
  cardId: string;
  text: string;
  desaKode: string | null;
  bidang: string | null;
  clusterId: string | null;
}

/** What the merge last wrote for one kabupaten issue. */
export interface IssueRecord {
  clusterId: string;
  title: string;
  /** Source cluster and card keys (`boardId/id`) the issue was made of. */
  members: string[];
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The merge record of a merged board, parsed. */
export interface MergeRecord {
  cards: Map<string, CardRecord>;
  issues: Map<string, IssueRecord>;
  /** Per source board, the vote keys the merge wrote. */
  votes: Map<string, string[]>;
}

const str = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function asObject(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

function parseCard(v: unknown): CardRecord | null {
  const o = asObject(v);
  if (!o || !str(o.cardId) || !str(o.text) || !strOrNull(o.desaKode) || !strOrNull(o.bidang))
    return null;
  if (!strOrNull(o.clusterId)) return null;
  return {
    cardId: o.cardId,
    text: o.text,
    desaKode: o.desaKode,
    bidang: o.bidang,
    clusterId: o.clusterId,
  };
}

function parseIssue(v: unknown): IssueRecord | null {
  const o = asObject(v);
  if (!o || !str(o.clusterId) || !str(o.title) || !Array.isArray(o.members)) return null;
  if (!num(o.x) || !num(o.y) || !num(o.w) || !num(o.h)) return null;
  return {
    clusterId: o.clusterId,
    title: o.title,
    members: o.members.filter(str),
    x: o.x,
    y: o.y,
    w: o.w,
    h: o.h,
  };
}

/** Reads the merge record of a doc (empty for a board never merged into). */
export function readMergeRecord(doc: Y.Doc): MergeRecord {
  const record: MergeRecord = { cards: new Map(), issues: new Map(), votes: new Map() };
  doc.getMap<unknown>(MERGE_RECORD_MAP).forEach((value, key) => {
    if (key.startsWith('card/')) {
      const c = parseCard(value);
      if (c) record.cards.set(key.slice(5), c);
    } else if (key.startsWith('issue/')) {
      const i = parseIssue(value);
      if (i) record.issues.set(key.slice(6), i);
    } else if (key.startsWith('votes/') && Array.isArray(value)) {
      record.votes.set(key.slice(6), value.filter(str));
    }
  });
  return record;
}

/**
 * True when a stored record entry already holds `value`. A Y type there (a hostile write) never
 * does, and is not turned to JSON: its toJSON recurses once per level of nesting.
 */
function holds(current: unknown, value: unknown): boolean {
  if (current instanceof Y.AbstractType) return false;
  try {
    return JSON.stringify(current) === JSON.stringify(value);
  } catch {
    // Nested too deep to print: not what the merge wrote.
    return false;
  }
}

/**
 * True for a Y type nested past MAX_RECORD_DEPTH (a hostile write): Yjs deletes and collects a
 * type's children recursively, so removing or overwriting it would overflow the stack. It is
 * left where it is; readMergeRecord already ignores it.
 */
function tooDeepToRemove(current: unknown): boolean {
  return (
    current instanceof Y.AbstractType &&
    boundedPlain(current, { maxDepth: MAX_RECORD_DEPTH, maxNodes: Infinity }) === UNREADABLE
  );
}

/** Writes the whole record back, touching only entries that changed (call inside a transaction). */
export function writeMergeRecord(doc: Y.Doc, record: MergeRecord): void {
  const map = doc.getMap<unknown>(MERGE_RECORD_MAP);
  const next = new Map<string, unknown>();
  for (const [k, v] of record.cards) next.set(`card/${k}`, v);
  for (const [k, v] of record.issues) next.set(`issue/${k}`, v);
  for (const [k, v] of record.votes) next.set(`votes/${k}`, v);
  for (const key of Array.from(map.keys())) {
    if (!next.has(key) && !tooDeepToRemove(map.get(key))) map.delete(key);
  }
  for (const [key, value] of next) {
    const current = map.get(key);
    if (!holds(current, value) && !tooDeepToRemove(current)) map.set(key, value);
  }
}
