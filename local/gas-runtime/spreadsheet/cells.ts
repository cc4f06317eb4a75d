/**
 * Reading and writing single cells with Sheets' semantics, shared by Range, Sheet.appendRow and the
 * advanced Sheets service: what getValues returns (Dates for date-formatted numbers, "" for empty),
 * what a formula cell reads as (the formula engine's result, or the injected evaluator's answer,
 * else ""), how values are entered.
 */
import { types } from "node:util";
import type { FormulaEvaluator, RuntimeEnv } from "../env";
import { type CellWrite, type EntryContext, rawEntered, userEntered } from "./cell-input";
import type { SheetModel } from "./model";
import { AUTOMATIC_FORMAT, formatDisplay, isDateFormat, type Scalar } from "./number-format";
import { msToSerial, serialToMs } from "./time-zone";

/** The cell's value as a scalar: formulas evaluated (Dates as serials), empty → undefined. */
export function cellScalar(env: RuntimeEnv, sheet: SheetModel, r: number, c: number): Scalar | undefined {
  const formula = sheet.formula(r, c);
  const engine = sheet.book.formulas;
  if (formula === undefined) {
    const v = sheet.value(r, c);
    // An empty cell may hold a value spilled by a formula above or to the left of it.
    return v === undefined && engine ? engine.spilledValue(sheet, r, c) : v;
  }
  if (engine) return engine.formulaValue(sheet, r, c);
  return evaluate(env.formulaEvaluator, sheet, r, c, formula);
}

function evaluate(
  evaluator: FormulaEvaluator | undefined,
  sheet: SheetModel,
  r: number,
  c: number,
  formula: string,
): Scalar | undefined {
  // Without an evaluator a formula cell reads as "" (documented: the runtime has no formula engine).
  if (!evaluator) return undefined;
  const out = evaluator({ formula, sheetName: sheet.name, row: r, column: c });
  if (out === null || out === undefined || out === "") return undefined;
  if (types.isDate(out)) return msToSerial((out as Date).getTime(), sheet.book.timeZone);
  if (typeof out === "number" || typeof out === "string" || typeof out === "boolean") return out;
  return String(out);
}

/** getValues' view of a cell. */
export function readCell(env: RuntimeEnv, sheet: SheetModel, r: number, c: number): unknown {
  const v = cellScalar(env, sheet, r, c);
  if (v === undefined) return "";
  if (typeof v === "number" && isDateFormat(sheet.style(r, c)?.numberFormat)) {
    return new Date(serialToMs(v, sheet.book.timeZone));
  }
  return v;
}

/** getDisplayValues' view of a cell. */
export function displayCell(env: RuntimeEnv, sheet: SheetModel, r: number, c: number): string {
  return formatDisplay(
    cellScalar(env, sheet, r, c),
    sheet.style(r, c)?.numberFormat,
    sheet.book.locale,
    sheet.book.timeZone,
  );
}

export function numberFormatOf(sheet: SheetModel, r: number, c: number): string {
  return sheet.style(r, c)?.numberFormat ?? AUTOMATIC_FORMAT;
}

function entryContext(sheet: SheetModel, r: number, c: number): EntryContext {
  return { locale: sheet.book.locale, tz: sheet.book.timeZone, format: sheet.style(r, c)?.numberFormat };
}

function apply(sheet: SheetModel, r: number, c: number, w: CellWrite): void {
  sheet.setContent(r, c, w.value, w.formula);
  if (w.autoFormat && sheet.style(r, c)?.numberFormat === undefined) {
    sheet.patchStyle(r, c, { numberFormat: w.autoFormat });
  }
}

/** Writes as typed (setValue(s), USER_ENTERED). */
export function enterCell(sheet: SheetModel, r: number, c: number, input: unknown): void {
  apply(sheet, r, c, userEntered(input, entryContext(sheet, r, c)));
}

/** Writes as-is (the Sheets API's RAW). */
export function enterRaw(sheet: SheetModel, r: number, c: number, input: unknown): void {
  apply(sheet, r, c, rawEntered(input, entryContext(sheet, r, c)));
}

/**
 * Sort order of Sheets [assumed]: numbers (and dates) before text before booleans, text compared
 * case-insensitively, empty cells always last whatever the direction.
 */
export function compareForSort(a: Scalar | undefined, b: Scalar | undefined, ascending: boolean): number {
  const blankA = a === undefined || a === "";
  const blankB = b === undefined || b === "";
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  let d = rank(a!) - rank(b!);
  if (d === 0) {
    if (typeof a === "number") d = a - (b as number);
    else if (typeof a === "string") d = a.localeCompare(b as string, undefined, { sensitivity: "base" });
    else d = Number(a) - Number(b);
  }
  return ascending ? d : -d;
}
