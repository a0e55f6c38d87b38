import type { Messages } from '../i18n/id';

/** "baru saja", "5 menit lalu"... for a past time by the server's clock. */
export function relativeTime(messages: Messages, at: number | null, now: number): string {
  if (at === null) return messages.neverActive;
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return messages.justNow;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return messages.minutesAgo(minutes);
  return messages.hoursAgo(Math.round(minutes / 60));
}

/** The time of day, e.g. "14:05". */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
