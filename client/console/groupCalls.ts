import type { FacilitatorCall } from './parseLive';

/** The calls of one person at one table, shown as one line. */
export interface CallGroup {
  key: string;
  boardId: string;
  /** The name as last sent ('' when the tablet sent none). */
  name: string;
  count: number;
  firstAt: number;
  lastAt: number;
}

/** Same table and same name (case and spacing aside) is the same person asking again. */
export function callKey(call: Pick<FacilitatorCall, 'boardId' | 'name'>): string {
  return `${call.boardId}\u0000${call.name.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/**
 * Facilitator calls coalesced per person and table, most recent first: a person who taps
 * "Panggil fasilitator" three times is one line "×3", whether or not the server already
 * dropped the repeats.
 */
export function groupCalls(calls: readonly FacilitatorCall[]): CallGroup[] {
  const groups = new Map<string, CallGroup>();
  for (const call of calls) {
    const key = callKey(call);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, {
        key,
        boardId: call.boardId,
        name: call.name.trim(),
        count: 1,
        firstAt: call.at,
        lastAt: call.at,
      });
      continue;
    }
    group.count++;
    group.firstAt = Math.min(group.firstAt, call.at);
    if (call.at >= group.lastAt) {
      group.lastAt = call.at;
      group.name = call.name.trim();
    }
  }
  return [...groups.values()].sort((a, b) => b.lastAt - a.lastAt || (a.key < b.key ? -1 : 1));
}
