/**
 * The built-in functions the add-on's templates use, with Sheets' semantics for the cases they
 * meet. Each takes evaluated arguments; IF, IFERROR and IFNA take the syntax trees so that
 * an unused branch is not evaluated (it may hold a slow custom function).
 */
import { formatDisplay } from "../spreadsheet/number-format";
import { msToSerial } from "../spreadsheet/time-zone";
import type { EvalHost } from "./evaluate";
import { evaluate, grid, scalar } from "./evaluate";
import type { Node } from "./parser";
import {
  type CellValue,
  compare,
  ERRORS,
  isError,
  isRange,
  toBoolean,
  toNumber,
  toText,
  type Value,
} from "./values";

type Fn = (host: EvalHost, args: Value[]) => Value;
type LazyFn = (host: EvalHost, args: Node[]) => Value;

function arity(name: string, args: unknown[], min: number, max: number): CellValue {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : `between ${min} and ${max}`;
    return ERRORS.na(
      `Wrong number of arguments to ${name}. Expected ${want} arguments, but got ${args.length} arguments.`,
    );
  }
  return null;
}

/** Every cell of every argument; `direct` marks values typed into the call rather than read from a range. */
function* cellsOf(host: EvalHost, args: Value[]): Generator<{ v: CellValue; direct: boolean }> {
  for (const a of args) {
    if (isRange(a) || Array.isArray(a))
      for (const row of grid(host, a)) for (const v of row) yield { v, direct: false };
    else yield { v: a, direct: true };
  }
}

/** Numbers for SUM/MIN/MAX/AVERAGE: a range's text and booleans are skipped; typed ones are coerced. */
function numbers(host: EvalHost, args: Value[]): number[] | CellValue {
  const out: number[] = [];
  for (const { v, direct } of cellsOf(host, args)) {
    if (isError(v)) return v;
    if (typeof v === "number") out.push(v);
    else if (direct && v !== null) {
      const n = toNumber(v);
      if (isError(n)) return n;
      out.push(n);
    }
  }
  return out;
}

function aggregate(name: string, min: number, f: (xs: number[]) => CellValue): Fn {
  return (host, args) => {
    const bad = args.length < min ? arity(name, args, min, 255) : null;
    if (bad) return bad;
    const xs = numbers(host, args);
    return Array.isArray(xs) ? f(xs) : (xs as CellValue);
  };
}

function one(name: string, f: (v: CellValue, host: EvalHost) => Value): Fn {
  return (host, args) => arity(name, args, 1, 1) ?? f(scalar(host, args[0]!), host);
}

function round(x: number, digits: number): number {
  const m = 10 ** digits;
  // Half away from zero, as Sheets rounds; the epsilon absorbs binary noise (1.005 → 1.01).
  return (Math.sign(x) * Math.round(Math.abs(x) * m + 1e-9)) / m;
}

export const BUILTINS: Record<string, Fn> = {
  SUM: aggregate("SUM", 1, (xs) => xs.reduce((s, x) => s + x, 0)),
  MIN: aggregate("MIN", 1, (xs) => (xs.length ? xs.reduce((a, b) => Math.min(b, a)) : 0)),
  MAX: aggregate("MAX", 1, (xs) => (xs.length ? xs.reduce((a, b) => Math.max(b, a)) : 0)),
  AVERAGE: aggregate("AVERAGE", 1, (xs) =>
    xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : ERRORS.div0(),
  ),
  COUNT: (host, args) => {
    let n = 0;
    for (const { v } of cellsOf(host, args)) if (typeof v === "number") n++;
    return n;
  },
  COUNTA: (host, args) => {
    let n = 0;
    for (const { v } of cellsOf(host, args)) if (v !== null) n++;
    return n;
  },
  NOT: one("NOT", (v) => {
    const b = toBoolean(v);
    return isError(b) ? b : !b;
  }),
  ISBLANK: one("ISBLANK", (v) => v === null),
  ISNUMBER: one("ISNUMBER", (v) => typeof v === "number"),
  ISTEXT: one("ISTEXT", (v) => typeof v === "string"),
  ISERROR: one("ISERROR", (v) => isError(v)),
  ABS: one("ABS", (v) => {
    const n = toNumber(v);
    return isError(n) ? n : Math.abs(n);
  }),
  LEN: one("LEN", (v) => {
    const t = toText(v);
    return isError(t) ? t : t.length;
  }),
  ROUND: (host, args) => {
    const bad = arity("ROUND", args, 1, 2);
    if (bad) return bad;
    const x = toNumber(scalar(host, args[0]!));
    if (isError(x)) return x;
    const d = args.length > 1 ? toNumber(scalar(host, args[1]!)) : 0;
    if (isError(d)) return d;
    return round(x, Math.trunc(d));
  },
  TODAY: (host, args) => arity("TODAY", args, 0, 0) ?? Math.floor(msToSerial(host.now(), host.book.timeZone)),
  NOW: (host, args) => arity("NOW", args, 0, 0) ?? msToSerial(host.now(), host.book.timeZone),
  DATE: (host, args) => {
    const bad = arity("DATE", args, 3, 3);
    if (bad) return bad;
    const [y, m, d] = args.map((a) => toNumber(scalar(host, a)));
    for (const x of [y, m, d]) if (isError(x)) return x;
    let year = Math.trunc(y as number);
    if (year < 1900) year += 1900; // Sheets: a year below 1900 is added to 1900 [doc: DATE].
    return Date.UTC(year, Math.trunc(m as number) - 1, Math.trunc(d as number)) / 86_400_000 + 25569;
  },
  TEXT: (host, args) => {
    const bad = arity("TEXT", args, 2, 2);
    if (bad) return bad;
    const v = scalar(host, args[0]!);
    const f = toText(scalar(host, args[1]!));
    if (isError(v)) return v;
    if (isError(f)) return f;
    return formatDisplay(v ?? undefined, f, host.book.locale, host.book.timeZone);
  },
  INDEX: (host, args) => {
    const bad = arity("INDEX", args, 2, 3);
    if (bad) return bad;
    const g = grid(host, args[0]!);
    const r = toNumber(scalar(host, args[1]!));
    const c = args.length > 2 ? toNumber(scalar(host, args[2]!)) : 1;
    if (isError(r)) return r;
    if (isError(c)) return c;
    // [assumed] row or column 0 (the whole column/row) is not supported here.
    const v = g[Math.trunc(r) - 1]?.[Math.trunc(c) - 1];
    return v === undefined ? ERRORS.ref("Function INDEX parameter 2 value is out of range.") : v;
  },
  MATCH: (host, args) => {
    const bad = arity("MATCH", args, 2, 3);
    if (bad) return bad;
    const key = scalar(host, args[0]!);
    if (isError(key)) return key;
    const g = grid(host, args[1]!);
    const list = g.length === 1 ? g[0]! : g.map((row) => row[0] ?? null);
    const type = args.length > 2 ? toNumber(scalar(host, args[2]!)) : 1;
    if (isError(type)) return type;
    let found = -1;
    for (let i = 0; i < list.length; i++) {
      const d = compare(list[i]!, key);
      if (isError(d)) continue;
      if (type === 0) {
        if (d === 0 && list[i] !== null) {
          found = i;
          break;
        }
      } else if (type > 0 ? d <= 0 : d >= 0) found = i;
      else break;
    }
    return found < 0 ? ERRORS.na(`Did not find value '${toText(key)}' in MATCH evaluation.`) : found + 1;
  },
};

/** AND/OR: a range's text and empty cells are skipped; typed text must read as TRUE/FALSE. */
function logical(name: string, all: boolean): Fn {
  return (host, args) => {
    if (args.length === 0) return arity(name, args, 1, 255);
    let seen = false;
    for (const { v, direct } of cellsOf(host, args)) {
      if (v === null || (typeof v === "string" && !direct)) continue;
      const b = toBoolean(v);
      if (isError(b)) return b;
      seen = true;
      if (all && !b) return false;
      if (!all && b) return true;
    }
    return seen ? all : ERRORS.value(`${name} has no valid input data.`);
  };
}

BUILTINS["AND"] = logical("AND", true);
BUILTINS["OR"] = logical("OR", false);

export const LAZY_BUILTINS: Record<string, LazyFn> = {
  IF: (host, nodes) => {
    const bad = arity("IF", nodes, 2, 3);
    if (bad) return bad;
    const test = toBoolean(scalar(host, evaluate(host, nodes[0]!)));
    if (isError(test)) return test;
    if (test) return evaluate(host, nodes[1]!);
    return nodes.length > 2 ? evaluate(host, nodes[2]!) : false;
  },
  IFERROR: (host, nodes) => {
    const bad = arity("IFERROR", nodes, 1, 2);
    if (bad) return bad;
    const v = evaluate(host, nodes[0]!);
    const first = isRange(v) || Array.isArray(v) ? grid(host, v)[0]?.[0] : v;
    if (!isError(first)) return v;
    return nodes.length > 1 ? evaluate(host, nodes[1]!) : null;
  },
  IFNA: (host, nodes) => {
    const bad = arity("IFNA", nodes, 2, 2);
    if (bad) return bad;
    const v = evaluate(host, nodes[0]!);
    const first = scalar(host, v);
    return isError(first) && first.code === "#N/A" ? evaluate(host, nodes[1]!) : v;
  },
};
