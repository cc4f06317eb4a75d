/**
 * An in-memory spreadsheet behind SheetPort, behaving like Google Sheets where the writers care:
 *
 * - a 2-D grid per sheet with a max size that grows on write; rows carry a hidden flag and move
 *   whole (all columns) when the "user" sorts; columns carry their number format and move whole
 *   when the user inserts, deletes or moves columns;
 * - it executes the same write plan as the GAS port (src/sheets/write-plan.ts) and stores each
 *   request the way Sheets does for that path: RAW keeps strings verbatim (an apostrophe too) and
 *   stores numbers in a date-formatted column as dates; USER_ENTERED parses strings as typing does
 *   (a leading apostrophe forces text and is dropped; `=`, `+`, `-`, `@` and their full-width forms
 *   start a formula unless the text is a plain number; numbers, "1,2", times, ISO dates and
 *   TRUE/FALSE are converted; a cell formatted as plain text "@" keeps the string as typed,
 *   apostrophe included). Formulas are kept as { f } cells so tests can assert there are none;
 * - reads return Date objects for date cells, "" for empty cells, like getValues.
 *
 * The user's actions (sort, hide, filter, insert/move/delete columns, rename headers, paste a
 * duplicate row, type into a cell) are methods here, not part of the port.
 */
import { type CellValue, instantToSerial, serialToInstant } from "../../src/sheets/cells";
import {
  type Block,
  emptyStats,
  type PortStats,
  rowRuns,
  SheetCapacityError,
  type SheetPort,
  type SheetSpec,
  type WritePath,
} from "../../src/sheets/port";
import { countRanges, planWrites } from "../../src/sheets/write-plan";

export type FakeCell = string | number | boolean | { f: string } | { serial: number } | undefined;

interface FakeRow {
  cells: FakeCell[];
  hidden: boolean;
}

interface FakeSheet {
  rows: FakeRow[];
  formats: (string | null)[];
  maxRows: number;
  maxCols: number;
  frozenRows: number;
}

export interface WrittenRange {
  sheet: string;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  path: WritePath;
}

export interface FakeOptions {
  path?: WritePath;
  timeZone?: string;
  maxCellsPerRequest?: number;
  cellLimit?: number;
}

function isDateFormat(fmt: string | null | undefined): boolean {
  return !!fmt && fmt !== "@" && /y|d|h:mm/i.test(fmt);
}

const NUMBER_TEXT = /^\s*[+-]?\d+([.,]\d+)?\s*$/;
const FORMULA_LEAD = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

export class FakeSpreadsheet implements SheetPort {
  readonly stats: PortStats = emptyStats();
  readonly timeZone: string;
  readonly path: WritePath;
  readonly sheets = new Map<string, FakeSheet>();
  readonly namedRanges = new Map<
    string,
    { sheet: string; row: number; col: number; numRows: number; numCols: number }
  >();
  readonly written: WrittenRange[] = [];
  private readonly opts: FakeOptions;

  constructor(opts: FakeOptions = {}) {
    this.opts = opts;
    this.path = opts.path ?? "raw";
    this.timeZone = opts.timeZone ?? "Europe/Moscow";
  }

  // ---------------------------------------------------------------- port

  private sheet(name: string): FakeSheet {
    const s = this.sheets.get(name);
    if (!s) throw new Error(`sheet ${name} not found`);
    return s;
  }

  hasSheet(name: string): boolean {
    return this.sheets.has(name);
  }

  resetSheet(name: string, spec: SheetSpec): void {
    const s: FakeSheet = {
      rows: [],
      formats: spec.numberFormats.map((f) => f ?? null),
      maxRows: Math.max(2, spec.rows),
      maxCols: Math.max(1, spec.headers.length),
      frozenRows: 1,
    };
    this.sheets.set(name, s);
    this.writeBlocks(name, [{ row: 1, col: 1, values: [spec.headers] }]);
  }

  formatColumns(name: string, formats: { col: number; numberFormat: string }[]): void {
    const s = this.sheet(name);
    for (const f of formats) s.formats[f.col - 1] = f.numberFormat;
  }

  lastRow(name: string): number {
    const s = this.sheet(name);
    for (let r = s.rows.length; r >= 1; r--) {
      if (s.rows[r - 1]!.cells.some((c) => c !== undefined && c !== "")) return r;
    }
    return 0;
  }

  lastColumn(name: string): number {
    const s = this.sheet(name);
    let last = 0;
    for (const row of s.rows) {
      for (let c = row.cells.length; c > last; c--) {
        const v = row.cells[c - 1];
        if (v !== undefined && v !== "") {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  readRow(name: string, row: number): CellValue[] {
    const n = this.lastColumn(name);
    this.stats.readRequests++;
    this.stats.cellsRead += n;
    const out: CellValue[] = [];
    for (let c = 1; c <= n; c++) out.push(this.get(name, row, c));
    return out;
  }

  readColumn(name: string, col: number, fromRow: number): CellValue[] {
    const last = this.lastRow(name);
    const out: CellValue[] = [];
    this.stats.readRequests++;
    for (let r = fromRow; r <= last; r++) out.push(this.get(name, r, col));
    this.stats.cellsRead += out.length;
    return out;
  }

  /** One request for all the columns, like values.batchGet (dates come back as readColumn gives them). */
  readColumns(reads: readonly { sheet: string; col: number; fromRow: number }[]): CellValue[][] {
    const out = reads.map((r) => this.readColumn(r.sheet, r.col, r.fromRow));
    this.stats.readRequests -= Math.max(0, reads.length - 1);
    return out;
  }

  readBlock(name: string, row: number, col: number, numRows: number, numCols: number): CellValue[][] {
    this.stats.readRequests++;
    this.stats.cellsRead += numRows * numCols;
    const out: CellValue[][] = [];
    for (let r = 0; r < numRows; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c < numCols; c++) line.push(this.get(name, row + r, col + c));
      out.push(line);
    }
    return out;
  }

  writeBlocks(name: string, blocks: readonly Block[]): void {
    const s = this.sheet(name);
    let rows = 0;
    let cols = 0;
    for (const b of blocks) {
      rows = Math.max(rows, b.row + b.values.length - 1);
      cols = Math.max(cols, b.col + (b.values[0]?.length ?? 0) - 1);
    }
    this.grow(name, s, rows, cols);
    const plan = planWrites(name, blocks, {
      path: this.path,
      timeZone: this.timeZone,
      ...(this.opts.maxCellsPerRequest ? { maxCellsPerRequest: this.opts.maxCellsPerRequest } : {}),
    });
    for (const req of plan) {
      if (req.path === "raw") {
        for (const d of req.data) {
          const { row, col } = parseA1Start(d.range, name);
          d.values.forEach((line, i) => {
            line.forEach((v, j) => {
              this.store(s, row + i, col + j, this.storeRaw(v, s.formats[col + j - 1]));
            });
          });
          this.written.push({
            sheet: name,
            row,
            col,
            numRows: d.values.length,
            numCols: d.values[0]!.length,
            path: "raw",
          });
        }
      } else {
        req.values.forEach((line, i) => {
          line.forEach((v, j) => {
            this.store(s, req.row + i, req.col + j, this.storeEntered(v, s.formats[req.col + j - 1]));
          });
        });
        this.written.push({
          sheet: name,
          row: req.row,
          col: req.col,
          numRows: req.values.length,
          numCols: req.values[0]!.length,
          path: "entered",
        });
      }
      this.stats.writeRequests++;
      this.stats.cellsWritten += req.cells;
    }
    this.stats.rangesWritten += countRanges(plan);
  }

  deleteRows(name: string, rows: readonly number[]): void {
    const s = this.sheet(name);
    const runs = rowRuns(rows);
    if (runs.length === 0) return;
    let prev = Number.POSITIVE_INFINITY;
    for (const r of runs) {
      if (r.start + r.count - 1 >= prev) throw new Error("runs must be deleted bottom-up");
      prev = r.start;
      if (r.start <= s.frozenRows) throw new Error("cannot delete the header row");
      s.rows.splice(r.start - 1, r.count);
      s.maxRows -= r.count;
      this.stats.rowsDeleted += r.count;
    }
    s.maxRows = Math.max(s.maxRows, s.frozenRows + 1);
    this.stats.deleteRequests += this.path === "raw" ? 1 : runs.length;
  }

  setNamedRange(
    name: string,
    sheet: string,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
  ): void {
    this.sheet(sheet);
    this.namedRanges.set(name, { sheet, row, col, numRows, numCols });
  }

  // ---------------------------------------------------------------- storage semantics

  private grow(name: string, s: FakeSheet, rows: number, cols: number): void {
    const newRows = Math.max(rows, s.maxRows);
    const newCols = Math.max(cols, s.maxCols);
    if (newRows === s.maxRows && newCols === s.maxCols) return;
    const limit = this.opts.cellLimit;
    if (limit !== undefined) {
      let total = 0;
      for (const [n, other] of this.sheets) if (n !== name) total += other.maxRows * other.maxCols;
      total += newRows * newCols;
      if (total > limit) throw new SheetCapacityError(name, total, limit);
    }
    s.maxRows = newRows;
    s.maxCols = newCols;
  }

  private store(s: FakeSheet, row: number, col: number, v: FakeCell): void {
    if (row > s.maxRows || col > s.maxCols) throw new Error(`write outside the grid at R${row}C${col}`);
    while (s.rows.length < row) s.rows.push({ cells: [], hidden: false });
    s.rows[row - 1]!.cells[col - 1] = v;
  }

  private storeRaw(v: unknown, fmt: string | null | undefined): FakeCell {
    if (v instanceof Date) throw new Error("a RAW write cannot carry a Date (JSON has no dates)");
    if (typeof v === "number") return isDateFormat(fmt) ? { serial: v } : v;
    if (typeof v === "string" || typeof v === "boolean") return v;
    throw new Error(`RAW write of an unsupported value: ${String(v)}`);
  }

  private storeEntered(v: CellValue, fmt: string | null | undefined): FakeCell {
    // A plain-text cell takes the string as typed, apostrophe included [as the local runtime models it].
    if (fmt === "@" && typeof v === "string") return v;
    return typedIntoCell(v, this.timeZone);
  }

  // ---------------------------------------------------------------- inspection

  /** What getValues would return for the cell. */
  get(name: string, row: number, col: number): CellValue {
    const c = this.cell(name, row, col);
    if (c === undefined) return "";
    if (typeof c === "object") {
      if ("serial" in c) return new Date(serialToInstant(c.serial, this.timeZone));
      return "#FORMULA";
    }
    return c;
  }

  /** The stored cell (formulas as { f }, dates as { serial }). */
  cell(name: string, row: number, col: number): FakeCell {
    return this.sheet(name).rows[row - 1]?.cells[col - 1];
  }

  /** Every formula cell in every sheet. */
  formulas(): { sheet: string; row: number; col: number; f: string }[] {
    const out: { sheet: string; row: number; col: number; f: string }[] = [];
    for (const [name, s] of this.sheets) {
      s.rows.forEach((r, i) => {
        r.cells.forEach((c, j) => {
          if (c && typeof c === "object" && "f" in c)
            out.push({ sheet: name, row: i + 1, col: j + 1, f: c.f });
        });
      });
    }
    return out;
  }

  headers(name: string): CellValue[] {
    const n = this.lastColumn(name);
    const out: CellValue[] = [];
    for (let c = 1; c <= n; c++) out.push(this.get(name, 1, c));
    return out;
  }

  /** 1-based column of the header cell with exactly this text (-1 if none). */
  col(name: string, headerText: string): number {
    return this.headers(name).indexOf(headerText) + 1 || -1;
  }

  /** The values of a column by header, rows 2..lastRow. */
  column(name: string, headerText: string): CellValue[] {
    const c = this.col(name, headerText);
    if (c < 1) throw new Error(`no column ${headerText} in ${name}`);
    const out: CellValue[] = [];
    for (let r = 2; r <= this.lastRow(name); r++) out.push(this.get(name, r, c));
    return out;
  }

  maxRows(name: string): number {
    return this.sheet(name).maxRows;
  }

  format(name: string, col: number): string | null {
    return this.sheet(name).formats[col - 1] ?? null;
  }

  isHidden(name: string, row: number): boolean {
    return this.sheet(name).rows[row - 1]?.hidden ?? false;
  }

  // ---------------------------------------------------------------- the user's actions

  /** Type a value into a cell (as the user: stored verbatim, no parsing). */
  setCell(name: string, row: number, col: number, v: FakeCell): void {
    const s = this.sheet(name);
    this.grow(name, s, row, col);
    this.store(s, row, col, v);
  }

  /** Sort rows 2..lastRow by a column (whole rows move, hidden flags with them). */
  sortRows(name: string, col: number, descending = false): void {
    const s = this.sheet(name);
    const last = this.lastRow(name);
    const data = s.rows.slice(1, last);
    const key = (r: FakeRow): number | string => {
      const c = r.cells[col - 1];
      if (c === undefined || c === "") return "";
      if (typeof c === "object") return "serial" in c ? c.serial : c.f;
      return typeof c === "boolean" ? Number(c) : c;
    };
    data.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const cmp =
        typeof ka === typeof kb ? (ka < kb ? -1 : ka > kb ? 1 : 0) : typeof ka === "number" ? -1 : 1;
      return descending ? -cmp : cmp;
    });
    s.rows.splice(1, data.length, ...data);
  }

  hideRows(name: string, rows: readonly number[]): void {
    const s = this.sheet(name);
    for (const r of rows) s.rows[r - 1]!.hidden = true;
  }

  /** A filter view: rows whose cell in `col` fails the test are hidden. */
  filter(name: string, col: number, keep: (v: CellValue) => boolean): void {
    const last = this.lastRow(name);
    const s = this.sheet(name);
    for (let r = 2; r <= last; r++) if (!keep(this.get(name, r, col))) s.rows[r - 1]!.hidden = true;
  }

  /** Insert a column before `at` with a header and per-row values (rows 2..). */
  insertColumn(
    name: string,
    at: number,
    headerText: string,
    value: (row: number) => FakeCell = () => undefined,
  ): void {
    const s = this.sheet(name);
    const last = this.lastRow(name);
    s.rows.forEach((r, i) => {
      while (r.cells.length < at - 1) r.cells.push(undefined);
      r.cells.splice(at - 1, 0, i === 0 ? headerText : i + 1 <= last ? value(i + 1) : undefined);
    });
    while (s.formats.length < at - 1) s.formats.push(null);
    s.formats.splice(at - 1, 0, null);
    s.maxCols += 1;
  }

  deleteColumn(name: string, at: number): void {
    const s = this.sheet(name);
    for (const r of s.rows) r.cells.splice(at - 1, 1);
    s.formats.splice(at - 1, 1);
    s.maxCols -= 1;
  }

  /** Cut column `from` and insert it before column `to` (positions as before the cut). */
  moveColumn(name: string, from: number, to: number): void {
    const s = this.sheet(name);
    const width = Math.max(s.maxCols, from, to);
    for (const r of s.rows) {
      while (r.cells.length < width) r.cells.push(undefined);
      const [c] = r.cells.splice(from - 1, 1);
      r.cells.splice(to > from ? to - 2 : to - 1, 0, c);
    }
    while (s.formats.length < width) s.formats.push(null);
    const [f] = s.formats.splice(from - 1, 1);
    s.formats.splice(to > from ? to - 2 : to - 1, 0, f ?? null);
  }

  /** Copy row `row` and paste it as a new row inserted before `at`. */
  duplicateRow(name: string, row: number, at: number): void {
    const s = this.sheet(name);
    const copy = { cells: [...s.rows[row - 1]!.cells], hidden: false };
    s.rows.splice(at - 1, 0, copy);
    s.maxRows += 1;
  }

  /** Create a sheet with given rows typed in by hand (row 1 = header). */
  createByHand(name: string, grid: FakeCell[][]): void {
    const width = Math.max(1, ...grid.map((r) => r.length));
    this.sheets.set(name, {
      rows: grid.map((cells) => ({ cells: [...cells], hidden: false })),
      formats: [],
      maxRows: Math.max(grid.length, 1000),
      maxCols: Math.max(width, 26),
      frozenRows: 1,
    });
  }
}

/** How Sheets stores a value given through USER_ENTERED (setValues): parsed as if typed. */
export function typedIntoCell(v: CellValue, timeZone: string): FakeCell {
  if (v instanceof Date) return { serial: instantToSerial(v.getTime(), timeZone) };
  if (typeof v !== "string") return v;
  if (v === "") return "";
  if (v.startsWith("'")) return v.slice(1);
  if (NUMBER_TEXT.test(v)) return Number(v.trim().replace(",", "."));
  if (FORMULA_LEAD.test(v)) return { f: v };
  if (/^\d{1,2}:\d{2,3}(:\d{2})?$/.test(v)) return Number(v.split(":")[0]) / 24;
  if (/^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return { serial: instantToSerial(Date.parse(v), "UTC") };
  return v;
}

function parseA1Start(range: string, sheet: string): { row: number; col: number } {
  const prefix = `'${sheet.replace(/'/g, "''")}'!`;
  if (!range.startsWith(prefix)) throw new Error(`range ${range} is not on sheet ${sheet}`);
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range.slice(prefix.length));
  if (!m) throw new Error(`bad A1 range ${range}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}
