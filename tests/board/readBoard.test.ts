import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, initBoard, vote } from '../../shared/board/boardModel';
import { readBoard, readBoardJson } from '../../shared/board/readBoard';
import { MAX_CARD_TEXT_LENGTH, MAX_COORDINATE } from '../../shared/limits';

const author = { id: 'u1', name: 'Siti' };

/** Writes a raw card map, bypassing the model, as a hostile client could. */
function rawCard(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  const card = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) card.set(k, v);
  doc.getMap('cards').set(id, card);
}

describe('readBoard on hostile documents', () => {
  it('reads an empty doc as an empty kecamatan board', () => {
    const { board, report } = readBoard(new Y.Doc());
    expect(board.cards).toEqual([]);
    expect(board.meta.kind).toBe('kecamatan');
    expect(report.skipped).toEqual({ cards: 0, clusters: 0, votes: 0, canvas: 0 });
  });

  it('repairs wrong types, NaN coordinates, unknown bidang and dangling clusters card by card', () => {
    const doc = new Y.Doc();
    initBoard(doc, { kind: 'kecamatan', title: 'Halong', kecamatanKode: '63.11.02' });
    const good = addCard(doc, {
      text: 'baik',
      desaKode: '63.11.02.2001',
      bidang: 'ekonomi',
      x: 1,
      y: 2,
      author,
    });
    rawCard(doc, 'nan', {
      text: 'nan',
      x: NaN,
      y: Infinity,
      bidang: 'sihir',
      clusterId: 'ghost',
      desaKode: 12,
    });
    rawCard(doc, 'huge', {
      text: 'a'.repeat(MAX_CARD_TEXT_LENGTH * 3),
      x: 1e12,
      y: -1e12,
      author: 'not an object',
    });
    const { board, report } = readBoard(doc);
    expect(board.cards.map((c) => c.id).sort()).toEqual(['huge', 'nan', good].sort());
    const nan = board.cards.find((c) => c.id === 'nan');
    expect(nan).toMatchObject({ x: 0, y: 0, bidang: null, clusterId: null, desaKode: null });
    const huge = board.cards.find((c) => c.id === 'huge');
    expect(huge?.text).toHaveLength(MAX_CARD_TEXT_LENGTH);
    expect(huge).toMatchObject({
      x: MAX_COORDINATE,
      y: -MAX_COORDINATE,
      author: { id: '', name: '' },
    });
    expect(report.repaired.cards).toBe(2);
    expect(report.skipped.cards).toBe(0);
  });

  it('skips records without text, with bad ids or of the wrong shape, and counts them', () => {
    const doc = new Y.Doc();
    rawCard(doc, '__proto__', { text: 'proto' });
    rawCard(doc, 'bad id with spaces', { text: 'x' });
    rawCard(doc, 'notext', { text: 42 });
    doc.getMap('cards').set('scalar', 'just a string' as unknown as Y.Map<unknown>);
    doc.getMap('clusters').set('k1', 7 as unknown as Y.Map<unknown>);
    const { board, report } = readBoard(doc);
    expect(board.cards).toEqual([]);
    expect(board.clusters).toEqual([]);
    expect(report.skipped.cards).toBe(4);
    expect(report.skipped.clusters).toBe(1);
  });

  it('skips votes with malformed keys, values or targets', () => {
    const doc = new Y.Doc();
    const k = createCluster(doc, { title: 'Isu', x: 0, y: 0, w: 400, h: 300 });
    vote(doc, k, 'v1');
    const votes = doc.getMap('votes');
    votes.set('nokey', 1);
    votes.set(`${k}/v2`, -3);
    votes.set(`${k}/v3`, 1.5);
    votes.set('ghost/v4', 1);
    votes.set(`${k}/v5/x`, 1);
    votes.set(`${k}/v6`, 'lots' as unknown as number);
    const { board, report } = readBoard(doc);
    expect(board.votes).toEqual([{ targetId: k, voterId: 'v1', count: 1 }]);
    expect(report.skipped.votes).toBe(6);
  });

  it('survives top-level types defined as the wrong kind and hostile meta', () => {
    const doc = new Y.Doc();
    doc.getArray('cards').push([1, 2, 3]);
    doc.getMap('meta').set('kind', 'evil');
    doc.getMap('meta').set('title', { toString: 'x' });
    doc.getMap('meta').set('kecamatanKode', '../../etc');
    const { board, report } = readBoard(doc);
    expect(board.cards).toEqual([]);
    expect(board.meta).toMatchObject({ kind: 'kecamatan', title: '', kecamatanKode: null });
    expect(report.repaired.meta).toBe(1);
  });

  it('reads a Y.Text card text as its string', () => {
    const doc = new Y.Doc();
    rawCard(doc, 'c1', { text: new Y.Text('teks kaya') });
    expect(readBoard(doc).board.cards[0]?.text).toBe('teks kaya');
  });

  it('reads the JSON form with the same repairs, including an own __proto__ key', () => {
    const json = JSON.parse(
      '{"meta":{"kind":"merged","title":"Kab"},"cards":{"__proto__":{"text":"x"},"c1":{"text":"ok","x":"5"}},' +
        '"clusters":{},"votes":{"c1/v":2},"canvas":{"shape:a":{"type":"draw"},"shape:b":"nope"}}',
    ) as unknown;
    const { board, report } = readBoardJson(json);
    expect(board.meta.kind).toBe('merged');
    expect(board.cards.map((c) => c.id)).toEqual(['c1']);
    expect(board.cards[0]?.x).toBe(0);
    expect(board.votes).toEqual([{ targetId: 'c1', voterId: 'v', count: 2 }]);
    expect([...board.canvas.keys()]).toEqual(['shape:a']);
    expect(report.skipped).toEqual({ cards: 1, clusters: 0, votes: 0, canvas: 1 });
    expect(readBoardJson('garbage').board.cards).toEqual([]);
    expect(readBoardJson(null).board.cards).toEqual([]);
  });

  it('drops an oversized canvas record and keeps the rest', () => {
    const doc = new Y.Doc();
    doc.getMap('canvas').set('shape:big', { type: 'draw', props: { blob: 'x'.repeat(200_000) } });
    doc.getMap('canvas').set('shape:ok', { type: 'arrow' });
    const { board, report } = readBoard(doc);
    expect([...board.canvas.keys()]).toEqual(['shape:ok']);
    expect(report.skipped.canvas).toBe(1);
  });
});
