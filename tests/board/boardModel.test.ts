import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  createCluster,
  deleteCard,
  deleteCluster,
  initBoard,
  moveCard,
  renameCluster,
  resizeCluster,
  setCardCluster,
  unvote,
  updateCard,
  vote,
} from '../../shared/board/boardModel';
import { readBoard, voteTotals } from '../../shared/board/readBoard';

const author = { id: 'u1', name: 'Siti' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('board model', () => {
  it('adds, edits, moves and deletes cards', () => {
    const doc = new Y.Doc();
    initBoard(doc, { kind: 'kecamatan', title: 'Juai', kecamatanKode: '63.11.01' });
    const id = addCard(doc, {
      text: 'Jalan desa rusak',
      desaKode: '63.11.01.2001',
      bidang: 'infrastruktur',
      x: 10,
      y: 20,
      author,
    });
    updateCard(doc, id, { text: 'Jalan desa rusak berat' });
    moveCard(doc, id, 100, 200);
    let { board } = readBoard(doc);
    expect(board.meta).toMatchObject({
      kind: 'kecamatan',
      title: 'Juai',
      kecamatanKode: '63.11.01',
    });
    expect(board.cards).toHaveLength(1);
    expect(board.cards[0]).toMatchObject({
      id,
      text: 'Jalan desa rusak berat',
      desaKode: '63.11.01.2001',
      bidang: 'infrastruktur',
      x: 100,
      y: 200,
      clusterId: null,
      author,
    });
    deleteCard(doc, id);
    ({ board } = readBoard(doc));
    expect(board.cards).toHaveLength(0);
  });

  it('creates, renames, resizes and deletes clusters; deleting one unclusters its cards', () => {
    const doc = new Y.Doc();
    const k = createCluster(doc, { title: 'Air bersih', x: 0, y: 0, w: 400, h: 300 });
    const c = addCard(doc, { text: 'PDAM mati', desaKode: null, bidang: null, x: 1, y: 1, author });
    setCardCluster(doc, c, k);
    renameCluster(doc, k, 'Belum meratanya air bersih');
    resizeCluster(doc, k, { x: 5, y: 6, w: 500, h: 350 });
    let { board } = readBoard(doc);
    expect(board.clusters[0]).toMatchObject({
      id: k,
      title: 'Belum meratanya air bersih',
      x: 5,
      y: 6,
      w: 500,
      h: 350,
    });
    expect(board.cards[0]?.clusterId).toBe(k);
    setCardCluster(doc, c, null);
    expect(readBoard(doc).board.cards[0]?.clusterId).toBeNull();
    setCardCluster(doc, c, k);
    vote(doc, k, 'v1');
    deleteCluster(doc, k);
    ({ board } = readBoard(doc));
    expect(board.clusters).toHaveLength(0);
    expect(board.cards[0]?.clusterId).toBeNull();
    expect(board.votes).toHaveLength(0);
  });

  it('rejects a cluster id that does not exist and an invalid id', () => {
    const doc = new Y.Doc();
    const c = addCard(doc, { text: 'x', desaKode: null, bidang: null, x: 0, y: 0, author });
    expect(() => setCardCluster(doc, c, 'nope')).toThrow(/no cluster/);
    expect(() =>
      addCard(doc, {
        id: '__proto__',
        text: 'x',
        desaKode: null,
        bidang: null,
        x: 0,
        y: 0,
        author,
      }),
    ).toThrow(/invalid id/);
  });

  it('counts dots per voter within the budget, and unvote takes one back', () => {
    const doc = new Y.Doc();
    const c = addCard(doc, { text: 'x', desaKode: null, bidang: null, x: 0, y: 0, author });
    expect(vote(doc, c, 'v1', { budget: 2 })).toBe(true);
    expect(vote(doc, c, 'v1', { budget: 2 })).toBe(true);
    expect(vote(doc, c, 'v1', { budget: 2 })).toBe(false);
    expect(vote(doc, 'missing', 'v2')).toBe(false);
    expect(voteTotals(readBoard(doc).board).get(c)).toBe(2);
    expect(unvote(doc, c, 'v1')).toBe(true);
    expect(voteTotals(readBoard(doc).board).get(c)).toBe(1);
  });

  it('keeps both a concurrent move and a concurrent text edit of one card', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addCard(a, { text: 'awal', desaKode: null, bidang: null, x: 0, y: 0, author });
    sync(a, b);
    moveCard(a, id, 300, 400);
    updateCard(b, id, { text: 'diubah' });
    sync(a, b);
    for (const doc of [a, b]) {
      expect(readBoard(doc).board.cards[0]).toMatchObject({ text: 'diubah', x: 300, y: 400 });
    }
  });

  it('counts concurrent votes of two people on one cluster', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const k = createCluster(a, { title: 'Isu', x: 0, y: 0, w: 400, h: 300 });
    sync(a, b);
    vote(a, k, 'alice');
    vote(b, k, 'budi');
    sync(a, b);
    expect(voteTotals(readBoard(a).board).get(k)).toBe(2);
    expect(voteTotals(readBoard(b).board).get(k)).toBe(2);
  });
});
