import * as Y from 'yjs';
import { parseVoteKey } from './boardDoc';
import { boundedPlain } from './boundedPlain';
import { clampCoordinate, clampSide } from './geometry';
import { isRecordId } from './ids';
import { BOARD_KINDS } from './types';
import type {
  Author,
  Board,
  BoardKind,
  BoardMeta,
  Card,
  CardSource,
  Cluster,
  ReadReport,
  Vote,
} from './types';
import { DEFAULT_TAXONOMY, type Taxonomy } from '../taxonomy';
import {
  MAX_CANVAS_RECORD_BYTES,
  MAX_CANVAS_RECORDS,
  MAX_CARD_TEXT_LENGTH,
  MAX_CARDS_PER_BOARD,
  MAX_CLUSTERS_PER_BOARD,
  MAX_NAME_LENGTH,
  MAX_RECORD_DEPTH,
  MAX_TITLE_LENGTH,
  MAX_VOTES_PER_TARGET,
} from '../limits';
import { SCHEMA_VERSION } from './boardDoc';

const DESA_KODE_PATTERN = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const KECAMATAN_KODE_PATTERN = /^\d{2}\.\d{2}\.\d{2}$/;
const MAX_PROBLEMS = 50;

/** A record read from either a Y.Map or a plain JSON object, by own keys only. */
interface RecordView {
  get(field: string): unknown;
}

type Entries = Iterable<[string, unknown]>;

function viewOf(value: unknown): RecordView | null {
  if (value instanceof Y.Map) return { get: (f) => plain(value.get(f)) };
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Y.AbstractType)
  ) {
    const obj = value as Record<string, unknown>;
    return { get: (f) => (Object.hasOwn(obj, f) ? obj[f] : undefined) };
  }
  return null;
}

/** Bounds of one record's value: deeper or bigger reads as UNREADABLE, never a stack overflow. */
const RECORD_BOUNDS = { maxDepth: MAX_RECORD_DEPTH, maxNodes: MAX_CANVAS_RECORD_BYTES };

/**
 * Y types inside records become plain values (a Y.Text text still reads as its string); a value
 * nested past MAX_RECORD_DEPTH becomes UNREADABLE, which no field check accepts.
 */
function plain(value: unknown): unknown {
  return boundedPlain(value, RECORD_BOUNDS);
}

function entriesOf(container: unknown): Entries {
  if (container instanceof Y.Map) return container.entries() as Entries;
  if (typeof container === 'object' && container !== null && !Array.isArray(container)) {
    return Object.entries(container as Record<string, unknown>);
  }
  return [];
}

function topLevel(doc: Y.Doc, name: string): unknown {
  const type = doc.share.get(name);
  if (type === undefined) return undefined;
  try {
    return doc.getMap(name);
  } catch {
    // Defined as another type (a hostile client); read it as nothing rather than throw.
    return undefined;
  }
}

function str(value: unknown, max: number): string | null {
  return typeof value === 'string' ? value.slice(0, max) : null;
}

function finiteTime(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

class Reader {
  readonly report: ReadReport = {
    skipped: { cards: 0, clusters: 0, votes: 0, canvas: 0 },
    repaired: { meta: 0, cards: 0, clusters: 0 },
    problems: [],
  };

  constructor(private readonly bidangIds: ReadonlySet<string>) {}

  problem(message: string): void {
    if (this.report.problems.length < MAX_PROBLEMS) this.report.problems.push(message);
  }

  meta(raw: unknown): BoardMeta {
    const view = viewOf(raw) ?? { get: () => undefined };
    const version = view.get('schemaVersion');
    const kind = view.get('kind');
    const title = view.get('title');
    const kode = view.get('kecamatanKode');
    const meta: BoardMeta = {
      schemaVersion:
        typeof version === 'number' && Number.isInteger(version) ? version : SCHEMA_VERSION,
      kind: BOARD_KINDS.includes(kind as BoardKind) ? (kind as BoardKind) : 'kecamatan',
      title: str(title, MAX_TITLE_LENGTH) ?? '',
      kecamatanKode: typeof kode === 'string' && KECAMATAN_KODE_PATTERN.test(kode) ? kode : null,
    };
    if (
      meta.schemaVersion !== version ||
      meta.kind !== kind ||
      meta.title !== title ||
      meta.kecamatanKode !== (kode ?? null)
    ) {
      this.report.repaired.meta++;
      this.problem('meta repaired');
    }
    return meta;
  }

  cluster(id: string, raw: unknown): Cluster | null {
    const view = viewOf(raw);
    if (!isRecordId(id) || view === null) {
      this.report.skipped.clusters++;
      this.problem(`cluster ${JSON.stringify(id).slice(0, 80)} skipped: not a record`);
      return null;
    }
    const rawTitle = view.get('title');
    const cluster: Cluster = {
      id,
      title: str(rawTitle, MAX_TITLE_LENGTH) ?? '',
      x: clampCoordinate(view.get('x')),
      y: clampCoordinate(view.get('y')),
      w: clampSide(view.get('w')),
      h: clampSide(view.get('h')),
      createdAt: finiteTime(view.get('createdAt')) ?? 0,
    };
    const repaired =
      cluster.title !== rawTitle ||
      (['x', 'y', 'w', 'h', 'createdAt'] as const).some((f) => cluster[f] !== view.get(f));
    if (repaired) {
      this.report.repaired.clusters++;
      this.problem(`cluster ${id} repaired`);
    }
    return cluster;
  }

  card(id: string, raw: unknown, clusterIds: ReadonlySet<string>): Card | null {
    const view = viewOf(raw);
    const rawText = view?.get('text');
    if (!isRecordId(id) || view === null || typeof rawText !== 'string') {
      this.report.skipped.cards++;
      this.problem(`card ${JSON.stringify(id).slice(0, 80)} skipped: no text`);
      return null;
    }
    const rawDesa = view.get('desaKode');
    const rawBidang = view.get('bidang');
    const rawCluster = view.get('clusterId');
    const author = this.author(view.get('author'));
    const card: Card = {
      id,
      text: rawText.slice(0, MAX_CARD_TEXT_LENGTH),
      desaKode: typeof rawDesa === 'string' && DESA_KODE_PATTERN.test(rawDesa) ? rawDesa : null,
      bidang: typeof rawBidang === 'string' && this.bidangIds.has(rawBidang) ? rawBidang : null,
      x: clampCoordinate(view.get('x')),
      y: clampCoordinate(view.get('y')),
      clusterId: typeof rawCluster === 'string' && clusterIds.has(rawCluster) ? rawCluster : null,
      author: author ?? { id: '', name: '' },
      createdAt: finiteTime(view.get('createdAt')) ?? 0,
      source: this.source(view.get('source')),
    };
    const repaired =
      card.text !== rawText ||
      card.desaKode !== (rawDesa ?? null) ||
      card.bidang !== (rawBidang ?? null) ||
      card.clusterId !== (rawCluster ?? null) ||
      author === null ||
      card.x !== view.get('x') ||
      card.y !== view.get('y') ||
      card.createdAt !== view.get('createdAt') ||
      (card.source === null && view.get('source') != null);
    if (repaired) {
      this.report.repaired.cards++;
      this.problem(`card ${id} repaired`);
    }
    return card;
  }

  author(raw: unknown): Author | null {
    const view = viewOf(raw);
    if (view === null) return null;
    const id = view.get('id');
    const name = view.get('name');
    if (typeof id !== 'string' || typeof name !== 'string') return null;
    return { id: id.slice(0, 100), name: name.slice(0, MAX_NAME_LENGTH) };
  }

  source(raw: unknown): CardSource | null {
    const view = viewOf(raw);
    if (view === null) return null;
    const boardId = view.get('boardId');
    const cardId = view.get('cardId');
    const kecamatanKode = view.get('kecamatanKode');
    if (typeof boardId !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(boardId)) return null;
    if (!isRecordId(cardId)) return null;
    if (typeof kecamatanKode !== 'string' || !KECAMATAN_KODE_PATTERN.test(kecamatanKode))
      return null;
    return { boardId, cardId, kecamatanKode };
  }

  vote(key: string, raw: unknown, targets: ReadonlySet<string>): Vote | null {
    const parsed = parseVoteKey(key);
    const ok =
      parsed !== null &&
      isRecordId(parsed.targetId) &&
      isRecordId(parsed.voterId) &&
      targets.has(parsed.targetId) &&
      typeof raw === 'number' &&
      Number.isInteger(raw) &&
      raw >= 1;
    if (!ok || parsed === null) {
      this.report.skipped.votes++;
      this.problem(`vote ${JSON.stringify(key).slice(0, 80)} skipped`);
      return null;
    }
    return { ...parsed, count: Math.min(raw as number, MAX_VOTES_PER_TARGET) };
  }

  canvasRecord(id: string, raw: unknown): Record<string, unknown> | null {
    const value = plain(raw);
    let size = Infinity;
    if (isRecordId(id) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      try {
        size = JSON.stringify(value).length;
      } catch {
        size = Infinity;
      }
    }
    if (size > MAX_CANVAS_RECORD_BYTES) {
      this.report.skipped.canvas++;
      this.problem(`canvas record ${JSON.stringify(id).slice(0, 80)} skipped`);
      return null;
    }
    return value as Record<string, unknown>;
  }
}

/** The raw parts of a board, from a doc or from its JSON. */
interface RawBoard {
  meta: unknown;
  cards: unknown;
  clusters: unknown;
  votes: unknown;
  canvas: unknown;
}

function readRaw(raw: RawBoard, taxonomy: Taxonomy): { board: Board; report: ReadReport } {
  const reader = new Reader(new Set(taxonomy.map((b) => b.id)));
  const meta = reader.meta(raw.meta);
  const clusters: Cluster[] = [];
  for (const [id, value] of entriesOf(raw.clusters)) {
    if (clusters.length >= MAX_CLUSTERS_PER_BOARD) {
      reader.report.skipped.clusters++;
      continue;
    }
    const cluster = reader.cluster(id, value);
    if (cluster) clusters.push(cluster);
  }
  const clusterIds = new Set(clusters.map((c) => c.id));
  const cards: Card[] = [];
  for (const [id, value] of entriesOf(raw.cards)) {
    if (cards.length >= MAX_CARDS_PER_BOARD) {
      reader.report.skipped.cards++;
      continue;
    }
    const card = reader.card(id, value, clusterIds);
    if (card) cards.push(card);
  }
  const targets = new Set([...clusterIds, ...cards.map((c) => c.id)]);
  const votes: Vote[] = [];
  for (const [key, value] of entriesOf(raw.votes)) {
    const vote = reader.vote(key, value, targets);
    if (vote) votes.push(vote);
  }
  const canvas = new Map<string, Record<string, unknown>>();
  for (const [id, value] of entriesOf(raw.canvas)) {
    if (canvas.size >= MAX_CANVAS_RECORDS) {
      reader.report.skipped.canvas++;
      continue;
    }
    const record = reader.canvasRecord(id, value);
    if (record) canvas.set(id, record);
  }
  const byTimeThenId = (
    a: { createdAt: number; id: string },
    b: { createdAt: number; id: string },
  ) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  cards.sort(byTimeThenId);
  clusters.sort(byTimeThenId);
  votes.sort((a, b) => (a.targetId + '/' + a.voterId < b.targetId + '/' + b.voterId ? -1 : 1));
  return { board: { meta, cards, clusters, votes, canvas }, report: reader.report };
}

/**
 * Reads a board Y.Doc into typed data. Nothing in the doc is trusted: bad records are repaired
 * or skipped one by one and counted in the report; it never throws on hostile content.
 */
export function readBoard(
  doc: Y.Doc,
  opts: { taxonomy?: Taxonomy } = {},
): { board: Board; report: ReadReport } {
  return readRaw(
    {
      meta: topLevel(doc, 'meta'),
      cards: topLevel(doc, 'cards'),
      clusters: topLevel(doc, 'clusters'),
      votes: topLevel(doc, 'votes'),
      canvas: topLevel(doc, 'canvas'),
    },
    opts.taxonomy ?? DEFAULT_TAXONOMY,
  );
}

/** Reads a board from its JSON form ({meta, cards, clusters, votes, canvas}), with the same repairs. */
export function readBoardJson(
  json: unknown,
  opts: { taxonomy?: Taxonomy } = {},
): { board: Board; report: ReadReport } {
  const view = viewOf(json) ?? { get: () => undefined };
  return readRaw(
    {
      meta: view.get('meta'),
      cards: view.get('cards'),
      clusters: view.get('clusters'),
      votes: view.get('votes'),
      canvas: view.get('canvas'),
    },
    opts.taxonomy ?? DEFAULT_TAXONOMY,
  );
}

/** Total dots per card or cluster id. */
export function voteTotals(board: Board): Map<string, number> {
  const totals = new Map<string, number>();
  for (const v of board.votes) totals.set(v.targetId, (totals.get(v.targetId) ?? 0) + v.count);
  return totals;
}
