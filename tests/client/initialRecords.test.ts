import { createTLStore, defaultShapeUtils, type TLShape } from 'tldraw';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, vote } from '../../shared/board/boardModel';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { initialRecords } from '../../client/binding/initialRecords';
import { shapeIdOf } from '../../client/binding/shapeIds';
import { ClusterFrameShapeUtil } from '../../client/shapes/ClusterFrameShapeUtil';
import { IssueCardShapeUtil } from '../../client/shapes/IssueCardShapeUtil';

const author = { id: 'u1', name: 'Siti' };

describe('the records the canvas starts with', () => {
  test('are valid tldraw records: frames behind the cards, clustered cards inside their frame', () => {
    const doc = new Y.Doc();
    const k = createCluster(doc, { title: 'Akses jalan', x: 1000, y: 500, w: 600, h: 400 });
    const inside = addCard(doc, {
      text: 'Jalan rusak',
      desaKode: null,
      bidang: 'infrastruktur',
      x: 1100,
      y: 650,
      author,
      clusterId: k,
    });
    const free = addCard(doc, {
      text: 'Air bersih',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author,
    });
    const records = initialRecords(doc, DEFAULT_TAXONOMY);
    expect(records).toBeDefined();
    // The store validates every record it starts with: an invalid one would throw here.
    const store = createTLStore({
      shapeUtils: [
        ...defaultShapeUtils.filter((u) => u.type !== 'frame'),
        IssueCardShapeUtil,
        ClusterFrameShapeUtil,
      ],
      initialData: records,
    });
    const frame = store.get(shapeIdOf(k) as TLShape['id']) as TLShape;
    const card = store.get(shapeIdOf(inside) as TLShape['id']) as TLShape;
    const loose = store.get(shapeIdOf(free) as TLShape['id']) as TLShape;
    expect(card.parentId).toBe(frame.id);
    expect({ x: card.x, y: card.y }).toEqual({ x: 100, y: 150 });
    expect(loose.parentId).toBe('page:page');
    expect(frame.index < loose.index).toBe(true);
  });

  test('carry each card’s vote total, and an empty board starts with none', () => {
    const doc = new Y.Doc();
    expect(initialRecords(doc, DEFAULT_TAXONOMY)).toBeUndefined();
    const id = addCard(doc, { text: 'Pupuk', desaKode: null, bidang: null, x: 0, y: 0, author });
    vote(doc, id, 'v1', { budget: 3 });
    vote(doc, id, 'v2', { budget: 3 });
    const record = initialRecords(doc, DEFAULT_TAXONOMY)?.[shapeIdOf(id)] as TLShape | undefined;
    expect((record?.props as { votes?: number }).votes).toBe(2);
  });
});
