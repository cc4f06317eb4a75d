/**
 * SheetPort over Apps Script: SpreadsheetApp for metadata, reads and structure, and the advanced
 * Sheets service (`Sheets`, enabled in appsscript.json) for value writes and row deletions, which
 * it batches into one request per ~50,000 cells (values) or one request per call (deletions).
 *
 * Write path (see src/sheets/cells.ts and write-plan.ts): with the advanced service, values go
 * through `Spreadsheets.Values.batchUpdate` with `valueInputOption: "RAW"` — strings stored as-is,
 * never parsed, so CRM text cannot become a formula, and these writes do not wait for formula
 * recalculation (scale.md §2.6). Without it (service off, or a runtime that lacks it) the port falls
 * back to `Range.setValues`, one call per block, with every string apostrophe-prefixed.
 *
 * Reads use `getValues` (dates come back as Date objects). SpreadsheetApp buffers its changes, so
 * the port flushes before any advanced-service call that must see them (a grown grid).
 */
import { columnLetter } from "../sheets/a1";
import type { CellValue } from "../sheets/cells";
import {
  type Block,
  type ColumnRead,
  emptyStats,
  type PortStats,
  rowRuns,
  SheetCapacityError,
  type SheetPort,
  type SheetSpec,
  SPREADSHEET_CELL_LIMIT,
  type WritePath,
} from "../sheets/port";
import { countRanges, planWrites } from "../sheets/write-plan";
import { allocatedCells, setGridSize } from "./sheet-grid";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface GasSheetPortOptions {
  /** Force a path; default "raw" when the advanced Sheets service is available, else "entered". */
  path?: WritePath;
  maxCellsPerRequest?: number;
  maxBytesPerRequest?: number;
}

function advancedService(): GoogleAppsScript.Sheets | null {
  return typeof Sheets !== "undefined" && Sheets?.Spreadsheets?.Values ? Sheets : null;
}

export class GasSheetPort implements SheetPort {
  readonly stats: PortStats = emptyStats();
  readonly timeZone: string;
  readonly path: WritePath;
  private readonly ss: Spreadsheet;
  private readonly opts: GasSheetPortOptions;
  /** SpreadsheetApp has buffered structural changes the advanced service must not miss. */
  private pending = false;

  constructor(spreadsheet?: Spreadsheet, opts: GasSheetPortOptions = {}) {
    this.ss = spreadsheet ?? SpreadsheetApp.getActiveSpreadsheet();
    this.opts = opts;
    this.timeZone = this.ss.getSpreadsheetTimeZone();
    this.path = opts.path ?? (advancedService() ? "raw" : "entered");
  }

  private sheet(name: string): Sheet {
    const sh = this.ss.getSheetByName(name);
    if (!sh) throw new Error(`sheet ${name} not found`);
    return sh;
  }

  private flushIfPending(): void {
    if (this.pending) {
      SpreadsheetApp.flush();
      this.pending = false;
    }
  }

  hasSheet(name: string): boolean {
    return this.ss.getSheetByName(name) !== null;
  }

  /** Grow (never shrink) `sh` to at least rows × cols, refusing before the spreadsheet limit. */
  private ensureSize(sh: Sheet, rows: number, cols: number): void {
    const maxRows = sh.getMaxRows();
    const maxCols = sh.getMaxColumns();
    if (rows <= maxRows && cols <= maxCols) return;
    const newRows = Math.max(rows, maxRows);
    const newCols = Math.max(cols, maxCols);
    const total = allocatedCells(this.ss) - maxRows * maxCols + newRows * newCols;
    if (total > SPREADSHEET_CELL_LIMIT)
      throw new SheetCapacityError(sh.getName(), total, SPREADSHEET_CELL_LIMIT);
    if (newRows > maxRows) sh.insertRowsAfter(maxRows, newRows - maxRows);
    if (newCols > maxCols) sh.insertColumnsAfter(maxCols, newCols - maxCols);
    this.pending = true;
  }

  /** Exactly rows × cols (used on a sheet being rebuilt). */
  private resize(sh: Sheet, rows: number, cols: number): void {
    const maxRows = sh.getMaxRows();
    const maxCols = sh.getMaxColumns();
    const total = allocatedCells(this.ss) - maxRows * maxCols + rows * cols;
    if (total > SPREADSHEET_CELL_LIMIT)
      throw new SheetCapacityError(sh.getName(), total, SPREADSHEET_CELL_LIMIT);
    setGridSize(sh, rows, cols);
    this.pending = true;
  }

  resetSheet(name: string, spec: SheetSpec): void {
    const cols = Math.max(1, spec.headers.length);
    const rows = Math.max(2, spec.rows);
    let sh = this.ss.getSheetByName(name);
    if (!sh) sh = this.ss.insertSheet(name);
    else sh.clear();
    sh.setFrozenRows(1); // before resizing: Sheets refuses to delete every non-frozen row
    this.resize(sh, rows, cols);
    sh.getRange(1, 1, 1, cols).setFontWeight("bold");
    this.pending = true;
    this.writeBlocks(name, [{ row: 1, col: 1, values: [spec.headers] }]);
    const formats: { col: number; numberFormat: string }[] = [];
    spec.numberFormats.forEach((f, i) => {
      if (f) formats.push({ col: i + 1, numberFormat: f });
    });
    this.formatColumns(name, formats);
  }

  formatColumns(name: string, formats: { col: number; numberFormat: string }[]): void {
    if (formats.length === 0) return;
    const sh = this.sheet(name);
    const byFormat = new Map<string, string[]>();
    for (const f of formats) {
      const letter = columnLetter(f.col);
      const list = byFormat.get(f.numberFormat);
      const a1 = `${letter}2:${letter}`;
      if (list) list.push(a1);
      else byFormat.set(f.numberFormat, [a1]);
    }
    for (const [fmt, ranges] of byFormat) sh.getRangeList(ranges).setNumberFormat(fmt);
    this.pending = true;
  }

  lastRow(name: string): number {
    return this.sheet(name).getLastRow();
  }

  readRow(name: string, row: number): CellValue[] {
    const sh = this.sheet(name);
    const lastCol = sh.getLastColumn();
    if (lastCol === 0) return [];
    this.stats.readRequests++;
    this.stats.cellsRead += lastCol;
    return sh.getRange(row, 1, 1, lastCol).getValues()[0] as CellValue[];
  }

  readColumn(name: string, col: number, fromRow: number): CellValue[] {
    const sh = this.sheet(name);
    const last = sh.getLastRow();
    if (last < fromRow) return [];
    const n = last - fromRow + 1;
    this.stats.readRequests++;
    this.stats.cellsRead += n;
    return sh
      .getRange(fromRow, col, n, 1)
      .getValues()
      .map((r) => r[0] as CellValue);
  }

  /**
   * With the advanced service: one `values.batchGet` for all the columns, unformatted (numbers and
   * strings as stored, dates as serial numbers [DOC ValueRenderOption, DateTimeRenderOption]); the
   * API leaves out trailing empty cells and rows [DOC], so each column is padded to its sheet's
   * last row. Without it: one getValues per column.
   */
  readColumns(reads: readonly ColumnRead[]): CellValue[][] {
    const api = this.path === "raw" ? advancedService() : null;
    if (!api) return reads.map((r) => this.readColumn(r.sheet, r.col, r.fromRow));
    const wanted = reads.map((r) => ({
      ...r,
      n: Math.max(0, this.sheet(r.sheet).getLastRow() - r.fromRow + 1),
    }));
    const ranges = wanted.filter((r) => r.n > 0);
    const out = new Map<ColumnRead, CellValue[]>();
    if (ranges.length > 0) {
      this.flushIfPending();
      const res = api.Spreadsheets!.Values!.batchGet(this.ss.getId(), {
        ranges: ranges.map((r) => {
          const letter = columnLetter(r.col);
          return `'${r.sheet.replace(/'/g, "''")}'!${letter}${r.fromRow}:${letter}${r.fromRow + r.n - 1}`;
        }),
        majorDimension: "COLUMNS",
        valueRenderOption: "UNFORMATTED_VALUE",
        dateTimeRenderOption: "SERIAL_NUMBER",
      });
      this.stats.readRequests++;
      ranges.forEach((r, i) => {
        const got = (res.valueRanges?.[i]?.values?.[0] ?? []) as CellValue[];
        const col = got.slice(0, r.n);
        while (col.length < r.n) col.push("");
        this.stats.cellsRead += r.n;
        out.set(r, col);
      });
    }
    return wanted.map((r) => out.get(r) ?? []);
  }

  readBlock(name: string, row: number, col: number, numRows: number, numCols: number): CellValue[][] {
    if (numRows <= 0 || numCols <= 0) return [];
    this.stats.readRequests++;
    this.stats.cellsRead += numRows * numCols;
    return this.sheet(name).getRange(row, col, numRows, numCols).getValues() as CellValue[][];
  }

  writeBlocks(name: string, blocks: readonly Block[]): void {
    if (blocks.length === 0) return;
    const sh = this.sheet(name);
    let rows = 0;
    let cols = 0;
    for (const b of blocks) {
      rows = Math.max(rows, b.row + b.values.length - 1);
      cols = Math.max(cols, b.col + (b.values[0]?.length ?? 0) - 1);
    }
    this.ensureSize(sh, rows, cols);
    const plan = planWrites(name, blocks, {
      path: this.path,
      timeZone: this.timeZone,
      ...(this.opts.maxCellsPerRequest ? { maxCellsPerRequest: this.opts.maxCellsPerRequest } : {}),
      ...(this.opts.maxBytesPerRequest ? { maxBytesPerRequest: this.opts.maxBytesPerRequest } : {}),
    });
    for (const req of plan) {
      if (req.path === "raw") {
        this.flushIfPending();
        advancedService()!.Spreadsheets!.Values!.batchUpdate(
          { valueInputOption: "RAW", data: req.data, includeValuesInResponse: false },
          this.ss.getId(),
        );
      } else {
        const v = req.values;
        sh.getRange(req.row, req.col, v.length, v[0]!.length).setValues(v);
        this.pending = true;
      }
      this.stats.writeRequests++;
      this.stats.cellsWritten += req.cells;
    }
    this.stats.rangesWritten += countRanges(plan);
  }

  deleteRows(name: string, rows: readonly number[]): void {
    const runs = rowRuns(rows);
    if (runs.length === 0) return;
    const sh = this.sheet(name);
    let count = 0;
    for (const r of runs) count += r.count;
    // Sheets refuses to delete every non-frozen row: keep one spare row at the end.
    const maxRows = sh.getMaxRows();
    const frozen = sh.getFrozenRows();
    if (maxRows - count <= frozen) {
      sh.insertRowsAfter(maxRows, 1);
      this.pending = true;
    }
    const api = this.path === "raw" ? advancedService() : null;
    if (api) {
      this.flushIfPending();
      const sheetId = sh.getSheetId();
      api.Spreadsheets!.batchUpdate(
        {
          requests: runs.map((r) => ({
            deleteDimension: {
              range: { sheetId, dimension: "ROWS", startIndex: r.start - 1, endIndex: r.start - 1 + r.count },
            },
          })),
        },
        this.ss.getId(),
      );
      this.stats.deleteRequests++;
    } else {
      for (const r of runs) {
        sh.deleteRows(r.start, r.count);
        this.stats.deleteRequests++;
      }
      this.pending = true;
    }
    this.stats.rowsDeleted += count;
  }

  setNamedRange(
    name: string,
    sheetName: string,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
  ): void {
    const sh = this.sheet(sheetName);
    this.ensureSize(sh, row + numRows - 1, col + numCols - 1);
    const range = sh.getRange(row, col, numRows, numCols);
    const existing = this.ss.getNamedRanges().find((n) => n.getName() === name);
    if (existing) {
      const cur = existing.getRange();
      if (cur.getSheet().getSheetId() === sh.getSheetId() && cur.getA1Notation() === range.getA1Notation())
        return;
      existing.setRange(range);
    } else {
      this.ss.setNamedRange(name, range);
    }
    this.pending = true;
  }
}
