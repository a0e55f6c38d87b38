import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, initBoard, setCardCluster } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import { applySuggestion } from '../../shared/similarity/applySuggestion';
import { clusterTexts } from '../../shared/similarity/clusterTexts';
import { findNearDuplicates } from '../../shared/similarity/findNearDuplicates';
import { proposeTitle } from '../../shared/similarity/proposeTitle';
import { suggestClusters } from '../../shared/similarity/suggestClusters';

const author = { id: 'a', name: 'A' };

function boardWith(texts: string[]): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { kind: 'kecamatan', title: 'Uji', kecamatanKode: null });
  texts.forEach((text, i) =>
    addCard(doc, { id: `c${i}`, text, desaKode: null, bidang: null, x: i * 10, y: 0, author }),
  );
  return doc;
}

const TEXTS = [
  'jalan poros desa rusak parah',
  'jln desa berlubang, tdk bisa dilewati',
  'jalan usaha tani becek kalau hujan',
  'sinyal HP hilang di dusun',
  'desa masih blank spot',
  'tower BTS belum aktif, tidak ada sinyal',
];

describe('clusterTexts', () => {
  it('separates roads from phone signal and returns every text once', () => {
    const groups = clusterTexts(TEXTS);
    expect(groups.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const groupOf = (i: number) => groups.findIndex((g) => g.includes(i));
    expect(groupOf(0)).toBe(groupOf(1));
    expect(groupOf(3)).toBe(groupOf(4));
    expect(groupOf(0)).not.toBe(groupOf(3));
  });

  it('handles no texts and one text', () => {
    expect(clusterTexts([])).toEqual([]);
    expect(clusterTexts(['satu'])).toEqual([[0]]);
  });
});

describe('suggestClusters', () => {
  it('suggests groups for unclustered cards and changes nothing', () => {
    const doc = boardWith(TEXTS);
    const before = Y.encodeStateAsUpdate(doc);
    const suggestions = suggestClusters(readBoard(doc).board);
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    for (const s of suggestions) expect(s.title.length).toBeGreaterThan(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('sends cards to an existing cluster they fit better', () => {
    const doc = boardWith(TEXTS);
    const k = createCluster(doc, {
      title: 'Jaringan internet dan sinyal',
      x: 0,
      y: 0,
      w: 400,
      h: 400,
    });
    setCardCluster(doc, 'c3', k);
    setCardCluster(doc, 'c4', k);
    const s = suggestClusters(readBoard(doc).board).find((x) => x.cardIds.includes('c5'));
    expect(s?.existingClusterId).toBe(k);
  });

  it('applies chosen suggestions as one undo step and never steals clustered cards', () => {
    const doc = boardWith(TEXTS);
    const suggestions = suggestClusters(readBoard(doc).board);
    const k = createCluster(doc, { title: 'Manual', x: 0, y: 0, w: 400, h: 400 });
    setCardCluster(doc, 'c0', k); // someone clustered c0 after the preview
    const undo = new Y.UndoManager([doc.getMap('cards'), doc.getMap('clusters')], {
      trackedOrigins: new Set(['suggest']),
      captureTimeout: 0,
    });
    const result = applySuggestion(doc, suggestions, 'suggest');
    const board = readBoard(doc).board;
    expect(result.createdClusterIds.length).toBeGreaterThan(0);
    expect(board.cards.find((c) => c.id === 'c0')?.clusterId).toBe(k);
    expect(undo.undoStack.length).toBe(1);
    undo.undo();
    const after = readBoard(doc).board;
    expect(after.clusters.map((c) => c.id)).toEqual([k]);
    expect(after.cards.filter((c) => c.clusterId !== null).map((c) => c.id)).toEqual(['c0']);
  });
});

describe('findNearDuplicates and proposeTitle', () => {
  const cards = TEXTS.map((text, i) => ({ id: `c${i}`, text }));

  it('finds a paraphrase of an existing card while typing', () => {
    const found = findNearDuplicates('jalan poros desa rusak berat', cards);
    expect(found[0]?.cardId).toBe('c0');
    expect(findNearDuplicates('guru honor kurang', cards)).toEqual([]);
  });

  it('still finds the paraphrase among 2,000 cards (its speed is measured in bench:suggest)', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({
      id: `x${i}`,
      text: `${TEXTS[i % TEXTS.length]} ${i}`,
    }));
    many.push({ id: 'target', text: 'tower seluler di ujung kampung belum dibangun' });
    const found = findNearDuplicates('tower seluler di ujung kampung belum ada', many);
    expect(found[0]?.cardId).toBe('target');
  });

  it('proposes a strategic-issue title from what the cards share', () => {
    const title = proposeTitle([
      'JALAN DESA RUSAK',
      'jalan desa rusak parah sekali',
      'jembatan putus',
    ]);
    expect(title).toBe('Rusaknya jalan');
    expect(proposeTitle([])).toBe('');
  });
});
