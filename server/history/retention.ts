/** A restore point as the retention rule sees it. */
export interface DatedPoint {
  id: number;
  /** Epoch ms. */
  createdAt: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The retention rule for restore points, applied by the server after each new point:
 * - every point of the last 24 hours is kept;
 * - older than that and up to 7 days: the newest point of each clock hour;
 * - older than 7 days: the newest point of each day (UTC).
 * The newest point of all is always kept. A busy board thus holds at most
 * (24 h of points) + 144 + one per further day, whatever the event's length.
 */
export const RETENTION_RULE = {
  keepAllMs: DAY,
  hourlyUntilMs: 7 * DAY,
} as const;

/** The ids of points the retention rule drops at `now`. */
export function restorePointsToDrop(points: readonly DatedPoint[], now: number): number[] {
  const newestFirst = [...points].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const seenBuckets = new Set<string>();
  const drop: number[] = [];
  newestFirst.forEach((point, index) => {
    const age = now - point.createdAt;
    if (age < RETENTION_RULE.keepAllMs) return;
    const bucket =
      age < RETENTION_RULE.hourlyUntilMs
        ? `h${Math.floor(point.createdAt / HOUR)}`
        : `d${Math.floor(point.createdAt / DAY)}`;
    if (index > 0 && seenBuckets.has(bucket)) drop.push(point.id);
    else seenBuckets.add(bucket);
  });
  return drop;
}
