import type { Role } from '../../../shared/roles';
import { readBoard } from '../../../shared/board/readBoard';
import type { Board } from '../../../shared/board/types';
import { DEFAULT_TAXONOMY } from '../../../shared/taxonomy';
import { loadDefaultGazetteer } from '../../../server/events/defaultGazetteer';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../../helpers/testPapan';

/** The event every board e2e file creates: Balangan's gazetteer, boards `e2e-<kecamatan>`. */
export const E2E_EVENT = 'e2e';

/** The real application (startPapan) on 127.0.0.1:0 with a temp DATA_DIR, plus e2e helpers. */
export interface E2EPapan {
  t: TestPapan;
  url: string;
  syncUrl: string;
  /** A fresh token for one board (participant by default) or the event (moderator). */
  token(
    boardId: string,
    opts?: { role?: Extract<Role, 'participant' | 'moderator'>; name?: string },
  ): Promise<string>;
  /** `/b/<boardId>?token=...` with a fresh participant token. */
  boardUrl(boardId: string, name?: string): Promise<string>;
  /** POST /api/boards/<id>/control with the admin (staff) token; throws unless 200. */
  control(
    boardId: string,
    body: { locked?: boolean; phase?: string; timerSeconds?: number | null; voteBudget?: number },
  ): Promise<void>;
  /** The board as the server holds it now (live room or store), read with readBoard. */
  board(boardId: string): Promise<Board>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts Papan Rembuk as `npm start` would (events, tokens, API, /config.js), creates the e2e
 * event with empty boards, and with `seedDemo` also the demo event and its sample cards.
 */
export async function startE2EPapan(
  opts: { seedDemo?: boolean; dataDir?: string } = {},
): Promise<E2EPapan> {
  const t = await startTestPapan({
    seedDemo: opts.seedDemo ?? false,
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
  });
  const { events, tokens, rooms } = t.papan.app;
  if ((await events.getEvent(E2E_EVENT)) === null) {
    await events.createEvent({
      id: E2E_EVENT,
      title: 'Rembuk Remas e2e',
      year: 2025,
      gazetteer: loadDefaultGazetteer(),
      taxonomy: DEFAULT_TAXONOMY,
    });
  }
  const token: E2EPapan['token'] = async (boardId, o = {}) => {
    const eventId = (await events.getBoard(boardId))?.eventId;
    if (!eventId) throw new Error(`no board ${boardId}`);
    const role = o.role ?? 'participant';
    const issued = await tokens.issue({
      role,
      name: o.name ?? 'Peserta e2e',
      eventId,
      boardId: role === 'participant' ? boardId : null,
    });
    return issued.token;
  };
  return {
    t,
    url: t.url,
    syncUrl: t.syncUrl,
    token,
    boardUrl: async (boardId, name) =>
      `${t.url}/b/${boardId}?token=${await token(boardId, { name })}`,
    async control(boardId, body) {
      const response = await t.api(`/api/boards/${boardId}/control`, {
        token: TEST_ADMIN_TOKEN,
        body,
      });
      if (response.status !== 200) {
        throw new Error(`control ${boardId}: ${response.status} ${await response.text()}`);
      }
    },
    board: (boardId) => rooms.withBoardDoc(boardId, (doc) => readBoard(doc).board),
    close: (o) => t.close(o),
  };
}
