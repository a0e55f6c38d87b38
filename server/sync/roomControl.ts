import { DEFAULT_VOTE_BUDGET } from '../../shared/limits';
import { BOARD_PHASES, type BoardControl } from '../../shared/protocol';

/** A room's control state; `readOnly` is per connection and added when it is sent. */
export type RoomControl = Omit<BoardControl, 'readOnly' | 'voterId'>;

/** The control state of a board nobody has touched yet. */
export function defaultRoomControl(): RoomControl {
  return { locked: false, phase: 'tulis', timerEndsAt: null, voteBudget: DEFAULT_VOTE_BUDGET };
}

/** Merges `change` into `current`; throws on a value no caller should ever pass (API misuse). */
export function mergeRoomControl(current: RoomControl, change: Partial<RoomControl>): RoomControl {
  const next: RoomControl = { ...current };
  if (change.locked !== undefined) {
    if (typeof change.locked !== 'boolean') throw new TypeError('control.locked must be boolean');
    next.locked = change.locked;
  }
  if (change.phase !== undefined) {
    if (!BOARD_PHASES.includes(change.phase)) {
      throw new TypeError(`control.phase must be one of ${BOARD_PHASES.join(', ')}`);
    }
    next.phase = change.phase;
  }
  if (change.timerEndsAt !== undefined) {
    if (change.timerEndsAt !== null && !Number.isFinite(change.timerEndsAt)) {
      throw new TypeError('control.timerEndsAt must be epoch ms or null');
    }
    next.timerEndsAt = change.timerEndsAt;
  }
  if (change.voteBudget !== undefined) {
    if (!Number.isInteger(change.voteBudget) || change.voteBudget < 0) {
      throw new TypeError('control.voteBudget must be a whole number >= 0');
    }
    next.voteBudget = change.voteBudget;
  }
  return next;
}
