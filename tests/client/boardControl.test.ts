import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster } from '../../shared/board/boardModel';
import type { BoardControl } from '../../shared/protocol';
import { isBoardEditable, isVotingOpen, voteBudgetOf } from '../../client/board/boardControlState';
import { DuplicateIndex } from '../../client/board/DuplicateIndex';
import { clockOffsetFromDate, formatCountdown } from '../../client/board/serverClock';
import { VoteLedger } from '../../client/board/VoteLedger';

const author = { id: 'u1', name: 'Siti' };
const LOCAL = { binding: 'test-action' };

const control = (over: Partial<BoardControl> = {}): BoardControl => ({
  locked: false,
  phase: 'tulis',
  timerEndsAt: null,
  voteBudget: 3,
  readOnly: false,
  voterId: 'vabc',
  ...over,
});

describe('what the server allows, mirrored on the tablet', () => {
  test('a board is editable unless locked, read-only or finished', () => {
    expect(isBoardEditable(control())).toBe(true);
    expect(isBoardEditable(control({ locked: true }))).toBe(false);
    expect(isBoardEditable(control({ readOnly: true }))).toBe(false);
    expect(isBoardEditable(control({ phase: 'selesai' }))).toBe(false);
  });

  test('before the server has spoken the board is editable (offline edits sync later)', () => {
    expect(isBoardEditable(null)).toBe(true);
    expect(isVotingOpen(null)).toBe(false);
  });

  test('voting is open only in the Pilih phase of an editable board', () => {
    expect(isVotingOpen(control({ phase: 'pilih' }))).toBe(true);
    expect(isVotingOpen(control({ phase: 'kelompokkan' }))).toBe(false);
    expect(isVotingOpen(control({ phase: 'pilih', locked: true }))).toBe(false);
  });

  test('the vote budget is the moderator’s, or 3 by default', () => {
    expect(voteBudgetOf(control({ voteBudget: 5 }))).toBe(5);
    expect(voteBudgetOf(null)).toBe(3);
  });
});

describe('the countdown on the server’s clock', () => {
  test('a tablet clock within a second and a half of the server is taken as right', () => {
    const at = Date.parse('2025-05-14T02:00:00Z');
    expect(clockOffsetFromDate('Wed, 14 May 2025 02:00:00 GMT', at, at + 40)).toBe(0);
  });

  test('a tablet five minutes slow gets the server’s time from the Date header', () => {
    const server = Date.parse('2025-05-14T02:00:00Z');
    const tablet = server - 5 * 60_000;
    const offset = clockOffsetFromDate('Wed, 14 May 2025 02:00:00 GMT', tablet, tablet + 100);
    expect(offset).toBeGreaterThan(5 * 60_000 - 1_000);
    expect(offset).toBeLessThan(5 * 60_000 + 1_000);
  });

  test('no or a bad Date header gives no offset', () => {
    expect(clockOffsetFromDate(null, 0, 1)).toBeNull();
    expect(clockOffsetFromDate('kemarin', 0, 1)).toBeNull();
  });

  test('countdowns read as m:ss, h:mm:ss past an hour, never negative', () => {
    expect(formatCountdown(299_001)).toBe('5:00');
    expect(formatCountdown(61_000)).toBe('1:01');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5_000)).toBe('0:00');
  });
});

function board(): { doc: Y.Doc; clusterId: string; cardId: string } {
  const doc = new Y.Doc();
  const clusterId = createCluster(doc, { title: 'Air bersih', x: 0, y: 0, w: 500, h: 400 });
  const cardId = addCard(doc, {
    text: 'Sumur kering di musim kemarau',
    desaKode: null,
    bidang: null,
    x: 20,
    y: 60,
    author,
    clusterId,
  });
  return { doc, clusterId, cardId };
}

describe('VoteLedger: one person’s dots', () => {
  test('dots count against one budget across cards and clusters; a spent budget refuses', () => {
    const { doc, clusterId, cardId } = board();
    const ledger = new VoteLedger(doc, 'vsiti', LOCAL);
    expect(ledger.add(clusterId, 3)).toBe(true);
    expect(ledger.add(cardId, 3)).toBe(true);
    expect(ledger.add(cardId, 3)).toBe(true);
    expect(ledger.add(clusterId, 3)).toBe(false);
    const snap = ledger.getSnapshot();
    expect(snap.used).toBe(3);
    expect(snap.mine.get(cardId)).toBe(2);
    expect(snap.totals.get(clusterId)).toBe(1);
    expect(ledger.remove(cardId)).toBe(true);
    expect(ledger.getSnapshot().used).toBe(2);
    expect(ledger.remove(cardId)).toBe(true);
    expect(ledger.remove(cardId)).toBe(false);
    ledger.dispose();
  });

  test('two tablets voting on the same cluster at once both count after sync', () => {
    const { doc: a, clusterId } = board();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const onA = new VoteLedger(a, 'vsiti', LOCAL);
    const onB = new VoteLedger(b, 'vbudi', LOCAL);
    let notified = 0;
    onA.subscribe(() => notified++);
    onA.add(clusterId, 3);
    onB.add(clusterId, 3);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const ledger of [onA, onB]) {
      expect(ledger.getSnapshot().totals.get(clusterId)).toBe(2);
      expect(ledger.getSnapshot().mine.get(clusterId)).toBe(1);
    }
    expect(notified).toBe(2);
  });

  test('votes are written with the given origin (so one undo manager can take them back)', () => {
    const { doc, cardId } = board();
    const undo = new Y.UndoManager(doc.getMap('votes'), { trackedOrigins: new Set([LOCAL]) });
    const ledger = new VoteLedger(doc, 'vsiti', LOCAL);
    ledger.add(cardId, 3);
    expect(ledger.getSnapshot().used).toBe(1);
    undo.undo();
    expect(ledger.getSnapshot().used).toBe(0);
  });
});

describe('DuplicateIndex: "Mirip dengan" while typing', () => {
  test('finds a paraphrase and sees cards added after it was first used', () => {
    const { doc, cardId } = board();
    const index = new DuplicateIndex(doc);
    expect(index.find('sumur kering saat kemarau').map((d) => d.cardId)).toEqual([cardId]);
    expect(index.find('harga pupuk mahal sekali')).toEqual([]);
    const pupuk = addCard(doc, {
      text: 'Harga pupuk mahal',
      desaKode: null,
      bidang: null,
      x: 600,
      y: 0,
      author,
    });
    const found = index.find('harga pupuk mahal sekali');
    expect(found.map((d) => d.cardId)).toEqual([pupuk]);
    expect(found[0]?.text).toBe('Harga pupuk mahal');
    index.dispose();
  });

  test('an empty or too short text finds nothing without preparing the board', () => {
    const { doc } = board();
    const index = new DuplicateIndex(doc);
    expect(index.find('')).toEqual([]);
    expect(index.find('  su ')).toEqual([]);
    expect(index.prepared).toBe(false);
    expect(index.find('sumur kering')).toHaveLength(1);
    expect(index.prepared).toBe(true);
    index.dispose();
  });
});
