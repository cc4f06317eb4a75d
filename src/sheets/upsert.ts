/**
 * The raw-table writers: keep a sheet in step with the CRM by id, without disturbing what the user
 * did to it (sorted, filtered, hid rows, moved our columns, added own columns anywhere).
 *
 * upsertRows, for a sheet of N rows and a call with U updated, A appended and D deleted rows:
 * - reads: the header row and the key column — 2 reads, N cells; nothing else, and never
 *   anything it has written (reads wait for formula recalculation, scale.md §2.6);
 * - writes: one range per (contiguous run of updated rows × contiguous run of our written columns),
 *   plus one per column run for the appended block: ranges ≤ (runs(U) + 1) × columnRuns, where
 *   columnRuns is 1 unless the user put own columns between ours. On the RAW path all ranges
 *   travel in ⌈cells / 50,000⌉ values.batchUpdate requests, so the request count follows the
 *   cells changed, not N;
 * - deletes: one request for all runs (RAW path) or one deleteRows per contiguous run;
 * - time: O(N) to index the key column + O((U + A) × columns) to encode; memory O(N) for the
 *   id → row index (rebuilt every call; never kept in properties).
 */
import type { Locale } from "../core/i18n";
import { type CellValue, type DecodedValue, decodeCell, encodeCell, keyOf } from "./cells";
import {
  duplicatedHeadersMessage,
  duplicatesMessage,
  missingColumnsMessage,
  orphanRowsMessage,
  restoredColumnsMessage,
} from "./messages";
import { type Block, diffStats, type SheetPort, type SheetSpec } from "./port";
import {
  type ColumnDef,
  type ColumnIdOf,
  findColumns,
  header,
  headerRow,
  keyColumn,
  normalizeHeader,
  type RowOf,
  type TableDef,
} from "./tables";

/** One of our columns is missing from the sheet's header row; nothing was written. */
export class SheetLayoutError extends Error {
  constructor(
    readonly sheet: string,
    /** Column ids, table order. */
    readonly missing: string[],
    /** Their headers in the locale of the message. */
    readonly missingHeaders: string[],
    message: string,
  ) {
    super(message);
    this.name = "SheetLayoutError";
  }
}

export interface UpsertOptions {
  locale: Locale;
  /** Ids whose rows are deleted (every occurrence). An id both here and in `rows` is deleted. */
  deleteIds?: readonly (string | number)[];
  /** Write only these columns (default: all of the table's). The key column is used to find rows either way. */
  columns?: readonly string[];
  /** Append rows whose id is not in the sheet (default true); when false they are listed in notFound. */
  append?: boolean;
  /** Delete all but the first row of an id that appears more than once (default true). */
  repairDuplicates?: boolean;
  /** Also delete every row whose id is not among `rows` (replaceAll's in-place path). */
  deleteAbsent?: boolean;
}

export interface DuplicateId {
  id: string;
  /** Row numbers as they were before this call deleted anything. */
  keptRow: number;
  removedRows: number[];
}

export interface WriteResult {
  sheet: string;
  /** The sheet was created (or was empty) and got its header in this call. */
  created: boolean;
  updated: number;
  appended: number;
  /** Rows deleted because their id was in deleteIds (or absent, with deleteAbsent). */
  deleted: number;
  /** Extra rows of duplicated ids removed (see duplicates). */
  duplicatesRemoved: number;
  duplicates: DuplicateId[];
  /** Ids given that are not in the sheet when appending is off. */
  notFound: string[];
  /** Input rows without a key value (not written). */
  skippedRows: number;
  /** Rows in the sheet with an empty key (left alone). */
  rowsWithoutId: number;
  /** Ranges written: one per contiguous block (what "write calls" means in this project). */
  writeCalls: number;
  /** Round trips that wrote values (a batchUpdate carries many ranges). */
  writeRequests: number;
  cellsWritten: number;
  deleteRequests: number;
  readRequests: number;
  /** The last data row after the call (1 = header only). */
  lastRow: number;
  /** Messages for the user (duplicates repaired, rows without id…), in the call's locale. */
  warnings: string[];
}

interface Layout {
  created: boolean;
  /** Column id → 1-based sheet column. */
  pos: Map<string, number>;
  /** Header cells of row 1 as read (empty when created). */
  header: CellValue[];
  /** Our columns whose header appears more than once (the leftmost is used). */
  duplicated: string[];
}

function specFor(t: TableDef, locale: Locale, rows: number): SheetSpec {
  return {
    headers: headerRow(t, locale),
    numberFormats: t.columns.map((c) => c.numberFormat ?? null),
    rows: Math.max(2, rows),
  };
}

function schemaPositions(t: TableDef): Map<string, number> {
  return new Map(t.columns.map((c, i) => [c.id, i + 1]));
}

function layoutError(t: TableDef, missing: readonly string[], locale: Locale): SheetLayoutError {
  const defs = t.columns.filter((c) => missing.includes(c.id));
  const headers = defs.map((c) => header(c, locale));
  return new SheetLayoutError(
    t.id,
    defs.map((c) => c.id),
    headers,
    missingColumnsMessage(t.id, headers, locale),
  );
}

/** Reads row 1 and finds every column of ours, or throws SheetLayoutError before anything is written. */
function openLayout(
  port: SheetPort,
  t: TableDef,
  locale: Locale,
  create: boolean,
  rowsHint: number,
): Layout | null {
  if (!port.hasSheet(t.id) || port.lastRow(t.id) === 0) {
    if (!create) return null;
    port.resetSheet(t.id, specFor(t, locale, rowsHint));
    return { created: true, pos: schemaPositions(t), header: [], duplicated: [] };
  }
  const headerCells = port.readRow(t.id, 1);
  const m = findColumns(headerCells, t);
  if (m.missing.length > 0) throw layoutError(t, m.missing, locale);
  const pos = new Map<string, number>();
  for (const c of t.columns) pos.set(c.id, (m.index as Record<string, number>)[c.id]! + 1);
  return { created: false, pos, header: headerCells, duplicated: m.duplicated.map((d) => d.id) };
}

interface ColumnRun {
  start: number;
  cols: ColumnDef[];
}

/** Our written columns in sheet order, grouped into runs of adjacent sheet columns. */
function columnRuns(columns: readonly ColumnDef[], pos: Map<string, number>): ColumnRun[] {
  const placed = columns.map((c) => ({ c, p: pos.get(c.id)! })).sort((a, b) => a.p - b.p);
  const runs: ColumnRun[] = [];
  let prev = -2;
  for (const { c, p } of placed) {
    const last = runs[runs.length - 1];
    if (last && p === prev + 1) last.cols.push(c);
    else runs.push({ start: p, cols: [c] });
    prev = p;
  }
  return runs;
}

function blocksFor(
  startRow: number,
  rows: readonly Readonly<Record<string, unknown>>[],
  runs: readonly ColumnRun[],
  out: Block[],
): void {
  for (const run of runs) {
    out.push({
      row: startRow,
      col: run.start,
      values: rows.map((r) => run.cols.map((c) => encodeCell(r[c.id] as never, c.type))),
    });
  }
}

function ourColumnSpan(pos: Map<string, number>): { col: number; numCols: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const p of pos.values()) {
    if (p < min) min = p;
    if (p > max) max = p;
  }
  return { col: min, numCols: max - min + 1 };
}

function inputKey(value: unknown, keyDef: ColumnDef): string | null {
  return keyOf(encodeCell(value as never, keyDef.type));
}

/**
 * Insert, update and delete rows of a raw table by id. See the file header for the cost. Rows are
 * found by id (the user may have sorted, filtered or hidden rows); only our columns are written
 * (contiguous runs of them), so the user's own columns keep their contents; new rows go in one block
 * right after the last row that has an id; deletions go last, bottom-up.
 */
export function upsertRows<T extends TableDef>(
  port: SheetPort,
  t: T,
  rows: readonly RowOf<T>[],
  opts: UpsertOptions,
): WriteResult {
  const before = { ...port.stats };
  const append = opts.append !== false;
  const repair = opts.repairDuplicates !== false;
  const keyDef = keyColumn(t);
  const warnings: string[] = [];

  // Input, by key; the last row of a key wins.
  const input = new Map<string, RowOf<T>>();
  let skippedRows = 0;
  for (const row of rows) {
    const k = inputKey(row[t.key as ColumnIdOf<T>], keyDef);
    if (k === null) skippedRows++;
    else input.set(k, row);
  }

  const layout = openLayout(port, t, opts.locale, append, input.size + 1);
  if (!layout) {
    return {
      ...emptyResult(t.id),
      notFound: [...input.keys()],
      skippedRows,
      ...statsFields(port, before),
    };
  }
  const name = t.id;

  // The key column, once: id → first row, later rows of the same id, rows without id.
  const idRow = new Map<string, number>();
  const extraRows = new Map<string, number[]>();
  let lastIdRow = 1;
  let rowsWithoutId = 0;
  let sheetLastRow = 1;
  if (!layout.created) {
    const keys = port.readColumn(name, layout.pos.get(t.key)!, 2);
    sheetLastRow = keys.length + 1;
    for (let i = 0; i < keys.length; i++) {
      const k = keyOf(keys[i]);
      const r = i + 2;
      if (k === null) {
        rowsWithoutId++;
        continue;
      }
      lastIdRow = r;
      const first = idRow.get(k);
      if (first === undefined) idRow.set(k, r);
      else {
        const list = extraRows.get(k);
        if (list) list.push(r);
        else extraRows.set(k, [r]);
      }
    }
    // Empty key cells below the last id are the end of the table (other columns may go further).
    if (idRow.size > 0) rowsWithoutId -= keys.length + 1 - lastIdRow;
  }

  const deleteKeys = new Set<string>();
  for (const id of opts.deleteIds ?? []) {
    const k = inputKey(id, keyDef);
    if (k !== null) deleteKeys.add(k);
  }
  if (opts.deleteAbsent) {
    for (const k of idRow.keys()) if (!input.has(k)) deleteKeys.add(k);
  }

  const updates: { row: number; data: RowOf<T> }[] = [];
  const appends: RowOf<T>[] = [];
  const notFound: string[] = [];
  for (const [k, data] of input) {
    if (deleteKeys.has(k)) continue;
    const r = idRow.get(k);
    if (r !== undefined) updates.push({ row: r, data });
    else if (append) appends.push(data);
    else notFound.push(k);
  }

  const toDelete: number[] = [];
  let deleted = 0;
  for (const k of deleteKeys) {
    const r = idRow.get(k);
    if (r === undefined) continue;
    const extra = extraRows.get(k) ?? [];
    toDelete.push(r, ...extra);
    deleted += 1 + extra.length;
  }
  const duplicates: DuplicateId[] = [];
  let duplicatesRemoved = 0;
  for (const [k, extra] of extraRows) {
    if (deleteKeys.has(k)) continue;
    duplicates.push({ id: k, keptRow: idRow.get(k)!, removedRows: repair ? [...extra] : [] });
    if (repair) {
      toDelete.push(...extra);
      duplicatesRemoved += extra.length;
    }
  }
  if (duplicatesRemoved > 0) {
    warnings.push(
      duplicatesMessage(
        name,
        duplicates.map((d) => d.id),
        duplicatesRemoved,
        opts.locale,
      ),
    );
  }
  if (rowsWithoutId > 0) warnings.push(orphanRowsMessage(name, rowsWithoutId, opts.locale));
  if (layout.duplicated.length > 0) {
    const headers = t.columns
      .filter((c) => layout.duplicated.includes(c.id))
      .map((c) => header(c, opts.locale));
    warnings.push(duplicatedHeadersMessage(name, headers, opts.locale));
  }

  // Writes: updates grouped into runs of consecutive rows, then the appended block.
  const writeSet = opts.columns ? new Set(opts.columns) : null;
  const cols = writeSet ? t.columns.filter((c) => writeSet.has(c.id)) : [...t.columns];
  const runs = columnRuns(cols, layout.pos);
  const blocks: Block[] = [];
  updates.sort((a, b) => a.row - b.row);
  for (let i = 0; i < updates.length; ) {
    let j = i + 1;
    while (j < updates.length && updates[j]!.row === updates[j - 1]!.row + 1) j++;
    blocksFor(
      updates[i]!.row,
      updates.slice(i, j).map((u) => u.data as Readonly<Record<string, unknown>>),
      runs,
      blocks,
    );
    i = j;
  }
  // New rows go right after the last row with an id, like a table grows. With no id at all but
  // rows below the header (the key column was cleared or restored empty), after everything, so
  // rows we cannot identify are never overwritten.
  const appendAt = idRow.size === 0 ? sheetLastRow + 1 : lastIdRow + 1;
  if (appends.length > 0) {
    blocksFor(appendAt, appends as Readonly<Record<string, unknown>>[], runs, blocks);
  }
  if (blocks.length > 0) port.writeBlocks(name, blocks);

  const uniqueDeletes = [...new Set(toDelete)];
  if (uniqueDeletes.length > 0) port.deleteRows(name, uniqueDeletes);

  const lastRow = (appends.length > 0 ? appendAt + appends.length - 1 : lastIdRow) - uniqueDeletes.length;
  const span = ourColumnSpan(layout.pos);
  port.setNamedRange(name, name, 1, span.col, Math.max(1, lastRow), span.numCols);

  return {
    sheet: name,
    created: layout.created,
    updated: updates.length,
    appended: appends.length,
    deleted,
    duplicatesRemoved,
    duplicates,
    notFound,
    skippedRows,
    rowsWithoutId: Math.max(0, rowsWithoutId),
    lastRow,
    warnings,
    ...statsFields(port, before),
  };
}

function emptyResult(sheet: string): WriteResult {
  return {
    sheet,
    created: false,
    updated: 0,
    appended: 0,
    deleted: 0,
    duplicatesRemoved: 0,
    duplicates: [],
    notFound: [],
    skippedRows: 0,
    rowsWithoutId: 0,
    writeCalls: 0,
    writeRequests: 0,
    cellsWritten: 0,
    deleteRequests: 0,
    readRequests: 0,
    lastRow: 1,
    warnings: [],
  };
}

function statsFields(
  port: SheetPort,
  before: SheetPort["stats"],
): Pick<WriteResult, "writeCalls" | "writeRequests" | "cellsWritten" | "deleteRequests" | "readRequests"> {
  const d = diffStats(port.stats, before);
  return {
    writeCalls: d.rangesWritten,
    writeRequests: d.writeRequests,
    cellsWritten: d.cellsWritten,
    deleteRequests: d.deleteRequests,
    readRequests: d.readRequests,
  };
}

/**
 * Rewrite only the derived columns of rows that are already in the sheet (after a settings change:
 * enrichment recomputed locally from the raw sheets, no amoCRM call). Rows are found by id; ids not
 * in the sheet are listed in notFound, never appended; duplicates are reported, not deleted.
 * Each row needs its key plus the derived values; other columns in it are ignored.
 */
export function writeDerivedColumns<T extends TableDef>(
  port: SheetPort,
  t: T,
  updates: readonly RowOf<T>[],
  opts: { locale: Locale },
): WriteResult {
  const derived = t.columns.filter((c) => c.derived).map((c) => c.id);
  if (derived.length === 0) throw new Error(`table ${t.id} has no derived columns`);
  return upsertRows(port, t, updates, {
    locale: opts.locale,
    columns: derived,
    append: false,
    repairDuplicates: false,
  });
}

/**
 * Append headers for our columns missing from row 1, to the right of every used column, with their
 * number formats (a schema that grew in a new version, or the repair half of "Rebuild sheets").
 * Existing columns — ours and the user's — are not moved. Returns the ids added.
 */
export function addMissingColumns(port: SheetPort, t: TableDef, locale: Locale): string[] {
  if (!port.hasSheet(t.id) || port.lastRow(t.id) === 0) return [];
  const headerCells = port.readRow(t.id, 1);
  const m = findColumns(headerCells, t);
  if (m.missing.length === 0) return [];
  const defs = t.columns.filter((c) => (m.missing as string[]).includes(c.id));
  const first = headerCells.length + 1;
  port.writeBlocks(t.id, [{ row: 1, col: first, values: [defs.map((c) => header(c, locale))] }]);
  const formats = defs
    .map((c, i) => ({ col: first + i, numberFormat: c.numberFormat ?? "" }))
    .filter((f) => f.numberFormat !== "");
  if (formats.length > 0) port.formatColumns(t.id, formats);
  return defs.map((c) => c.id);
}

export interface ReplaceResult extends WriteResult {
  /**
   * "rewrite": the sheet held only our columns (or nothing) and was cleared and written whole in a
   * few big writes, in table column order. "in_place": it holds the user's own columns, so their rows
   * stay where they are: missing columns of ours are restored on the right, every row is rewritten
   * by id, new rows appended, rows not in `rows` deleted.
   */
  mode: "rewrite" | "in_place";
  restoredColumns: string[];
}

/**
 * Full rebuild of a raw table from `rows` (the first sync, or "Rebuild sheets"). Never loses the
 * user's own columns: with any present, it goes the in-place way (see ReplaceResult.mode).
 */
export function replaceAll<T extends TableDef>(
  port: SheetPort,
  t: T,
  rows: readonly RowOf<T>[],
  opts: { locale: Locale },
): ReplaceResult {
  const name = t.id;
  const exists = port.hasSheet(name) && port.lastRow(name) > 0;
  if (exists) {
    const headerCells = port.readRow(name, 1);
    const m = findColumns(headerCells, t);
    const onlyOurs =
      m.userColumns.length === 0 &&
      m.duplicated.length === 0 &&
      headerCells.every((h) => normalizeHeader(h) !== "");
    if (!onlyOurs) {
      const restoredColumns = addMissingColumns(port, t, opts.locale);
      const r = upsertRows(port, t, rows, { locale: opts.locale, deleteAbsent: true });
      if (restoredColumns.length > 0) {
        const headers = t.columns
          .filter((c) => restoredColumns.includes(c.id))
          .map((c) => header(c, opts.locale));
        r.warnings.unshift(restoredColumnsMessage(name, headers, opts.locale));
      }
      return { ...r, mode: "in_place", restoredColumns };
    }
  }

  const before = { ...port.stats };
  const keyDef = keyColumn(t);
  const byKey = new Map<string, RowOf<T>>();
  let skippedRows = 0;
  for (const row of rows) {
    const k = inputKey(row[t.key as ColumnIdOf<T>], keyDef);
    if (k === null) skippedRows++;
    else byKey.set(k, row);
  }
  const data = [...byKey.values()] as Readonly<Record<string, unknown>>[];
  port.resetSheet(name, specFor(t, opts.locale, data.length + 1));
  const blocks: Block[] = [];
  if (data.length > 0) blocksFor(2, data, [{ start: 1, cols: [...t.columns] }], blocks);
  if (blocks.length > 0) port.writeBlocks(name, blocks);
  const lastRow = data.length + 1;
  port.setNamedRange(name, name, 1, 1, lastRow, t.columns.length);
  return {
    ...emptyResult(name),
    created: true,
    appended: data.length,
    skippedRows,
    lastRow,
    ...statsFields(port, before),
    mode: "rewrite",
    restoredColumns: [],
  };
}

export interface ReadResult<T extends TableDef> {
  rows: Record<ColumnIdOf<T>, DecodedValue>[];
  /** The sheet row of each entry of `rows`. */
  rowNumbers: number[];
}

/**
 * Read a raw table back (e.g. to recompute derived columns without calling amoCRM): our columns
 * found by header, one read per contiguous run of them, rows without a key skipped, cells decoded
 * (dates → epoch ms, "" → null). Throws SheetLayoutError when a requested column is missing.
 */
export function readTable<T extends TableDef>(
  port: SheetPort,
  t: T,
  opts: { locale: Locale; columns?: readonly ColumnIdOf<T>[] },
): ReadResult<T> {
  const name = t.id;
  if (!port.hasSheet(name)) return { rows: [], rowNumbers: [] };
  const last = port.lastRow(name);
  if (last === 0) return { rows: [], rowNumbers: [] };
  const m = findColumns(port.readRow(name, 1), t);
  const wanted = new Set<string>(opts.columns ?? t.columns.map((c) => c.id));
  wanted.add(t.key);
  const defs = t.columns.filter((c) => wanted.has(c.id));
  const missing = defs.filter((c) => (m.missing as string[]).includes(c.id)).map((c) => c.id);
  if (missing.length > 0) throw layoutError(t, missing, opts.locale);
  if (last < 2) return { rows: [], rowNumbers: [] };

  const pos = new Map<string, number>();
  for (const c of defs) pos.set(c.id, (m.index as Record<string, number>)[c.id]! + 1);
  const runs = columnRuns(defs, pos);
  const n = last - 1;
  const cellsOf = new Map<string, { block: CellValue[][]; offset: number }>();
  for (const run of runs) {
    const block = port.readBlock(name, 2, run.start, n, run.cols.length);
    run.cols.forEach((c, i) => {
      cellsOf.set(c.id, { block, offset: i });
    });
  }
  const key = cellsOf.get(t.key)!;
  const out: Record<string, DecodedValue>[] = [];
  const rowNumbers: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keyOf(key.block[i]?.[key.offset]) === null) continue;
    const rec: Record<string, DecodedValue> = {};
    for (const c of defs) {
      const src = cellsOf.get(c.id)!;
      rec[c.id] = decodeCell(src.block[i]?.[src.offset], c.type, port.timeZone);
    }
    out.push(rec);
    rowNumbers.push(i + 2);
  }
  return { rows: out as Record<ColumnIdOf<T>, DecodedValue>[], rowNumbers };
}
