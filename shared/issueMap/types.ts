/** The issue map: what staff take home from an event (see docs/issue-map.schema.json). */

import type { BoardKind } from '../board/types';

/** Version of the IssueMap layout; bump it (and the JSON Schema) on any breaking change. */
export const ISSUE_MAP_VERSION = 1;

/** A bidang as printed in exports. */
export interface BidangRef {
  id: string;
  nama: string;
}

/** A desa as printed in exports: an unknown code keeps its code with a null name. */
export interface DesaRef {
  kode: string | null;
  nama: string | null;
}

/** A kecamatan as printed in exports: an unknown code keeps its code with a null name. */
export interface KecamatanRef {
  kode: string;
  nama: string | null;
}

/** Where a card on a merged board came from. */
export interface ProblemSource {
  boardId: string;
  cardId: string;
  kecamatan: KecamatanRef;
}

/** One card (permasalahan). */
export interface Problem {
  cardId: string;
  text: string;
  desa: DesaRef;
  /** The kecamatan the problem belongs to (the board's, or the source's on merged boards). */
  kecamatan: KecamatanRef | null;
  /** Null when the card has no bidang or one outside the taxonomy. */
  bidang: BidangRef | null;
  /** Dots on this card. */
  votes: number;
  /** Null when the author's name is empty. */
  authorName: string | null;
  /** ISO 8601 (UTC); null when the time is unknown. */
  createdAt: string | null;
  /** Only on merged boards; null elsewhere or when the source was lost. */
  source: ProblemSource | null;
}

/** Desa counts of one kecamatan behind a kabupaten issue. */
export interface ProvenanceKecamatan {
  /** Null for cards whose kecamatan is not known. */
  kecamatan: KecamatanRef | null;
  cards: number;
  desa: { desa: DesaRef; cards: number }[];
}

/** Every source kecamatan and desa behind a kabupaten issue (merged boards). */
export interface Provenance {
  /** Distinct desa codes across all sources. */
  desaCount: number;
  /** Distinct kecamatan codes (cards whose kecamatan is not known at all are not counted). */
  kecamatanCount: number;
  /** "disebut oleh N desa di M kecamatan". */
  label: string;
  kecamatan: ProvenanceKecamatan[];
}

/** One strategic issue (a cluster), with its problems. */
export interface StrategicIssue {
  clusterId: string;
  /** 1-based position on its board after ranking (unique, no shared ranks). */
  rank: number;
  title: string;
  votes: { total: number; cluster: number; cards: number };
  /** Distinct desa codes among its problems. */
  desaCount: number;
  dominantBidang: BidangRef | null;
  problems: Problem[];
  /** Only on merged boards. */
  provenance: Provenance | null;
}

/** Counts of one bidang (null: cards without a known bidang). */
export interface BidangCount {
  bidang: BidangRef | null;
  cards: number;
  /** Issues whose dominant bidang this is. */
  issues: number;
  /**
   * Dots on cards of this bidang plus dots on issues whose dominant bidang this is (issues
   * without one count in the null row), so the rows add up to the votes of the board or event.
   */
  votes: number;
}

/** Counts of one board. */
export interface BoardSummary {
  cards: number;
  issues: number;
  unclusteredCards: number;
  /** Every dot on the board: on clusters and on cards. */
  votes: number;
  desaReached: number;
  byBidang: BidangCount[];
}

/** One board's part of the issue map. */
export interface BoardIssues {
  boardId: string;
  kind: BoardKind;
  title: string;
  /** The board's kecamatan; null on merged boards or when not set. */
  kecamatan: KecamatanRef | null;
  summary: BoardSummary;
  issues: StrategicIssue[];
  /** Cards in no cluster: listed, never dropped. */
  unclustered: Problem[];
}

/** Event totals. Counts come from kecamatan boards only: merged boards repeat their cards. */
export interface IssueMapSummary {
  boards: number;
  kecamatanBoards: number;
  mergedBoards: number;
  cards: number;
  issues: number;
  unclusteredCards: number;
  votes: number;
  desaReached: number;
  kecamatanReached: number;
  /** Clusters on merged boards. */
  kabupatenIssues: number;
  byBidang: BidangCount[];
}

/** The whole issue map of an event. */
export interface IssueMap {
  version: typeof ISSUE_MAP_VERSION;
  /** ISO 8601 (UTC). */
  generatedAt: string;
  event: {
    id: string;
    title: string;
    year: number;
    kabupaten: { kode: string; nama: string };
  };
  /** The event's bidang, in taxonomy order (the matrix columns). */
  taxonomy: BidangRef[];
  summary: IssueMapSummary;
  /** Kecamatan boards by kecamatan code then board id, then merged boards by board id. */
  boards: BoardIssues[];
}
