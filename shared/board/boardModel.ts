import * as Y from 'yjs';
import { boardMaps, SCHEMA_VERSION, voteKey } from './boardDoc';
import { isRecordId, newId } from './ids';
import type { Author, BoardKind, CardSource } from './types';
import {
  DEFAULT_VOTE_BUDGET,
  MAX_CARD_TEXT_LENGTH,
  MAX_CARDS_PER_BOARD,
  MAX_CLUSTERS_PER_BOARD,
  MAX_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_VOTES_PER_TARGET,
} from '../limits';
import { clampCoordinate, clampSide } from './geometry';

/** What a caller gives to create a card. */
export interface NewCard {
  text: string;
  desaKode: string | null;
  bidang: string | null;
  x: number;
  y: number;
  author: Author;
  clusterId?: string | null;
  source?: CardSource | null;
  id?: string;
  createdAt?: number;
}

/** What a caller gives to create a cluster. */
export interface NewCluster {
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
  id?: string;
  createdAt?: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function checkId(id: string, what: string): void {
  if (!isRecordId(id)) throw new Error(`${what}: invalid id ${JSON.stringify(id)}`);
}

/** Writes the board's meta (kind, title, kecamatan) and schema version. */
export function initBoard(
  doc: Y.Doc,
  meta: { kind: BoardKind; title: string; kecamatanKode: string | null },
  origin?: unknown,
): void {
  const maps = boardMaps(doc);
  doc.transact(() => {
    maps.meta.set('schemaVersion', SCHEMA_VERSION);
    maps.meta.set('kind', meta.kind);
    maps.meta.set('title', meta.title.slice(0, MAX_TITLE_LENGTH));
    maps.meta.set('kecamatanKode', meta.kecamatanKode);
  }, origin);
}

/** Adds a card and returns its id. */
export function addCard(doc: Y.Doc, input: NewCard, origin?: unknown): string {
  const id = input.id ?? newId('c');
  checkId(id, 'addCard');
  const { cards } = boardMaps(doc);
  if (cards.size >= MAX_CARDS_PER_BOARD) {
    throw new Error(`addCard: the board already holds ${MAX_CARDS_PER_BOARD} cards`);
  }
  const card = new Y.Map<unknown>();
  card.set('text', input.text.slice(0, MAX_CARD_TEXT_LENGTH));
  card.set('desaKode', input.desaKode);
  card.set('bidang', input.bidang);
  card.set('x', clampCoordinate(input.x));
  card.set('y', clampCoordinate(input.y));
  card.set('clusterId', input.clusterId ?? null);
  card.set('author', {
    id: input.author.id.slice(0, 100),
    name: input.author.name.slice(0, MAX_NAME_LENGTH),
  });
  card.set('createdAt', input.createdAt ?? Date.now());
  if (input.source) card.set('source', { ...input.source });
  doc.transact(() => cards.set(id, card), origin);
  return id;
}

function cardMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const card = boardMaps(doc).cards.get(id);
  if (!(card instanceof Y.Map)) throw new Error(`no card ${JSON.stringify(id)}`);
  return card;
}

function clusterMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const cluster = boardMaps(doc).clusters.get(id);
  if (!(cluster instanceof Y.Map)) throw new Error(`no cluster ${JSON.stringify(id)}`);
  return cluster;
}

/** Edits a card's text, desa or bidang; only the given fields change (field-level merge). */
export function updateCard(
  doc: Y.Doc,
  id: string,
  patch: Partial<{ text: string; desaKode: string | null; bidang: string | null }>,
  origin?: unknown,
): void {
  const card = cardMap(doc, id);
  doc.transact(() => {
    if (patch.text !== undefined) card.set('text', patch.text.slice(0, MAX_CARD_TEXT_LENGTH));
    if (patch.desaKode !== undefined) card.set('desaKode', patch.desaKode);
    if (patch.bidang !== undefined) card.set('bidang', patch.bidang);
  }, origin);
}

/** Moves a card to page coordinates (x and y only: a concurrent text edit is kept). */
export function moveCard(doc: Y.Doc, id: string, x: number, y: number, origin?: unknown): void {
  const card = cardMap(doc, id);
  doc.transact(() => {
    if (card.get('x') !== clampCoordinate(x)) card.set('x', clampCoordinate(x));
    if (card.get('y') !== clampCoordinate(y)) card.set('y', clampCoordinate(y));
  }, origin);
}

/** Deletes a card and the votes on it. */
export function deleteCard(doc: Y.Doc, id: string, origin?: unknown): void {
  const { cards } = boardMaps(doc);
  doc.transact(() => {
    cards.delete(id);
    deleteVotesOn(doc, id);
  }, origin);
}

/** Creates a cluster (a strategic issue frame) and returns its id. */
export function createCluster(doc: Y.Doc, input: NewCluster, origin?: unknown): string {
  const id = input.id ?? newId('k');
  checkId(id, 'createCluster');
  const { clusters } = boardMaps(doc);
  if (clusters.size >= MAX_CLUSTERS_PER_BOARD) {
    throw new Error(`createCluster: the board already holds ${MAX_CLUSTERS_PER_BOARD} clusters`);
  }
  const cluster = new Y.Map<unknown>();
  cluster.set('title', input.title.slice(0, MAX_TITLE_LENGTH));
  cluster.set('x', clampCoordinate(input.x));
  cluster.set('y', clampCoordinate(input.y));
  cluster.set('w', clampSide(input.w));
  cluster.set('h', clampSide(input.h));
  cluster.set('createdAt', input.createdAt ?? Date.now());
  doc.transact(() => clusters.set(id, cluster), origin);
  return id;
}

/** Renames a cluster (its strategic-issue title). */
export function renameCluster(doc: Y.Doc, id: string, title: string, origin?: unknown): void {
  const cluster = clusterMap(doc, id);
  doc.transact(() => cluster.set('title', title.slice(0, MAX_TITLE_LENGTH)), origin);
}

/** Moves and/or resizes a cluster frame; unchanged fields are not written. */
export function resizeCluster(doc: Y.Doc, id: string, rect: Rect, origin?: unknown): void {
  const cluster = clusterMap(doc, id);
  doc.transact(() => {
    const next = {
      x: clampCoordinate(rect.x),
      y: clampCoordinate(rect.y),
      w: clampSide(rect.w),
      h: clampSide(rect.h),
    };
    for (const [key, value] of Object.entries(next)) {
      if (cluster.get(key) !== value) cluster.set(key, value);
    }
  }, origin);
}

/** Deletes a cluster; its cards stay on the board, unclustered. Votes on the cluster go too. */
export function deleteCluster(doc: Y.Doc, id: string, origin?: unknown): void {
  const { cards, clusters } = boardMaps(doc);
  doc.transact(() => {
    clusters.delete(id);
    cards.forEach((card) => {
      if (card instanceof Y.Map && card.get('clusterId') === id) card.set('clusterId', null);
    });
    deleteVotesOn(doc, id);
  }, origin);
}

/** Puts a card into a cluster, or takes it out with null. */
export function setCardCluster(
  doc: Y.Doc,
  cardId: string,
  clusterId: string | null,
  origin?: unknown,
): void {
  const card = cardMap(doc, cardId);
  if (clusterId !== null) clusterMap(doc, clusterId);
  if (card.get('clusterId') === clusterId) return;
  doc.transact(() => card.set('clusterId', clusterId), origin);
}

/** Dots a voter has spent on this board. */
export function votesUsedBy(doc: Y.Doc, voterId: string): number {
  let used = 0;
  boardMaps(doc).votes.forEach((count, key) => {
    if (key.endsWith(`/${voterId}`) && typeof count === 'number') used += count;
  });
  return used;
}

/**
 * Adds one dot of `voterId` on a card or cluster. Returns false (and changes nothing) when the
 * voter's budget is spent or the target does not exist. Each voter has their own key, so
 * concurrent votes by different people never overwrite each other.
 */
export function vote(
  doc: Y.Doc,
  targetId: string,
  voterId: string,
  opts: { budget?: number } = {},
  origin?: unknown,
): boolean {
  checkId(voterId, 'vote');
  const { cards, clusters, votes } = boardMaps(doc);
  if (!cards.has(targetId) && !clusters.has(targetId)) return false;
  const budget = opts.budget ?? DEFAULT_VOTE_BUDGET;
  if (votesUsedBy(doc, voterId) >= budget) return false;
  const key = voteKey(targetId, voterId);
  const current = votes.get(key) ?? 0;
  if (current >= MAX_VOTES_PER_TARGET) return false;
  doc.transact(() => votes.set(key, current + 1), origin);
  return true;
}

/** Takes back one dot of `voterId` from a target. Returns false when there was none. */
export function unvote(doc: Y.Doc, targetId: string, voterId: string, origin?: unknown): boolean {
  const { votes } = boardMaps(doc);
  const key = voteKey(targetId, voterId);
  const current = votes.get(key) ?? 0;
  if (current <= 0) return false;
  doc.transact(() => {
    if (current <= 1) votes.delete(key);
    else votes.set(key, current - 1);
  }, origin);
  return true;
}

function deleteVotesOn(doc: Y.Doc, targetId: string): void {
  const { votes } = boardMaps(doc);
  for (const key of Array.from(votes.keys())) {
    if (key.startsWith(`${targetId}/`)) votes.delete(key);
  }
}
