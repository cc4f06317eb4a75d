/**
 * What a cell becomes when a value is written to it. Two doors, as in Google Sheets:
 *
 * USER_ENTERED — Range.setValue(s) and the Sheets API's USER_ENTERED: the value is parsed as if
 * typed into the cell [doc: the API's ValueInputOption; SpreadsheetApp behaves the same way]:
 *   - a string starting with "=" becomes a FORMULA. This is the formula-injection danger the add-on
 *     must defend against, so the fake reproduces it;
 *   - a string starting with an apostrophe is stored as text without the apostrophe ("'=1+1" → the
 *     text "=1+1");
 *   - a cell formatted as plain text ("@") keeps the string as typed;
 *   - "123", "1,234.5" (en_US) / "1 234,5" (ru_RU), "12%", "TRUE", ISO and locale dates become numbers,
 *     percentages, booleans and dates — "0012" loses its zeros, as in Sheets;
 *   - [assumed, from user reports] a leading "+" or "-" that is not a number is also read as a formula
 *     ("+7 (999) 123" shows #ERROR! in Sheets); a formula-injection guard should escape + - = too.
 * RAW — the Sheets API's RAW: strings are stored as text exactly, even "=1+1" and "'x" [doc].
 *
 * Dates are stored as Sheets stores them: a serial day number in the spreadsheet's time zone plus a
 * date number format; reading the cell turns it back into a Date.
 */
import { types } from "node:util";
import { fail, MSG } from "../errors";
import type { Scalar } from "./number-format";
import { msToSerial } from "./time-zone";

export type Locale = "ru_RU" | "en_US";

/** What to store: a value or a formula (never both); autoFormat applies if the cell has no format. */
export interface CellWrite {
  value?: Scalar;
  formula?: string;
  autoFormat?: string;
}

export interface EntryContext {
  locale: Locale;
  tz: string;
  /** The cell's current number format (undefined = Automatic). */
  format: string | undefined;
}

/** Sheets' cell limit [V-src] scale.md §2.1. */
export const MAX_CELL_CHARS = 50_000;

/** Formats Sheets assigns to a date typed into an Automatic cell [assumed per locale]. */
export const DATE_FORMATS: Record<Locale, { date: string; dateTime: string; time: string }> = {
  en_US: { date: "M/d/yyyy", dateTime: "M/d/yyyy H:mm:ss", time: "h:mm:ss am/pm" },
  ru_RU: { date: "dd.MM.yyyy", dateTime: "dd.MM.yyyy H:mm:ss", time: "H:mm:ss" },
};

export function userEntered(input: unknown, ctx: EntryContext): CellWrite {
  if (input === null || input === undefined || input === "") return {};
  if (typeof input === "boolean") return { value: input };
  if (typeof input === "number") {
    // [assumed] NaN/Infinity cannot live in a cell; Sheets shows #NUM!.
    return Number.isFinite(input) ? { value: input } : { value: "#NUM!" };
  }
  if (types.isDate(input)) {
    const ms = (input as Date).getTime();
    if (Number.isNaN(ms)) return { value: "" };
    return { value: msToSerial(ms, ctx.tz), autoFormat: DATE_FORMATS[ctx.locale].dateTime };
  }
  // [assumed] other objects are written as their string form, as Apps Script's Java bridge does.
  const text = typeof input === "string" ? input : String(input);
  checkLength(text);
  if (ctx.format === "@") return { value: text };
  if (text.startsWith("'")) return text.length > 1 ? { value: text.slice(1) } : {};
  if (text.startsWith("=") && text.length > 1) return { formula: text };
  const parsed = parseTyped(text, ctx);
  if (parsed) return parsed;
  if (/^[+-]./s.test(text)) return { formula: `=${text}` };
  return { value: text };
}

export function rawEntered(input: unknown, ctx: EntryContext): CellWrite {
  if (input === null || input === undefined || input === "") return {};
  if (typeof input === "boolean") return { value: input };
  if (typeof input === "number") return Number.isFinite(input) ? { value: input } : { value: "#NUM!" };
  if (types.isDate(input)) {
    // The advanced service sends a Date as its JSON string; RAW keeps that text.
    return { value: (input as Date).toJSON() ?? "" };
  }
  const text = typeof input === "string" ? input : JSON.stringify(input);
  checkLength(text);
  void ctx;
  return { value: text };
}

function checkLength(text: string): void {
  if (text.length > MAX_CELL_CHARS) fail(MSG.cellTooLong);
}

/** Numbers, percentages, booleans, dates and times as Sheets reads typed text; null = just text. */
export function parseTyped(text: string, ctx: EntryContext): CellWrite | null {
  const t = text.trim();
  if (t === "") return null;
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  if (ctx.locale === "ru_RU" && /^(истина|ложь)$/i.test(t)) return { value: /^истина$/i.test(t) };

  const pct = t.endsWith("%");
  const num = parseLocaleNumber(pct ? t.slice(0, -1).trimEnd() : t, ctx.locale);
  if (num !== null) {
    if (!pct) return { value: num };
    const decimals = /[.,](\d+)/.exec(t)?.[1]?.length ?? 0;
    return { value: num / 100, autoFormat: decimals > 0 ? "0.00%" : "0%" };
  }
  const date = parseLocaleDate(t, ctx.locale);
  if (date) {
    const fmt = DATE_FORMATS[ctx.locale];
    const localMs = Date.UTC(date.y, date.m - 1, date.d, date.hh, date.mi, date.ss);
    const serial = localMs / 86_400_000 + 25569;
    return { value: serial, autoFormat: date.hasTime ? fmt.dateTime : fmt.date };
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (time) {
    const [h, m, s] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    if (h < 24 && m < 60 && s < 60)
      return { value: (h * 3600 + m * 60 + s) / 86400, autoFormat: DATE_FORMATS[ctx.locale].time };
  }
  return null;
}

function parseLocaleNumber(t: string, locale: Locale): number | null {
  const re =
    locale === "ru_RU"
      ? /^[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d*)(?:,\d+)?(?:[eE][+-]?\d+)?$/
      : /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
  if (!re.test(t) || !/\d/.test(t)) return null;
  const normal =
    locale === "ru_RU" ? t.replace(/[ \u00a0\u202f]/g, "").replace(",", ".") : t.replace(/,/g, "");
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

interface ParsedDate {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
  hasTime: boolean;
}

/** ISO "2025-01-31[ 10:30[:00]]" in any locale; "31.01.2025" (ru_RU) or "1/31/2025" (en_US). */
function parseLocaleDate(t: string, locale: Locale): ParsedDate | null {
  const timePart = "(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?";
  let y: number;
  let m: number;
  let d: number;
  let rest: (string | undefined)[];
  const iso = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${timePart}$`).exec(t);
  const local =
    locale === "ru_RU"
      ? new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})${timePart}$`).exec(t)
      : new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${timePart}$`).exec(t);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    rest = iso.slice(4);
  } else if (local) {
    const a = Number(local[1]);
    const b = Number(local[2]);
    [d, m] = locale === "ru_RU" ? [a, b] : [b, a];
    y = Number(local[3]);
    if (local[3]!.length === 2) y += y < 30 ? 2000 : 1900;
    rest = local.slice(4);
  } else return null;
  const [hh, mi, ss] = [Number(rest[0] ?? 0), Number(rest[1] ?? 0), Number(rest[2] ?? 0)];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || probe.getUTCDate() !== d || hh > 23 || mi > 59 || ss > 59) return null;
  return { y, m, d, hh, mi, ss, hasTime: rest[0] !== undefined };
}
