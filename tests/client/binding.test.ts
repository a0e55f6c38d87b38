import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import { addCard, createCluster, updateCard } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { isCanvasRecord, readCanvasRecord } from '../../client/binding/canvasRecords';
import { clusterAt } from '../../client/binding/clusterAt';
import { cardShapeSpec, readCardAt, voteCountOf } from '../../client/binding/docToShapes';
import { recordIdOfShape, shapeIdOf } from '../../client/binding/shapeIds';
import {
  addCardFromView,
  applyCardWrite,
  cardWrite,
  isEmptyCardWrite,
  writeCluster,
  type CardView,
} from '../../client/binding/shapesToDoc';

const LOCAL = { binding: 'test' };
const author = { id: 'u1', name: 'Siti' };

function boardWithCard(): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  const id = addCard(doc, {
    text: 'Jalan rusak',
    desaKode: '63.11.01.2001',
    bidang: 'infrastruktur',
    x: 100,
    y: 50,
    author,
  });
  return { doc, id };
}

const view = (over: Partial<CardView> = {}): CardView => ({
  text: 'Jalan rusak',
  desaKode: '63.11.01.2001',
  bidang: 'infrastruktur',
  pageX: 100,
  pageY: 50,
  clusterId: null,
  ...over,
});

describe('doc to shapes', () => {
  test('a clustered card is placed relative to its frame, an unclustered one in page coordinates', () => {
    const doc = new Y.Doc();
    const k = createCluster(doc, { title: 'Akses jalan', x: 1000, y: 500, w: 600, h: 400 });
    const c = addCard(doc, {
      text: 'a',
      desaKode: null,
      bidang: null,
      x: 1100,
      y: 650,
      author,
      clusterId: k,
    });
    const read = readCardAt(doc, c, DEFAULT_TAXONOMY);
    expect(read).not.toBeNull();
    const spec = cardShapeSpec(read!.card, read!.cluster, 0);
    expect(spec).toMatchObject({ parentId: shapeIdOf(k), x: 100, y: 150 });
    const loose = cardShapeSpec({ ...read!.card, clusterId: null }, null, 0);
    expect(loose).toMatchObject({ parentId: 'page:page', x: 1100, y: 650 });
  });

  test('a hostile card record is read with the same repairs as readBoard, never thrown', () => {
    const doc = new Y.Doc();
    const card = new Y.Map<unknown>();
    card.set('text', 'x'.repeat(5000));
    card.set('x', Number.NaN);
    card.set('bidang', '__proto__');
    card.set('clusterId', 'missing');
    boardMaps(doc).cards.set('c1', card);
    boardMaps(doc).cards.set('__proto__', new Y.Map());
    const read = readCardAt(doc, 'c1', DEFAULT_TAXONOMY);
    const fromBoard = readBoard(doc).board.cards.find((x) => x.id === 'c1');
    expect(read?.card).toEqual(fromBoard);
    expect(read?.cluster).toBeNull();
    expect(readCardAt(doc, '__proto__', DEFAULT_TAXONOMY)).toBeNull();
    expect(readCardAt(doc, 'nope', DEFAULT_TAXONOMY)).toBeNull();
  });

  test('vote totals count only well-formed dots on the target', () => {
    const { doc, id } = boardWithCard();
    const votes = boardMaps(doc).votes;
    votes.set(`${id}/u1`, 2);
    votes.set(`${id}/u2`, 1);
    votes.set(`${id}x/u3`, 5);
    votes.set(`${id}/u4`, 1.5 as number);
    expect(voteCountOf(doc, id)).toBe(3);
  });

  test('shape ids map to record ids and back, rejecting what is not a record id', () => {
    expect(recordIdOfShape(shapeIdOf('c123'))).toBe('c123');
    expect(recordIdOfShape('shape:__proto__')).toBeNull();
    expect(recordIdOfShape('page:page')).toBeNull();
  });
});

describe('shapes to doc', () => {
  test('only the fields a user changed are written', () => {
    const write = cardWrite(view(), view({ pageX: 300 }));
    expect(write).toEqual({ fields: {}, position: { x: 300, y: 50 }, clusterId: undefined });
    expect(isEmptyCardWrite(cardWrite(view(), view()))).toBe(true);
  });

  test('moving a card on one tablet keeps a concurrent text edit from another', () => {
    const { doc: a, id } = boardWithCard();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyCardWrite(a, id, cardWrite(view(), view({ pageX: 400, pageY: 300 })), LOCAL);
    updateCard(b, id, { text: 'Jalan rusak parah' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      expect(readBoard(doc).board.cards[0]).toMatchObject({
        text: 'Jalan rusak parah',
        x: 400,
        y: 300,
      });
    }
  });

  test('a write is one transaction with the local origin (so undo and no-echo can see it)', () => {
    const { doc, id } = boardWithCard();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    applyCardWrite(doc, id, cardWrite(view(), view({ text: 'baru', pageY: 99 })), LOCAL);
    expect(origins).toEqual([LOCAL]);
  });

  test('a card dropped into a frame that is not a cluster in the doc stays unclustered', () => {
    const { doc, id } = boardWithCard();
    applyCardWrite(doc, id, cardWrite(view(), view({ clusterId: 'kGhost' })), LOCAL);
    expect(readBoard(doc).board.cards[0]?.clusterId).toBeNull();
    const k = createCluster(doc, { title: 'Isu', x: 0, y: 0, w: 500, h: 500 });
    applyCardWrite(doc, id, cardWrite(view(), view({ clusterId: k })), LOCAL);
    expect(readBoard(doc).board.cards[0]?.clusterId).toBe(k);
  });

  test('a card made on the canvas is added once, however often it is written', () => {
    const doc = new Y.Doc();
    addCardFromView(doc, 'cNew', view(), author, LOCAL);
    addCardFromView(doc, 'cNew', view({ text: 'lagi' }), author, LOCAL);
    expect(readBoard(doc).board.cards).toEqual([
      expect.objectContaining({ id: 'cNew', text: 'Jalan rusak', author }),
    ]);
  });

  test('a renamed cluster keeps its geometry untouched', () => {
    const doc = new Y.Doc();
    const rect = { title: 'A', x: 0, y: 0, w: 400, h: 300 };
    writeCluster(doc, 'k1', null, rect, LOCAL);
    const writes: string[] = [];
    boardMaps(doc).clusters.observeDeep((events) =>
      events.forEach((e) => writes.push(...e.changes.keys.keys())),
    );
    writeCluster(doc, 'k1', rect, { ...rect, title: 'B' }, LOCAL);
    expect(writes).toEqual(['title']);
  });
});

describe('canvas records and membership', () => {
  test('drawings go to the canvas map; cards, frames and session records do not', () => {
    expect(isCanvasRecord({ typeName: 'shape', type: 'draw' })).toBe(true);
    expect(isCanvasRecord({ typeName: 'binding', type: 'arrow' })).toBe(true);
    expect(isCanvasRecord({ typeName: 'shape', type: 'issue-card' })).toBe(false);
    expect(isCanvasRecord({ typeName: 'shape', type: 'frame' })).toBe(false);
    expect(isCanvasRecord({ typeName: 'camera' })).toBe(false);
  });

  test('a canvas record posing as a card, with a wrong id or too big, is not put in the store', () => {
    const ok = { id: 'shape:d1', typeName: 'shape', type: 'draw' };
    expect(readCanvasRecord('shape:d1', ok)).toEqual(ok);
    expect(readCanvasRecord('shape:d2', ok)).toBeNull();
    expect(readCanvasRecord('shape:d1', { ...ok, type: 'issue-card' })).toBeNull();
    expect(readCanvasRecord('shape:d1', { ...ok, blob: 'x'.repeat(70_000) })).toBeNull();
    expect(readCanvasRecord('shape:d1', 'not an object')).toBeNull();
  });

  test('a card belongs to the smallest frame under its centre, or none', () => {
    const frames = [
      { id: 'big', x: 0, y: 0, w: 1000, h: 1000 },
      { id: 'small', x: 100, y: 100, w: 200, h: 200 },
    ];
    expect(clusterAt({ x: 150, y: 150 }, frames)).toBe('small');
    expect(clusterAt({ x: 800, y: 800 }, frames)).toBe('big');
    expect(clusterAt({ x: -5, y: 10 }, frames)).toBeNull();
  });
});
