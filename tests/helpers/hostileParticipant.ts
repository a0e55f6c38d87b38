import * as Y from 'yjs';
import { encodeUpdateMessage } from '../../server/sync/syncMessages';
import { openRawSocket, type RawSocket } from './rawSocket';
import { TEST_ADMIN_TOKEN, type TestPapan } from './testPapan';
import { waitFor } from './waitFor';

/** A participant token for `boardId`, got the way a tablet gets it: by the board's join code. */
export async function joinAsParticipant(t: TestPapan, boardId: string, name = 'Siti') {
  const board = await t.papan.app.events.getBoard(boardId);
  if (!board) throw new Error(`no board ${boardId}`);
  const res = await t.api('/api/join', { body: { code: board.joinCode, name } });
  if (res.status !== 200) throw new Error(`join answered ${res.status}`);
  return (await res.json()) as { token: string; boardId: string };
}

/** A hand-made client: a raw socket with a participant token, sending whatever updates it likes. */
export async function openHostileSocket(
  t: TestPapan,
  boardId: string,
  token: string,
): Promise<RawSocket & { sendUpdate(update: Uint8Array): void }> {
  const socket = await openRawSocket(`${t.syncUrl}/${boardId}?token=${encodeURIComponent(token)}`);
  return { ...socket, sendUpdate: (update) => socket.send(encodeUpdateMessage(update)) };
}

/** The two halves of a change made by `writes` on a fresh client: before and after `split`. */
export function splitUpdate(
  clientId: number,
  first: (doc: Y.Doc) => void,
  second: (doc: Y.Doc) => void,
): { first: Uint8Array; second: Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.transact(() => first(doc));
  const between = Y.encodeStateVector(doc);
  const firstUpdate = Y.encodeStateAsUpdate(doc);
  doc.transact(() => second(doc));
  const secondUpdate = Y.encodeStateAsUpdate(doc, between);
  doc.destroy();
  return { first: firstUpdate, second: secondUpdate };
}

/** Waits until the room's writer has nothing queued (the room must be loaded). */
export async function settle(t: TestPapan, boardId: string): Promise<void> {
  const room = await waitFor(() => t.papan.registry.get(boardId), { what: 'room' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  await room.flush();
  await room.flush();
}

/** The event's issue-map JSON, as the staff export gives it. */
export async function issueMapJson(t: TestPapan, eventId = 'demo') {
  const res = await t.api(`/api/events/${eventId}/issue-map.json`, { token: TEST_ADMIN_TOKEN });
  if (res.status !== 200) throw new Error(`issue map answered ${res.status}`);
  return (await res.json()) as {
    boards: { boardId: string; title: string; summary: { votes: number } }[];
  };
}
