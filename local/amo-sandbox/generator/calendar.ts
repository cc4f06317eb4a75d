/**
 * The generator's own business-time arithmetic, written independently of src/core/calendar.ts so
 * that the planted truth is not the engine checking itself.
 *
 * Times are Unix seconds. The zone is a fixed UTC offset: Europe/Moscow has been UTC+03:00 all
 * year since 2014 (no DST), so a fixed +03:00 is exact for the whole scenario. Working time is
 * working days × [workStart, workEnd) local, minus holidays.
 */

export const DAY = 86_400;
export const HOUR = 3_600;
export const MINUTE = 60;

export interface CalendarOptions {
  /** Seconds east of UTC (Moscow: 10 800). */
  offsetSec: number;
  /** Local minutes after midnight, e.g. 540 = 09:00. */
  workStartMin: number;
  workEndMin: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
  /** Local dates "YYYY-MM-DD" that are days off. */
  holidays: readonly string[];
}

/** "HH:MM" → minutes after midnight. */
export function hhmmToMinutes(s: string): number {
  const m = /^(\d\d):(\d\d)$/.exec(s);
  if (!m) throw new Error(`bad time of day: ${s}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** "YYYY-MM-DD" → days since 1970-01-01 (the local day number). */
export function dateToDay(date: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (!m) throw new Error(`bad date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Days since 1970-01-01 → "YYYY-MM-DD". */
export function dayToDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export class BusinessCalendar {
  readonly offsetSec: number;
  private readonly startSec: number;
  private readonly endSec: number;
  private readonly workingDays: Set<number>;
  private readonly holidays: Set<number>;
  private readonly dates = new Map<number, string>();

  constructor(opts: CalendarOptions) {
    this.offsetSec = opts.offsetSec;
    this.startSec = opts.workStartMin * MINUTE;
    this.endSec = opts.workEndMin * MINUTE;
    this.workingDays = new Set(opts.workingDays);
    this.holidays = new Set(opts.holidays.map(dateToDay));
  }

  /** The local day number of instant t. */
  dayOf(t: number): number {
    return Math.floor((t + this.offsetSec) / DAY);
  }

  /** The instant of local midnight starting local day `day`. */
  dayStart(day: number): number {
    return day * DAY - this.offsetSec;
  }

  /** ISO weekday (1 = Monday) of a local day number; 1970-01-01 was a Thursday. */
  isoWeekday(day: number): number {
    return ((((day + 3) % 7) + 7) % 7) + 1;
  }

  isWorkingDay(day: number): boolean {
    return this.workingDays.has(this.isoWeekday(day)) && !this.holidays.has(day);
  }

  /** Working window [open, close) of a local day, or null on a day off. */
  window(day: number): [number, number] | null {
    if (!this.isWorkingDay(day)) return null;
    const s = this.dayStart(day);
    return [s + this.startSec, s + this.endSec];
  }

  isWorkingTime(t: number): boolean {
    const w = this.window(this.dayOf(t));
    return w !== null && t >= w[0] && t < w[1];
  }

  /** Working seconds in [a, b); 0 when b <= a. */
  businessSeconds(a: number, b: number): number {
    if (b <= a) return 0;
    let total = 0;
    for (let day = this.dayOf(a); day <= this.dayOf(b); day++) {
      const w = this.window(day);
      if (!w) continue;
      const lo = Math.max(a, w[0]);
      const hi = Math.min(b, w[1]);
      if (hi > lo) total += hi - lo;
    }
    return total;
  }

  businessMinutes(a: number, b: number): number {
    return this.businessSeconds(a, b) / MINUTE;
  }

  /**
   * The earliest t >= start with businessSeconds(start, t) === seconds (0 → start itself).
   * Friday 23:00 + 600 s → Monday 09:10.
   */
  addBusinessSeconds(start: number, seconds: number): number {
    if (seconds <= 0) return start;
    let left = seconds;
    for (let day = this.dayOf(start); ; day++) {
      const w = this.window(day);
      if (!w) continue;
      const from = Math.max(start, w[0]);
      if (from >= w[1]) continue;
      const available = w[1] - from;
      if (left <= available) return from + left;
      left -= available;
    }
  }

  addBusinessMinutes(start: number, minutes: number): number {
    return this.addBusinessSeconds(start, minutes * MINUTE);
  }

  /** The end of working hours of the first working day strictly after the local date of t. */
  endOfNextWorkingDay(t: number): number {
    let day = this.dayOf(t) + 1;
    while (!this.isWorkingDay(day)) day++;
    return this.dayStart(day) + this.endSec;
  }

  /** t itself when inside working time, else the next opening. */
  nextWorkingMoment(t: number): number {
    for (let day = this.dayOf(t); ; day++) {
      const w = this.window(day);
      if (!w) continue;
      if (t < w[0]) return w[0];
      if (t < w[1]) return t;
    }
  }

  /** Local "YYYY-MM-DD" (memoised per day: the truth asks for months of ~10^5 instants). */
  localDate(t: number): string {
    const day = this.dayOf(t);
    let s = this.dates.get(day);
    if (s === undefined) {
      s = dayToDate(day);
      this.dates.set(day, s);
    }
    return s;
  }

  /** Local calendar month "YYYY-MM": the period key of the truth. */
  monthKey(t: number): string {
    return this.localDate(t).slice(0, 7);
  }

  /** Local seconds after midnight. */
  secondOfDay(t: number): number {
    return t + this.offsetSec - this.dayOf(t) * DAY;
  }

  /** "YYYY-MM-DDTHH:MM:SS+03:00". */
  localIso(t: number): string {
    const iso = new Date((t + this.offsetSec) * 1000).toISOString().slice(0, 19);
    const off = Math.abs(this.offsetSec);
    const sign = this.offsetSec < 0 ? "-" : "+";
    const hh = String(Math.floor(off / HOUR)).padStart(2, "0");
    const mm = String(Math.floor((off % HOUR) / MINUTE)).padStart(2, "0");
    return `${iso}${sign}${hh}:${mm}`;
  }

  /** Local "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" → instant. */
  parseLocal(text: string): number {
    const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(text);
    if (!m) throw new Error(`bad local date-time: ${text}`);
    const day = dateToDay(m[1] as string);
    const secs = Number(m[2] ?? 0) * HOUR + Number(m[3] ?? 0) * MINUTE + Number(m[4] ?? 0);
    return this.dayStart(day) + secs;
  }
}
