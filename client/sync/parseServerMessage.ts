import { BOARD_PHASES, type BoardControl, type BoardPhase } from '../../shared/protocol';

/** A server message of our own type (MESSAGE_PAPAN) that the client acts on. */
export type ServerMessage =
  | { type: 'control'; control: BoardControl }
  | { type: 'saved'; stateVector: string }
  | { type: 'refused'; reason: string }
  | { type: 'server-time'; now: number }
  | { type: 'facilitator-called' };

function parseControl(raw: unknown): BoardControl | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  const phase = BOARD_PHASES.includes(c.phase as BoardPhase) ? (c.phase as BoardPhase) : null;
  if (phase === null || typeof c.locked !== 'boolean') return null;
  const timer = c.timerEndsAt;
  return {
    locked: c.locked,
    phase,
    timerEndsAt: typeof timer === 'number' && Number.isFinite(timer) ? timer : null,
    voteBudget:
      typeof c.voteBudget === 'number' && Number.isInteger(c.voteBudget) && c.voteBudget >= 0
        ? c.voteBudget
        : 0,
    readOnly: c.readOnly === true,
    voterId:
      typeof c.voterId === 'string' && /^[A-Za-z0-9_:-]{1,100}$/.test(c.voterId) ? c.voterId : null,
  };
}

/** Parses the JSON of a MESSAGE_PAPAN message from the server; null for anything unknown. */
export function parseServerMessage(json: string): ServerMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'control': {
      const control = parseControl(m.control);
      return control ? { type: 'control', control } : null;
    }
    case 'saved':
      return typeof m.stateVector === 'string'
        ? { type: 'saved', stateVector: m.stateVector }
        : null;
    case 'refused':
      return { type: 'refused', reason: typeof m.reason === 'string' ? m.reason.slice(0, 40) : '' };
    case 'facilitator-called':
      return { type: 'facilitator-called' };
    case 'server-time':
      return typeof m.now === 'number' ? { type: 'server-time', now: m.now } : null;
    default:
      return null;
  }
}
