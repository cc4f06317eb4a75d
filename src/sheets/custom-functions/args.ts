/**
 * The KPI_* arguments other than the tables: the period (from / to) and the filter values.
 *
 * What Sheets passes a custom function [V-doc, apps-script.md §4]: a single cell as its value, a
 * range as a 2-D array, a date cell as a Date, an empty cell as "" (empty as "" is [B]). A period
 * bound is a *day*: `from` includes its whole day, `to` too (users write "to 31 October" and mean
 * the 31st included); inside the code the end is exclusive, the start of the day after `to`.
 */
import { formatDay, parseDay } from "../../core/calendar-zone";
import type { Locale } from "../../core/i18n";
import { zoneOffsetMs } from "../cells";
import { KpiArgumentError, quoteValue, tk } from "./messages";

const DAY_MS = 86_400_000;

/** A period of local days: [fromDay, toDay) as day numbers since 1970-01-01; null = unbounded. */
export interface DayPeriod {
  fromDay: number | null;
  /** Exclusive: the day after the user's `to`. */
  toDay: number | null;
}

/** True for what Sheets passes for an empty cell or an omitted optional argument. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.every(isBlankRow));
}

function isBlankRow(row: unknown): boolean {
  return Array.isArray(row) ? row.every((c) => c === "" || c === null || c === undefined) : isBlank(row);
}

/** A one-cell range ([[v]]) is its value; anything larger stays an array. */
function single(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return v[0][0];
  return v;
}

/**
 * A bound → its local day number. `timeZone` is asked for only when a bound is given: a date cell
 * arrives as an instant (the cell's local midnight), and its day is read in the spreadsheet's zone.
 */
export function parseDayArg(
  value: unknown,
  arg: string,
  locale: Locale,
  timeZone: () => string,
): number | null {
  const v = single(value);
  if (isBlank(v)) return null;
  if (v instanceof Date) {
    const ms = v.getTime();
    if (!Number.isFinite(ms)) throw new KpiArgumentError(tk(locale, "err.badDate", { arg, value: "?" }));
    return Math.floor((ms + zoneOffsetMs(ms, timeZone())) / DAY_MS);
  }
  if (typeof v === "string") {
    const day = parseDay(v.trim());
    if (day !== undefined) return day;
  }
  throw new KpiArgumentError(tk(locale, "err.badDate", { arg, value: quoteValue(v) }));
}

export function parsePeriod(from: unknown, to: unknown, locale: Locale, timeZone: () => string): DayPeriod {
  const fromDay = parseDayArg(from, "from", locale, timeZone);
  const toIncl = parseDayArg(to, "to", locale, timeZone);
  if (fromDay !== null && toIncl !== null && fromDay > toIncl) {
    throw new KpiArgumentError(
      tk(locale, "err.fromAfterTo", { from: formatDay(fromDay), to: formatDay(toIncl) }),
    );
  }
  return { fromDay, toDay: toIncl === null ? null : toIncl + 1 };
}

/** The instant a local day starts in `timeZone` (DST-aware: the offset is re-read at the result). */
export function dayStart(day: number, timeZone: string): number {
  const wall = day * DAY_MS;
  let ms = wall - zoneOffsetMs(wall, timeZone);
  ms = wall - zoneOffsetMs(ms, timeZone);
  return ms;
}

/** The period as instants [from, to) for the engine; unbounded ends are ±Infinity. */
export function periodInstants(p: DayPeriod, timeZone: () => string): { from: number; to: number } {
  return {
    from: p.fromDay === null ? Number.NEGATIVE_INFINITY : dayStart(p.fromDay, timeZone()),
    to: p.toDay === null ? Number.POSITIVE_INFINITY : dayStart(p.toDay, timeZone()),
  };
}

/** The period as "yyyy-mm-dd" texts (amo_daily's days); `to` exclusive. */
export function periodDays(p: DayPeriod): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (p.fromDay !== null) out.from = formatDay(p.fromDay);
  if (p.toDay !== null) out.to = formatDay(p.toDay);
  return out;
}

/**
 * A filter argument → the values asked for: one cell (a name or an id) or a range of them; empty
 * = no filter (null). Texts are trimmed; numbers stay numbers.
 */
export function parseFilterValues(value: unknown, arg: string, locale: Locale): (string | number)[] | null {
  if (isBlank(value)) return null;
  const cells = Array.isArray(value) ? value.flat(2) : [value];
  const out: (string | number)[] = [];
  for (const c of cells) {
    if (c === "" || c === null || c === undefined) continue;
    if (typeof c === "number" && Number.isFinite(c)) out.push(c);
    else if (typeof c === "string") out.push(c.trim());
    else throw new KpiArgumentError(tk(locale, "err.badFilter", { arg, value: quoteValue(c) }));
  }
  return out.length > 0 ? out : null;
}
