import { voteTotals } from '../board/readBoard';
import type { Board, Card, Cluster } from '../board/types';
import type { Gazetteer } from '../gazetteer/types';
import type { Taxonomy } from '../taxonomy';
import { dominantBidang } from './dominantBidang';
import { provenanceOf } from './provenanceOf';
import { compareIssues, compareProblems } from './rankIssues';
import { summarizeBoard, summarizeEvent } from './summarize';
import { ISSUE_MAP_VERSION } from './types';
import type {
  BidangRef,
  BoardIssues,
  IssueMap,
  KecamatanRef,
  Problem,
  StrategicIssue,
} from './types';
import { WilayahIndex } from './WilayahIndex';

/** What toIssueMap needs: the event, its boards (as read by readBoard), gazetteer and taxonomy. */
export interface IssueMapInput {
  /** `kabupaten` is the name printed in exports; its code comes from the gazetteer. */
  event: { id: string; title: string; year: number; kabupaten: string };
  boards: readonly { boardId: string; board: Board }[];
  gazetteer: Gazetteer;
  taxonomy: Taxonomy;
  /** When the map was made; passed in so the output is deterministic. */
  generatedAt: Date;
}

interface Context {
  wilayah: WilayahIndex;
  bidang: Map<string, BidangRef>;
  taxonomy: BidangRef[];
}

/** ISO time of a card, or null for the 0 that readBoard gives a missing or bad time. */
function isoTime(ms: number): string | null {
  const date = new Date(ms);
  return ms > 0 && Number.isFinite(date.getTime()) ? date.toISOString() : null;
}

function toProblem(
  card: Card,
  board: { merged: boolean; kecamatan: KecamatanRef | null },
  votes: number,
  ctx: Context,
): Problem {
  // Only merged boards carry sources; a source elsewhere is meaningless and not exported.
  const source = board.merged ? card.source : null;
  const sourceKecamatan = source === null ? null : ctx.wilayah.kecamatan(source.kecamatanKode);
  return {
    cardId: card.id,
    text: card.text,
    desa: ctx.wilayah.desa(card.desaKode),
    kecamatan:
      (board.merged ? sourceKecamatan : board.kecamatan) ??
      ctx.wilayah.kecamatanOfDesa(card.desaKode),
    bidang: card.bidang === null ? null : (ctx.bidang.get(card.bidang) ?? null),
    votes,
    authorName: card.author.name === '' ? null : card.author.name,
    createdAt: isoTime(card.createdAt),
    source:
      source === null || sourceKecamatan === null
        ? null
        : { boardId: source.boardId, cardId: source.cardId, kecamatan: sourceKecamatan },
  };
}

function boardIssues(boardId: string, board: Board, ctx: Context): BoardIssues {
  const merged = board.meta.kind === 'merged';
  const kecamatan =
    merged || board.meta.kecamatanKode === null
      ? null
      : ctx.wilayah.kecamatan(board.meta.kecamatanKode);
  const totals = voteTotals(board);
  const clusters = new Map<string, Cluster>();
  const members = new Map<string, Problem[]>();
  for (const cluster of board.clusters) {
    // First cluster of an id wins; readBoard never gives duplicates, hand-built boards might.
    if (clusters.has(cluster.id)) continue;
    clusters.set(cluster.id, cluster);
    members.set(cluster.id, []);
  }
  const unclustered: Problem[] = [];
  for (const card of board.cards) {
    const problem = toProblem(card, { merged, kecamatan }, totals.get(card.id) ?? 0, ctx);
    const group = card.clusterId === null ? undefined : members.get(card.clusterId);
    // No cluster, or one that is not on this board: listed as unclustered, never dropped.
    if (group === undefined) unclustered.push(problem);
    else group.push(problem);
  }
  const ranked = [...clusters.values()]
    .map((cluster) => {
      const problems = (members.get(cluster.id) ?? []).sort(compareProblems);
      const clusterVotes = totals.get(cluster.id) ?? 0;
      const cardVotes = problems.reduce((sum, p) => sum + p.votes, 0);
      const issue: StrategicIssue & { createdAt: number } = {
        clusterId: cluster.id,
        rank: 0,
        title: cluster.title,
        votes: { total: clusterVotes + cardVotes, cluster: clusterVotes, cards: cardVotes },
        desaCount: new Set(problems.flatMap((p) => (p.desa.kode === null ? [] : [p.desa.kode])))
          .size,
        dominantBidang: dominantBidang(problems, ctx.taxonomy),
        problems,
        provenance: merged ? provenanceOf(problems) : null,
        createdAt: cluster.createdAt,
      };
      return issue;
    })
    .sort(compareIssues);
  const issues: StrategicIssue[] = ranked.map(({ createdAt: _createdAt, ...issue }, index) => ({
    ...issue,
    rank: index + 1,
  }));
  unclustered.sort(compareProblems);
  return {
    boardId,
    kind: board.meta.kind,
    title: board.meta.title,
    kecamatan,
    summary: summarizeBoard(issues, unclustered, ctx.taxonomy),
    issues,
    unclustered,
  };
}

/** Kecamatan boards by kecamatan code (unset last) then board id; merged boards after, by id. */
function compareBoards(a: BoardIssues, b: BoardIssues): number {
  if (a.kind !== b.kind) return a.kind === 'kecamatan' ? -1 : 1;
  const ka = a.kecamatan?.kode ?? '\uffff';
  const kb = b.kecamatan?.kode ?? '\uffff';
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.boardId < b.boardId ? -1 : a.boardId > b.boardId ? 1 : 0;
}

/**
 * Turns an event's boards into its versioned issue map: per board, strategic issues ranked by
 * votes (see compareIssues) with their problems, unclustered cards, and for merged boards the
 * provenance of each kabupaten issue. Every card of every board appears exactly once.
 * Throws on misuse (duplicate board ids, a bad year or date), never on board content.
 */
export function toIssueMap(input: IssueMapInput): IssueMap {
  const { event, generatedAt } = input;
  if (!Number.isInteger(event.year))
    throw new Error(`toIssueMap: year must be an integer, not ${event.year}`);
  if (!Number.isFinite(generatedAt.getTime()))
    throw new Error('toIssueMap: generatedAt is not a valid date');
  const seen = new Set<string>();
  for (const { boardId } of input.boards) {
    if (boardId === '' || seen.has(boardId)) {
      throw new Error(`toIssueMap: board id ${JSON.stringify(boardId)} is empty or repeated`);
    }
    seen.add(boardId);
  }
  const taxonomy = input.taxonomy.map((b) => ({ id: b.id, nama: b.nama }));
  const ctx: Context = {
    wilayah: new WilayahIndex(input.gazetteer),
    bidang: new Map(taxonomy.map((b) => [b.id, b])),
    taxonomy,
  };
  const boards = input.boards
    .map(({ boardId, board }) => boardIssues(boardId, board, ctx))
    .sort(compareBoards);
  return {
    version: ISSUE_MAP_VERSION,
    generatedAt: generatedAt.toISOString(),
    event: {
      id: event.id,
      title: event.title,
      year: event.year,
      kabupaten: { kode: input.gazetteer.kabupaten.kode, nama: event.kabupaten },
    },
    taxonomy,
    summary: summarizeEvent(boards, taxonomy),
    boards,
  };
}
