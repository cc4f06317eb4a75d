/**
 * The end-of-day check: once a working day, at the first check at or after `endOfDayAt` (local
 * time), the open deals that have no open task ("next step") as of the synced data.
 *
 * Decisions (docs/alerts.md): only on working days of the calendar (nobody reads a Saturday list
 * of Friday's deals); not during quiet hours — an `endOfDayAt` inside quiet hours waits for them
 * to end on the same local date, and is skipped that day if they last past midnight; an empty list
 * sends nothing but still counts as the day's check.
 */
import type { WorkCalendar } from "../calendar-types";
import type { AlertSettings } from "../settings";
import { isOpenAt } from "./breaches";
import { hhmmToMinutes, wallTime } from "./local-time";
import { isQuietAt } from "./quiet-hours";
import type { AlertLead } from "./types";

/** Is the check due at `now`? `lastDate` = local date of the last check done. */
export function endOfDayDue(
  now: number,
  alerts: Pick<AlertSettings, "endOfDayCheck" | "endOfDayAt" | "quietHours">,
  calendar: WorkCalendar,
  lastDate: string | null,
): { due: boolean; date: string } {
  const w = wallTime(now, calendar.timezone);
  const due =
    alerts.endOfDayCheck &&
    lastDate !== w.date &&
    w.minuteOfDay >= hhmmToMinutes(alerts.endOfDayAt) &&
    isWorkingDate(calendar, now, w.date) &&
    !isQuietAt(now, alerts.quietHours, calendar.timezone);
  return { due, date: w.date };
}

/** The local date of `t` is a working day: its own end of working hours falls on the same date. */
function isWorkingDate(calendar: WorkCalendar, t: number, date: string): boolean {
  return calendar.localDate(calendar.endOfNthNextWorkingDay(t, 0)) === date;
}

/** Open deals (as of `at`) in the analysed pipelines without a next step, by manager then id. */
export function dealsWithoutNextStep(leads: readonly AlertLead[], at: number): AlertLead[] {
  return leads
    .filter((l) => l.hasNextStep === false && isOpenAt(l, at))
    .sort((a, b) => a.manager.localeCompare(b.manager) || a.leadId - b.leadId);
}
