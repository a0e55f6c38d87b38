/** Below this difference a tablet's clock is taken as right: the Date header has 1 s steps. */
const SKEW_TOLERANCE_MS = 1_500;

/**
 * How far the server's clock is ahead of this tablet's (ms; negative when behind), from an HTTP
 * `Date` header received between `sentAt` and `receivedAt` (this tablet's clock). The header is
 * rounded down to the second, so the middle of that second is assumed; null without a header.
 */
export function clockOffsetFromDate(
  dateHeader: string | null,
  sentAt: number,
  receivedAt: number,
): number | null {
  if (dateHeader === null) return null;
  const server = Date.parse(dateHeader);
  if (!Number.isFinite(server)) return null;
  const offset = server + 500 - (sentAt + receivedAt) / 2;
  return Math.abs(offset) < SKEW_TOLERANCE_MS ? 0 : Math.round(offset);
}

/** Asks our own server for its time (the Date header of a small API answer); 0 on failure. */
export async function measureServerClockOffset(url: string, headers: HeadersInit): Promise<number> {
  try {
    const sentAt = Date.now();
    const response = await fetch(url, { headers, cache: 'no-store' });
    const receivedAt = Date.now();
    void response.body?.cancel().catch(() => undefined);
    return clockOffsetFromDate(response.headers.get('date'), sentAt, receivedAt) ?? 0;
  } catch {
    return 0;
  }
}

/** A countdown as m:ss (or h:mm:ss past an hour); never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
