import type { Editor, TLRecord, TLShape, TLShapeId } from 'tldraw';
import * as Y from 'yjs';
import { boardMaps, parseVoteKey } from '../../shared/board/boardDoc';
import { deleteCluster } from '../../shared/board/boardModel';
import { trashCard, trashMap } from '../../shared/board/cardTrash';
import { readBoard } from '../../shared/board/readBoard';
import type { Author } from '../../shared/board/types';
import type { Taxonomy } from '../../shared/taxonomy';
import { isCanvasRecord, readCanvasRecord } from './canvasRecords';
import { MoveBatcher } from './MoveBatcher';
import { CARD_SHAPE_TYPE, CLUSTER_SHAPE_TYPE } from './cardShapeProps';
import {
  boardShapeSpecs,
  cardShapeSpec,
  clusterShapeSpec,
  readCardAt,
  readClusterAt,
  voteCountOf,
  type CardShapeSpec,
  type ClusterShapeSpec,
} from './docToShapes';
import { PAGE_ID, recordIdOfShape, shapeIdOf } from './shapeIds';
import {
  addCardFromView,
  applyCardWrite,
  cardWrite,
  isEmptyCardWrite,
  writeCluster,
  type CardView,
  type ClusterView,
} from './shapesToDoc';

interface Dirty {
  cards: Set<string>;
  clusters: Set<string>;
  canvas: Set<string>;
}

/**
 * The origin of this tablet's own changes made on the doc directly, not through the canvas
 * (votes, supports, applied suggestions); tracked by the binding's undo manager.
 */
export const LOCAL_ACTION_ORIGIN = { binding: 'papan-local-action' } as const;

/**
 * Binds a tldraw editor to a board Y.Doc in both directions. The doc is the truth: remote and
 * undo changes are put into the store as remote changes (never echoed back), the user's store
 * changes are written field by field in transactions tagged with this binding's own origin.
 * The undo manager tracks only this user's two origins (so undo covers one's own changes).
 */
export class DocEditorBinding {
  /** The origin of every transaction this user makes through the canvas (never read back). */
  readonly origin = { binding: 'papan-local' };
  /**
   * The origin of this user's changes made on the doc directly (votes, applied suggestions):
   * local and undoable like canvas edits, but read back into the canvas, which did not make them.
   * One for the page (LOCAL_ACTION_ORIGIN), so the vote and support ledgers exist before the
   * canvas and its cards do.
   */
  readonly actionOrigin = LOCAL_ACTION_ORIGIN;
  readonly undoManager: Y.UndoManager;
  private readonly disposers: (() => void)[] = [];
  /**
   * Moves of dragged cards and frames, written to the doc at most every 100 ms and at once when
   * the finger lifts: on a slow tablet, a doc write (and its IndexedDB put, websocket message and
   * server append) on each of 60 moves a second cost more than drawing the drag.
   */
  /** Shapes found missing while applying the doc, created together (see createNew). */
  private toCreate: (CardShapeSpec | ClusterShapeSpec)[] = [];
  private readonly moves = new MoveBatcher<TLRecord>((held) => this.writeHeldMoves(held));

  constructor(
    private readonly editor: Editor,
    private readonly doc: Y.Doc,
    private readonly taxonomy: Taxonomy,
    private readonly author: () => Author,
  ) {
    const maps = boardMaps(doc);
    this.undoManager = new Y.UndoManager(
      [maps.cards, maps.clusters, maps.votes, maps.canvas, trashMap(doc)],
      {
        trackedOrigins: new Set([this.origin, this.actionOrigin]),
        captureTimeout: 600,
      },
    );
    this.loadAll();
    this.observeDoc();
    this.disposers.push(
      editor.store.listen(({ changes }) => this.writeUserChanges(changes), {
        source: 'user',
        scope: 'document',
      }),
    );
    const onEvent = (info: { name: string }) => {
      // One gesture is one undo step, however long it lasts.
      if (info.name === 'pointer_down') this.undoManager.stopCapturing();
      // The drag ended (tldraw has placed the shapes): their final position goes out now.
      if (info.name === 'pointer_up' || info.name === 'cancel' || info.name === 'complete') {
        this.moves.flush();
      }
    };
    editor.on('event', onEvent);
    this.disposers.push(() => editor.off('event', onEvent));
  }

  dispose(): void {
    this.moves.flush();
    this.moves.dispose();
    for (const dispose of this.disposers) dispose();
    this.undoManager.destroy();
  }

  /** Writes the held moves of a drag now (before anything that must see them in the doc). */
  flushMoves(): void {
    this.moves.flush();
  }

  /** Undoes this user's last change (after writing a drag still held). */
  undo(): void {
    this.moves.flush();
    this.undoManager.undo();
  }

  /** Redoes this user's last undone change. */
  redo(): void {
    this.moves.flush();
    this.undoManager.redo();
  }

  // ---- doc -> store ----

  private loadAll(): void {
    const { board } = readBoard(this.doc, { taxonomy: this.taxonomy });
    const { frames, cards } = boardShapeSpecs(board);
    const canvas: TLRecord[] = [];
    for (const [id, raw] of board.canvas) {
      const record = readCanvasRecord(id, raw);
      if (record) canvas.push(record as unknown as TLRecord);
    }
    this.editor.store.mergeRemoteChanges(() => {
      for (const frame of frames) this.upsert(frame);
      this.createNew();
      for (const card of cards) this.upsert(card);
      this.createNew();
      this.putCanvas(canvas);
    });
  }

  private observeDoc(): void {
    const maps = boardMaps(this.doc);
    let dirty: Dirty | null = null;
    // Observers fire once per changed type; collect them all, then apply once per transaction
    // so a cluster deleted and its cards released arrive in the store together.
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
      // Our own canvas writes are already in the store, except the vote counts they change
      // (deleting a card drops its votes; the counts shown are derived, never written back).
      const ownCanvasWrite = tr.origin === this.origin;
      if (ownCanvasWrite && events.every((e) => e.target !== maps.votes)) return;
      dirty ??= { cards: new Set(), clusters: new Set(), canvas: new Set() };
      for (const event of events) {
        if (!ownCanvasWrite || event.target === maps.votes) this.collect(event, dirty);
      }
    };
    const flush = () => {
      if (dirty === null) return;
      const next = dirty;
      dirty = null;
      this.applyDirty(next);
    };
    const targets = [
      maps.cards,
      maps.clusters,
      maps.votes,
      maps.canvas,
    ] as Y.AbstractType<unknown>[];
    for (const target of targets) target.observeDeep(handler);
    this.doc.on('afterTransaction', flush);
    this.disposers.push(() => {
      for (const target of targets) target.unobserveDeep(handler);
      this.doc.off('afterTransaction', flush);
    });
  }

  private collect(event: Y.YEvent<Y.AbstractType<unknown>>, dirty: Dirty): void {
    const maps = boardMaps(this.doc);
    const top = event.path.length === 0 ? null : String(event.path[0]);
    const keys = top === null ? [...event.changes.keys.keys()] : [top];
    let parent: Y.AbstractType<unknown> | null = event.target;
    while (parent !== null && parent._item !== null)
      parent = parent._item.parent as Y.AbstractType<unknown>;
    if (parent === maps.cards) for (const k of keys) dirty.cards.add(k);
    else if (parent === maps.clusters) for (const k of keys) dirty.clusters.add(k);
    else if (parent === maps.canvas) for (const k of keys) dirty.canvas.add(k);
    else if (parent === maps.votes) {
      for (const k of keys) {
        const parsed = parseVoteKey(k);
        if (parsed === null) continue;
        if (maps.clusters.has(parsed.targetId)) dirty.clusters.add(parsed.targetId);
        else dirty.cards.add(parsed.targetId);
      }
    }
  }

  private applyDirty(dirty: Dirty): void {
    const { editor } = this;
    // Cards of a changed cluster are re-placed too: the view keeps them relative to the frame.
    if (dirty.clusters.size > 0) {
      boardMaps(this.doc).cards.forEach((card, id) => {
        const clusterId = card instanceof Y.Map ? card.get('clusterId') : null;
        if (typeof clusterId === 'string' && dirty.clusters.has(clusterId)) dirty.cards.add(id);
      });
      for (const id of dirty.clusters) {
        for (const childId of editor.getSortedChildIdsForParent(shapeIdOf(id) as TLShapeId)) {
          const cardId = recordIdOfShape(childId);
          if (cardId !== null) dirty.cards.add(cardId);
        }
      }
    }
    editor.store.mergeRemoteChanges(() => {
      const goneClusters: string[] = [];
      for (const id of dirty.clusters) {
        const cluster = readClusterAt(this.doc, id);
        if (cluster) this.upsert(this.keepHeldPlace(clusterShapeSpec(cluster)));
        else goneClusters.push(id);
      }
      // New frames exist before the cards that go into them.
      this.createNew();
      for (const id of dirty.cards) {
        const read = readCardAt(this.doc, id, this.taxonomy);
        if (read) {
          const votes = voteCountOf(this.doc, id);
          this.upsert(this.keepHeldPlace(cardShapeSpec(read.card, read.cluster, votes)));
        } else this.removeShape(shapeIdOf(id), CARD_SHAPE_TYPE);
      }
      this.createNew();
      for (const id of goneClusters) this.removeShape(shapeIdOf(id), CLUSTER_SHAPE_TYPE);
      const canvas = boardMaps(this.doc).canvas;
      const puts: TLRecord[] = [];
      for (const id of dirty.canvas) {
        const record = canvas.has(id) ? readCanvasRecord(id, canvas.get(id)) : null;
        if (record) puts.push(record as unknown as TLRecord);
        else if (editor.store.has(id as TLRecord['id'])) {
          const existing = editor.store.get(id as TLRecord['id']);
          if (existing && isCanvasRecord(existing as { typeName: string; type?: unknown })) {
            editor.store.remove([existing.id]);
          }
        }
      }
      this.putCanvas(puts);
    });
  }

  /**
   * A shape whose drag is not yet in the doc stays where the finger has it: the doc's older
   * place must not pull it back when someone else changes the card (a dot, a text edit).
   */
  private keepHeldPlace<S extends CardShapeSpec | ClusterShapeSpec>(spec: S): S {
    if (!this.moves.isHeld(spec.id)) return spec;
    const shape = this.editor.getShape(spec.id as TLShapeId);
    if (!shape) return spec;
    // A dragged card may have changed frames; a frame stays on the page.
    const parentId = spec.type === CARD_SHAPE_TYPE ? shape.parentId : spec.parentId;
    return { ...spec, x: shape.x, y: shape.y, parentId } as S;
  }

  private upsert(spec: CardShapeSpec | ClusterShapeSpec): void {
    const { editor } = this;
    const id = spec.id as TLShapeId;
    const existing = editor.getShape(id);
    const parentId = spec.parentId as TLShape['parentId'];
    if (existing === undefined) {
      this.toCreate.push(spec);
      return;
    }
    if (existing.type !== spec.type) return;
    const sameProps = Object.entries(spec.props).every(
      ([k, v]) => (existing.props as unknown as Record<string, unknown>)[k] === v,
    );
    if (
      sameProps &&
      existing.x === spec.x &&
      existing.y === spec.y &&
      existing.parentId === parentId
    ) {
      return;
    }
    const reparented = existing.parentId !== parentId;
    editor.store.put([
      {
        ...existing,
        x: spec.x,
        y: spec.y,
        parentId,
        index: reparented ? editor.getHighestIndexForParent(parentId) : existing.index,
        props: { ...existing.props, ...spec.props },
      } as TLShape,
    ]);
  }

  /**
   * Creates the shapes `upsert` found missing, in one call: a first visit brings 300 cards at
   * once, and tldraw's work per `createShapes` call (indexes, side effects, reactive updates)
   * made one call per card cost more than the cards.
   */
  private createNew(): void {
    if (this.toCreate.length === 0) return;
    const specs = this.toCreate;
    this.toCreate = [];
    this.editor.createShapes(
      specs.map((spec) => ({
        id: spec.id as TLShapeId,
        type: spec.type,
        x: spec.x,
        y: spec.y,
        parentId: spec.parentId as TLShape['parentId'],
        props: spec.props,
      })),
    );
    const frames = specs.filter((spec) => spec.type === CLUSTER_SHAPE_TYPE);
    if (frames.length > 0) this.editor.sendToBack(frames.map((spec) => spec.id as TLShapeId));
  }

  private removeShape(id: string, type: string): void {
    const existing = this.editor.getShape(id as TLShapeId);
    if (existing && existing.type === type) this.editor.store.remove([existing.id]);
  }

  private putCanvas(records: TLRecord[]): void {
    if (records.length === 0) return;
    try {
      this.editor.store.put(records);
    } catch {
      // One invalid record (another tldraw version, a hostile client) must not sink the rest.
      for (const record of records) {
        try {
          this.editor.store.put([record]);
        } catch {
          // Skipped: the doc keeps it untouched for clients that can read it.
        }
      }
    }
  }

  // ---- store -> doc ----

  private cardView(shape: TLShape, props: Record<string, unknown>): CardView {
    const page = this.editor.getShapePageTransform(shape.id).point();
    const parent = recordIdOfShape(shape.parentId);
    const parentShape = this.editor.getShape(shape.parentId as TLShapeId);
    return {
      text: typeof props.text === 'string' ? props.text : '',
      desaKode: typeof props.desaKode === 'string' ? props.desaKode : null,
      bidang: typeof props.bidang === 'string' ? props.bidang : null,
      pageX: page.x,
      pageY: page.y,
      clusterId: parentShape?.type === CLUSTER_SHAPE_TYPE ? parent : null,
    };
  }

  private clusterView(shape: TLShape): ClusterView {
    const props = shape.props as Record<string, unknown>;
    return {
      title: typeof props.name === 'string' ? props.name : '',
      x: shape.x,
      y: shape.y,
      w: typeof props.w === 'number' ? props.w : 0,
      h: typeof props.h === 'number' ? props.h : 0,
    };
  }

  private writeUserChanges(changes: {
    added: Record<string, TLRecord>;
    updated: Record<string, [TLRecord, TLRecord]>;
    removed: Record<string, TLRecord>;
  }): void {
    const moves = this.dragMoves(changes);
    if (moves !== null) {
      for (const [from, to] of moves) this.moves.hold(to.id, from);
      return;
    }
    // Held moves first: nothing the user does next may overtake them.
    this.moves.flush();
    this.writeChanges(
      Object.values(changes.added),
      Object.values(changes.updated),
      Object.values(changes.removed),
    );
  }

  /**
   * The changes when they only move cards or frames in a drag (tldraw's translating state):
   * position and parent, props untouched. Anything else is written at once.
   */
  private dragMoves(changes: {
    added: Record<string, TLRecord>;
    updated: Record<string, [TLRecord, TLRecord]>;
    removed: Record<string, TLRecord>;
  }): [TLRecord, TLRecord][] | null {
    if (!this.editor.isIn('select.translating')) return null;
    for (const _ in changes.added) return null;
    for (const _ in changes.removed) return null;
    const updated = Object.values(changes.updated);
    if (updated.length === 0) return null;
    for (const [from, to] of updated) {
      if (from.typeName !== 'shape' || to.typeName !== 'shape') return null;
      if (to.type !== CARD_SHAPE_TYPE && to.type !== CLUSTER_SHAPE_TYPE) return null;
      if (from.type !== to.type || !sameProps(from.props, to.props)) return null;
    }
    return updated;
  }

  /** Writes held drag moves: each shape from before its first held move to where it is now. */
  private writeHeldMoves(held: ReadonlyMap<string, TLRecord>): void {
    const updated: [TLRecord, TLRecord][] = [];
    for (const [id, from] of held) {
      const now = this.editor.store.get(id as TLRecord['id']);
      if (now) updated.push([from, now]);
    }
    if (updated.length > 0) this.writeChanges([], updated, []);
  }

  private writeChanges(
    added: TLRecord[],
    updated: [TLRecord, TLRecord][],
    removed: TLRecord[],
  ): void {
    const { doc, origin } = this;
    const maps = boardMaps(doc);
    doc.transact(() => {
      const frames: [TLShape | null, TLShape][] = [];
      const cards: [TLShape | null, TLShape][] = [];
      for (const record of added) this.sort(null, record, frames, cards);
      for (const [from, to] of updated) this.sort(from, to, frames, cards);
      // Frames first: a card dropped into a new frame needs its cluster to exist.
      for (const [from, to] of frames) {
        const id = recordIdOfShape(to.id);
        if (id === null) continue;
        writeCluster(doc, id, from ? this.clusterView(from) : null, this.clusterView(to), origin);
        if (from === null || from.x !== to.x || from.y !== to.y) {
          for (const childId of this.editor.getSortedChildIdsForParent(to.id)) {
            const child = this.editor.getShape(childId);
            if (child?.type === CARD_SHAPE_TYPE) cards.push([child, child]);
          }
        }
      }
      for (const [from, to] of cards) {
        const id = recordIdOfShape(to.id);
        if (id === null) continue;
        const next = this.cardView(to, to.props as Record<string, unknown>);
        if (from === null || !maps.cards.has(id)) {
          addCardFromView(doc, id, next, this.author(), origin);
          continue;
        }
        const stored = maps.cards.get(id);
        const prev: CardView = {
          ...this.cardView(from, from.props as Record<string, unknown>),
          // Position is compared with the doc: a frame move changes page positions silently.
          pageX: stored instanceof Y.Map ? Number(stored.get('x')) : NaN,
          pageY: stored instanceof Y.Map ? Number(stored.get('y')) : NaN,
          clusterId:
            stored instanceof Y.Map ? ((stored.get('clusterId') as string | null) ?? null) : null,
        };
        const write = cardWrite(prev, next);
        if (!isEmptyCardWrite(write)) applyCardWrite(doc, id, write, origin);
      }
      for (const record of removed) {
        if (record.typeName !== 'shape') {
          if (isCanvasRecord(record)) maps.canvas.delete(record.id);
          continue;
        }
        const id = recordIdOfShape(record.id);
        // A deleted card goes to the trash, from where anyone can bring it back.
        if (record.type === CARD_SHAPE_TYPE && id !== null)
          trashCard(doc, id, this.author(), origin);
        else if (record.type === CLUSTER_SHAPE_TYPE && id !== null) {
          if (maps.clusters.has(id)) deleteCluster(doc, id, origin);
        } else if (isCanvasRecord(record)) maps.canvas.delete(record.id);
      }
    }, origin);
  }

  private sort(
    from: TLRecord | null,
    to: TLRecord,
    frames: [TLShape | null, TLShape][],
    cards: [TLShape | null, TLShape][],
  ): void {
    if (to.typeName === 'shape' && to.type === CARD_SHAPE_TYPE) {
      cards.push([from as TLShape | null, to]);
    } else if (to.typeName === 'shape' && to.type === CLUSTER_SHAPE_TYPE) {
      if (to.parentId === PAGE_ID) frames.push([from as TLShape | null, to]);
    } else if (isCanvasRecord(to)) {
      boardMaps(this.doc).canvas.set(to.id, JSON.parse(JSON.stringify(to)) as unknown);
    }
  }
}

function sameProps(a: object, b: object): boolean {
  if (a === b) return true;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}
