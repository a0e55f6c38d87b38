import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, deleteCluster, vote } from '../../shared/board/boardModel';
import { boardMaps } from '../../shared/board/boardDoc';
import {
  MAX_TRASHED_CARDS,
  readTrash,
  restoreCard,
  returnVotes,
  trashCard,
  trashMap,
} from '../../shared/board/cardTrash';
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

/** Dots on one target, per voter, as readBoard reports them. */
function dotsOn(doc: Y.Doc, targetId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of readBoard(doc).board.votes) if (v.targetId === targetId) out[v.voterId] = v.count;
  return out;
}

describe("a restored card gets its dots back, each voter's from their own tablet", () => {
  function votedAndTrashed() {
    const { doc, cardId } = boardWithCard();
    vote(doc, cardId, 'v1', { budget: 5 });
    vote(doc, cardId, 'v1', { budget: 5 });
    vote(doc, cardId, 'v2', { budget: 5 });
    trashCard(doc, cardId, deleter);
    return { doc, cardId };
  }

  test("the restorer's dots come back at once; the others wait, hidden from the list", () => {
    const { doc, cardId } = votedAndTrashed();
    expect(restoreCard(doc, cardId, undefined, { voterId: 'v1', budget: 5 })).toBe(true);
    expect(dotsOn(doc, cardId)).toEqual({ v1: 2 });
    expect(readTrash(doc)).toEqual([]);
    expect(trashMap(doc).has(cardId)).toBe(true);
    // v2's tablet, on its next look at the board, puts back v2's dot and empties the entry.
    expect(returnVotes(doc, 'v2', 5)).toBe(1);
    expect(dotsOn(doc, cardId)).toEqual({ v1: 2, v2: 1 });
    expect(trashMap(doc).has(cardId)).toBe(false);
    expect(returnVotes(doc, 'v2', 5)).toBe(0);
  });

  test('a restore by someone who never voted there keeps every dot waiting for its voter', () => {
    const { doc, cardId } = votedAndTrashed();
    expect(restoreCard(doc, cardId, undefined, { voterId: 'v9', budget: 5 })).toBe(true);
    expect(dotsOn(doc, cardId)).toEqual({});
    expect(returnVotes(doc, 'v1', 5)).toBe(2);
    expect(returnVotes(doc, 'v2', 5)).toBe(1);
    expect(dotsOn(doc, cardId)).toEqual({ v1: 2, v2: 1 });
  });

  test('dots come back within the budget, and not on top of dots given since', () => {
    const { doc, cardId } = votedAndTrashed();
    const other = addCard(doc, { text: 'Lain', desaKode: null, bidang: null, x: 0, y: 0, author });
    // v1 spent four of five dots elsewhere meanwhile: one of the two comes back.
    for (let i = 0; i < 4; i++) vote(doc, other, 'v1', { budget: 5 });
    restoreCard(doc, cardId);
    expect(returnVotes(doc, 'v1', 5)).toBe(1);
    expect(dotsOn(doc, cardId)).toEqual({ v1: 1 });
    // v2 already put a new dot on the restored card: the waiting one is dropped, not added.
    vote(doc, cardId, 'v2', { budget: 5 });
    expect(returnVotes(doc, 'v2', 5)).toBe(0);
    expect(dotsOn(doc, cardId)).toEqual({ v1: 1, v2: 1 });
    expect(trashMap(doc).has(cardId)).toBe(false);
  });

  test('deleted again before every voter came back: the waiting dots stay with the card', () => {
    const { doc, cardId } = votedAndTrashed();
    restoreCard(doc, cardId, undefined, { voterId: 'v1', budget: 5 });
    trashCard(doc, cardId, deleter);
    expect(readTrash(doc).map((t) => t.cardId)).toEqual([cardId]);
    restoreCard(doc, cardId);
    expect(returnVotes(doc, 'v1', 5)).toBe(2);
    expect(returnVotes(doc, 'v2', 5)).toBe(1);
  });

  test('hostile dots in an entry are ignored; a full trash drops the oldest entry', () => {
    const { doc, cardId } = boardWithCard();
    trashCard(doc, cardId, deleter);
    const entry = trashMap(doc).get(cardId) as Record<string, unknown>;
    trashMap(doc).set(cardId, {
      ...entry,
      votes: { 'bad id!': 1, constructor: 'x', v3: 1.5, v4: -2, v5: 1e9, v6: 2, __proto__: 3 },
    });
    restoreCard(doc, cardId);
    for (const voter of ['constructor', 'v3', 'v4', 'v5'])
      expect(returnVotes(doc, voter, 99)).toBe(0);
    expect(returnVotes(doc, 'v6', 99)).toBe(2);
    expect(dotsOn(doc, cardId)).toEqual({ v6: 2 });

    const full = new Y.Doc();
    for (let i = 0; i <= MAX_TRASHED_CARDS; i++) {
      const id = addCard(full, { text: `k${i}`, desaKode: null, bidang: null, x: 0, y: 0, author });
      trashCard(full, id, deleter);
    }
    expect(trashMap(full).size).toBe(MAX_TRASHED_CARDS);
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
