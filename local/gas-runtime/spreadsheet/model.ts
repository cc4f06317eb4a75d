/**
 * The spreadsheet's state, with no Apps Script shapes: a workbook of sheets, each a grid of cells
 * stored row by row (so inserting, deleting and sorting rows moves a cell's value, formula, format,
 * note and validation together), plus the rectangles that must follow row/column edits (named
 * ranges, conditional-format ranges, the filter, protections, charts).
 *
 * Rows and columns are 1-based everywhere in this file, as in Apps Script.
 */
import { fail, MSG } from "../errors";
import type { ConditionSpec } from "./criteria";
import type { Scalar } from "./number-format";

export interface CellStyle {
  numberFormat?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontFamily?: string;
  fontSize?: number;
  fontLine?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrap?: boolean;
  wrapStrategy?: string;
  border?: boolean;
}

/** A rule from SpreadsheetApp.newDataValidation(), as stored on cells. */
export interface ValidationSpec {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

/** A rectangle that follows row and column inserts/deletes; `dead` once all of it is deleted. */
export class Anchor {
  dead = false;
  constructor(
    public r1: number,
    public c1: number,
    public r2: number,
    public c2: number,
  ) {}
}

export class Row {
  v: (Scalar | undefined)[] = [];
  f?: (string | undefined)[];
  s?: (CellStyle | undefined)[];
  n?: (string | undefined)[];
  dv?: (ValidationSpec | undefined)[];
  hiddenByUser = false;
  hiddenByFilter = false;
  height?: number;

  /** The per-column array `k`, created on first write. */
  col<K extends "f" | "s" | "n" | "dv">(k: K): NonNullable<Row[K]> {
    const self = this as unknown as Record<K, unknown[] | undefined>;
    self[k] ??= [];
    return self[k] as NonNullable<Row[K]>;
  }

  /** Every per-column array, for column inserts/deletes and sorts. */
  arrays(): unknown[][] {
    const out: unknown[][] = [this.v];
    if (this.f) out.push(this.f);
    if (this.s) out.push(this.s);
    if (this.n) out.push(this.n);
    if (this.dv) out.push(this.dv);
    return out;
  }
}

export interface FilterSpec {
  anchor: Anchor;
  /** Keyed by absolute column number. */
  criteria: Map<number, FilterCriteriaSpec>;
}

export interface FilterCriteriaSpec {
  hiddenValues?: string[];
  visibleValues?: string[];
  condition?: ConditionSpec;
}

export interface ConditionalRuleSpec {
  anchors: Anchor[];
  condition?: ConditionSpec;
  format: {
    background?: string;
    fontColor?: string;
    bold?: boolean;
    italic?: boolean;
    underline?: boolean;
    strikethrough?: boolean;
  };
  gradient?: Record<string, unknown>;
}

export interface ProtectionSpec {
  id: number;
  kind: "SHEET" | "RANGE";
  anchor: Anchor;
  description: string;
  warningOnly: boolean;
  editors: Set<string>;
  domainEdit: boolean;
  unprotected: Anchor[];
  removed: boolean;
}

export interface ChartSpec {
  id: number;
  type: string;
  anchors: Anchor[];
  /**
   * The sheet of each anchor: a chart may read ranges of any sheet of the spreadsheet
   * (EmbeddedChartBuilder.addRange takes any Range [V-doc]), not only the one it sits on.
   */
  sources: SheetModel[];
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Map<string, unknown>;
}

/** Moves a block of an array: insert `n` holes at index `at` (0-based). */
function insertHoles<T>(arr: T[], at: number, n: number): void {
  if (at >= arr.length) return;
  const old = arr.length;
  arr.length = old + n;
  for (let i = old - 1; i >= at; i--) arr[i + n] = arr[i]!;
  for (let i = at; i < at + n; i++) delete arr[i];
}

function removeBlock<T>(arr: T[], at: number, n: number): void {
  if (at >= arr.length) return;
  arr.splice(at, Math.min(n, arr.length - at));
}

export class SheetModel {
  rows: (Row | undefined)[] = [];
  colWidths: (number | undefined)[] = [];
  colHidden: (boolean | undefined)[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  readonly anchors = new Set<Anchor>();
  cfRules: ConditionalRuleSpec[] = [];
  filter: FilterSpec | undefined;
  protections: ProtectionSpec[] = [];
  charts: ChartSpec[] = [];
  tabColor: string | null = null;
  hidden = false;
  deleted = false;

  constructor(
    readonly book: SpreadsheetModel,
    readonly id: number,
    public name: string,
    public maxRows: number,
    public maxColumns: number,
  ) {}

  // ---- cells ---------------------------------------------------------------------------------

  row(r: number): Row | undefined {
    return this.rows[r - 1];
  }

  rowForWrite(r: number): Row {
    let row = this.rows[r - 1];
    if (!row) {
      row = new Row();
      this.rows[r - 1] = row;
    }
    return row;
  }

  value(r: number, c: number): Scalar | undefined {
    return this.rows[r - 1]?.v[c - 1];
  }

  formula(r: number, c: number): string | undefined {
    return this.rows[r - 1]?.f?.[c - 1];
  }

  style(r: number, c: number): CellStyle | undefined {
    return this.rows[r - 1]?.s?.[c - 1];
  }

  note(r: number, c: number): string | undefined {
    return this.rows[r - 1]?.n?.[c - 1];
  }

  validation(r: number, c: number): ValidationSpec | undefined {
    return this.rows[r - 1]?.dv?.[c - 1];
  }

  /** Sets value or formula (the other is cleared); an empty write clears both. */
  setContent(r: number, c: number, value: Scalar | undefined, formula: string | undefined): void {
    if (value === undefined && formula === undefined) {
      const row = this.rows[r - 1];
      if (!row) return;
      row.v[c - 1] = undefined;
      if (row.f) row.f[c - 1] = undefined;
      this.book.formulas?.written(this, r, c);
      return;
    }
    const row = this.rowForWrite(r);
    row.v[c - 1] = formula === undefined ? value : undefined;
    if (formula !== undefined) row.col("f")[c - 1] = formula;
    else if (row.f) row.f[c - 1] = undefined;
    this.book.formulas?.written(this, r, c);
  }

  patchStyle(r: number, c: number, patch: Partial<CellStyle> | null): void {
    if (patch === null) {
      const row = this.rows[r - 1];
      if (row?.s) row.s[c - 1] = undefined;
      return;
    }
    const row = this.rowForWrite(r);
    const s = row.col("s");
    const next: CellStyle = { ...s[c - 1], ...patch };
    for (const k of Object.keys(next) as (keyof CellStyle)[]) if (next[k] === undefined) delete next[k];
    s[c - 1] = Object.keys(next).length ? next : undefined;
  }

  setNote(r: number, c: number, note: string | undefined): void {
    if (note === undefined && !this.rows[r - 1]?.n) return;
    this.rowForWrite(r).col("n")[c - 1] = note || undefined;
  }

  setValidation(r: number, c: number, spec: ValidationSpec | undefined): void {
    if (spec === undefined && !this.rows[r - 1]?.dv) return;
    this.rowForWrite(r).col("dv")[c - 1] = spec;
  }

  hasContent(r: number, c: number): boolean {
    const row = this.rows[r - 1];
    return !!row && (row.v[c - 1] !== undefined || row.f?.[c - 1] !== undefined);
  }

  /** Last row with a value or formula; 0 for an empty sheet. */
  lastRow(): number {
    const spilled = this.book.formulas?.spillExtent(this).lastRow ?? 0;
    for (let r = this.rows.length; r > spilled; r--) {
      const row = this.rows[r - 1];
      if (row && (row.v.some((x) => x !== undefined) || row.f?.some((x) => x !== undefined))) return r;
    }
    return spilled;
  }

  lastColumn(): number {
    let last = this.book.formulas?.spillExtent(this).lastColumn ?? 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = Math.max(row.v.length, row.f?.length ?? 0); c > last; c--) {
        if (row.v[c - 1] !== undefined || row.f?.[c - 1] !== undefined) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  // ---- structure -----------------------------------------------------------------------------

  track(a: Anchor): Anchor {
    this.anchors.add(a);
    return a;
  }

  untrack(a: Anchor): void {
    this.anchors.delete(a);
  }

  /** Inserts `n` empty rows before row `before` (1-based; maxRows + 1 appends). */
  insertRows(before: number, n: number): void {
    if (n <= 0) return;
    this.book.ensureCells(n * this.maxColumns);
    insertHoles(this.rows, before - 1, n);
    this.maxRows += n;
    if (before <= this.frozenRows) this.frozenRows += n;
    for (const a of this.anchors) {
      if (before <= a.r1) {
        a.r1 += n;
        a.r2 += n;
      } else if (before <= a.r2) a.r2 += n;
    }
    this.book.formulas?.restructured(this);
  }

  deleteRows(first: number, n: number): void {
    if (first < 1 || n < 1 || first + n - 1 > this.maxRows) fail(MSG.rowsOutOfBounds);
    if (this.maxRows - n < 1 || this.maxRows - n <= this.frozenRows) fail(MSG.deleteAllRows);
    removeBlock(this.rows, first - 1, n);
    this.maxRows -= n;
    const last = first + n - 1;
    if (first <= this.frozenRows) this.frozenRows -= Math.min(this.frozenRows, last) - first + 1;
    for (const a of this.anchors) {
      const [s, e] = shrink(a.r1, a.r2, first, last);
      if (e < s) a.dead = true;
      else [a.r1, a.r2] = [s, e];
    }
    this.dropDeadAnchors();
    this.book.formulas?.restructured(this);
  }

  insertColumns(before: number, n: number): void {
    if (n <= 0) return;
    this.book.ensureCells(n * this.maxRows);
    for (const row of this.rows) if (row) for (const arr of row.arrays()) insertHoles(arr, before - 1, n);
    insertHoles(this.colWidths, before - 1, n);
    insertHoles(this.colHidden, before - 1, n);
    this.maxColumns += n;
    if (before <= this.frozenColumns) this.frozenColumns += n;
    for (const a of this.anchors) {
      if (before <= a.c1) {
        a.c1 += n;
        a.c2 += n;
      } else if (before <= a.c2) a.c2 += n;
    }
    if (this.filter) shiftKeys(this.filter.criteria, before, n);
    this.book.formulas?.restructured(this);
  }

  deleteColumns(first: number, n: number): void {
    if (first < 1 || n < 1 || first + n - 1 > this.maxColumns) fail(MSG.colsOutOfBounds);
    if (this.maxColumns - n < 1 || this.maxColumns - n <= this.frozenColumns) fail(MSG.deleteAllCols);
    for (const row of this.rows) if (row) for (const arr of row.arrays()) removeBlock(arr, first - 1, n);
    removeBlock(this.colWidths, first - 1, n);
    removeBlock(this.colHidden, first - 1, n);
    this.maxColumns -= n;
    const last = first + n - 1;
    if (first <= this.frozenColumns) this.frozenColumns -= Math.min(this.frozenColumns, last) - first + 1;
    for (const a of this.anchors) {
      const [s, e] = shrink(a.c1, a.c2, first, last);
      if (e < s) a.dead = true;
      else [a.c1, a.c2] = [s, e];
    }
    if (this.filter) {
      for (const col of [...this.filter.criteria.keys()])
        if (col >= first && col <= last) this.filter.criteria.delete(col);
      shiftKeys(this.filter.criteria, last + 1, -n);
    }
    this.dropDeadAnchors();
    this.book.formulas?.restructured(this);
  }

  /** Forgets rectangles whose every row or column was deleted (their owners drop them too). */
  private dropDeadAnchors(): void {
    for (const a of [...this.anchors]) if (a.dead) this.anchors.delete(a);
    this.cfRules = this.cfRules
      .map((rule) => ({ ...rule, anchors: rule.anchors.filter((a) => !a.dead) }))
      .filter((rule) => rule.anchors.length > 0);
    if (this.filter?.anchor.dead) this.filter = undefined;
    this.protections = this.protections.filter((p) => !p.anchor.dead);
    this.book.dropDeadNamedRanges();
  }

  /**
   * Reorders rows r1..r2 by `order` (order[i] = old row offset now at offset i), moving only
   * columns c1..c2: the cells outside the range stay where they are, as Range.sort does.
   */
  permuteRows(r1: number, c1: number, c2: number, order: number[]): void {
    const width = c2 - c1 + 1;
    const taken = order.map((_, i) => {
      const row = this.rows[r1 - 1 + i];
      return {
        v: row ? row.v.slice(c1 - 1, c2) : [],
        f: row?.f?.slice(c1 - 1, c2),
        s: row?.s?.slice(c1 - 1, c2),
        n: row?.n?.slice(c1 - 1, c2),
        dv: row?.dv?.slice(c1 - 1, c2),
      };
    });
    order.forEach((from, i) => {
      const src = taken[from]!;
      const r = r1 + i;
      if (!this.rows[r - 1] && src.v.every((x) => x === undefined) && !src.f && !src.s && !src.n && !src.dv)
        return;
      const row = this.rowForWrite(r);
      for (let k = 0; k < width; k++) {
        row.v[c1 - 1 + k] = src.v[k];
        if (src.f || row.f) row.col("f")[c1 - 1 + k] = src.f?.[k];
        if (src.s || row.s) row.col("s")[c1 - 1 + k] = src.s?.[k];
        if (src.n || row.n) row.col("n")[c1 - 1 + k] = src.n?.[k];
        if (src.dv || row.dv) row.col("dv")[c1 - 1 + k] = src.dv?.[k];
      }
    });
    this.book.formulas?.restructured(this);
  }

  cellCount(): number {
    return this.maxRows * this.maxColumns;
  }
}

/** New [start, end] of a span after deleting [first, last]; end < start when nothing is left. */
function shrink(start: number, end: number, first: number, last: number): [number, number] {
  const n = last - first + 1;
  const s = start > last ? start - n : Math.min(start, first);
  const e = end > last ? end - n : end >= first ? first - 1 : end;
  return [s, e];
}

function shiftKeys<V>(map: Map<number, V>, from: number, by: number): void {
  const moved = [...map.entries()].filter(([k]) => k >= from);
  for (const [k] of moved) map.delete(k);
  for (const [k, v] of moved) map.set(k + by, v);
}

/**
 * What the formula engine (formulas/engine.ts) needs to hear from the model; absent when the
 * runtime does not evaluate formulas.
 */
export interface FormulaHooks {
  /** A cell's value or formula was written (or cleared). */
  written(sheet: SheetModel, r: number, c: number): void;
  /** Rows/columns of the sheet moved (insert, delete, sort), or it was added or removed. */
  restructured(sheet: SheetModel): void;
  /** A sheet was added or got a new name. */
  sheetsRenamed(): void;
  /** A named range now covers other cells. */
  namesChanged(): void;
  /** A formula cell's computed value (errors as their code). */
  formulaValue(sheet: SheetModel, r: number, c: number): Scalar | undefined;
  /** The value a spill put in an empty cell. */
  spilledValue(sheet: SheetModel, r: number, c: number): Scalar | undefined;
  spillExtent(sheet: SheetModel): { lastRow: number; lastColumn: number };
}

export interface NamedRangeSpec {
  name: string;
  sheet: SheetModel;
  anchor: Anchor;
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  activeSheet: SheetModel | undefined;
  readonly namedRanges = new Map<string, NamedRangeSpec>();
  readonly toasts: { message: string; title: string; timeoutSeconds: number | null }[] = [];
  /** The formula engine, when the runtime evaluates formulas. */
  formulas: FormulaHooks | undefined;
  flushes = 0;
  private nextSheetId = 0;
  private nextObjectId = 1;

  constructor(
    readonly id: string,
    public name: string,
    public locale: "ru_RU" | "en_US",
    public timeZone: string,
    readonly cellLimit: number,
  ) {}

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.cellCount(), 0);
  }

  /** Refuses growth past the workbook's cell limit (10,000,000 in Google Sheets [V-doc]). */
  ensureCells(extra: number): void {
    if (extra > 0 && this.totalCells() + extra > this.cellLimit) fail(MSG.cellLimit);
  }

  /** The first sheet gets gid 0 as in Google Sheets; later ones get increasing ids. */
  newSheetId(): number {
    const id = this.nextSheetId;
    this.nextSheetId = id === 0 ? 1_000_000_001 : id + 7919;
    return id;
  }

  newObjectId(): number {
    return this.nextObjectId++;
  }

  addSheet(name: string, index: number, rows = 1000, cols = 26): SheetModel {
    if (this.sheetByName(name)) fail(MSG.duplicateSheet(name));
    this.ensureCells(rows * cols);
    const sheet = new SheetModel(this, this.newSheetId(), name, rows, cols);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    this.formulas?.sheetsRenamed();
    return sheet;
  }

  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length <= 1) fail(MSG.deleteLastSheet);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    sheet.deleted = true;
    for (const [name, nr] of this.namedRanges) if (nr.sheet === sheet) this.namedRanges.delete(name);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
    this.formulas?.restructured(sheet);
  }

  sheetByName(name: string): SheetModel | undefined {
    // Sheet names are matched case-insensitively in Sheets (no two may differ only by case).
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  active(): SheetModel {
    return this.activeSheet && !this.activeSheet.deleted ? this.activeSheet : this.sheets[0]!;
  }

  /** Named ranges whose cells were all deleted disappear [assumed: Sheets shows #REF! instead]. */
  dropDeadNamedRanges(): void {
    for (const [name, nr] of this.namedRanges) if (nr.anchor.dead) this.namedRanges.delete(name);
  }
}
