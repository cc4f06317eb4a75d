/**
 * Values ↔ cells.
 *
 * encodeCell turns a row value into a *semantic* cell (CellValue): a number, a boolean, a Date for
 * an instant, "" for nothing, or a string that is meant literally — sanitised (control characters
 * stripped, capped at Sheets' 50,000 characters per cell) but not yet escaped. How a literal string
 * reaches the sheet depends on the write path, and each path has its own encoder here:
 *
 * - RAW (advanced Sheets service, `valueInputOption: "RAW"`, what the GAS port uses by default):
 *   Sheets stores the string as-is and never parses it, so `=IMPORTXML(...)` is text. No prefix
 *   may be added (an apostrophe would be stored as part of the text). Dates are not JSON values,
 *   so they go as serial numbers in the spreadsheet's timezone and the column's date format
 *   displays them (toRawCell).
 * - USER_ENTERED (SpreadsheetApp `Range.setValues`, the fallback): every string is parsed like
 *   typing, so `=…` becomes a formula, `-1` and `+7 999` numbers or formulas, `1,2` a number in a
 *   Russian spreadsheet, `12:142` a time. Every non-empty string therefore gets a leading
 *   apostrophe, which Sheets consumes: the cell holds the text without it (toEnteredCell).
 *   Prefixing *every* string (not only the dangerous ones) is what keeps "1,2" and "0012" text too.
 *   This is why text columns keep the Automatic number format (tables.ts): a plain-text ("@") cell
 *   would keep the apostrophe as part of the text.
 *
 * The port (port.ts) promises "every string in a block is stored as literal text"; the plan in
 * write-plan.ts picks the path and applies the matching encoder, so the choice is made in one
 * place per write, never by the writers.
 */
import type { ColumnDef, ColumnType, RowValue } from "./tables";

/** A cell as the writers produce it and the port reads it: "" is an empty cell. */
export type CellValue = string | number | boolean | Date;

/** Sheets' limit of characters in one cell. */
export const MAX_CELL_CHARS = 50_000;

const TRUNCATION_MARK = "…";

/** Characters a spreadsheet may read as the start of a formula, ASCII and full-width. */
const FORMULA_START = /^[\s\u00a0\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** Would this text become a formula (or a signed number) if typed into a cell? */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

// C0 controls except \n, DEL, C1 controls; lone \r and \r\n are turned into \n first.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * Literal text fit for a cell: line breaks normalised to \n, other control characters removed,
 * at most 50,000 characters (the cut never splits a surrogate pair; a cut text ends with "…").
 */
export function sanitizeText(text: string): string {
  let s = text.replace(/\r\n?/g, "\n").replace(CONTROL, "");
  if (s.length > MAX_CELL_CHARS) {
    let end = MAX_CELL_CHARS - TRUNCATION_MARK.length;
    const c = s.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end -= 1;
    s = s.slice(0, end) + TRUNCATION_MARK;
  }
  return s;
}

/**
 * A row value → the semantic cell for a column of this type. Unknown shapes degrade to text, never
 * to an exception: a CRM oddity must not stop a sync.
 */
export function encodeCell(value: RowValue, type: ColumnType): CellValue {
  if (value === null || value === undefined) return "";
  switch (type) {
    case "number":
      if (typeof value === "number") return Number.isFinite(value) ? value : "";
      break;
    case "date":
      if (typeof value === "number") return Number.isFinite(value) ? new Date(value) : "";
      if (value instanceof Date) return Number.isFinite(value.getTime()) ? new Date(value.getTime()) : "";
      break;
    case "bool":
      if (typeof value === "boolean") return value;
      break;
    case "text":
    case "crm_text":
      break;
  }
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? new Date(value.getTime()) : "";
  if (typeof value === "number" && !Number.isFinite(value)) return "";
  return sanitizeText(String(value));
}

export function encodeRow(
  row: Readonly<Record<string, RowValue>>,
  columns: readonly ColumnDef[],
): CellValue[] {
  return columns.map((c) => encodeCell(row[c.id], c.type));
}

/** The value stored through a USER_ENTERED write (SpreadsheetApp.setValues). */
export function toEnteredCell(cell: CellValue): CellValue {
  return typeof cell === "string" && cell !== "" ? "'" + cell : cell;
}

/** The value stored through a RAW write (advanced service): JSON scalars only. */
export function toRawCell(cell: CellValue, timeZone: string): string | number | boolean {
  return cell instanceof Date ? instantToSerial(cell.getTime(), timeZone) : cell;
}

// ---- decoding (reading back ids and inputs of derived recomputation) ----

export type DecodedValue = string | number | boolean | null;

/**
 * A cell read from the sheet → a row value for a column of this type: dates → epoch ms (a Date,
 * or a serial number when a reader returns unformatted values), "" → null, numbers kept, text
 * returned as stored (not trimmed). Values of the wrong kind (a user typed text into a number column) decode to
 * null for number/date/bool columns, so recomputation treats them as missing rather than crashing.
 */
export function decodeCell(cell: unknown, type: ColumnType, timeZone = "UTC"): DecodedValue {
  if (cell === null || cell === undefined || cell === "") return null;
  switch (type) {
    case "number": {
      if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
      if (typeof cell === "string") {
        const n = Number(cell.trim().replace(/\s/g, "").replace(",", "."));
        return cell.trim() !== "" && Number.isFinite(n) ? n : null;
      }
      return null;
    }
    case "date": {
      if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.getTime() : null;
      if (typeof cell === "number") return Number.isFinite(cell) ? serialToInstant(cell, timeZone) : null;
      if (typeof cell === "string") {
        const ms = Date.parse(cell);
        return Number.isFinite(ms) ? ms : null;
      }
      return null;
    }
    case "bool": {
      if (typeof cell === "boolean") return cell;
      if (typeof cell === "string") {
        const s = cell.trim().toLowerCase();
        if (s === "true" || s === "истина") return true;
        if (s === "false" || s === "ложь") return false;
      }
      if (typeof cell === "number") return cell !== 0;
      return null;
    }
    default:
      if (cell instanceof Date) return cell.toISOString();
      return String(cell);
  }
}

/**
 * A key cell → the string the writers compare ids by: numbers as their decimal form (a numeric
 * text "123" equals the number 123), text trimmed; empty → null.
 */
export function keyOf(cell: unknown): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : null;
  if (cell instanceof Date) return null;
  const s = String(cell).trim();
  if (s === "") return null;
  // "123" and 123 must meet; "0123" stays as typed.
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(s)) return String(Number(s));
  return s;
}

// ---- serial date numbers (what a date cell holds) ----

const DAY_MS = 86_400_000;
/** 1899-12-30, Sheets' (and Lotus') day zero, as a Unix day number. */
const SERIAL_EPOCH_DAYS = 25_569;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at `ms`, in milliseconds (Moscow: +3 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === "UTC" || timeZone === "Etc/UTC" || timeZone === "GMT") return 0;
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const floor = Math.floor(ms / 1000) * 1000;
  return wall - floor;
}

/** An instant → the serial number a date cell shows as that instant's local time in `timeZone`. */
export function instantToSerial(ms: number, timeZone: string): number {
  return (ms + zoneOffsetMs(ms, timeZone)) / DAY_MS + SERIAL_EPOCH_DAYS;
}

/** A date cell's serial number, read as local time in `timeZone` → the instant (ms, rounded). */
export function serialToInstant(serial: number, timeZone: string): number {
  const wall = Math.round((serial - SERIAL_EPOCH_DAYS) * DAY_MS);
  let ms = wall - zoneOffsetMs(wall, timeZone);
  ms = wall - zoneOffsetMs(ms, timeZone);
  return ms;
}
