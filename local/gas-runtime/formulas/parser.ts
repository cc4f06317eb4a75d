/**
 * Formula text → syntax tree. Covers what the add-on's templates write: calls with "," or ";"
 * between arguments (Russian-locale Sheets shows ";" [doc: Sheets uses the locale's separator];
 * both are accepted, numbers always use "." as Apps Script's setFormula does), A1 references and
 * ranges with an optional sheet ("Sheet!A1:B9", "'Sheet name'!A:A", "A2:C" open downwards,
 * "2:5" whole rows), named ranges, numbers, strings, TRUE/FALSE, parentheses, and the operators
 * = <> < > <= >= & + - * / ^, unary +/- and a trailing %.
 * Not parsed (a clear error names them): array literals {…}, R1C1 references.
 */
import { type A1Ref, parseCells } from "../spreadsheet/a1";

export type Node =
  | { kind: "num"; value: number }
  | { kind: "str"; value: string }
  | { kind: "bool"; value: boolean }
  | { kind: "ref"; ref: A1Ref; abs: RefAbsolute; text: string }
  | { kind: "name"; name: string }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "unary"; op: "-" | "+" | "%"; arg: Node }
  | { kind: "binary"; op: BinaryOp; left: Node; right: Node };

/** Which bounds of a reference carry "$" (they do not move when a formula is applied elsewhere). */
export interface RefAbsolute {
  r1: boolean;
  c1: boolean;
  r2: boolean;
  c2: boolean;
}

export type BinaryOp = "=" | "<>" | "<" | ">" | "<=" | ">=" | "&" | "+" | "-" | "*" | "/" | "^";

export class FormulaSyntaxError extends Error {
  constructor(formula: string, at: number, what: string) {
    super(`Formula parse error in ${formula} at character ${at + 1}: ${what}`);
    this.name = "FormulaSyntaxError";
  }
}

type Tok =
  | { t: "num"; v: number; at: number }
  | { t: "str"; v: string; at: number }
  | { t: "ref"; v: A1Ref; abs: RefAbsolute; text: string; at: number }
  | { t: "id"; v: string; at: number }
  | { t: "op"; v: string; at: number }
  | { t: "end"; at: number };

const LETTER = "A-Za-z_\\u00C0-\\u024F\\u0400-\\u04FF";
const SHEET_PREFIX = `(?:'(?:[^']|'')+'|[${LETTER}][${LETTER}0-9.]*)!`;
const CELL = "\\$?[A-Za-z]{1,3}\\$?\\d+";
const COL = "\\$?[A-Za-z]{1,3}";
const ROW = "\\$?\\d+";
// Longest forms first: A1:B2, A1:B (open), A:B, 1:2, A1.
const REF = new RegExp(
  `^(${SHEET_PREFIX})?(${CELL}:${CELL}|${CELL}:${COL}|${COL}:${COL}|${ROW}:${ROW}|${CELL})(?![${LETTER}0-9(!'])`,
);
const IDENT = new RegExp(`^[${LETTER}][${LETTER}0-9.]*`);
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const OPS = ["<>", "<=", ">=", "=", "<", ">", "&", "+", "-", "*", "/", "^", "%", "(", ")", ",", ";"];

function unquoteSheet(prefix: string): string {
  const body = prefix.slice(0, -1);
  return body.startsWith("'") ? body.slice(1, -1).replace(/''/g, "'") : body;
}

function absoluteFlags(cells: string): RefAbsolute {
  const [a, b = a] = cells.split(":") as [string, string?];
  const part = (x: string) => {
    const m = /^(\$?)([A-Za-z]*)(\$?)(\d*)$/.exec(x)!;
    // "$5" (a row alone) carries its "$" in the first group.
    return m[2] ? { col: m[1] === "$", row: m[3] === "$" } : { col: false, row: m[1] === "$" };
  };
  const p = part(a);
  const q = part(b as string);
  return { r1: p.row, c1: p.col, r2: q.row, c2: q.col };
}

function tokenize(src: string, formula: string, offset: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const at = i + offset;
    if (ch === '"') {
      let j = i + 1;
      let s = "";
      for (;;) {
        if (j >= src.length) throw new FormulaSyntaxError(formula, at, "a string is not closed");
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j];
        j++;
      }
      out.push({ t: "str", v: s, at });
      i = j + 1;
      continue;
    }
    const ref = REF.exec(rest);
    if (ref) {
      const cells = parseCells(ref[2]!.replace(/\$/g, ""));
      if (cells) {
        const v: A1Ref = ref[1] ? { sheetName: unquoteSheet(ref[1]), ...cells } : cells;
        out.push({ t: "ref", v, abs: absoluteFlags(ref[2]!), text: ref[0], at });
        i += ref[0].length;
        continue;
      }
    }
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ t: "num", v: Number(num[0]), at });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      out.push({ t: "id", v: id[0], at });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (op) {
      out.push({ t: "op", v: op, at });
      i += op.length;
      continue;
    }
    if (ch === "{") throw new FormulaSyntaxError(formula, at, "array literals {…} are not supported here");
    throw new FormulaSyntaxError(formula, at, `unexpected "${ch}"`);
  }
  out.push({ t: "end", at: src.length + offset });
  return out;
}

const COMPARE = new Set(["=", "<>", "<", ">", "<=", ">="]);

/** Parses "=…" (the leading "=" is optional). */
export function parseFormula(formula: string): Node {
  const lead = /^\s*=/.exec(formula);
  const src = lead ? formula.slice(lead[0].length) : formula;
  const toks = tokenize(src, formula, lead ? lead[0].length : 0);
  let p = 0;
  const peek = () => toks[p]!;
  const isOp = (v: string) => {
    const t = peek();
    return t.t === "op" && t.v === v;
  };
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new FormulaSyntaxError(formula, peek().at, `expected "${v}"`);
    p++;
  };

  const binaryLevel = (ops: Set<string>, next: () => Node) => (): Node => {
    let left = next();
    for (;;) {
      const t = peek();
      if (t.t !== "op" || !ops.has(t.v)) return left;
      p++;
      left = { kind: "binary", op: t.v as BinaryOp, left, right: next() };
    }
  };

  const primary = (): Node => {
    const t = peek();
    p++;
    switch (t.t) {
      case "num":
        return { kind: "num", value: t.v };
      case "str":
        return { kind: "str", value: t.v };
      case "ref":
        return { kind: "ref", ref: t.v, abs: t.abs, text: t.text };
      case "id": {
        if (isOp("(")) {
          p++;
          const args: Node[] = [];
          if (!isOp(")")) {
            for (;;) {
              // An empty argument ("IF(A1,,2)") is an empty value.
              if (isOp(",") || isOp(";") || isOp(")")) args.push({ kind: "str", value: "" });
              else args.push(comparison());
              if (isOp(",") || isOp(";")) {
                p++;
                continue;
              }
              break;
            }
          }
          expectOp(")");
          return { kind: "call", name: t.v.toUpperCase(), args };
        }
        const upper = t.v.toUpperCase();
        if (upper === "TRUE" || upper === "ИСТИНА") return { kind: "bool", value: true };
        if (upper === "FALSE" || upper === "ЛОЖЬ") return { kind: "bool", value: false };
        return { kind: "name", name: t.v };
      }
      case "op":
        if (t.v === "(") {
          const inner = comparison();
          expectOp(")");
          return inner;
        }
        throw new FormulaSyntaxError(formula, t.at, `unexpected "${t.v}"`);
      default:
        throw new FormulaSyntaxError(formula, t.at, "the formula ends too early");
    }
  };
  const postfix = (): Node => {
    let n = primary();
    while (isOp("%")) {
      p++;
      n = { kind: "unary", op: "%", arg: n };
    }
    return n;
  };
  const unary = (): Node => {
    if (isOp("-") || isOp("+")) {
      const op = (peek() as { v: string }).v as "-" | "+";
      p++;
      return { kind: "unary", op, arg: unary() };
    }
    return postfix();
  };
  const power = binaryLevel(new Set(["^"]), unary);
  const product = binaryLevel(new Set(["*", "/"]), power);
  const sum = binaryLevel(new Set(["+", "-"]), product);
  const concat = binaryLevel(new Set(["&"]), sum);
  const comparison = binaryLevel(COMPARE, concat);

  const tree = comparison();
  if (peek().t !== "end")
    throw new FormulaSyntaxError(formula, peek().at, "unexpected text after the formula");
  return tree;
}

/** Every reference and name a tree reads (its dependencies), and the functions it calls. */
export function collectRefs(node: Node, out: { refs: A1Ref[]; names: string[]; calls: string[] }): void {
  switch (node.kind) {
    case "ref":
      out.refs.push(node.ref);
      return;
    case "name":
      out.names.push(node.name);
      return;
    case "call":
      out.calls.push(node.name);
      for (const a of node.args) collectRefs(a, out);
      return;
    case "unary":
      collectRefs(node.arg, out);
      return;
    case "binary":
      collectRefs(node.left, out);
      collectRefs(node.right, out);
      return;
    default:
      return;
  }
}
