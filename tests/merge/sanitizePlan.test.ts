import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, setCardCluster } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import type { SourceBoard } from '../../shared/merge/mergePlan';
import { sanitizePlan } from '../../shared/merge/sanitizePlan';

const author = { id: 'a', name: 'A' };

function source(boardId: string): SourceBoard {
  const doc = new Y.Doc();
  const k = createCluster(doc, { id: 'k1', title: 'Jalan', x: 0, y: 0, w: 400, h: 300 });
  for (const id of ['c1', 'c2', 'c3'])
    addCard(doc, { id, text: id, desaKode: null, bidang: null, x: 0, y: 0, author });
  setCardCluster(doc, 'c1', k);
  return { boardId, kecamatanKode: '63.11.01', board: readBoard(doc).board };
}

describe('sanitizePlan', () => {
  const sources = [source('b1'), source('b2')];

  it('rejects what is not a plan', () => {
    expect(sanitizePlan('x', sources)).toBeNull();
    expect(sanitizePlan({ issues: 'no' }, sources)).toBeNull();
  });

  it('drops unknown and repeated references and places every left-out card in unassigned', () => {
    const plan = sanitizePlan(
      {
        issues: [
          {
            id: 'i1',
            title: 'Jalan',
            members: [
              { boardId: 'b1', clusterId: 'k1' },
              { boardId: 'b1', clusterId: 'k1' },
            ],
            unclusteredCards: [{ boardId: 'b1', cardId: 'c2' }],
          },
          {
            id: 'i2',
            title: 'Hantu',
            members: [{ boardId: 'b9', clusterId: 'k1' }],
            unclusteredCards: [{ boardId: 'b1', cardId: 'c2' }],
          },
          {
            id: 'i1',
            title: 'Ganda',
            members: [{ boardId: 'b2', clusterId: 'k1' }],
            unclusteredCards: [],
          },
        ],
        unassigned: [{ boardId: 'b2', cardId: 'ghost' }],
      },
      sources,
    );
    expect(plan?.issues).toEqual([
      {
        id: 'i1',
        title: 'Jalan',
        members: [{ boardId: 'b1', clusterId: 'k1' }],
        unclusteredCards: [{ boardId: 'b1', cardId: 'c2' }],
      },
    ]);
    // b1/c1 is covered by its cluster, b1/c2 by the issue; everything else goes unassigned.
    expect(plan?.unassigned).toEqual([
      { boardId: 'b1', cardId: 'c3' },
      { boardId: 'b2', cardId: 'c1' },
      { boardId: 'b2', cardId: 'c2' },
      { boardId: 'b2', cardId: 'c3' },
    ]);
  });
});
