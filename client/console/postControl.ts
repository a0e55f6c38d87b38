import type { BoardPhase } from '../../shared/protocol';
import { apiRequest, type ApiFailure } from '../common/apiRequest';
import { parseLiveBoard, type LiveControl } from './parseLive';

/** A control change as the API takes it. */
export interface ControlPatch {
  locked?: boolean;
  phase?: BoardPhase;
  /** Seconds from now; null stops the timer. */
  timerSeconds?: number | null;
  voteBudget?: number;
}

export type ControlResult =
  | {
      ok: true;
      changed: { id: string; control: LiveControl }[];
      /** When the server applied the change, by its clock (null from an older server). */
      appliedAt: number | null;
    }
  | { ok: false; error: ApiFailure };

function changedBoards(raw: unknown): { id: string; control: LiveControl }[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const { board, boards } = raw as { board?: unknown; boards?: unknown };
  const list = Array.isArray(boards) ? boards : board !== undefined ? [board] : [];
  return list.flatMap((b) => {
    if (typeof b !== 'object' || b === null) return [];
    // Board records carry the control fields at the top level.
    const parsed = parseLiveBoard({ ...b, control: b });
    return parsed ? [{ id: parsed.id, control: parsed.control }] : [];
  });
}

/** Sends a control change to one board, or to every kecamatan board of the event. */
export async function postControl(
  target: { boardId: string } | { eventId: string },
  patch: ControlPatch,
  token: string | null,
): Promise<ControlResult> {
  const path =
    'boardId' in target
      ? `/api/boards/${encodeURIComponent(target.boardId)}/control`
      : `/api/events/${encodeURIComponent(target.eventId)}/control`;
  const result = await apiRequest(path, { token, body: patch });
  if (!result.ok) return result;
  const appliedAt = (result.data as { appliedAt?: unknown } | null)?.appliedAt;
  return {
    ok: true,
    changed: changedBoards(result.data),
    appliedAt: typeof appliedAt === 'number' && Number.isFinite(appliedAt) ? appliedAt : null,
  };
}
