/** Indonesia's three time zones; none has daylight saving, so each is a fixed UTC offset. */
export type IndonesianTimeZone = 'WIB' | 'WITA' | 'WIT';

/** How exporters print times for people (JSON keeps ISO UTC). Balangan is WITA (UTC+8). */
export interface TimeOptions {
  timeZone?: IndonesianTimeZone;
}

const OFFSET_HOURS: Record<IndonesianTimeZone, number> = { WIB: 7, WITA: 8, WIT: 9 };

const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** Printed for a time that is there but is no real date (a broken clock or a hostile value). */
export const INVALID_TIME_TEXT = 'tanggal tidak valid';

/** Beyond year 9999 a date no longer prints in four digits (and is no real card's time). */
const MAX_YEAR = 9999;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
}

/** The local date parts; null for no time, 'invalid' for one that is no printable date. */
function partsOf(iso: string | null, zone: IndonesianTimeZone): Parts | null | 'invalid' {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return 'invalid';
  // Shift by the fixed offset and read the UTC fields: no dependency on the runtime's tz data.
  // Near the end of the Date range the shift itself gives an invalid date (NaN fields).
  const local = new Date(ms + OFFSET_HOURS[zone] * 3_600_000);
  const year = local.getUTCFullYear();
  if (!Number.isFinite(year) || year < 1 || year > MAX_YEAR) return 'invalid';
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    day: local.getUTCDate(),
    hour: pad(local.getUTCHours()),
    minute: pad(local.getUTCMinutes()),
  };
}

/** The zone exporters use when none is given. */
export function timeZoneOf(opts: TimeOptions): IndonesianTimeZone {
  return opts.timeZone ?? 'WITA';
}

/**
 * "2025-03-14 09:30" in the given zone, sortable in spreadsheets; '' when unknown,
 * "tanggal tidak valid" when the time is no printable date.
 */
export function formatTableTime(iso: string | null, opts: TimeOptions = {}): string {
  const p = partsOf(iso, timeZoneOf(opts));
  if (p === null) return '';
  if (p === 'invalid') return INVALID_TIME_TEXT;
  const month = String(p.month + 1).padStart(2, '0');
  const day = String(p.day).padStart(2, '0');
  return `${p.year}-${month}-${day} ${p.hour}:${p.minute}`;
}

/** "14 Maret 2025 pukul 09.30 WITA", for reports; '' when unknown, or "tanggal tidak valid". */
export function formatLongTime(iso: string | null, opts: TimeOptions = {}): string {
  const zone = timeZoneOf(opts);
  const p = partsOf(iso, zone);
  if (p === null) return '';
  if (p === 'invalid') return INVALID_TIME_TEXT;
  return `${p.day} ${BULAN[p.month] ?? ''} ${p.year} pukul ${p.hour}.${p.minute} ${zone}`;
}
