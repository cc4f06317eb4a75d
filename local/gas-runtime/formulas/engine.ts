/**
 * The runtime's formula engine: keeps each formula cell's computed value (and its spill), knows
 * which cells each formula reads, and re-evaluates dependents when an input changes, as Sheets
 * recalculates after an edit.
 *
 * - Dependencies are rectangles (A1 refs, ranges, whole columns, named ranges resolved to their
 *   current rectangle), indexed per sheet by column, so a write finds its dependents by overlap
 *   instead of scanning every formula. A write to a sheet no formula reads costs two map lookups.
 * - Writes only mark formulas dirty (transitively, through spill areas too); the dirty set is
 *   evaluated at the next read of any cell of the book, which is when a script or test can first
 *   observe it (Sheets recalculates asynchronously after the edit).
 * - Volatile TODAY/NOW are re-evaluated after every write [doc: Sheets' default recalculation
 *   setting "On change"].
 * - Row/column inserts and deletes, sorts, sheet renames and named-range edits re-resolve every
 *   dependency and re-evaluate the formulas on or reading the changed sheet. Formula TEXT is not
 *   rewritten on inserts (Sheets shifts "A5" to "A6"): approximation, named ranges do follow.
 */
import type { RuntimeEnv } from "../env";
import type { A1Ref } from "../spreadsheet/a1";
import type { FormulaHooks, SheetModel, SpreadsheetModel } from "../spreadsheet/model";
import { isDateFormat, type Scalar } from "../spreadsheet/number-format";
import { type EvalHost, evaluate, namedRange, rangeCells, resolveRef } from "./evaluate";
import { collectRefs, FormulaSyntaxError, type Node, parseFormula } from "./parser";
import { fromScript, toScalar } from "./script-values";
import { dropSpill, placeSpill } from "./spill";
import {
  CLEAN,
  type Dep,
  DIRTY,
  EVALUATING,
  type FormulaCell,
  inside,
  key,
  REMOVED,
  type Rect,
  SheetIndex,
  WIDE,
} from "./state";
import { type CellValue, ERRORS, FormulaError, isError, isRange, type Value } from "./values";

export type { FormulaCell };
export { fromScript };

export interface EngineDeps {
  env: RuntimeEnv;
  book: SpreadsheetModel;
  /** Upper-case formula name → script function name. */
  customFunctions: Map<string, string>;
  /** Runs a custom function as one custom-function execution; returns its host value or throws. */
  runCustomFunction(name: string, args: unknown[]): unknown;
}

const CIRCULAR = () =>
  ERRORS.ref("Circular dependency detected. To resolve with iterative calculation, see File > Settings.");

const VOLATILE = new Set(["NOW", "TODAY", "RAND", "RANDBETWEEN"]);

export class FormulaEngine implements FormulaHooks {
  private readonly indexes = new Map<SheetModel, SheetIndex>();
  private readonly dirty = new Set<FormulaCell>();
  private readonly volatile = new Set<FormulaCell>();
  private readonly trees = new Map<string, Node | FormulaError>();
  private flushing = false;
  /** Formula evaluations so far (a test can prove an unrelated write evaluates nothing). */
  evaluations = 0;
  /** Custom-function executions so far. */
  customCalls = 0;

  constructor(private readonly deps: EngineDeps) {
    const { book } = deps;
    // Named ranges are edited in several places; watching the map itself catches all of them.
    const names = book.namedRanges;
    const set = names.set.bind(names);
    const del = names.delete.bind(names);
    names.set = (k, v) => {
      set(k, v);
      this.namesChanged();
      return names;
    };
    names.delete = (k) => {
      const out = del(k);
      if (out) this.namesChanged();
      return out;
    };
    for (const sheet of book.sheets) this.rescan(sheet);
    this.reindex(() => false);
  }

  // ---- hooks the model calls ------------------------------------------------------------------

  written(sheet: SheetModel, r: number, c: number): void {
    // Called for every cell a script writes (millions in a sync): the common case, a plain value
    // on a sheet without formulas or spills, must cost a few lookups.
    const text = sheet.formula(r, c);
    const idx = text === undefined ? this.indexes.get(sheet) : this.index(sheet);
    if (idx) {
      const k = key(r, c);
      if (idx.formulas.size > 0 || text !== undefined) {
        const old = idx.formulas.get(k);
        if (old && old.text !== text) this.remove(old, idx);
        if (text !== undefined) {
          if (old && old.text === text) this.markDirty(old);
          else this.add(sheet, r, c, text, idx, true);
        }
      }
      if (idx.spills.size > 0) {
        const owner = idx.spills.get(k);
        if (owner) this.markDirty(owner);
      }
      if (idx.blocked.size > 0) {
        for (const b of idx.blocked) if (b.blocked && inside(b.blocked, r, c)) this.markDirty(b);
      }
      const bucket = idx.byColumn.get(c);
      if (bucket) {
        for (const d of bucket) if (d.cell.state === CLEAN && d.r1 <= r && r <= d.r2) this.markDirty(d.cell);
      }
      for (const d of idx.wide) {
        if (d.cell.state === CLEAN && d.r1 <= r && r <= d.r2 && d.c1 <= c && c <= d.c2)
          this.markDirty(d.cell);
      }
    }
    if (this.volatile.size > 0) for (const v of this.volatile) this.markDirty(v);
  }

  restructured(sheet: SheetModel): void {
    this.rescan(sheet);
    this.reindex((fc) => fc.sheet === sheet || fc.deps.some((d) => d.sheet === sheet));
  }

  /** A sheet was added or renamed: references by sheet name may now point elsewhere. */
  sheetsRenamed(): void {
    this.reindex((fc) => fc.sheetSensitive);
  }

  namesChanged(): void {
    this.reindex((fc) => fc.usesNames);
  }

  /** What a formula cell reads as (getValue's scalar): errors as their code, empty as undefined. */
  formulaValue(sheet: SheetModel, r: number, c: number): Scalar | undefined {
    // Everything pending first: a formula evaluated before the one whose spill it reads is marked
    // again when that spill appears, and the flush loop only ends once nothing is pending.
    this.flush();
    const fc = this.indexes.get(sheet)?.formulas.get(key(r, c));
    if (!fc) return undefined;
    return toScalar(this.valueOf(fc));
  }

  /** The value a spill put in an otherwise empty cell. */
  spilledValue(sheet: SheetModel, r: number, c: number): Scalar | undefined {
    const idx = this.indexes.get(sheet);
    if (!idx || (idx.spills.size === 0 && idx.dirty.size === 0)) return undefined;
    this.flush();
    return toScalar(this.read(sheet, r, c));
  }

  /** The bottom row and right column spills reach (getLastRow/getLastColumn count them). */
  spillExtent(sheet: SheetModel): { lastRow: number; lastColumn: number } {
    let lastRow = 0;
    let lastColumn = 0;
    const idx = this.indexes.get(sheet);
    if (!idx || (idx.spills.size === 0 && idx.dirty.size === 0)) return { lastRow, lastColumn };
    this.flush();
    for (const fc of idx.formulas.values()) {
      if (!fc.spill) continue;
      lastRow = Math.max(lastRow, fc.r + fc.spill.rows - 1);
      lastColumn = Math.max(lastColumn, fc.c + fc.spill.cols - 1);
    }
    return { lastRow, lastColumn };
  }

  // ---- API for the runtime and tests ----------------------------------------------------------

  /** Re-evaluates every formula (Sheets' full recalculation). */
  recalculate(): void {
    for (const idx of this.indexes.values()) for (const fc of idx.formulas.values()) this.markDirty(fc);
    this.flush();
  }

  /** The error a formula cell shows, with the tooltip message; undefined when it has none. */
  errorAt(sheet: SheetModel, r: number, c: number): { code: string; message: string } | undefined {
    this.flush();
    const fc = this.indexes.get(sheet)?.formulas.get(key(r, c));
    const v = fc ? this.valueOf(fc) : undefined;
    return v instanceof FormulaError ? { code: v.code, message: v.message } : undefined;
  }

  /** A host to evaluate a formula that is not in a cell (conditional formats), shifted by `shift`. */
  host(sheet: SheetModel, shift?: { rows: number; cols: number }): EvalHost {
    const host: EvalHost = {
      book: this.deps.book,
      sheet,
      cell: (s, r, c) => this.read(s, r, c),
      isDate: (s, r, c) => isDateFormat(s.style(r, c)?.numberFormat),
      customName: (name) => this.deps.customFunctions.get(name),
      callCustom: (name, args) => this.callCustom(name, args),
      now: () => this.deps.env.clock.now(),
    };
    return shift ? { ...host, shift } : host;
  }

  parse(text: string): Node | FormulaError {
    let tree = this.trees.get(text);
    if (tree === undefined) {
      try {
        tree = parseFormula(text);
      } catch (e) {
        if (!(e instanceof FormulaSyntaxError)) throw e;
        tree = new FormulaError("#ERROR!", e.message);
      }
      this.trees.set(text, tree);
    }
    return tree;
  }

  /** Evaluates all pending formulas now. */
  flush(): void {
    if (this.flushing || this.dirty.size === 0) return;
    this.flushing = true;
    try {
      while (this.dirty.size > 0) {
        const next = this.dirty.values().next().value as FormulaCell;
        this.valueOf(next);
        this.clean(next);
      }
    } finally {
      this.flushing = false;
    }
  }

  private clean(fc: FormulaCell): void {
    this.dirty.delete(fc);
    this.indexes.get(fc.sheet)?.dirty.delete(fc);
  }

  // ---- internals ------------------------------------------------------------------------------

  private index(sheet: SheetModel): SheetIndex {
    let idx = this.indexes.get(sheet);
    if (!idx) {
      idx = new SheetIndex();
      this.indexes.set(sheet, idx);
    }
    return idx;
  }

  /** A cell's value as formulas see it: a formula's result, a spilled value, or the stored value. */
  private read(sheet: SheetModel, r: number, c: number): CellValue {
    const idx = this.indexes.get(sheet);
    const k = key(r, c);
    const fc = idx?.formulas.get(k);
    if (fc) return this.valueOf(fc);
    const v = sheet.value(r, c);
    if (v !== undefined) return v;
    let owner = idx?.spills.get(k);
    if (owner && owner.state !== CLEAN) {
      this.valueOf(owner);
      owner = idx?.spills.get(k);
    }
    if (owner?.spill) return owner.spill.values[r - owner.r]?.[c - owner.c] ?? null;
    return null;
  }

  private valueOf(fc: FormulaCell): CellValue {
    if (fc.state === EVALUATING) return CIRCULAR();
    if (fc.state === DIRTY) this.compute(fc);
    return fc.value;
  }

  private compute(fc: FormulaCell): void {
    fc.state = EVALUATING;
    this.evaluations++;
    const idx = this.index(fc.sheet);
    const before = fc.spill ? { rows: fc.spill.rows, cols: fc.spill.cols } : undefined;
    dropSpill(fc, idx);
    let result: Value;
    try {
      result = fc.tree instanceof FormulaError ? fc.tree : evaluate(this.host(fc.sheet), fc.tree);
    } catch (e) {
      result = new FormulaError("#ERROR!", e instanceof Error ? e.message : String(e));
    }
    let g: CellValue[][] | undefined;
    if (isRange(result)) {
      g =
        result.r1 === result.r2 && result.c1 === result.c2
          ? undefined
          : rangeCells(this.host(fc.sheet), result);
      if (!g) result = this.read(result.sheet, result.r1, result.c1);
    } else if (Array.isArray(result)) {
      if (result.length === 1 && result[0]!.length === 1) result = result[0]![0]!;
      else g = result;
    }
    if (g) fc.value = placeSpill(fc, idx, g);
    else fc.value = result as CellValue;
    if (fc.state !== REMOVED) fc.state = CLEAN;
    this.clean(fc);
    const after = fc.spill ? { rows: fc.spill.rows, cols: fc.spill.cols } : undefined;
    if (after && (before?.rows !== after.rows || before?.cols !== after.cols)) {
      this.markDependents(fc.sheet, fc.r, fc.c, fc.r + after.rows - 1, fc.c + after.cols - 1, fc);
    }
  }

  private markDirty(start: FormulaCell): void {
    const stack = [start];
    while (stack.length > 0) {
      const fc = stack.pop()!;
      if (fc.state !== CLEAN) continue;
      fc.state = DIRTY;
      this.dirty.add(fc);
      this.indexes.get(fc.sheet)?.dirty.add(fc);
      const rows = fc.spill?.rows ?? 1;
      const cols = fc.spill?.cols ?? 1;
      this.eachDependent(fc.sheet, fc.r, fc.c, fc.r + rows - 1, fc.c + cols - 1, (d) => {
        if (d.state === CLEAN) stack.push(d);
      });
    }
  }

  private markDependents(
    s: SheetModel,
    r1: number,
    c1: number,
    r2: number,
    c2: number,
    except?: FormulaCell,
  ) {
    this.eachDependent(s, r1, c1, r2, c2, (d) => {
      if (d !== except) this.markDirty(d);
    });
  }

  /** Formulas that read any cell of the rectangle (found by the column index). */
  private eachDependent(
    s: SheetModel,
    r1: number,
    c1: number,
    r2: number,
    c2: number,
    visit: (fc: FormulaCell) => void,
  ): void {
    const idx = this.indexes.get(s);
    if (!idx) return;
    const hit = (d: Dep) => d.r1 <= r2 && r1 <= d.r2 && d.c1 <= c2 && c1 <= d.c2;
    for (const d of idx.wide) if (hit(d)) visit(d.cell);
    if (idx.byColumn.size === 0) return;
    for (let c = c1; c <= c2; c++) {
      const bucket = idx.byColumn.get(c);
      if (bucket) for (const d of bucket) if (hit(d)) visit(d.cell);
    }
  }

  private add(sheet: SheetModel, r: number, c: number, text: string, idx: SheetIndex, index: boolean) {
    const tree = this.parse(text);
    const fc: FormulaCell = {
      sheet,
      r,
      c,
      text,
      tree,
      deps: [],
      usesNames: false,
      sheetSensitive: false,
      value: null,
      spill: undefined,
      blocked: undefined,
      state: CLEAN,
    };
    idx.formulas.set(key(r, c), fc);
    if (index) this.resolveDeps(fc);
    this.markDirty(fc);
  }

  private remove(fc: FormulaCell, idx: SheetIndex): void {
    this.markDirty(fc); // its readers must see the new content
    this.unindex(fc);
    dropSpill(fc, idx);
    idx.formulas.delete(key(fc.r, fc.c));
    this.clean(fc);
    this.volatile.delete(fc);
    fc.state = REMOVED;
  }

  /** Re-reads the formulas of one sheet (after rows/columns moved, or the sheet was removed). */
  private rescan(sheet: SheetModel): void {
    const idx = this.index(sheet);
    for (const fc of idx.formulas.values()) {
      this.clean(fc);
      this.volatile.delete(fc);
      fc.state = REMOVED;
    }
    idx.formulas.clear();
    idx.spills.clear();
    idx.blocked.clear();
    if (sheet.deleted) {
      this.indexes.delete(sheet);
      return;
    }
    sheet.rows.forEach((row, i) => {
      row?.f?.forEach((text, j) => {
        if (text !== undefined) this.add(sheet, i + 1, j + 1, text, idx, false);
      });
    });
  }

  /** Rebuilds every dependency rectangle; formulas for which `affected` holds are re-evaluated. */
  private reindex(affected: (fc: FormulaCell) => boolean): void {
    const all: FormulaCell[] = [];
    for (const [sheet, idx] of this.indexes) {
      if (sheet.deleted) continue;
      idx.byColumn = new Map();
      idx.wide = [];
      for (const fc of idx.formulas.values()) all.push(fc);
    }
    for (const sheet of [...this.indexes.keys()]) if (sheet.deleted) this.indexes.delete(sheet);
    const hit = all.filter(affected);
    for (const fc of all) this.resolveDeps(fc);
    for (const fc of all) if (affected(fc)) hit.push(fc);
    for (const fc of hit) this.markDirty(fc);
  }

  private resolveDeps(fc: FormulaCell): void {
    this.unindex(fc);
    fc.deps = [];
    fc.usesNames = false;
    fc.sheetSensitive = false;
    if (fc.tree instanceof FormulaError) return;
    const found = { refs: [] as A1Ref[], names: [] as string[], calls: [] as string[] };
    collectRefs(fc.tree, found);
    const host = this.host(fc.sheet);
    const rects: Rect[] = [];
    for (const ref of found.refs) {
      const v = resolveRef(host, ref);
      if (ref.sheetName !== undefined || isError(v)) fc.sheetSensitive = true;
      if (!isError(v)) rects.push(v);
    }
    for (const name of found.names) {
      fc.usesNames = true;
      const v = namedRange(host, name);
      if (!isError(v)) rects.push(v);
    }
    if (found.calls.some((n) => VOLATILE.has(n))) this.volatile.add(fc);
    fc.deps = rects.map((r) => ({ sheet: r.sheet, r1: r.r1, c1: r.c1, r2: r.r2, c2: r.c2 }));
    for (const rect of fc.deps) {
      const idx = this.index(rect.sheet);
      const dep: Dep = { ...rect, cell: fc };
      if (rect.c2 - rect.c1 + 1 > WIDE) idx.wide.push(dep);
      else {
        for (let c = rect.c1; c <= rect.c2; c++) {
          const bucket = idx.byColumn.get(c);
          if (bucket) bucket.push(dep);
          else idx.byColumn.set(c, [dep]);
        }
      }
    }
  }

  private unindex(fc: FormulaCell): void {
    for (const rect of fc.deps) {
      const idx = this.indexes.get(rect.sheet);
      if (!idx) continue;
      if (rect.c2 - rect.c1 + 1 > WIDE) idx.wide = idx.wide.filter((d) => d.cell !== fc);
      else {
        for (let c = rect.c1; c <= rect.c2; c++) {
          const bucket = idx.byColumn.get(c);
          if (bucket)
            idx.byColumn.set(
              c,
              bucket.filter((d) => d.cell !== fc),
            );
        }
      }
    }
  }

  private callCustom(name: string, args: unknown[]): Value {
    this.customCalls++;
    let out: unknown;
    try {
      out = this.deps.runCustomFunction(name, args);
    } catch (e) {
      // The cell shows #ERROR! and the thrown message as its tooltip [doc].
      return new FormulaError("#ERROR!", e instanceof Error ? e.message : String(e));
    }
    return fromScript(out, this.deps.book.timeZone);
  }
}
