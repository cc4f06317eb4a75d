/**
 * The working calendar (see WorkCalendar in calendar-types.ts for the contract).
 *
 * Design. Local days are numbered (days since 1970-01-01 in local wall time). For a contiguous,
 * lazily grown range of days the calendar keeps, per day i:
 *   mid[i]  the instant of local midnight (mid has one more entry: the end of the last day),
 *   ws[i]   the instant working hours start, len[i] their length in ms (0 on a day off),
 *   pre[i]  the working ms of all earlier days in the table (a prefix sum; only differences count).
 * The working time before an instant t on day i is pre[i] + clamp(t − ws[i], 0, len[i]), so
 * businessMinutes is two day look-ups (an arithmetic guess corrected against mid[]) and a
 * subtraction; exact on whole milliseconds, hence exactly additive. The table grows by a year at a
 * time in either direction; building it uses the timezone's offset table (calendar-zone.ts), so Intl
 * is called only while a timezone's transitions are first discovered, never per query.
 *
 * Local wall times → instants: a wall time is taken at the FIRST instant the local clock reads it
 * or later. So a time skipped by a spring-forward switch becomes the instant just after the gap
 * (Berlin 2026-03-29 02:30 → 03:00 CEST), and a time repeated by a fall-back switch is its earlier
 * instant (Berlin 2026-10-25 02:30 → 02:30 CEST). Unlike java.time, which shifts a skipped 02:30 by
 * the gap to 03:30, this mapping never decreases, so a working day [workStart, workEnd) is always
 * one interval of real time and a working hour that the clock shows is 60 real minutes.
 *
 * Working days: a local date is a working date when it is listed in extraWorkingDays or its ISO
 * weekday is in workingDays, unless it is listed in holidays (holidays win over both). A working
 * day is a working date whose working hours contain real time (always, except a date a timezone
 * skipped entirely or hours that fall wholly inside a DST gap).
 *
 * Supported range: instants from 1899-12-31T00:00Z to before 2200-01-02T00:00Z and local dates
 * 1900-01-01 … 2199-12-31; outside it (or for NaN / ±Infinity) the methods throw a RangeError.
 */
import type { WorkCalendar } from "./calendar-types";
import {
  DAY_MS,
  daysFromCivil,
  formatDay,
  HOUR_MS,
  isoWeekday,
  isValidCivil,
  MINUTE_MS,
  parseDay,
  SECOND_MS,
  zoneOffsets,
} from "./calendar-zone";
import { type CalendarSettings, isValidTimeZone } from "./settings";

/** The table grows by at least this many days at a time. */
const CHUNK_DAYS = 366;
/** Searches for working time give up after this many consecutive days without any. */
const MAX_IDLE_DAYS = 3660;
const MIN_INSTANT = daysFromCivil(1899, 12, 31) * DAY_MS;
const MAX_INSTANT = daysFromCivil(2200, 1, 2) * DAY_MS;
const MIN_DATE = daysFromCivil(1900, 1, 1);
const MAX_DATE = daysFromCivil(2199, 12, 31);
/** Days the table may hold: every local date of a supported instant, with a day to spare. */
const TABLE_MIN_DAY = MIN_INSTANT / DAY_MS - 2;
const TABLE_MAX_DAY = MAX_INSTANT / DAY_MS + 2;
const RANGE_TEXT = "the supported range 1900-01-01 … 2199-12-31";

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function timeOfDayMs(text: string, field: string): number {
  const m = HHMM.exec(text);
  if (!m) throw new Error(`calendar: ${field} "${text}" is not a time of day HH:MM (00:00–23:59)`);
  return Number(m[1]) * HOUR_MS + Number(m[2]) * MINUTE_MS;
}

function daySet(dates: readonly string[], field: string): Set<number> {
  const set = new Set<number>();
  for (const text of dates) {
    const day = parseDay(text);
    if (day === undefined) throw new Error(`calendar: ${field} entry "${text}" is not a date YYYY-MM-DD`);
    set.add(day);
  }
  return set;
}

function checkInstant(t: number): void {
  if (!(t >= MIN_INSTANT && t < MAX_INSTANT)) {
    throw new RangeError(`calendar: instant ${t} is not a finite time within ${RANGE_TEXT}`);
  }
}

export function createCalendar(settings: CalendarSettings): WorkCalendar {
  const timezone = settings.timezone;
  if (!isValidTimeZone(timezone)) throw new Error(`calendar: unknown IANA timezone "${timezone}"`);
  const zone = zoneOffsets(timezone);
  const workStart = timeOfDayMs(settings.workStart, "workStart");
  const workEnd = timeOfDayMs(settings.workEnd, "workEnd");
  if (workStart >= workEnd) {
    throw new Error(`calendar: workEnd ${settings.workEnd} must be after workStart ${settings.workStart}`);
  }
  const weekdays = new Array<boolean>(8).fill(false);
  for (const d of settings.workingDays) {
    if (!(Number.isInteger(d) && d >= 1 && d <= 7)) {
      throw new Error(`calendar: working day ${d} is not an ISO weekday 1 (Monday) … 7 (Sunday)`);
    }
    weekdays[d] = true;
  }
  const holidays = daySet(settings.holidays, "holidays");
  const extraWorkingDays = daySet(settings.extraWorkingDays, "extraWorkingDays");

  function isWorkingDate(day: number): boolean {
    if (holidays.has(day)) return false;
    return extraWorkingDays.has(day) || weekdays[isoWeekday(day)]!;
  }

  // ---- the day table: days day0 … day0 + size − 1; lo = mid[0], hi = mid[size] ----
  let day0 = 0;
  let size = 0;
  let mid: Float64Array = new Float64Array(1);
  let ws: Float64Array = new Float64Array(0);
  let len: Float64Array = new Float64Array(0);
  let pre: Float64Array = new Float64Array(1);
  let lo = Number.NaN;
  let hi = Number.NaN;
  /** localDate's texts by day number (formatting costs ten times a look-up). */
  const dateTexts = new Map<number, string>();

  /** Rows for days [from, to): midnights (one extra: the end of the last day), starts, lengths. */
  function buildDays(from: number, to: number): { m: Float64Array; s: Float64Array; l: Float64Array } {
    const count = to - from;
    const m = new Float64Array(count + 1);
    const s = new Float64Array(count);
    const l = new Float64Array(count);
    for (let k = 0; k <= count; k++) m[k] = zone.wallToInstant((from + k) * DAY_MS);
    for (let k = 0; k < count; k++) {
      const day = from + k;
      if (isWorkingDate(day)) {
        const start = zone.wallToInstant(day * DAY_MS + workStart);
        s[k] = start;
        l[k] = zone.wallToInstant(day * DAY_MS + workEnd) - start;
      } else {
        s[k] = m[k]!;
      }
    }
    return { m, s, l };
  }

  /** Make the table hold every day in [from, to) (clamped to the days the table may hold). */
  function ensureDays(from: number, to: number): void {
    if (size === 0) {
      from = Math.max(from - CHUNK_DAYS, TABLE_MIN_DAY);
      to = Math.min(to + CHUNK_DAYS, TABLE_MAX_DAY);
      const b = buildDays(from, to);
      day0 = from;
      size = to - from;
      mid = b.m;
      ws = b.s;
      len = b.l;
      pre = new Float64Array(size + 1);
      for (let k = 0; k < size; k++) pre[k + 1] = pre[k]! + len[k]!;
    }
    if (from < day0 && day0 > TABLE_MIN_DAY) {
      const start = Math.max(Math.min(from, day0 - CHUNK_DAYS), TABLE_MIN_DAY);
      const b = buildDays(start, day0);
      const added = day0 - start;
      const newPre = new Float64Array(size + added + 1);
      newPre.set(pre, added);
      for (let k = added - 1; k >= 0; k--) newPre[k] = newPre[k + 1]! - b.l[k]!;
      mid = concat(b.m.subarray(0, added), mid);
      ws = concat(b.s, ws);
      len = concat(b.l, len);
      pre = newPre;
      day0 = start;
      size += added;
    }
    if (to > day0 + size && day0 + size < TABLE_MAX_DAY) {
      const end = Math.min(Math.max(to, day0 + size + CHUNK_DAYS), TABLE_MAX_DAY);
      const b = buildDays(day0 + size, end);
      const added = end - day0 - size;
      const newPre = new Float64Array(size + added + 1);
      newPre.set(pre);
      for (let k = 0; k < added; k++) newPre[size + k + 1] = newPre[size + k]! + b.l[k]!;
      mid = concat(mid.subarray(0, size), b.m);
      ws = concat(ws, b.s);
      len = concat(len, b.l);
      pre = newPre;
      size += added;
    }
    lo = mid[0]!;
    hi = mid[size]!;
  }

  /** Grow the table so that it holds instant t (the slow path of every look-up). */
  function cover(t: number): void {
    checkInstant(t);
    const day = Math.floor((t + zone.offsetAt(t)) / DAY_MS);
    ensureDays(day - 1, day + 2);
  }

  /** Index of the day that holds t: mid[i] <= t < mid[i + 1]. */
  function indexOf(t: number): number {
    if (!(t >= lo && t < hi)) cover(t);
    let i = ((t - lo) / DAY_MS) | 0;
    if (i >= size) i = size - 1;
    while (t < mid[i]!) i--;
    while (t >= mid[i + 1]!) i++;
    return i;
  }

  /** Working ms before t on day i, counted from the table's origin. */
  function workBefore(i: number, t: number): number {
    const x = t - ws[i]!;
    const l = len[i]!;
    return pre[i]! + Math.min(Math.max(x, 0), l); // branch-free clamp: faster on random input
  }

  /** The instant local date `day` (within the supported dates) starts. */
  function startOfDay(day: number): number {
    ensureDays(day, day + 1);
    return mid[day - day0]!;
  }

  function checkDate(day: number, text: string): void {
    if (day < MIN_DATE || day > MAX_DATE) throw new RangeError(`calendar: ${text} is outside ${RANGE_TEXT}`);
  }

  /** Extend the table by a chunk past its end, for a forward search that began on day `from`. */
  function growForward(from: number): void {
    if (day0 + size >= TABLE_MAX_DAY) {
      throw new RangeError(`calendar: the search from ${formatDay(from)} runs past ${RANGE_TEXT}`);
    }
    ensureDays(day0 + size, day0 + size + CHUNK_DAYS);
  }

  function noWorkingTime(from: number): Error {
    return new Error(
      `calendar: no working time in the ${MAX_IDLE_DAYS} days after ${formatDay(from)} ` +
        `(check workingDays and holidays)`,
    );
  }

  function parseLocal(text: string): number {
    const m = LOCAL_TEXT.exec(text);
    const bad = () =>
      new Error(
        `calendar: cannot read "${text}" as a period bound: expected "YYYY-MM-DD" (local midnight), ` +
          `"YYYY-MM-DDTHH:MM[:SS[.sss]]" (local time in ${timezone}) or the same followed by "Z" or "±HH:MM"`,
      );
    if (!m) throw bad();
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (!isValidCivil(y, mo, d)) throw bad();
    const day = daysFromCivil(y, mo, d);
    if (m[4] === undefined) {
      checkDate(day, text);
      return startOfDay(day);
    }
    const h = Number(m[4]);
    const mi = Number(m[5]);
    const s = m[6] === undefined ? 0 : Number(m[6]);
    const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0"));
    if (h > 23 || mi > 59 || s > 59) throw bad();
    const wall = day * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS + ms;
    const offset = m[8];
    if (offset === undefined) {
      checkDate(day, text);
      return zone.wallToInstant(wall);
    }
    let instant = wall;
    if (offset !== "Z") {
      const oh = Number(offset.slice(1, 3));
      const om = Number(offset.slice(4, 6));
      if (oh > 23 || om > 59) throw bad();
      instant -= (offset[0] === "-" ? -1 : 1) * (oh * HOUR_MS + om * MINUTE_MS);
    }
    if (!(instant >= MIN_INSTANT && instant < MAX_INSTANT)) {
      throw new RangeError(`calendar: ${text} is outside ${RANGE_TEXT}`);
    }
    return instant;
  }

  return {
    timezone,

    businessMinutes(a: number, b: number): number {
      if (b <= a) return 0;
      const ib = indexOf(b);
      const wb = workBefore(ib, b);
      return (wb - workBefore(indexOf(a), a)) / MINUTE_MS;
    },

    addBusinessMinutes(start: number, minutes: number): number {
      if (!(minutes >= 0 && minutes < Number.POSITIVE_INFINITY)) {
        throw new RangeError(`calendar: addBusinessMinutes needs a finite minutes >= 0, got ${minutes}`);
      }
      const i = indexOf(start);
      // minutes * 60000 is snapped to a whole ms when it is one up to rounding, so that a value
      // businessMinutes returned (ms / 60000) maps back to its exact instant.
      const ms = minutes * MINUTE_MS;
      const whole = Math.round(ms);
      const delta = Math.abs(ms - whole) < 1e-6 ? whole : ms;
      if (delta === 0) return start;
      const target = workBefore(i, start) + delta;
      // Grow the table until it holds the target, giving up after MAX_IDLE_DAYS without work.
      let idle = 0;
      while (pre[size]! < target) {
        const oldSize = size;
        const oldWork = pre[size]!;
        growForward(day0 + i);
        idle = pre[size] === oldWork ? idle + size - oldSize : 0;
        if (idle >= MAX_IDLE_DAYS) throw noWorkingTime(day0 + i);
      }
      // The first day j >= i whose working time reaches the target.
      let a = i;
      let b = size - 1;
      while (a < b) {
        const m = (a + b) >> 1;
        if (pre[m + 1]! >= target) b = m;
        else a = m + 1;
      }
      return ws[a]! + (target - pre[a]!);
    },

    endOfNthNextWorkingDay(t: number, n: number): number {
      if (!(Number.isInteger(n) && n >= 0)) {
        throw new RangeError(`calendar: endOfNthNextWorkingDay needs an integer n >= 0, got ${n}`);
      }
      const i = indexOf(t);
      let need = n === 0 ? 1 : n;
      let idle = 0;
      for (let k = n === 0 ? i : i + 1; ; k++) {
        if (k >= size) growForward(day0 + i);
        if (len[k]! > 0) {
          if (--need === 0) return ws[k]! + len[k]!;
          idle = 0;
        } else if (++idle >= MAX_IDLE_DAYS) {
          throw noWorkingTime(day0 + i);
        }
      }
    },

    isWorkingTime(t: number): boolean {
      const i = indexOf(t);
      const x = t - ws[i]!;
      return x >= 0 && x < len[i]!;
    },

    localDate(t: number): string {
      const i = indexOf(t); // first: it may grow the table and move day0
      const day = day0 + i;
      let text = dateTexts.get(day);
      if (text === undefined) {
        text = formatDay(day);
        dateTexts.set(day, text);
      }
      return text;
    },

    startOfLocalDate(date: string): number {
      const day = parseDay(date);
      if (day === undefined) throw new Error(`calendar: "${date}" is not a date YYYY-MM-DD`);
      checkDate(day, date);
      return startOfDay(day);
    },

    parseLocal,
  };
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
