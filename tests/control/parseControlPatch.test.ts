import { describe, expect, it } from 'vitest';
import {
  applyControlPatch,
  defaultControlState,
  MAX_TIMER_SECONDS,
  parseControlPatch,
} from '../../shared/control';

const NOW = 1_700_000_000_000;

describe('parseControlPatch', () => {
  it('turns a moderator request into a patch, the timer counted from now', () => {
    expect(
      parseControlPatch({ locked: true, phase: 'pilih', timerSeconds: 60, voteBudget: 5 }, NOW),
    ).toEqual({
      ok: true,
      patch: { locked: true, phase: 'pilih', timerEndsAt: NOW + 60_000, voteBudget: 5 },
    });
    expect(parseControlPatch({ timerSeconds: null }, NOW)).toEqual({
      ok: true,
      patch: { timerEndsAt: null },
    });
  });

  it('refuses wrong types, out-of-range values and unknown fields, listing each', () => {
    const parsed = parseControlPatch(
      {
        locked: 'yes',
        phase: 'bogus',
        timerSeconds: MAX_TIMER_SECONDS + 1,
        voteBudget: 1.5,
        timerEndsAt: 5,
      },
      NOW,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.path).sort()).toEqual(
      ['locked', 'phase', 'timerEndsAt', 'timerSeconds', 'voteBudget'].sort(),
    );
  });

  it('refuses an empty request and anything that is not an object', () => {
    for (const raw of [{}, null, [], 'lock', 3]) expect(parseControlPatch(raw, NOW).ok).toBe(false);
  });

  it('ignores no field silently: a prototype key is an unknown field', () => {
    expect(parseControlPatch(JSON.parse('{"__proto__": {"locked": true}}'), NOW).ok).toBe(false);
  });
});

describe('applyControlPatch', () => {
  it('changes only the fields given', () => {
    const state = applyControlPatch(defaultControlState(), { locked: true });
    expect(state).toEqual({ ...defaultControlState(), locked: true });
  });

  it('throws on a value no caller should pass', () => {
    expect(() => applyControlPatch(defaultControlState(), { phase: 'x' as 'tulis' })).toThrow(
      /phase/,
    );
    expect(() => applyControlPatch(defaultControlState(), { voteBudget: -1 })).toThrow(
      /voteBudget/,
    );
  });
});
