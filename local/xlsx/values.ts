/**
 * One cell's content for exceljs. Only a real formula cell (getFormulas non-empty) becomes an Excel
 * formula, stored with its computed value (getValues) as the cached result. Every other string is
 * written as TEXT, including text that looks like a formula ("=IMPORTXML(...)", "+7 999", "-x",
 * "@x"): an .xlsx string cell is never evaluated. Such a cell on General also gets the Text
 * format ("@"), so that re-entering it in Excel (F2, Enter) keeps it text rather than running it.
 */
import type { CellErrorValue, CellValue } from "exceljs";
import { dateToSerial, isDate } from "./dates";
import { excelSeparators } from "./formula";
import { renameSheetRefs } from "./sheet-names";

/** Excel's longest cell text; Sheets allows 50,000. */
export const EXCEL_MAX_TEXT = 32_767;

const EXCEL_ERRORS = new Set<CellErrorValue["error"]>([
  "#N/A",
  "#REF!",
  "#NAME?",
  "#DIV/0!",
  "#NULL!",
  "#VALUE!",
  "#NUM!",
]);

/** Text a spreadsheet program would read as a formula if it were typed in. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

export interface CellContent {
  value: CellValue;
  /** A formula-looking text: keep it text in Excel too. */
  formulaLikeText: boolean;
  /** A date value (needs a date number format). */
  date: boolean;
  /** The text was cut to Excel's limit. */
  truncated: boolean;
}

export interface ValueContext {
  tz: string;
  renames: Map<string, string>;
}

function scalar(
  v: unknown,
  ctx: ValueContext,
): { value: number | string | boolean; date: boolean } | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, date: false } : undefined;
  if (typeof v === "boolean") return { value: v, date: false };
  if (isDate(v)) {
    const serial = dateToSerial(v, ctx.tz);
    return serial === undefined ? undefined : { value: serial, date: true };
  }
  return { value: String(v), date: false };
}

/** The exceljs value for a cell, or undefined for an empty one. */
export function cellContent(value: unknown, formula: string, ctx: ValueContext): CellContent | undefined {
  const s = scalar(value, ctx);
  if (formula !== "") {
    const text = renameSheetRefs(
      excelSeparators(formula.startsWith("=") ? formula.slice(1) : formula),
      ctx.renames,
    );
    let result: number | string | boolean | CellErrorValue | undefined = s?.value;
    if (typeof result === "string" && EXCEL_ERRORS.has(result as CellErrorValue["error"])) {
      result = { error: result as CellErrorValue["error"] };
    }
    const v: CellValue = result === undefined ? { formula: text } : { formula: text, result };
    return { value: v, formulaLikeText: false, date: s?.date ?? false, truncated: false };
  }
  if (!s) return undefined;
  if (typeof s.value !== "string")
    return { value: s.value, formulaLikeText: false, date: s.date, truncated: false };
  const truncated = s.value.length > EXCEL_MAX_TEXT;
  const text = truncated ? s.value.slice(0, EXCEL_MAX_TEXT) : s.value;
  return { value: text, formulaLikeText: looksLikeFormula(text), date: false, truncated };
}
