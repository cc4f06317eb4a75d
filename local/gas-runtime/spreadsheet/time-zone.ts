/**
 * Wall-clock arithmetic in a named time zone (Intl), shared by date cells (serial numbers are
 * wall-clock days in the spreadsheet's zone) and Utilities.formatDate.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Throws RangeError for an unknown zone, which callers turn into Google's "Invalid argument". */
export function assertTimeZone(tz: string): void {
  formatter(tz);
}

/**
 * Offsets only change at transitions, which fall on quarter hours: memoise per 15-minute bucket
 * (Intl is slow, and every date cell read or written needs an offset).
 */
const offsetCache = new Map<string, number>();
const BUCKET = 900_000;

/** Offset of `tz` from UTC at instant `ms`, in ms (Moscow: +3 h). */
export function tzOffsetMs(ms: number, tz: string): number {
  const key = `${tz}|${Math.floor(ms / BUCKET)}`;
  const known = offsetCache.get(key);
  if (known !== undefined) return known;
  if (offsetCache.size > 200_000) offsetCache.clear();
  const offset = computeOffset(Math.floor(ms / BUCKET) * BUCKET, tz);
  offsetCache.set(key, offset);
  return offset;
}

function computeOffset(ms: number, tz: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts = formatter(tz).formatToParts(new Date(whole));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - whole;
}

/** The instant whose wall-clock time in `tz` is `localMs` (read as if it were UTC). */
export function localToUtc(localMs: number, tz: string): number {
  const guess = localMs - tzOffsetMs(localMs, tz);
  const offset = tzOffsetMs(guess, tz);
  return localMs - offset;
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** 0 = Sunday */
  weekday: number;
  /** Offset from UTC in minutes. */
  offsetMinutes: number;
}

export function wallClock(ms: number, tz: string): WallClock {
  const offset = tzOffsetMs(ms, tz);
  const d = new Date(ms + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes: Math.round(offset / 60000),
  };
}

/** Sheets' serial day number: days since 1899-12-30 in the spreadsheet's wall-clock time. */
const EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;

export function msToSerial(ms: number, tz: string): number {
  return (ms + tzOffsetMs(ms, tz)) / DAY_MS + EPOCH_SERIAL;
}

export function serialToMs(serial: number, tz: string): number {
  return localToUtc(Math.round((serial - EPOCH_SERIAL) * DAY_MS), tz);
}
