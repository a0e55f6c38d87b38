/** Parsers for the history routes and the stream's `alarm` (untrusted JSON from the network). */

export interface HistoryPointView {
  id: number;
  at: number;
  reason: string;
  label: string | null;
  by: string;
  counts: { cards: number; clusters: number; votes: number };
}

export interface RestoreSummaryView {
  cards: { back: number; removed: number; changed: number };
  clusters: { back: number; removed: number; renamed: number };
  votes: number;
  canvas: number;
  titleChanges: boolean;
}

export interface DeletionAlarmView {
  boardId: string;
  pointId: number;
  role: string;
  name: string;
  cards: number;
  at: number;
}

export interface BackupStatusView {
  enabled: boolean;
  lastSuccessAt: number | null;
  failing: boolean;
  lastErrorMessage: string | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 500) : '');

function parsePoint(raw: unknown): HistoryPointView | null {
  const p = obj(raw);
  if (!p || typeof p.id !== 'number' || !Number.isInteger(p.id)) return null;
  const counts = obj(p.counts) ?? {};
  return {
    id: p.id,
    at: num(p.at),
    reason: str(p.reason),
    label: typeof p.label === 'string' ? p.label.slice(0, 500) : null,
    by: str(p.by),
    counts: { cards: num(counts.cards), clusters: num(counts.clusters), votes: num(counts.votes) },
  };
}

/** `GET /api/boards/:id/history` → the points, newest first. */
export function parsePoints(raw: unknown): HistoryPointView[] {
  const list = obj(raw)?.points;
  if (!Array.isArray(list)) return [];
  return list.map(parsePoint).filter((p): p is HistoryPointView => p !== null);
}

/** `GET /api/boards/:id/history/:pointId` → summary and the point's thumbnail SVG. */
export function parsePreview(
  raw: unknown,
): { point: HistoryPointView; summary: RestoreSummaryView; thumbnailSvg: string } | null {
  const body = obj(raw);
  const point = parsePoint(body?.point);
  const s = obj(body?.summary);
  if (!body || !point || !s) return null;
  const cards = obj(s.cards) ?? {};
  const clusters = obj(s.clusters) ?? {};
  const svg = str(body.thumbnailSvg) === '' ? '' : String(body.thumbnailSvg);
  return {
    point,
    summary: {
      cards: { back: num(cards.back), removed: num(cards.removed), changed: num(cards.changed) },
      clusters: {
        back: num(clusters.back),
        removed: num(clusters.removed),
        renamed: num(clusters.renamed),
      },
      votes: num(s.votes),
      canvas: num(s.canvas),
      titleChanges: s.titleChanges === true,
    },
    thumbnailSvg: svg.startsWith('<svg') ? svg : '',
  };
}

/** One `alarm` of the console stream, or null. */
export function parseAlarm(raw: unknown): DeletionAlarmView | null {
  const a = obj(raw);
  if (!a || typeof a.boardId !== 'string' || typeof a.pointId !== 'number') return null;
  return {
    boardId: a.boardId,
    pointId: a.pointId,
    role: str(a.role),
    name: str(a.name),
    cards: num(a.cards),
    at: num(a.at),
  };
}

/** `GET /api/events/:id/backups`. */
export function parseBackupStatus(raw: unknown): BackupStatusView | null {
  const b = obj(raw);
  if (!b || typeof b.enabled !== 'boolean') return null;
  const error = obj(b.lastError);
  return {
    enabled: b.enabled,
    lastSuccessAt: typeof b.lastSuccessAt === 'number' ? b.lastSuccessAt : null,
    failing: b.failing === true,
    lastErrorMessage: error ? str(error.message) : null,
  };
}
