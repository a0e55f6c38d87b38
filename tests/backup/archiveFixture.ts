import * as Y from 'yjs';
import { addCard } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import type { Board } from '../../shared/board/types';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import type { IssueMap } from '../../shared/issueMap/types';
import type { MergePlan } from '../../shared/merge/mergePlan';
import type { EventData } from '../../server/backup/openEventData';
import type { DocStore } from '../../server/store/DocStore';
import { connectClient } from '../helpers/yClient';
import { waitFor } from '../helpers/waitFor';
import type { TestPapan } from '../helpers/testPapan';

/** The time every issue map in these tests is "made" at, so two maps can be compared byte for byte. */
export const FIXED_TIME = new Date('2026-11-30T08:00:00.000Z');

export const MERGE_SOURCES = ['demo-juai', 'demo-halong', 'demo-paringin'];

/**
 * Works the demo event as a moderator and participants would before it is archived: a merge
 * into a kabupaten board, a locked board in the voting phase, and a card added over a stock
 * y-websocket client (so part of a document is still in the log, not yet compacted).
 */
export async function workTheDemo(t: TestPapan): Promise<void> {
  const moderator = await t.papan.app.tokens.issue({
    role: 'moderator',
    name: 'Mod',
    eventId: 'demo',
  });
  const plan = (await (
    await t.api('/api/events/demo/merge/plan', {
      token: moderator.token,
      body: { boardIds: MERGE_SOURCES },
    })
  ).json()) as { plan: MergePlan };
  const applied = await t.api('/api/events/demo/merge/apply', {
    token: moderator.token,
    body: { boardIds: MERGE_SOURCES, plan: plan.plan },
  });
  if (applied.status !== 200) throw new Error(`merge failed: ${applied.status}`);
  const control = await t.api('/api/boards/demo-halong/control', {
    token: moderator.token,
    body: { locked: true, phase: 'pilih' },
  });
  if (control.status !== 200) throw new Error(`control failed: ${control.status}`);

  const participant = await t.papan.app.tokens.issue({
    role: 'participant',
    name: 'Ani',
    eventId: 'demo',
    boardId: 'demo-awayan',
  });
  const client = connectClient(t.syncUrl, 'demo-awayan', { params: { token: participant.token } });
  try {
    await client.synced();
    addCard(client.doc, {
      id: 'kartu-ani',
      text: 'Jalan desa rusak saat hujan',
      desaKode: null,
      bidang: 'infrastruktur',
      x: 10,
      y: 20,
      author: { id: 'ani', name: 'Ani' },
      createdAt: 1_764_480_000_000,
    });
    await waitFor(
      async () =>
        (await t.papan.app.rooms.withBoardDoc('demo-awayan', (doc) =>
          doc.getMap('cards').has('kartu-ani'),
        )) && (await t.papan.store.stats('demo-awayan')).logEntries > 1,
      { what: 'the card to be stored' },
    );
  } finally {
    client.destroy();
  }
}

/** A board's stored document (snapshot and log). */
export async function storedDoc(store: DocStore, boardId: string): Promise<Y.Doc> {
  const stored = await store.load(boardId);
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

/** A board's stored document, read through readBoard. */
export async function storedBoard(store: DocStore, boardId: string): Promise<Board> {
  return readBoard(await storedDoc(store, boardId)).board;
}

/** The issue map of an event from its stored boards, as the export route builds it, at FIXED_TIME. */
export async function issueMapOf(data: EventData, eventId: string): Promise<IssueMap> {
  const event = await data.events.getEvent(eventId);
  if (!event) throw new Error(`no event ${eventId}`);
  const boards = await Promise.all(
    (await data.events.listBoards(eventId)).map(async (b) => ({
      boardId: b.id,
      board: await storedBoard(data.store, b.id),
    })),
  );
  return toIssueMap({
    event: { id: event.id, title: event.title, year: event.year, kabupaten: event.kabupaten.nama },
    boards,
    gazetteer: event.gazetteer,
    taxonomy: event.taxonomy,
    generatedAt: FIXED_TIME,
  });
}
