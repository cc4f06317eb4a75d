/**
 * Evaluates a parsed formula against a host that reads cells (formula results and spills
 * included), resolves sheets and named ranges, and runs custom functions. The host is the
 * engine (engine.ts); this file holds no state.
 */
import type { SheetModel, SpreadsheetModel } from "../spreadsheet/model";
import { serialToMs as serialToEpochMs } from "../spreadsheet/time-zone";
import { BUILTINS, LAZY_BUILTINS } from "./builtins";
import type { Node, RefAbsolute } from "./parser";
import {
  type CellValue,
  compare,
  ERRORS,
  type FormulaError,
  isError,
  isRange,
  type RangeValue,
  toNumber,
  toText,
  type Value,
} from "./values";

export interface EvalHost {
  readonly book: SpreadsheetModel;
  /** The sheet the formula is evaluated on (a reference without a sheet means this one). */
  readonly sheet: SheetModel;
  /** Shift of relative references (conditional-format formulas applied to another cell). */
  readonly shift?: { rows: number; cols: number };
  cell(sheet: SheetModel, r: number, c: number): CellValue;
  /** True when the cell holds a date (a number under a date format): custom functions get a Date. */
  isDate(sheet: SheetModel, r: number, c: number): boolean;
  /** The script's function name for a formula name, when it is a custom function. */
  customName(upperName: string): string | undefined;
  callCustom(name: string, args: unknown[]): Value;
  now(): number;
}

export function resolveRef(
  host: EvalHost,
  ref: { sheetName?: string; r1?: number; c1?: number; r2?: number; c2?: number },
  abs?: RefAbsolute,
): RangeValue | FormulaError {
  const sheet = ref.sheetName === undefined ? host.sheet : host.book.sheetByName(ref.sheetName);
  if (!sheet || sheet.deleted) return ERRORS.ref(`Unresolved sheet name '${ref.sheetName}'.`);
  const dr = host.shift?.rows ?? 0;
  const dc = host.shift?.cols ?? 0;
  const move = (v: number | undefined, fixed: boolean | undefined, d: number) =>
    v === undefined || fixed ? v : v + d;
  const r1 = move(ref.r1, abs?.r1, dr) ?? 1;
  const c1 = move(ref.c1, abs?.c1, dc) ?? 1;
  const r2 = move(ref.r2, abs?.r2, dr) ?? sheet.maxRows;
  const c2 = move(ref.c2, abs?.c2, dc) ?? sheet.maxColumns;
  if (r1 < 1 || c1 < 1 || r1 > sheet.maxRows || c1 > sheet.maxColumns) {
    return ERRORS.ref("Reference does not exist.");
  }
  return {
    kind: "range",
    sheet,
    r1,
    c1,
    r2: Math.min(r2, sheet.maxRows),
    c2: Math.min(c2, sheet.maxColumns),
  };
}

export function namedRange(host: EvalHost, name: string): RangeValue | FormulaError {
  const m = host.book.namedRanges;
  let spec = m.get(name);
  // [assumed] Sheets matches range names case-insensitively, as it does sheet names.
  if (!spec) for (const [k, v] of m) if (k.toLowerCase() === name.toLowerCase()) spec = v;
  if (!spec || spec.anchor.dead || spec.sheet.deleted) return ERRORS.namedRange(name);
  const a = spec.anchor;
  return { kind: "range", sheet: spec.sheet, r1: a.r1, c1: a.c1, r2: a.r2, c2: a.c2 };
}

/** The values of a range, row by row. */
export function rangeCells(host: EvalHost, v: RangeValue): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = v.r1; r <= v.r2; r++) {
    const row: CellValue[] = [];
    for (let c = v.c1; c <= v.c2; c++) row.push(host.cell(v.sheet, r, c));
    out.push(row);
  }
  return out;
}

/** A value where one cell is expected: a one-cell range is its cell; an array gives its first cell. */
export function scalar(host: EvalHost, v: Value): CellValue {
  if (isRange(v)) {
    if (v.r1 === v.r2 && v.c1 === v.c2) return host.cell(v.sheet, v.r1, v.c1);
    // [assumed] no implicit intersection outside ARRAYFORMULA.
    return ERRORS.value("An array value could not be found.");
  }
  if (Array.isArray(v)) return v[0]?.[0] ?? null;
  return v;
}

/** A value as a grid (a scalar is a 1×1 grid). */
export function grid(host: EvalHost, v: Value): CellValue[][] {
  if (isRange(v)) return rangeCells(host, v);
  if (Array.isArray(v)) return v;
  return [[v]];
}

function arithmetic(op: string, a: CellValue, b: CellValue): CellValue {
  const x = toNumber(a);
  if (isError(x)) return x;
  const y = toNumber(b);
  if (isError(y)) return y;
  let out: number;
  switch (op) {
    case "+":
      out = x + y;
      break;
    case "-":
      out = x - y;
      break;
    case "*":
      out = x * y;
      break;
    case "/":
      if (y === 0) return ERRORS.div0();
      out = x / y;
      break;
    default:
      out = x ** y;
  }
  return Number.isFinite(out) ? out : ERRORS.num("The result is not a finite number.");
}

export function evaluate(host: EvalHost, node: Node): Value {
  switch (node.kind) {
    case "num":
      return node.value;
    case "str":
      return node.value;
    case "bool":
      return node.value;
    case "ref":
      return resolveRef(host, node.ref, node.abs);
    case "name":
      return namedRange(host, node.name);
    case "unary": {
      const v = scalar(host, evaluate(host, node.arg));
      if (node.op === "%") return arithmetic("/", v, 100);
      return node.op === "-" ? arithmetic("-", 0, v) : arithmetic("+", 0, v);
    }
    case "binary": {
      const a = scalar(host, evaluate(host, node.left));
      const b = scalar(host, evaluate(host, node.right));
      if (node.op === "&") {
        const x = toText(a);
        if (isError(x)) return x;
        const y = toText(b);
        return isError(y) ? y : x + y;
      }
      if (["+", "-", "*", "/", "^"].includes(node.op)) return arithmetic(node.op, a, b);
      const d = compare(a, b);
      if (isError(d)) return d;
      switch (node.op) {
        case "=":
          return d === 0;
        case "<>":
          return d !== 0;
        case "<":
          return d < 0;
        case ">":
          return d > 0;
        case "<=":
          return d <= 0;
        default:
          return d >= 0;
      }
    }
    case "call":
      return call(host, node.name, node.args);
  }
}

function call(host: EvalHost, name: string, args: Node[]): Value {
  const lazy = LAZY_BUILTINS[name];
  if (lazy) return lazy(host, args);
  const builtin = BUILTINS[name];
  if (builtin)
    return builtin(
      host,
      args.map((a) => evaluate(host, a)),
    );
  const custom = host.customName(name);
  if (custom === undefined) return ERRORS.name(name);
  const values: unknown[] = [];
  for (const a of args) {
    const v = scriptArgument(host, evaluate(host, a));
    if (isError(v)) return v;
    values.push(v);
  }
  return host.callCustom(custom, values);
}

/**
 * What a custom function receives [doc]: a one-cell reference as its value, a range as a 2-D
 * array, dates as Date, empty cells as "". An error in an argument is the result
 * [assumed: the function is not called, as with built-ins].
 */
function scriptArgument(host: EvalHost, v: Value): unknown {
  const plain = (x: CellValue): unknown => (x === null ? "" : x);
  if (isRange(v)) {
    const cellOf = (r: number, c: number): unknown => {
      const x = host.cell(v.sheet, r, c);
      if (typeof x === "number" && host.isDate(v.sheet, r, c)) {
        return new Date(serialToEpochMs(x, host.book.timeZone));
      }
      return plain(x);
    };
    if (v.r1 === v.r2 && v.c1 === v.c2) return cellOf(v.r1, v.c1);
    const out: unknown[][] = [];
    for (let r = v.r1; r <= v.r2; r++) {
      const row: unknown[] = [];
      for (let c = v.c1; c <= v.c2; c++) {
        const x = cellOf(r, c);
        if (isError(x)) return x;
        row.push(x);
      }
      out.push(row);
    }
    return out;
  }
  if (Array.isArray(v)) {
    for (const row of v) for (const x of row) if (isError(x)) return x;
    return v.map((row) => row.map(plain));
  }
  return plain(v);
}
