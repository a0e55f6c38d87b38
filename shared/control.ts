import { DEFAULT_VOTE_BUDGET } from './limits';

/**
 * A board's server-authoritative control state (lock, phase, timer, vote budget): one type and
 * one validator for the rooms, the events database, the API and the console.
 */

export type BoardPhase = 'tulis' | 'kelompokkan' | 'pilih' | 'selesai';
export const BOARD_PHASES: readonly BoardPhase[] = ['tulis', 'kelompokkan', 'pilih', 'selesai'];

/** The largest countdown a moderator can start (a whole breakout session). */
export const MAX_TIMER_SECONDS = 6 * 3600;
/** The most dots a moderator can give each person on a board. */
export const MAX_VOTE_BUDGET = 50;

export interface ControlState {
  locked: boolean;
  phase: BoardPhase;
  /** Epoch ms when the countdown ends, or null when no timer runs. */
  timerEndsAt: number | null;
  voteBudget: number;
}

/** A change to a board's control state; only the fields given change. */
export type ControlPatch = Partial<ControlState>;

/** The control state of a board nobody has touched yet. */
export function defaultControlState(): ControlState {
  return { locked: false, phase: 'tulis', timerEndsAt: null, voteBudget: DEFAULT_VOTE_BUDGET };
}

/** True when `value` is one of the board phases. */
export function isBoardPhase(value: unknown): value is BoardPhase {
  return BOARD_PHASES.includes(value as BoardPhase);
}

/** Applies a patch; returns a new state. A value no caller should pass throws (API misuse). */
export function applyControlPatch(current: ControlState, patch: ControlPatch): ControlState {
  const next = { ...current };
  if (patch.locked !== undefined) {
    if (typeof patch.locked !== 'boolean') throw new TypeError('control.locked must be boolean');
    next.locked = patch.locked;
  }
  if (patch.phase !== undefined) {
    if (!isBoardPhase(patch.phase)) {
      throw new TypeError(`control.phase must be one of ${BOARD_PHASES.join(', ')}`);
    }
    next.phase = patch.phase;
  }
  if (patch.timerEndsAt !== undefined) {
    if (patch.timerEndsAt !== null && !Number.isFinite(patch.timerEndsAt)) {
      throw new TypeError('control.timerEndsAt must be epoch ms or null');
    }
    next.timerEndsAt = patch.timerEndsAt;
  }
  if (patch.voteBudget !== undefined) {
    if (!isWholeNumber(patch.voteBudget, 0, Number.MAX_SAFE_INTEGER)) {
      throw new TypeError('control.voteBudget must be a whole number >= 0');
    }
    next.voteBudget = patch.voteBudget;
  }
  return next;
}

export type ParsedControlPatch =
  { ok: true; patch: ControlPatch } | { ok: false; issues: { path: string; message: string }[] };

const KNOWN_FIELDS = new Set(['locked', 'phase', 'timerSeconds', 'voteBudget']);

/**
 * Parses a moderator's control request `{locked?, phase?, timerSeconds?, voteBudget?}`
 * (timerSeconds counts from `now`; null stops the timer). Unknown fields, wrong types and an
 * empty request are refused, with every problem listed.
 */
export function parseControlPatch(raw: unknown, now: number): ParsedControlPatch {
  const issues: { path: string; message: string }[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: '', message: 'expected an object' }] };
  }
  const body = raw as Record<string, unknown>;
  const patch: ControlPatch = {};
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.has(key)) issues.push({ path: key, message: 'unknown field' });
  }
  const has = (key: string) => Object.hasOwn(body, key) && body[key] !== undefined;
  if (has('locked')) {
    if (typeof body.locked === 'boolean') patch.locked = body.locked;
    else issues.push({ path: 'locked', message: 'expected true or false' });
  }
  if (has('phase')) {
    if (isBoardPhase(body.phase)) patch.phase = body.phase;
    else issues.push({ path: 'phase', message: `expected one of ${BOARD_PHASES.join(', ')}` });
  }
  if (has('timerSeconds')) {
    const seconds = body.timerSeconds;
    if (seconds === null) patch.timerEndsAt = null;
    else if (isWholeNumber(seconds, 1, MAX_TIMER_SECONDS)) patch.timerEndsAt = now + seconds * 1000;
    else issues.push({ path: 'timerSeconds', message: `expected 1..${MAX_TIMER_SECONDS} or null` });
  }
  if (has('voteBudget')) {
    if (isWholeNumber(body.voteBudget, 0, MAX_VOTE_BUDGET)) patch.voteBudget = body.voteBudget;
    else issues.push({ path: 'voteBudget', message: `expected 0..${MAX_VOTE_BUDGET}` });
  }
  if (issues.length > 0) return { ok: false, issues };
  if (Object.keys(patch).length === 0) {
    return { ok: false, issues: [{ path: '', message: 'nothing to change' }] };
  }
  return { ok: true, patch };
}

function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
