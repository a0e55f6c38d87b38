import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  deleteCard,
  renameCluster,
  setCardCluster,
  updateCard,
  createCluster,
  deleteCluster,
} from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import { applyMerge } from '../../shared/merge/applyMerge';
import { issueProvenance } from '../../shared/merge/issueProvenance';
import { planMerge } from '../../shared/merge/planMerge';
import { randomSource, rng, sourceOf, type LiveSource } from './mergeFixtures';

function merge(merged: Y.Doc, live: readonly LiveSource[]) {
  const sources = live.map(sourceOf);
  return applyMerge(merged, planMerge(sources), sources, 'merge');
}

function sourceKeysOnMerged(merged: Y.Doc): string[] {
  return readBoard(merged).board.cards.map((c) => `${c.source?.boardId}/${c.source?.cardId}`);
}

function expectEveryCardOnce(
  merged: Y.Doc,
  live: readonly LiveSource[],
  deleted = new Set<string>(),
) {
  const keys = sourceKeysOnMerged(merged);
  expect(new Set(keys).size).toBe(keys.length);
  const expected = live.flatMap((s) =>
    readBoard(s.doc).board.cards.map((c) => `${s.boardId}/${c.id}`),
  );
  expect(new Set(keys)).toEqual(new Set(expected.filter((k) => !deleted.has(k))));
}

describe('applyMerge', () => {
  it('never loses or duplicates a card across randomised boards and repeated merges', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const live = [0, 1, 2].map((i) => randomSource(seed, i));
      const merged = new Y.Doc();
      const r = rng(seed);
      for (let round = 0; round < 4; round++) {
        merge(merged, live);
        expectEveryCardOnce(merged, live);
        // Sources keep changing between merges: new cards, edits, deletions.
        for (const s of live) {
          const cards = readBoard(s.doc).board.cards;
          const victim = cards[Math.floor(r() * cards.length)];
          if (victim && r() < 0.5) deleteCard(s.doc, victim.id);
          const edited = cards[Math.floor(r() * cards.length)];
          if (edited && edited.id !== victim?.id)
            updateCard(s.doc, edited.id, { text: `${edited.text} lagi` });
          addCard(s.doc, {
            text: `kartu baru ${round}`,
            desaKode: null,
            bidang: null,
            x: 0,
            y: 0,
            author: { id: 'a', name: 'A' },
          });
        }
      }
      merge(merged, live);
      expectEveryCardOnce(merged, live);
      const report = readBoard(merged);
      expect(report.report.skipped).toEqual({ cards: 0, clusters: 0, votes: 0, canvas: 0 });
      expect(report.board.meta.kind).toBe('merged');
    }
  });

  it('keeps provenance right for every card and counts desa and kecamatan per issue', () => {
    const live = [0, 1, 2].map((i) => randomSource(7, i));
    const merged = new Y.Doc();
    merge(merged, live);
    const board = readBoard(merged).board;
    for (const card of board.cards) {
      const src = live.find((s) => s.boardId === card.source?.boardId);
      expect(src).toBeDefined();
      const original = readBoard(src!.doc).board.cards.find((c) => c.id === card.source?.cardId);
      expect(original?.text).toBe(card.text);
      expect(original?.desaKode).toBe(card.desaKode);
      expect(card.source?.kecamatanKode).toBe(src!.kecamatanKode);
    }
    for (const p of issueProvenance(board)) {
      const cards = board.cards.filter((c) => c.clusterId === p.clusterId);
      expect(p.kecamatanCount).toBe(new Set(cards.map((c) => c.source?.kecamatanKode)).size);
      expect(p.desaCount).toBe(new Set(cards.map((c) => c.desaKode)).size);
    }
  });

  it('carries votes over with voter ids namespaced by source board', () => {
    const live = [0, 1].map((i) => randomSource(3, i));
    const merged = new Y.Doc();
    merge(merged, live);
    const votes = readBoard(merged).board.votes;
    const expected = live.reduce(
      (n, s) => n + readBoard(s.doc).board.votes.reduce((m, v) => m + v.count, 0),
      0,
    );
    expect(votes.reduce((n, v) => n + v.count, 0)).toBe(expected);
    for (const v of votes) expect(v.voterId).toMatch(/^kec-\d:/);
    merge(merged, live);
    expect(readBoard(merged).board.votes.reduce((n, v) => n + v.count, 0)).toBe(expected);
  });

  it('keeps the moderator’s rename, move and delete on a re-merge', () => {
    const live = [0, 1, 2].map((i) => randomSource(11, i));
    const merged = new Y.Doc();
    merge(merged, live);
    const board = readBoard(merged).board;
    const [k1, k2] = board.clusters;
    expect(k1 && k2).toBeTruthy();
    renameCluster(merged, k1!.id, 'Judul dari moderator');
    const moved = board.cards.find((c) => c.clusterId === k1!.id)!;
    setCardCluster(merged, moved.id, k2!.id);
    const removed = board.cards.find((c) => c.id !== moved.id)!;
    deleteCard(merged, removed.id);
    const retexted = board.cards.find((c) => c.id !== moved.id && c.id !== removed.id)!;
    updateCard(merged, retexted.id, { text: 'teks dari moderator' });
    const own = createCluster(merged, {
      title: 'Kelompok moderator',
      x: 0,
      y: 5000,
      w: 300,
      h: 300,
    });

    // Sources change the same cards meanwhile.
    const src = live.find((s) => s.boardId === retexted.source!.boardId)!;
    updateCard(src.doc, retexted.source!.cardId, { text: 'teks sumber berubah' });
    merge(merged, live);

    const after = readBoard(merged).board;
    expect(after.clusters.find((k) => k.id === k1!.id)?.title).toBe('Judul dari moderator');
    expect(after.cards.find((c) => c.id === moved.id)?.clusterId).toBe(k2!.id);
    expect(
      after.cards.some(
        (c) =>
          c.source?.cardId === removed.source?.cardId &&
          c.source?.boardId === removed.source?.boardId,
      ),
    ).toBe(false);
    expect(after.cards.find((c) => c.id === retexted.id)?.text).toBe('teks dari moderator');
    expect(after.clusters.some((k) => k.id === own)).toBe(true);
    expectEveryCardOnce(
      merged,
      live,
      new Set([`${removed.source!.boardId}/${removed.source!.cardId}`]),
    );
  });

  it('updates the text of a source card the moderator left alone', () => {
    const live = [0, 1].map((i) => randomSource(5, i));
    const merged = new Y.Doc();
    merge(merged, live);
    const card = readBoard(live[0]!.doc).board.cards[0]!;
    updateCard(live[0]!.doc, card.id, { text: 'sudah diperbarui di kecamatan' });
    merge(merged, live);
    const copy = readBoard(merged).board.cards.find(
      (c) => c.source?.cardId === card.id && c.source.boardId === live[0]!.boardId,
    );
    expect(copy?.text).toBe('sudah diperbarui di kecamatan');
  });

  it('does not recreate an issue frame the moderator deleted', () => {
    const live = [0, 1].map((i) => randomSource(9, i));
    const merged = new Y.Doc();
    merge(merged, live);
    const before = readBoard(merged).board.clusters;
    deleteCluster(merged, before[0]!.id);
    merge(merged, live);
    const after = readBoard(merged).board;
    expect(after.clusters.length).toBe(before.length - 1);
    expectEveryCardOnce(merged, live);
  });

  it('is one undo step for a Y.UndoManager tracking the merge origin', () => {
    const live = [0, 1, 2].map((i) => randomSource(2, i));
    const merged = new Y.Doc();
    const undo = new Y.UndoManager(
      ['meta', 'cards', 'clusters', 'votes'].map((n) => merged.getMap(n)),
      { trackedOrigins: new Set(['merge']), captureTimeout: 0 },
    );
    merge(merged, live);
    expect(readBoard(merged).board.cards.length).toBeGreaterThan(0);
    expect(undo.undoStack.length).toBe(1);
    undo.undo();
    const board = readBoard(merged).board;
    expect(board.cards.length + board.clusters.length + board.votes.length).toBe(0);
  });
});
