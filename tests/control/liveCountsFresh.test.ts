import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/api/AppContext';
import { liveCounts } from '../../server/api/eventRoutes';
import type { BoardRecord, EventRecord } from '../../server/events/EventRepository';
import { defaultControlState } from '../../shared/control';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';

/**
 * The console's lock button toggles what the console shows. A live snapshot whose counts waited
 * for a board's write in flight must not carry the control state from before a lock set
 * meanwhile: the console would show "unlocked" again and its next tap would lock once more.
 */
describe('live counts carry the control state as it is when they are sent', () => {
  it('a lock set while a board is being counted is in the snapshot', async () => {
    const board: BoardRecord = {
      ...defaultControlState(),
      id: 'demo-juai',
      eventId: 'demo',
      kind: 'kecamatan',
      kecamatanKode: '63.08.01',
      title: 'Juai',
      joinCode: 'ACDEFG',
      createdAt: 0,
    };
    const stored = new Map([[board.id, board]]);
    let finishCount: (() => void) | null = null;
    const ctx = {
      events: { listBoards: async () => [...stored.values()].map((b) => ({ ...b })) },
      rooms: {
        // The board's read waits, as it does for a pass being committed.
        cachedRead: () =>
          new Promise((resolve) => {
            finishCount = () => resolve({ cards: 3, clusters: 1, votes: 2, error: false });
          }),
        presence: () => ({ online: 1 }),
      },
      logError: () => undefined,
    } as unknown as AppContext;
    const event = { id: 'demo', taxonomy: DEFAULT_TAXONOMY } as unknown as EventRecord;

    const snapshot = liveCounts(ctx, event);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(finishCount).not.toBeNull();
    // The moderator locks the board while it is being counted.
    stored.set(board.id, { ...board, locked: true, phase: 'pilih' });
    finishCount!();
    const { boards, controlReadAt } = await snapshot;
    const [live] = boards;
    expect(controlReadAt).toBeGreaterThan(0);
    expect(live).toMatchObject({ id: 'demo-juai', cards: 3, votes: 2 });
    expect(live?.control).toMatchObject({ locked: true, phase: 'pilih' });
  });
});
