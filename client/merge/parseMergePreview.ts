import type { IssueMember, MergePlan, SourceCardRef } from '../../shared/merge/mergePlan';
import { isBoardId } from '../../shared/protocol';

/** What the preview shows of a source board. */
export interface PreviewBoard {
  boardId: string;
  kecamatanKode: string;
  title: string;
  clusters: Map<string, { title: string; cardCount: number }>;
  cards: Map<string, { text: string; clusterId: string | null; desaKode: string | null }>;
}

export interface MergePreview {
  plan: MergePlan;
  boards: PreviewBoard[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function members(raw: unknown): IssueMember[] {
  return Array.isArray(raw)
    ? raw.flatMap((m) =>
        isObject(m) && isBoardId(m.boardId) && typeof m.clusterId === 'string'
          ? [{ boardId: m.boardId, clusterId: m.clusterId }]
          : [],
      )
    : [];
}

function cardRefs(raw: unknown): SourceCardRef[] {
  return Array.isArray(raw)
    ? raw.flatMap((c) =>
        isObject(c) && isBoardId(c.boardId) && typeof c.cardId === 'string'
          ? [{ boardId: c.boardId, cardId: c.cardId }]
          : [],
      )
    : [];
}

/** Parses POST /merge/plan (untrusted); null when unusable. The server re-checks on apply. */
export function parseMergePreview(raw: unknown): MergePreview | null {
  if (!isObject(raw) || !isObject(raw.plan) || !Array.isArray(raw.boards)) return null;
  const { issues, unassigned } = raw.plan;
  if (!Array.isArray(issues)) return null;
  const plan: MergePlan = {
    issues: issues.flatMap((i) =>
      isObject(i) && typeof i.id === 'string'
        ? [
            {
              id: i.id,
              title: str(i.title).slice(0, 300),
              members: members(i.members),
              unclusteredCards: cardRefs(i.unclusteredCards),
            },
          ]
        : [],
    ),
    unassigned: cardRefs(unassigned),
  };
  const boards = raw.boards.flatMap((b): PreviewBoard[] => {
    if (!isObject(b) || !isBoardId(b.boardId)) return [];
    const clusters = new Map<string, { title: string; cardCount: number }>();
    for (const k of Array.isArray(b.clusters) ? b.clusters : []) {
      if (isObject(k) && typeof k.id === 'string')
        clusters.set(k.id, {
          title: str(k.title),
          cardCount: typeof k.cardCount === 'number' ? k.cardCount : 0,
        });
    }
    const cards = new Map<
      string,
      { text: string; clusterId: string | null; desaKode: string | null }
    >();
    for (const c of Array.isArray(b.cards) ? b.cards : []) {
      if (isObject(c) && typeof c.id === 'string')
        cards.set(c.id, {
          text: str(c.text),
          clusterId: typeof c.clusterId === 'string' ? c.clusterId : null,
          desaKode: typeof c.desaKode === 'string' ? c.desaKode : null,
        });
    }
    return [
      {
        boardId: b.boardId,
        kecamatanKode: str(b.kecamatanKode),
        title: str(b.title),
        clusters,
        cards,
      },
    ];
  });
  return { plan, boards };
}

/** Cards and kecamatan behind one proposed issue (for its "N kartu, M kecamatan" line). */
export function issueCounts(
  issue: MergePlan['issues'][number],
  boards: readonly PreviewBoard[],
): { cards: number; kecamatan: number } {
  const byId = new Map(boards.map((b) => [b.boardId, b]));
  const cards =
    issue.members.reduce(
      (sum, m) => sum + (byId.get(m.boardId)?.clusters.get(m.clusterId)?.cardCount ?? 0),
      0,
    ) + issue.unclusteredCards.length;
  const kecamatan = new Set(
    [...issue.members, ...issue.unclusteredCards].map((m) => byId.get(m.boardId)?.kecamatanKode),
  ).size;
  return { cards, kecamatan };
}
