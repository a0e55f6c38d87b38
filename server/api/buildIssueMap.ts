import { readBoard } from '../../shared/board/readBoard';
import type { Board } from '../../shared/board/types';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import type { IssueMap } from '../../shared/issueMap/types';
import type { EventRecord } from '../events/EventRepository';
import type { BoardRooms } from './AppContext';

/** Reads every board of an event (live room or store) as typed data. */
export async function readEventBoards(
  rooms: BoardRooms,
  event: EventRecord,
  boardIds: readonly string[],
): Promise<{ boardId: string; board: Board }[]> {
  return Promise.all(
    boardIds.map(async (boardId) => ({
      boardId,
      board: await rooms.withBoardDoc(
        boardId,
        (doc) => readBoard(doc, { taxonomy: event.taxonomy }).board,
      ),
    })),
  );
}

/** The issue map of an event as it stands now: every board, read through readBoard. */
export async function buildIssueMap(
  rooms: BoardRooms,
  event: EventRecord,
  boardIds: readonly string[],
): Promise<IssueMap> {
  return toIssueMap({
    event: { id: event.id, title: event.title, year: event.year, kabupaten: event.kabupaten.nama },
    boards: await readEventBoards(rooms, event, boardIds),
    gazetteer: event.gazetteer,
    taxonomy: event.taxonomy,
    generatedAt: new Date(),
  });
}
