import type { TLDefaultColorStyle } from 'tldraw';

/** The tldraw shape type of an issue card. */
export const CARD_SHAPE_TYPE = 'issue-card';
/** The tldraw shape type bound to clusters (tldraw's own frame). */
export const CLUSTER_SHAPE_TYPE = 'frame';

/** A card's size on the canvas: big enough to read from arm's length on a tablet. */
export const CARD_WIDTH = 240;
export const CARD_HEIGHT = 170;

/** Props of the issue-card shape. `votes` is derived from the votes map, never written back. */
export interface IssueCardProps {
  w: number;
  h: number;
  text: string;
  desaKode: string | null;
  bidang: string | null;
  authorId: string;
  authorName: string;
  votes: number;
  /** On a merged board: the kecamatan code the card came from (read-only, never written back). */
  sourceKecamatan: string | null;
}

/** Props of a cluster frame (tldraw's frame: `name` is the strategic issue). */
export interface ClusterFrameProps {
  w: number;
  h: number;
  name: string;
  /** From the cluster id (`issueColor`), never written back: every issue has its own colour. */
  color: TLDefaultColorStyle;
}
