/**
 * What the writers need from a spreadsheet, and nothing more. src/gas/sheet-port.ts implements it
 * over SpreadsheetApp and the advanced Sheets service; tests/sheets/fake-sheet.ts over an in-memory
 * grid. Every operation is coarse on purpose (a whole column, a set of blocks, a set of rows), so
 * an implementation can turn each call into one or a few round trips.
 *
 * Rows and columns are 1-based sheet coordinates; row 1 is the header.
 */
import type { CellValue } from "./cells";

export type { CellValue } from "./cells";

/** A rectangle of cells to write: top-left corner and a rectangular 2-D array of values. */
export interface Block {
  row: number;
  col: number;
  values: CellValue[][];
}

/**
 * How a write's strings reach the sheet:
 * - "raw": the advanced service's `Spreadsheets.Values.batchUpdate` with `valueInputOption: RAW`
 *   (strings stored as-is, never parsed; dates sent as serial numbers) — many blocks per request;
 * - "entered": SpreadsheetApp `Range.setValues` (strings parsed as if typed, so every string is
 *   sent with a leading apostrophe, which Sheets consumes) — one request per block.
 * write-plan.ts applies the matching encoder from cells.ts; see its header for why.
 */
export type WritePath = "raw" | "entered";

/** A sheet as the writers lay it out when they create or rebuild it. */
export interface SheetSpec {
  /** Row 1. */
  headers: string[];
  /** Number format of each header's column (same order), null = leave the default. */
  numberFormats: (string | null)[];
  /** Rows to have room for, header included (the port may round up; never fewer than 2). */
  rows: number;
}

/** Counters since the port was made; writers report the difference over one call. */
export interface PortStats {
  /** Rectangular ranges written: each contiguous block (or a row slice of a huge one) is one. */
  rangesWritten: number;
  /** Round trips that wrote values: one values.batchUpdate (any number of ranges) or one setValues. */
  writeRequests: number;
  cellsWritten: number;
  /** Round trips that deleted rows (one batchUpdate for all runs, or one deleteRows per run). */
  deleteRequests: number;
  rowsDeleted: number;
  readRequests: number;
  cellsRead: number;
}

export function emptyStats(): PortStats {
  return {
    rangesWritten: 0,
    writeRequests: 0,
    cellsWritten: 0,
    deleteRequests: 0,
    rowsDeleted: 0,
    readRequests: 0,
    cellsRead: 0,
  };
}

export function diffStats(after: PortStats, before: PortStats): PortStats {
  const d = emptyStats();
  for (const k of Object.keys(d) as (keyof PortStats)[]) d[k] = after[k] - before[k];
  return d;
}

/** One column for SheetPort.readColumns. */
export interface ColumnRead {
  sheet: string;
  col: number;
  fromRow: number;
}

export interface SheetPort {
  /** The spreadsheet's timezone (IANA): date cells show instants in it. */
  readonly timeZone: string;
  /** Running totals of what this port has done. */
  readonly stats: PortStats;

  hasSheet(sheet: string): boolean;

  /**
   * Make `sheet` exist holding only `spec`: created when absent, otherwise cleared of all values
   * and formats (every column, the user's too — callers use it only for a new or empty sheet or
   * one that holds nothing but our columns). Row 1 = headers, frozen; each header's column gets its
   * number format; the grid is sized to `spec.rows` × headers (trimming unused cells, which count
   * against the 10M-cell limit).
   */
  resetSheet(sheet: string, spec: SheetSpec): void;

  /** Number formats for whole data columns (rows 2..end), e.g. for restored columns. */
  formatColumns(sheet: string, formats: { col: number; numberFormat: string }[]): void;

  /** The last row with content in any column (0 for an empty sheet). Metadata only. */
  lastRow(sheet: string): number;

  /** Row `row` from column 1 to the last column with content in any row ("" for empty cells). */
  readRow(sheet: string, row: number): CellValue[];

  /** Column `col` from `fromRow` to lastRow(sheet), one value per row (one read). */
  readColumn(sheet: string, col: number, fromRow: number): CellValue[];

  /**
   * Optional: several columns, of one or more sheets, each from `fromRow` to its sheet's lastRow,
   * in one round trip (the advanced service's `values.batchGet`, whose cells cost about half of
   * SpreadsheetApp's, scale.md §2.2). Same values as readColumn, except that date cells may come
   * back as serial day numbers (decodeCell reads both). The sync reads its key columns this way.
   */
  readColumns?(reads: readonly ColumnRead[]): CellValue[][];

  /** A rectangle (one read). Date cells come back as Date objects. */
  readBlock(sheet: string, row: number, col: number, numRows: number, numCols: number): CellValue[][];

  /**
   * Write the blocks. Every string is stored as literal text (never a formula, number or date),
   * numbers as numbers, booleans as booleans, Dates as date-times in `timeZone`. The grid grows to
   * fit (rows and columns); the port refuses with SheetCapacityError before the spreadsheet would
   * pass its cell limit. Blocks may be written in any order; they must not overlap.
   */
  writeBlocks(sheet: string, blocks: readonly Block[]): void;

  /**
   * Delete whole rows (the user's cells on them go too). Rows are grouped into contiguous runs and
   * deleted bottom-up so each run's numbers are still valid when it is deleted (rowRuns).
   */
  deleteRows(sheet: string, rows: readonly number[]): void;

  /** Create or move the named range `name` to the rectangle. */
  setNamedRange(
    name: string,
    sheet: string,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
  ): void;
}

/** Sheets' limit on cells in one spreadsheet (all tabs, allocated cells included). */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;

export class SheetCapacityError extends Error {
  constructor(
    readonly sheet: string,
    readonly cellsNeeded: number,
    readonly limit: number,
  ) {
    super(
      `Sheet ${sheet}: the spreadsheet would need ${cellsNeeded} cells, over Google Sheets' limit of ${limit}. ` +
        "Shorten the history kept in the raw sheets or move the data to BigQuery.",
    );
    this.name = "SheetCapacityError";
  }
}

/**
 * Rows (any order, duplicates allowed) → contiguous runs, bottom-up: [{start, count}] with the
 * highest start first. Deleting the runs in this order keeps every later run's numbers valid.
 */
export function rowRuns(rows: readonly number[]): { start: number; count: number }[] {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  const runs: { start: number; count: number }[] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last.start - 1) {
      last.start = r;
      last.count++;
    } else {
      runs.push({ start: r, count: 1 });
    }
  }
  return runs;
}
