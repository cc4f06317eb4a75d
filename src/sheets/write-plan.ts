/**
 * Turns the blocks a writer hands to SheetPort.writeBlocks into the requests a port sends, with the
 * cell encoding of the chosen path (cells.ts). Both ports execute this plan — the GAS one for real,
 * the test fake by emulating how Sheets stores each path — so what the tests check is what runs.
 *
 * - "raw": blocks are packed into as few `values.batchUpdate` requests as the per-request caps allow
 *   (Google recommends ≤ 2 MB a request; a huge block is cut into row slices).
 * - "entered": one `setValues` per block (cut into row slices of at most maxCellsPerRequest).
 */
import { a1Range } from "./a1";
import { type CellValue, toEnteredCell, toRawCell } from "./cells";
import type { Block, WritePath } from "./port";

export interface PlanOptions {
  path: WritePath;
  /** Spreadsheet timezone, for dates on the RAW path. */
  timeZone: string;
  /** Cells per request (default 50,000). */
  maxCellsPerRequest?: number;
  /** Estimated JSON bytes per request (default 2,000,000, Google's recommended maximum). */
  maxBytesPerRequest?: number;
}

export interface RawRange {
  range: string;
  values: (string | number | boolean)[][];
}

export type WriteRequest =
  | { path: "raw"; data: RawRange[]; cells: number }
  | { path: "entered"; row: number; col: number; values: CellValue[][]; cells: number };

const DEFAULT_MAX_CELLS = 50_000;
const DEFAULT_MAX_BYTES = 2_000_000;

/** A rough upper bound of a cell's size in the JSON body (Cyrillic is 2 bytes, escapes ~2×). */
function cellBytes(v: CellValue): number {
  if (typeof v === "string") return 3 + v.length * 3;
  if (typeof v === "boolean") return 6;
  return 22;
}

/** Cut a block into row slices, each within the cell and byte caps (a single row always fits one). */
function slices(
  block: Block,
  maxCells: number,
  maxBytes: number,
): { block: Block; cells: number; bytes: number }[] {
  const width = block.values[0]?.length ?? 0;
  const out: { block: Block; cells: number; bytes: number }[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < block.values.length; i++) {
    const row = block.values[i]!;
    if (row.length !== width) throw new Error(`block at row ${block.row} is not rectangular (row ${i})`);
    let rb = 2;
    for (const v of row) rb += cellBytes(v) + 1;
    const rowsSoFar = i - start;
    if (rowsSoFar > 0 && ((rowsSoFar + 1) * width > maxCells || bytes + rb > maxBytes)) {
      out.push({
        block: { row: block.row + start, col: block.col, values: block.values.slice(start, i) },
        cells: rowsSoFar * width,
        bytes,
      });
      start = i;
      bytes = 0;
    }
    bytes += rb;
  }
  if (block.values.length > start) {
    out.push({
      block: { row: block.row + start, col: block.col, values: block.values.slice(start) },
      cells: (block.values.length - start) * width,
      bytes,
    });
  }
  return out;
}

export function planWrites(sheet: string, blocks: readonly Block[], opts: PlanOptions): WriteRequest[] {
  const maxCells = opts.maxCellsPerRequest ?? DEFAULT_MAX_CELLS;
  const maxBytes = opts.maxBytesPerRequest ?? DEFAULT_MAX_BYTES;
  const requests: WriteRequest[] = [];
  const all = blocks.filter((b) => b.values.length > 0 && (b.values[0]?.length ?? 0) > 0);

  if (opts.path === "entered") {
    for (const b of all) {
      for (const s of slices(b, maxCells, maxBytes)) {
        requests.push({
          path: "entered",
          row: s.block.row,
          col: s.block.col,
          values: s.block.values.map((r) => r.map(toEnteredCell)),
          cells: s.cells,
        });
      }
    }
    return requests;
  }

  let current: { path: "raw"; data: RawRange[]; cells: number } | null = null;
  let currentBytes = 0;
  for (const b of all) {
    for (const s of slices(b, maxCells, maxBytes)) {
      if (current && (current.cells + s.cells > maxCells || currentBytes + s.bytes > maxBytes)) {
        requests.push(current);
        current = null;
      }
      if (!current) {
        current = { path: "raw", data: [], cells: 0 };
        currentBytes = 0;
      }
      const v = s.block.values;
      current.data.push({
        range: a1Range(sheet, s.block.row, s.block.col, v.length, v[0]!.length),
        values: v.map((r) => r.map((c) => toRawCell(c, opts.timeZone))),
      });
      current.cells += s.cells;
      currentBytes += s.bytes + 40;
    }
  }
  if (current) requests.push(current);
  return requests;
}

/** Ranges a plan writes (each ValueRange or setValues call is one). */
export function countRanges(plan: readonly WriteRequest[]): number {
  let n = 0;
  for (const r of plan) n += r.path === "raw" ? r.data.length : 1;
  return n;
}
