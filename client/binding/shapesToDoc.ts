import * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import {
  addCard,
  createCluster,
  moveCard,
  renameCluster,
  resizeCluster,
  setCardCluster,
  updateCard,
} from '../../shared/board/boardModel';
import type { Author } from '../../shared/board/types';

/** What the user can change of a card on the canvas, in page coordinates. */
export interface CardView {
  text: string;
  desaKode: string | null;
  bidang: string | null;
  pageX: number;
  pageY: number;
  clusterId: string | null;
}

/** What the user can change of a cluster frame. */
export interface ClusterView {
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The fields of a card one user change touched; untouched fields are left out. */
export interface CardWrite {
  fields: Partial<Pick<CardView, 'text' | 'desaKode' | 'bidang'>>;
  position: { x: number; y: number } | null;
  clusterId: string | null | undefined;
}

/**
 * What changed between two views of a card. Only changed fields are written, so moving a card
 * never overwrites someone else's concurrent text edit (and vice versa).
 */
export function cardWrite(prev: CardView, next: CardView): CardWrite {
  const fields: CardWrite['fields'] = {};
  if (prev.text !== next.text) fields.text = next.text;
  if (prev.desaKode !== next.desaKode) fields.desaKode = next.desaKode;
  if (prev.bidang !== next.bidang) fields.bidang = next.bidang;
  const moved = prev.pageX !== next.pageX || prev.pageY !== next.pageY;
  return {
    fields,
    position: moved ? { x: next.pageX, y: next.pageY } : null,
    clusterId: prev.clusterId !== next.clusterId ? next.clusterId : undefined,
  };
}

/** True when a write changes nothing. */
export function isEmptyCardWrite(write: CardWrite): boolean {
  return (
    Object.keys(write.fields).length === 0 &&
    write.position === null &&
    write.clusterId === undefined
  );
}

function clusterExists(doc: Y.Doc, id: string | null): boolean {
  return id !== null && boardMaps(doc).clusters.get(id) instanceof Y.Map;
}

/** Applies one user change of a card through the shared board model, in one transaction. */
export function applyCardWrite(doc: Y.Doc, id: string, write: CardWrite, origin: unknown): void {
  if (!(boardMaps(doc).cards.get(id) instanceof Y.Map)) return;
  doc.transact(() => {
    if (Object.keys(write.fields).length > 0) updateCard(doc, id, write.fields, origin);
    if (write.position !== null) moveCard(doc, id, write.position.x, write.position.y, origin);
    if (write.clusterId !== undefined) {
      // A frame that is not (yet) a cluster in the doc cannot hold the card: leave it out.
      setCardCluster(doc, id, clusterExists(doc, write.clusterId) ? write.clusterId : null, origin);
    }
  }, origin);
}

/** Adds a card the user created on the canvas (or pasted, or duplicated). */
export function addCardFromView(
  doc: Y.Doc,
  id: string,
  view: CardView,
  author: Author,
  origin: unknown,
): void {
  if (boardMaps(doc).cards.has(id)) return;
  addCard(
    doc,
    {
      id,
      text: view.text,
      desaKode: view.desaKode,
      bidang: view.bidang,
      x: view.pageX,
      y: view.pageY,
      author,
      clusterId: clusterExists(doc, view.clusterId) ? view.clusterId : null,
    },
    origin,
  );
}

/** Writes a cluster frame the user created, renamed, moved or resized; only changed fields. */
export function writeCluster(
  doc: Y.Doc,
  id: string,
  prev: ClusterView | null,
  next: ClusterView,
  origin: unknown,
): void {
  const existing = boardMaps(doc).clusters.get(id);
  if (!(existing instanceof Y.Map)) {
    createCluster(doc, { id, ...next }, origin);
    return;
  }
  doc.transact(() => {
    if (prev === null || prev.title !== next.title) renameCluster(doc, id, next.title, origin);
    const geometryChanged =
      prev === null ||
      prev.x !== next.x ||
      prev.y !== next.y ||
      prev.w !== next.w ||
      prev.h !== next.h;
    if (geometryChanged) resizeCluster(doc, id, next, origin);
  }, origin);
}
