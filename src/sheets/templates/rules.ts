/**
 * Conditional highlights as data. Each rule tests one cell per row of its range (the tested
 * column) against a norm cell on the SAME sheet: Google Sheets' custom-formula rules can only
 * reference their own sheet [doc: Sheets help, "Use conditional formatting rules": "Formulas can
 * only reference the same sheet … To reference another sheet in the formula, use INDIRECT"], so
 * the board carries a "Norm" row whose cells are formulas over the Settings sheet's threshold
 * cells. Changing a threshold recalculates the norm cell, and Sheets re-evaluates the rules: the
 * colours follow without a rebuild.
 *
 * The same data gives (1) the rule's formula for whenFormulaSatisfied and (2) a pure evaluator,
 * used to freeze the colours into the shared read-only copy. Both follow isDeviation
 * (src/core/metrics/deviation.ts): bounds inclusive, 1e-9 tolerance, "below the department by
 * more than gap pp", no data (a non-number) never highlighted.
 */
import { columnLetter } from "../a1";
import { absA1, type Rect } from "./spec";

/** isDeviation's tolerance. */
export const EPS = 1e-9;
/** EPS as a formula literal. */
const EPS_TEXT = "1E-9";

export const COLORS = {
  breach: "#f4c7c3",
  breachText: "#a50e0e",
  fine: "#d9ead3",
  fineText: "#274e13",
  header: "#efefef",
  norm: "#fff2cc",
  input: "#e8f0fe",
  group: "#f3f3f3",
} as const;

export type Check =
  /** Breach when value > norm. */
  | { kind: "max"; norm: { row: number; col: number } }
  /** Breach when value < norm. */
  | { kind: "min"; norm: { row: number; col: number } }
  /**
   * Breach when the reference value (same column, `refRow` fixed, or `refCol` on the same row)
   * minus the value exceeds gap pp ÷ 100.
   */
  | { kind: "belowRef"; gap: { row: number; col: number }; refRow?: number; refCol?: number }
  /** Any number (the "fine" colour after the breach rule). */
  | { kind: "number" };

export interface RuleSpec {
  /** The coloured cells. */
  range: Rect;
  /** Which column of the same row is tested (may lie outside `range`: colour a row by one cell). */
  testCol: number;
  check: Check;
  background: string;
  fontColor?: string;
}

/**
 * The custom formula, written for the range's top-left cell with a relative row (Sheets shifts
 * relative references for every other cell of the range [doc]).
 */
export function ruleFormula(rule: RuleSpec): string {
  const r = rule.range.row;
  const v = `$${columnLetter(rule.testCol)}${r}`;
  const c = rule.check;
  switch (c.kind) {
    case "max":
      return `=AND(ISNUMBER(${v}),${v}-${absA1(c.norm.row, c.norm.col)}>${EPS_TEXT})`;
    case "min":
      return `=AND(ISNUMBER(${v}),${absA1(c.norm.row, c.norm.col)}-${v}>${EPS_TEXT})`;
    case "belowRef": {
      const ref =
        c.refRow !== undefined
          ? `$${columnLetter(rule.testCol)}$${c.refRow}`
          : `$${columnLetter(c.refCol!)}${r}`;
      return `=AND(ISNUMBER(${v}),ISNUMBER(${ref}),${ref}-${v}>${absA1(c.gap.row, c.gap.col)}/100+${EPS_TEXT})`;
    }
    case "number":
      return `=ISNUMBER(${v})`;
  }
}

/** Reads a cell of the sheet being evaluated (1-based row, column). */
export type CellReader = (row: number, col: number) => unknown;

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/** Does the rule colour the cell at (row, col)? Same logic as ruleFormula, in code. */
export function ruleMatches(rule: RuleSpec, row: number, col: number, read: CellReader): boolean {
  const { range } = rule;
  if (row < range.row || row >= range.row + range.rows || col < range.col || col >= range.col + range.cols)
    return false;
  const v = num(read(row, rule.testCol));
  if (v === null) return false;
  const c = rule.check;
  switch (c.kind) {
    case "number":
      return true;
    case "max": {
      const n = num(read(c.norm.row, c.norm.col)) ?? 0;
      return v - n > EPS;
    }
    case "min": {
      const n = num(read(c.norm.row, c.norm.col)) ?? 0;
      return n - v > EPS;
    }
    case "belowRef": {
      const ref = num(c.refRow !== undefined ? read(c.refRow, rule.testCol) : read(row, c.refCol!));
      if (ref === null) return false;
      const gap = num(read(c.gap.row, c.gap.col)) ?? 0;
      return ref - v > gap / 100 + EPS;
    }
  }
}

/** The colour a cell gets from the sheet's rules: the first rule that matches wins [doc]. */
export function effectiveRule(
  rules: readonly RuleSpec[],
  row: number,
  col: number,
  read: CellReader,
): RuleSpec | null {
  for (const r of rules) if (ruleMatches(r, row, col, read)) return r;
  return null;
}
