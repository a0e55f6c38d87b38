import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, deleteCluster, vote } from '../../shared/board/boardModel';
import { boardMaps } from '../../shared/board/boardDoc';
import { readTrash, restoreCard, trashCard, trashMap } from '../../shared/board/cardTrash';
import { readBoard } from '../../shared/board/readBoard';
import { supportCard, supporterCounts } from '../../shared/board/cardSupport';

const author = { id: 'u1', name: 'Budi' };
const deleter = { id: 'u2', name: 'Siti' };

function boardWithCard() {
  const doc = new Y.Doc();
  const clusterId = createCluster(doc, { title: 'Air', x: 0, y: 0, w: 600, h: 400 });
  const cardId = addCard(doc, {
    text: 'Sumur kering',
    desaKode: '63.11.01.2001',
    bidang: 'infrastruktur',
    x: 40,
    y: 120,
    author,
    clusterId,
  });
  return { doc, clusterId, cardId };
}

describe('deleted cards are kept for anyone to bring back', () => {
  test('trashing deletes the card and its votes, and lists it with who deleted it', () => {
    const { doc, cardId } = boardWithCard();
    vote(doc, cardId, 'v1', { budget: 3 });
    trashCard(doc, cardId, deleter);
    const { board } = readBoard(doc);
    expect(board.cards).toEqual([]);
    expect(board.votes).toEqual([]);
    expect(readTrash(doc)).toEqual([
      expect.objectContaining({
        cardId,
        text: 'Sumur kering',
        authorName: 'Budi',
        deletedBy: 'Siti',
      }),
    ]);
  });

  test('a restore puts back every field, in its cluster, and empties the entry', () => {
    const { doc, cardId, clusterId } = boardWithCard();
    const before = readBoard(doc).board.cards;
    trashCard(doc, cardId, deleter);
    expect(restoreCard(doc, cardId)).toBe(true);
    expect(readBoard(doc).board.cards).toEqual(before);
    expect(readBoard(doc).board.cards[0]?.clusterId).toBe(clusterId);
    expect(readTrash(doc)).toEqual([]);
  });

  test('a card whose cluster was deleted meanwhile comes back unclustered', () => {
    const { doc, cardId, clusterId } = boardWithCard();
    trashCard(doc, cardId, deleter);
    deleteCluster(doc, clusterId);
    expect(restoreCard(doc, cardId)).toBe(true);
    expect(readBoard(doc).board.cards[0]?.clusterId).toBeNull();
  });

  test('a restore on another replica syncs like any edit', () => {
    const { doc, cardId } = boardWithCard();
    trashCard(doc, cardId, deleter);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(restoreCard(other, cardId)).toBe(true);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(readBoard(doc).board.cards.map((c) => c.text)).toEqual(['Sumur kering']);
  });

  test('hostile trash entries are skipped and never restored', () => {
    const doc = new Y.Doc();
    const trash = trashMap(doc);
    trash.set('bad id!', { card: { text: 'x' } });
    trash.set('c1', 'not an object');
    trash.set('c2', { card: null });
    trash.set('c3', { card: ['array'] });
    expect(readTrash(doc)).toEqual([]);
    for (const id of ['bad id!', 'c1', 'c2', 'c3', 'missing'])
      expect(restoreCard(doc, id)).toBe(false);
    expect(boardMaps(doc).cards.size).toBe(0);
  });

  test('a card that exists again is not restored over', () => {
    const { doc, cardId } = boardWithCard();
    trashCard(doc, cardId, deleter);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc));
    addCard(doc, { id: cardId, text: 'baru', desaKode: null, bidang: null, x: 0, y: 0, author });
    expect(restoreCard(doc, cardId)).toBe(false);
    expect(readBoard(doc).board.cards[0]?.text).toBe('baru');
  });
});

describe('"Saya juga mengalami ini" is support, never a vote', () => {
  test('one support per person and card; votes untouched', () => {
    const { doc, cardId } = boardWithCard();
    expect(supportCard(doc, cardId, deleter)).toBe(true);
    expect(supportCard(doc, cardId, deleter)).toBe(true);
    expect(supportCard(doc, cardId, { id: 'u3', name: 'Ani' })).toBe(true);
    expect(supporterCounts(doc).get(cardId)).toBe(2);
    expect(readBoard(doc).board.votes).toEqual([]);
  });

  test('no support for a card that is not there', () => {
    const doc = new Y.Doc();
    expect(supportCard(doc, 'c404', deleter)).toBe(false);
    expect(supporterCounts(doc).size).toBe(0);
  });
});
