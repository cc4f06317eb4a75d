/**
 * Dates as Excel stores them: a serial day number (days since 1899-12-30) of the wall-clock time
 * in the spreadsheet's time zone, which is also how Google Sheets stores a date cell. getValues
 * hands back instants (Date); this turns them back into the serial the sheet held.
 */

import { zoneOffsets } from "../../src/core/calendar-zone";

const DAY_MS = 86_400_000;
const EPOCH_SERIAL = 25569;
/** Offset of `tz` from UTC at instant `ms`, in ms (Moscow: +3 h): the calendar's cached zone table. */
export function tzOffsetMs(ms: number, tz: string): number {
  return zoneOffsets(tz).offsetAt(ms);
}

/** A Date from any realm (the script's Dates fail `instanceof Date` on the host). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

/** The Excel serial of an instant, read on the wall clock of `tz`; undefined for an invalid Date. */
export function dateToSerial(d: Date, tz: string): number | undefined {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return undefined;
  return (ms + tzOffsetMs(ms, tz)) / DAY_MS + EPOCH_SERIAL;
}

/** The wall-clock date of an instant in `tz`. */
export function wallDate(d: Date, tz: string): { y: number; m: number; d: number } | undefined {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return undefined;
  const w = new Date(ms + tzOffsetMs(ms, tz));
  return { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate() };
}

/** A Date whose UTC fields are the wall clock in `tz` (what exceljs turns into the right serial). */
export function wallClockAsUtc(d: Date, tz: string): Date | undefined {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + tzOffsetMs(ms, tz));
}
