/**
 * A sheet template as data: which cells hold labels, inputs, formulas and formats, plus the
 * conditional rules, drop-downs, named ranges and protections. Pure (no Apps Script); the writer
 * in src/gas/templates materialises it with SpreadsheetApp, tests read it directly.
 *
 * Rows and columns are 1-based, as in Apps Script.
 */
import { columnLetter } from "../a1";
import type { CellValue } from "../cells";
import type { RuleSpec } from "./rules";

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ValueBlock {
  row: number;
  col: number;
  /** Strings are literal text (the writer makes sure they never become formulas). */
  values: CellValue[][];
}

export interface FormulaBlock {
  row: number;
  col: number;
  /** Our own formula text, English function names and comma separators (what setFormulas takes). */
  formulas: string[][];
}

export interface FormatSpec {
  rect: Rect;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  background?: string;
  fontColor?: string;
  fontSize?: number;
  wrap?: boolean;
}

export type ValidationRule =
  | { kind: "list"; values: string[] }
  | { kind: "date" }
  | { kind: "number"; min: number; max: number };

export interface InputCell {
  row: number;
  col: number;
  /** Written on the first build; a rebuild keeps whatever the user chose. */
  initial: CellValue;
}

export interface SheetTemplate {
  name: string;
  /** Grid size the sheet is grown to (never shrunk below what the user added). */
  rows: number;
  cols: number;
  values: ValueBlock[];
  formulas: FormulaBlock[];
  formats: FormatSpec[];
  columnWidths: { col: number; width: number }[];
  hiddenColumns: number[];
  frozenRows: number;
  /** In order: the first matching rule colours a cell (Sheets' documented precedence). */
  rules: RuleSpec[];
  validations: { rect: Rect; rule: ValidationRule; help?: string }[];
  namedRanges: { name: string; rect: Rect }[];
  /** Cells whose content a rebuild keeps (the user's filter choices, the last-sync stamp). */
  inputs: InputCell[];
  /** Left out of the warning-only protection that covers the rest of the sheet. */
  unprotected: Rect[];
  /** The description of our warning-only protection (also how a rebuild finds it). */
  protection: string;
  /**
   * The rectangle a rebuild owns: cleared and rewritten, and the conditional rules inside it are
   * replaced. Rules a user added outside it are kept.
   */
  managed: Rect;
}

export const rect = (row: number, col: number, rows = 1, cols = 1): Rect => ({ row, col, rows, cols });

/** "B7" or "B7:D9" (no sheet). */
export function a1Of(r: Rect): string {
  const from = `${columnLetter(r.col)}${r.row}`;
  if (r.rows === 1 && r.cols === 1) return from;
  return `${from}:${columnLetter(r.col + r.cols - 1)}${r.row + r.rows - 1}`;
}

/** "$B$7". */
export function absA1(row: number, col: number): string {
  return `$${columnLetter(col)}$${row}`;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** A sheet name in a formula: always quoted, inner quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
