import { MAX_NAME_LENGTH } from '../../shared/limits';

/** What one person publishes in awareness: who they are and where their cursor is. */
export interface PresenceState {
  user: { id: string; name: string; color: string };
  cursor: { x: number; y: number } | null;
}

const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** Reads someone else's awareness state (untrusted); null when it is not a presence state. */
export function parsePresenceState(raw: unknown): PresenceState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const user = (raw as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { id, name, color } = user as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string') return null;
  const cursorRaw = (raw as { cursor?: unknown }).cursor;
  let cursor: PresenceState['cursor'] = null;
  if (typeof cursorRaw === 'object' && cursorRaw !== null) {
    const { x, y } = cursorRaw as Record<string, unknown>;
    if (
      typeof x === 'number' &&
      typeof y === 'number' &&
      Number.isFinite(x) &&
      Number.isFinite(y)
    ) {
      cursor = { x, y };
    }
  }
  return {
    user: {
      id: id.slice(0, 100),
      name: name.slice(0, MAX_NAME_LENGTH),
      color: typeof color === 'string' && COLOR_PATTERN.test(color) ? color : '#6b7580',
    },
    cursor,
  };
}

const PALETTE = ['#e03131', '#4465e9', '#099268', '#e16919', '#ae3ec9', '#2f8fe0', '#c68a17'];

/** A stable colour for a user id. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length] ?? '#6b7580';
}

/** Calls `fn` at most once per `intervalMs`, always delivering the latest value (trailing). */
export function throttleLatest<T>(
  fn: (value: T) => void,
  intervalMs: number,
  now: () => number = Date.now,
  schedule: (cb: () => void, ms: number) => unknown = setTimeout,
): (value: T) => void {
  let last = -Infinity;
  let queued = false;
  let latest: T;
  return (value: T) => {
    latest = value;
    if (queued) return;
    const wait = last + intervalMs - now();
    if (wait <= 0) {
      last = now();
      fn(latest);
      return;
    }
    queued = true;
    schedule(() => {
      queued = false;
      last = now();
      fn(latest);
    }, wait);
  };
}
