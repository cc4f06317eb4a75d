/**
 * Calendar periods of the management rhythm, as half-open instants [from, to) between local
 * midnights of the account's calendar: the 1:1's weeks, the monthly review's months, the history's
 * trailing window. Dates are "YYYY-MM-DD" text in the calendar's timezone.
 */
import type { WorkCalendar } from "../calendar-types";

export interface Period {
  from: number;
  /** Exclusive. */
  to: number;
  /** The first local date of the period, "YYYY-MM-DD". */
  firstDay: string;
  /** The last local date inside the period, "YYYY-MM-DD". */
  lastDay: string;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `text` a real calendar date "YYYY-MM-DD"? */
export function isLocalDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** "YYYY-MM-DD" plus `days` (negative allowed), in plain calendar arithmetic (no timezone). */
export function addDays(date: string, days: number): string {
  if (!isLocalDate(date)) throw new Error(`rhythm: "${date}" is not a date YYYY-MM-DD`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The period of the local dates [first, first + days). */
export function daysPeriod(calendar: WorkCalendar, first: string, days: number): Period {
  const end = addDays(first, days);
  return {
    from: calendar.startOfLocalDate(first),
    to: calendar.startOfLocalDate(end),
    firstDay: first,
    lastDay: addDays(end, -1),
  };
}

/**
 * The 1:1's weeks: "this week" is the 7 local days ending with today (a rolling week, so a Monday
 * 1:1 still has a full week to talk about), "last week" the 7 days before it.
 */
export function rollingWeeks(calendar: WorkCalendar, now: number): { thisWeek: Period; lastWeek: Period } {
  const today = calendar.localDate(now);
  return {
    thisWeek: daysPeriod(calendar, addDays(today, -6), 7),
    lastWeek: daysPeriod(calendar, addDays(today, -13), 7),
  };
}

/** "YYYY-MM" of an instant in the calendar's timezone. */
export function monthOf(calendar: WorkCalendar, t: number): string {
  return calendar.localDate(t).slice(0, 7);
}

/** "YYYY-MM" plus `months` (negative allowed). */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The whole calendar month "YYYY-MM" as a period (the current month runs past now: nothing after now is seen). */
export function monthPeriod(calendar: WorkCalendar, month: string): Period {
  const next = addMonths(month, 1);
  return {
    from: calendar.startOfLocalDate(`${month}-01`),
    to: calendar.startOfLocalDate(`${next}-01`),
    firstDay: `${month}-01`,
    lastDay: addDays(`${next}-01`, -1),
  };
}
