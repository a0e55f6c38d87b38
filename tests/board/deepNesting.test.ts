import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, initBoard } from '../../shared/board/boardModel';
import { boundedPlain, UNREADABLE } from '../../shared/board/boundedPlain';
import { boardThumbnailSvg } from '../../shared/board/boardThumbnailSvg';
import { readBoard, readBoardJson } from '../../shared/board/readBoard';
import { toCsv } from '../../shared/export/toCsv';
import { toHtmlReport } from '../../shared/export/toHtmlReport';
import { toJson } from '../../shared/export/toJson';
import { toMarkdown } from '../../shared/export/toMarkdown';
import { toXlsx } from '../../shared/export/toXlsx';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import { MAX_RECORD_DEPTH } from '../../shared/limits';
import { applyMerge } from '../../shared/merge/applyMerge';
import { MERGE_RECORD_MAP } from '../../shared/merge/mergeRecord';
import { planMerge } from '../../shared/merge/planMerge';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { nestedArrays, nestMaps } from '../helpers/hostileDocs';
import { balanganGazetteer } from '../issueMap/balangan';

const DEPTH = 5_000;
const author = { id: 'u1', name: 'Siti' };

/** A kecamatan board with one good card and one cluster, plus whatever `attack` adds. */
function boardWith(attack: (doc: Y.Doc) => void): { doc: Y.Doc; cardId: string } {
  const doc = new Y.Doc();
  initBoard(doc, { kind: 'kecamatan', title: 'Juai', kecamatanKode: '63.11.01' });
  const cluster = createCluster(doc, { title: 'Jalan', x: 0, y: 0, w: 400, h: 300 });
  const cardId = addCard(doc, {
    text: 'jalan rusak',
    desaKode: null,
    bidang: null,
    x: 10,
    y: 10,
    author,
    clusterId: cluster,
  });
  doc.getMap('canvas').set('shape:ok', { type: 'arrow', props: { a: 1 } });
  attack(doc);
  return { doc, cardId };
}

describe('readBoard on nests 5,000 levels deep', () => {
  it('skips a nested canvas record, counts it and keeps the cards and the other records', () => {
    const { doc, cardId } = boardWith((d) => nestMaps(d, d.getMap('canvas'), 'shape:deep', DEPTH));
    // What used to go wrong: Yjs's toJSON recursed once per level and overflowed the stack.
    expect(() => doc.getMap('canvas').toJSON()).toThrow(RangeError);
    const { board, report } = readBoard(doc);
    expect(board.cards.map((c) => c.id)).toEqual([cardId]);
    expect([...board.canvas.keys()]).toEqual(['shape:ok']);
    expect(report.skipped.canvas).toBe(1);
  });

  it('repairs a card whose author is a nest, and skips a card whose text is one', () => {
    const { doc, cardId } = boardWith((d) => {
      const card = d.getMap('cards').get(d.getMap('cards').keys().next().value as string);
      if (!(card instanceof Y.Map)) throw new Error('no card');
      nestMaps(d, card, 'author', DEPTH);
      const other = new Y.Map<unknown>();
      d.getMap('cards').set('deep-text', other);
      nestMaps(d, other, 'text', DEPTH);
    });
    const { board, report } = readBoard(doc);
    expect(board.cards.map((c) => c.id)).toEqual([cardId]);
    expect(board.cards[0]?.author).toEqual({ id: '', name: '' });
    expect(report.repaired.cards).toBe(1);
    expect(report.skipped.cards).toBe(1);
  });

  it('skips a canvas record of plain JSON nested past the limit, from the doc or its JSON', () => {
    const deep = { type: 'draw', props: { segments: nestedArrays(MAX_RECORD_DEPTH + 5) } };
    const { doc } = boardWith((d) => d.getMap('canvas').set('shape:deep', deep));
    expect([...readBoard(doc).board.canvas.keys()]).toEqual(['shape:ok']);
    const json = { canvas: { 'shape:deep': { x: nestedArrays(DEPTH) }, 'shape:ok': { a: 1 } } };
    expect([...readBoardJson(json).board.canvas.keys()]).toEqual(['shape:ok']);
  });

  it('still serves the thumbnail, the issue map in every format and a merge', async () => {
    const { doc } = boardWith((d) => {
      nestMaps(d, d.getMap('canvas'), 'shape:deep', DEPTH);
      nestMaps(d, d.getMap(MERGE_RECORD_MAP), 'card/x', DEPTH);
    });
    const board = readBoard(doc).board;
    expect(boardThumbnailSvg(board, DEFAULT_TAXONOMY)).toContain('<svg');
    const map = toIssueMap({
      event: { id: 'e', title: 'Rembuk', year: 2026, kabupaten: 'Balangan' },
      boards: [{ boardId: 'juai', board }],
      gazetteer: balanganGazetteer(),
      taxonomy: DEFAULT_TAXONOMY,
      generatedAt: new Date(Date.UTC(2026, 0, 5)),
    });
    for (const text of [toCsv(map), toHtmlReport(map), toMarkdown(map), toJson(map)]) {
      expect(text).toContain('jalan rusak');
    }
    expect((await toXlsx(map)).byteLength).toBeGreaterThan(0);
    const sources = [{ boardId: 'juai', kecamatanKode: '63.11.01', board }];
    const plan = planMerge(sources);
    // The merged board itself holds a nest in its merge record: the merge overwrites it.
    const report = applyMerge(doc, plan, sources, 'test');
    expect(report.added).toBe(1);
  });
});

describe('boundedPlain', () => {
  it('reads Y types and JSON into plain data, keeping a "__proto__" key as a plain key', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>('m');
    map.set('text', new Y.Text('halo'));
    map.set('list', Y.Array.from([1, { a: [2] }]));
    map.set('__proto__', { polluted: true });
    const plain = boundedPlain(map, { maxDepth: 8, maxNodes: 100 }) as Record<string, unknown>;
    expect(plain).toEqual({
      text: 'halo',
      list: [1, { a: [2] }],
      ['__proto__']: { polluted: true },
    });
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives UNREADABLE past the depth or node bound', () => {
    expect(boundedPlain(nestedArrays(10), { maxDepth: 9, maxNodes: 100 })).toBe(UNREADABLE);
    expect(boundedPlain(nestedArrays(10), { maxDepth: 10, maxNodes: 100 })).not.toBe(UNREADABLE);
    expect(boundedPlain(new Array(50).fill(1), { maxDepth: 5, maxNodes: 40 })).toBe(UNREADABLE);
  });
});
