/** First retry after about this long. */
export const RECONNECT_BASE_MS = 500;
/** Never wait longer than this between attempts: a hall's WiFi comes back within seconds. */
export const RECONNECT_MAX_MS = 10_000;

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so 200 tablets that lost WiFi together do not return in one burst.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(
    RECONNECT_MAX_MS,
    RECONNECT_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 20)),
  );
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(exp / 2 + (exp / 2) * r);
}
