/** Values crossing between the engine and the script or the spreadsheet facade. */
import { types } from "node:util";
import type { Scalar } from "../spreadsheet/number-format";
import { msToSerial } from "../spreadsheet/time-zone";
import { type CellValue, ERRORS, FormulaError, type Value } from "./values";

export function toScalar(v: CellValue): Scalar | undefined {
  if (v === null) return undefined;
  if (v instanceof FormulaError) return v.code;
  return v;
}

/**
 * A custom function's return value as cells [doc: a 2-D array spills]. [assumed] a 1-D array
 * fills a column; null/undefined is an empty cell; NaN/Infinity is #NUM!; other objects are
 * their string form.
 */
export function fromScript(out: unknown, tz: string): Value {
  const one = (x: unknown): CellValue => {
    if (x === null || x === undefined || x === "") return x === "" ? "" : null;
    if (typeof x === "number")
      return Number.isFinite(x) ? x : ERRORS.num("The result is not a finite number.");
    if (typeof x === "string" || typeof x === "boolean") return x;
    if (types.isDate(x)) return msToSerial((x as Date).getTime(), tz);
    return String(x);
  };
  if (Array.isArray(out)) {
    if (out.length === 0) return null;
    if (!out.some(Array.isArray)) return out.map((x) => [one(x)]);
    return out.map((row) => (Array.isArray(row) ? row.map(one) : [one(row)]));
  }
  return one(out);
}
