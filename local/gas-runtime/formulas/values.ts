/**
 * Values inside the formula engine and Sheets' coercion rules between them.
 * Documented Sheets behaviour where stated; the rest is [assumed], the common spreadsheet rules
 * that Sheets shares with Excel: empty is 0 in arithmetic and "" in text; TRUE is 1; text that
 * reads as a number is that number in arithmetic; comparisons order numbers < text < booleans and
 * compare text case-insensitively.
 */
import type { SheetModel } from "../spreadsheet/model";

export type ErrorCode = "#NAME?" | "#REF!" | "#VALUE!" | "#DIV/0!" | "#N/A" | "#NUM!" | "#ERROR!";

/** A cell error; `message` is what Sheets shows in the cell's tooltip. */
export class FormulaError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

/** One cell's value: null is an empty cell. Dates are serial numbers, as Sheets stores them. */
export type CellValue = number | string | boolean | null | FormulaError;

export interface RangeValue {
  kind: "range";
  sheet: SheetModel;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export type Value = CellValue | RangeValue | CellValue[][];

export function isError(v: unknown): v is FormulaError {
  return v instanceof FormulaError;
}

export function isRange(v: Value): v is RangeValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && (v as RangeValue).kind === "range";
}

export const ERRORS = {
  value: (why: string) => new FormulaError("#VALUE!", why),
  div0: () => new FormulaError("#DIV/0!", "Function DIVIDE parameter 2 cannot be zero."),
  name: (name: string) => new FormulaError("#NAME?", `Unknown function: '${name}'.`),
  namedRange: (name: string) => new FormulaError("#NAME?", `Unknown range name: '${name}'.`),
  ref: (why: string) => new FormulaError("#REF!", why),
  na: (why: string) => new FormulaError("#N/A", why),
  num: (why: string) => new FormulaError("#NUM!", why),
};

export function toNumber(v: CellValue): number | FormulaError {
  if (v === null || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isError(v)) return v;
  const n = Number(v.trim());
  if (v.trim() !== "" && Number.isFinite(n)) return n;
  return ERRORS.value(
    `Function expects number values. But '${v}' is a text and cannot be coerced to a number.`,
  );
}

export function toText(v: CellValue): string | FormulaError {
  if (v === null) return "";
  if (isError(v)) return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return numberText(v);
  return v;
}

/** A number as text in a formula ("1.5", not "1,5": formula text is locale-neutral) [assumed]. */
export function numberText(n: number): string {
  return String(Number.parseFloat(n.toPrecision(15)));
}

export function toBoolean(v: CellValue): boolean | FormulaError {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (isError(v)) return v;
  const t = v.trim().toUpperCase();
  if (t === "TRUE") return true;
  if (t === "FALSE" || t === "") return false;
  return ERRORS.value(
    `Function expects boolean values. But '${v}' is a text and cannot be coerced to a boolean.`,
  );
}

function rank(v: number | string | boolean): number {
  return typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2;
}

/** <0, 0, >0 like Sheets' comparison operators; empty equals 0, "" and FALSE. */
export function compare(a: CellValue, b: CellValue): number | FormulaError {
  if (isError(a)) return a;
  if (isError(b)) return b;
  const x = a ?? (typeof b === "string" ? "" : typeof b === "boolean" ? false : 0);
  const y = b ?? (typeof x === "string" ? "" : typeof x === "boolean" ? false : 0);
  const d = rank(x) - rank(y);
  if (d !== 0) return d;
  if (typeof x === "number") return x - (y as number);
  if (typeof x === "string") {
    const [p, q] = [x.toLowerCase(), (y as string).toLowerCase()];
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return Number(x) - Number(y);
}

export function isBlank(v: CellValue): boolean {
  return v === null;
}
