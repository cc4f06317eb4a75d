/** The engine's records: one per formula cell, and per sheet the maps that find them fast. */
import type { SheetModel } from "../spreadsheet/model";
import type { Node } from "./parser";
import type { CellValue, FormulaError } from "./values";

export const KEY = 32_768; // above Sheets' 18,278 columns
export const key = (r: number, c: number) => r * KEY + c;

export const CLEAN = 0;
export const DIRTY = 1;
export const EVALUATING = 2;
export const REMOVED = 3;

export interface Rect {
  sheet: SheetModel;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface Spill {
  rows: number;
  cols: number;
  values: CellValue[][];
}

export interface FormulaCell {
  sheet: SheetModel;
  r: number;
  c: number;
  text: string;
  tree: Node | FormulaError;
  deps: Rect[];
  usesNames: boolean;
  /** Some reference names a sheet, or did not resolve: sheet adds/renames may change it. */
  sheetSensitive: boolean;
  value: CellValue;
  spill: Spill | undefined;
  /** The area a blocked spill wanted (#REF!): clearing a cell in it re-evaluates the formula. */
  blocked: Rect | undefined;
  state: number;
}

export interface Dep extends Rect {
  cell: FormulaCell;
}

/** Deps wider than this go to one list instead of a bucket per column. */
export const WIDE = 64;

export class SheetIndex {
  readonly formulas = new Map<number, FormulaCell>();
  /** This sheet's formulas waiting for evaluation. */
  readonly dirty = new Set<FormulaCell>();
  readonly spills = new Map<number, FormulaCell>();
  readonly blocked = new Set<FormulaCell>();
  byColumn = new Map<number, Dep[]>();
  wide: Dep[] = [];
}

export function inside(r: Rect, row: number, col: number): boolean {
  return row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2;
}
