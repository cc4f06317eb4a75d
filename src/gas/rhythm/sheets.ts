/** Finding or creating a rhythm sheet by its name in either language, and shared labels. */

import type { WorkCalendar } from "../../core/calendar-types";
import type { Locale } from "../../core/i18n";
import { getMetric } from "../../core/metrics/registry";
import type { MetricId, MetricResult } from "../../core/metrics/types";
import type { User } from "../../core/model";
import { type Cell, FORMAT, numberCell } from "./grid";
import { tr } from "./messages";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type SheetKey =
  | "sheet.standup"
  | "sheet.oneOnOne"
  | "sheet.monthly"
  | "sheet.history"
  | "sheet.historyCharts"
  | "sheet.hygiene";

/**
 * The sheet under its name in `locale`; a sheet under the other language's name (the locale was
 * switched) is renamed rather than duplicated; a missing one is inserted at the end.
 */
export function rhythmSheet(ss: Spreadsheet, key: SheetKey, locale: Locale): Sheet {
  const name = tr(locale, key);
  const own = ss.getSheetByName(name);
  if (own) return own;
  const other = ss.getSheetByName(tr(locale === "ru" ? "en" : "ru", key));
  if (other) {
    other.setName(name);
    return other;
  }
  return ss.insertSheet(name, ss.getNumSheets());
}

export class Names {
  private readonly users: Map<number, string>;
  constructor(users: readonly User[]) {
    this.users = new Map(users.map((u) => [u.id, u.name]));
  }
  /** The user's name, or "#id" when the directory lacks it (e.g. a user removed from the account). */
  user(id: number): string {
    return this.users.get(id) ?? `#${id}`;
  }
}

/** The metric's value as a cell in its unit's format (shares as percent). */
export function metricCell(metricId: MetricId, result: MetricResult | null | undefined): Cell {
  return numberCell(result?.value ?? null, formatOf(metricId));
}

export function formatOf(metricId: MetricId): string {
  const unit = getMetric(metricId).unit;
  return unit === "share" ? FORMAT.share : unit === "money" ? FORMAT.money : FORMAT.minutes;
}

/** A change between two values: percentage points for shares (shown as %), else the unit. */
export function changeCell(metricId: MetricId, change: number | null): Cell {
  const unit = getMetric(metricId).unit;
  const format =
    unit === "share" ? "+0.0%;-0.0%;0.0%" : unit === "money" ? "+#,##0;-#,##0;0" : "+0.0;-0.0;0.0";
  return numberCell(change, format);
}

/** "31.10" style local date of an instant. */
export function shortDate(calendar: WorkCalendar, ms: number): string {
  const [, m, d] = calendar.localDate(ms).split("-");
  return `${d}.${m}`;
}

/** "31.10.2026" from "2026-10-31". */
export function dayText(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}.${m}.${y}`;
}

/** "31.10.2026 18:00" in the calendar's timezone. */
export function dateTimeText(calendar: WorkCalendar, ms: number): string {
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: calendar.timezone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(ms));
  return `${dayText(calendar.localDate(ms))} ${time}`;
}

export function metricTitle(metricId: MetricId, locale: Locale): string {
  return getMetric(metricId).title[locale];
}
