import type { Board } from '../board/types';

/** A kecamatan board given to the merge. */
export interface SourceBoard {
  boardId: string;
  kecamatanKode: string;
  board: Board;
}

/** A cluster of a source board that belongs to a kabupaten issue. */
export interface IssueMember {
  boardId: string;
  clusterId: string;
}

/** A card of a source board, by id. */
export interface SourceCardRef {
  boardId: string;
  cardId: string;
}

/** One proposed kabupaten issue. */
export interface IssueProposal {
  id: string;
  title: string;
  members: IssueMember[];
  /** Unclustered source cards that fit this issue. */
  unclusteredCards: SourceCardRef[];
}

/** A merge preview: nothing is written until applyMerge. */
export interface MergePlan {
  issues: IssueProposal[];
  /** Unclustered source cards that fit no issue: they land unclustered on the merged board. */
  unassigned: SourceCardRef[];
}
