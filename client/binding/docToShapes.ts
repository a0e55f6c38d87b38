import * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import { readBoardJson, voteTotals } from '../../shared/board/readBoard';
import type { Board, Card, Cluster } from '../../shared/board/types';
import type { Taxonomy } from '../../shared/taxonomy';
import {
  CARD_HEIGHT,
  CARD_SHAPE_TYPE,
  CARD_WIDTH,
  CLUSTER_SHAPE_TYPE,
  type ClusterFrameProps,
  type IssueCardProps,
} from './cardShapeProps';
import { issueColor } from '../shapes/issueColor';
import { PAGE_ID, shapeIdOf } from './shapeIds';

/** What the canvas should hold for one card. */
export interface CardShapeSpec {
  id: `shape:${string}`;
  type: typeof CARD_SHAPE_TYPE;
  parentId: string;
  x: number;
  y: number;
  props: IssueCardProps;
}

/** What the canvas should hold for one cluster. */
export interface ClusterShapeSpec {
  id: `shape:${string}`;
  type: typeof CLUSTER_SHAPE_TYPE;
  parentId: typeof PAGE_ID;
  x: number;
  y: number;
  props: ClusterFrameProps;
}

/**
 * The shape of a card. A clustered card is a child of its cluster's frame, so tldraw positions
 * it relative to the frame; the doc keeps page coordinates.
 */
export function cardShapeSpec(card: Card, cluster: Cluster | null, votes: number): CardShapeSpec {
  const inCluster = cluster !== null && card.clusterId === cluster.id;
  return {
    id: shapeIdOf(card.id),
    type: CARD_SHAPE_TYPE,
    parentId: inCluster ? shapeIdOf(cluster.id) : PAGE_ID,
    x: inCluster ? card.x - cluster.x : card.x,
    y: inCluster ? card.y - cluster.y : card.y,
    props: {
      w: CARD_WIDTH,
      h: CARD_HEIGHT,
      text: card.text,
      desaKode: card.desaKode,
      bidang: card.bidang,
      authorId: card.author.id,
      authorName: card.author.name,
      votes,
      sourceKecamatan: card.source?.kecamatanKode ?? null,
    },
  };
}

/** The frame of a cluster. */
export function clusterShapeSpec(cluster: Cluster): ClusterShapeSpec {
  return {
    id: shapeIdOf(cluster.id),
    type: CLUSTER_SHAPE_TYPE,
    parentId: PAGE_ID,
    x: cluster.x,
    y: cluster.y,
    props: { w: cluster.w, h: cluster.h, name: cluster.title, color: issueColor(cluster.id) },
  };
}

/**
 * The shapes of a whole board read from the doc: its frames, and its cards (each in its frame
 * when its cluster exists, with its vote total), in the board's order.
 */
export function boardShapeSpecs(board: Board): {
  frames: ClusterShapeSpec[];
  cards: CardShapeSpec[];
} {
  const totals = voteTotals(board);
  const clusters = new Map(board.clusters.map((c) => [c.id, c]));
  return {
    frames: board.clusters.map(clusterShapeSpec),
    cards: board.cards.map((card) => {
      const cluster = card.clusterId === null ? null : (clusters.get(card.clusterId) ?? null);
      return cardShapeSpec(card, cluster, totals.get(card.id) ?? 0);
    }),
  };
}

/**
 * One card read from the doc with the same repairs as readBoard (its one reader), with the
 * cluster it belongs to; null when the card is gone or unreadable.
 */
export function readCardAt(
  doc: Y.Doc,
  id: string,
  taxonomy: Taxonomy,
): { card: Card; cluster: Cluster | null } | null {
  const { cards, clusters } = boardMaps(doc);
  const raw = cards.get(id);
  if (raw === undefined) return null;
  const rawClusterId = raw instanceof Y.Map ? raw.get('clusterId') : undefined;
  const rawCluster = typeof rawClusterId === 'string' ? clusters.get(rawClusterId) : undefined;
  const { board } = readBoardJson(
    {
      cards: Object.fromEntries([[id, raw]]),
      clusters:
        typeof rawClusterId === 'string' && rawCluster !== undefined
          ? Object.fromEntries([[rawClusterId, rawCluster]])
          : {},
    },
    { taxonomy },
  );
  const card = board.cards[0];
  if (card === undefined) return null;
  return { card, cluster: board.clusters[0] ?? null };
}

/** One cluster read from the doc with readBoard's repairs; null when gone or unreadable. */
export function readClusterAt(doc: Y.Doc, id: string): Cluster | null {
  const raw = boardMaps(doc).clusters.get(id);
  if (raw === undefined) return null;
  const { board } = readBoardJson({ clusters: Object.fromEntries([[id, raw]]) });
  return board.clusters[0] ?? null;
}

/** Total dots on a card or cluster. */
export function voteCountOf(doc: Y.Doc, targetId: string): number {
  let total = 0;
  boardMaps(doc).votes.forEach((count, key) => {
    if (key.startsWith(`${targetId}/`) && typeof count === 'number' && Number.isInteger(count)) {
      total += Math.max(0, count);
    }
  });
  return total;
}
