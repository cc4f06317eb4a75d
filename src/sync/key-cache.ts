/**
 * A SheetPort that reads each raw table's header row and key column at most once per execution and
 * then keeps its copies in step with what the execution writes and deletes.
 *
 * Why: upsertRows (src/sheets/upsert.ts) reads the header and the whole key column on every call
 * to find rows by id — the right thing for one call, but a sync execution upserts the same table
 * after every step, and in a 50,000-lead account the key columns hold ~700,000 cells: read once
 * they cost ~6 s of Apps Script time (scale.md §2.2: 0.0085 ms a cell), read per flush several
 * times that. Copies live only for one execution (a user's sort, filter or typing between two
 * executions is seen by the next one), and never stand in for a read after the execution wrote
 * (a read after a write waits for recalculation, scale.md §2.6 — the copy is updated instead).
 *
 * What is cached: `readRow(sheet, 1)` and `readColumn(sheet, keyCol, 2)` of our tables (the key
 * column found by header), and, when a full-table `readBlock` from row 2 covers the key column, the
 * key column out of it (a heavy execution reads every table whole first). Everything else passes
 * through. `prefetchKeys` reads the key columns of several tables in one round trip when the port
 * can (SheetPort.readColumns: the advanced service's batchGet, cells at about half the cost).
 */
import type { CellValue } from "../sheets/cells";
import type { Block, ColumnRead, PortStats, SheetPort, SheetSpec } from "../sheets/port";
import { findColumns, type TableDef, tableById } from "../sheets/tables";

export class KeyCachingPort implements SheetPort {
  private readonly headers = new Map<string, CellValue[]>();
  /** sheet → key column (1-based) → values from row 2 (index 0 = row 2). */
  private readonly keys = new Map<string, { col: number; values: CellValue[] }>();
  /** Reads this port answered from its copies (for the bench and tests). */
  hits = 0;

  constructor(private readonly inner: SheetPort) {}

  get timeZone(): string {
    return this.inner.timeZone;
  }
  get stats(): PortStats {
    return this.inner.stats;
  }

  hasSheet(sheet: string): boolean {
    return this.inner.hasSheet(sheet);
  }

  resetSheet(sheet: string, spec: SheetSpec): void {
    this.forget(sheet);
    this.inner.resetSheet(sheet, spec);
  }

  formatColumns(sheet: string, formats: { col: number; numberFormat: string }[]): void {
    this.inner.formatColumns(sheet, formats);
  }

  lastRow(sheet: string): number {
    return this.inner.lastRow(sheet);
  }

  readRow(sheet: string, row: number): CellValue[] {
    if (row !== 1) return this.inner.readRow(sheet, row);
    const cached = this.headers.get(sheet);
    if (cached) {
      this.hits++;
      return [...cached];
    }
    const values = this.inner.readRow(sheet, 1);
    this.headers.set(sheet, [...values]);
    return values;
  }

  readColumn(sheet: string, col: number, fromRow: number): CellValue[] {
    const cached = this.keys.get(sheet);
    if (fromRow === 2 && cached && cached.col === col) {
      this.hits++;
      // The sheet's last row also counts the user's own columns: answer to it, as the port does.
      const n = Math.max(0, this.inner.lastRow(sheet) - 1);
      const out = cached.values.slice(0, n);
      while (out.length < n) out.push("");
      return out;
    }
    const values = this.inner.readColumn(sheet, col, fromRow);
    if (fromRow === 2 && this.keyColumnOf(sheet) === col) this.keys.set(sheet, { col, values: [...values] });
    return values;
  }

  /** Cached key columns from the copy; the rest in one read of the inner port (when it can). */
  readColumns(reads: readonly ColumnRead[]): CellValue[][] {
    const out: (CellValue[] | null)[] = reads.map((r) => {
      const cached = this.keys.get(r.sheet);
      return r.fromRow === 2 && cached && cached.col === r.col ? this.readColumn(r.sheet, r.col, 2) : null;
    });
    const missing = reads.filter((_, i) => out[i] === null);
    if (missing.length > 0) {
      const got = this.inner.readColumns
        ? this.inner.readColumns(missing)
        : missing.map((r) => this.inner.readColumn(r.sheet, r.col, r.fromRow));
      let j = 0;
      reads.forEach((r, i) => {
        if (out[i] !== null) return;
        const values = got[j++] ?? [];
        out[i] = values;
        if (r.fromRow === 2 && !this.keys.has(r.sheet) && this.keyColumnOf(r.sheet) === r.col)
          this.keys.set(r.sheet, { col: r.col, values: [...values] });
      });
    }
    return out as CellValue[][];
  }

  /** Read the key columns of these tables (those not read yet) together, in one round trip if possible. */
  prefetchKeys(tables: readonly TableDef[]): void {
    const reads: ColumnRead[] = [];
    for (const t of tables) {
      if (this.keys.has(t.id) || !this.inner.hasSheet(t.id) || this.inner.lastRow(t.id) < 2) continue;
      const col = this.keyColumnOf(t.id);
      if (col !== null) reads.push({ sheet: t.id, col, fromRow: 2 });
    }
    if (reads.length > 0) this.readColumns(reads);
  }

  readBlock(sheet: string, row: number, col: number, numRows: number, numCols: number): CellValue[][] {
    const block = this.inner.readBlock(sheet, row, col, numRows, numCols);
    if (row === 2 && !this.keys.has(sheet)) {
      const key = this.keyColumnOf(sheet);
      // Only a read down to the last row is the whole column.
      if (key !== null && key >= col && key < col + numCols && numRows === this.inner.lastRow(sheet) - 1) {
        this.keys.set(sheet, { col: key, values: block.map((r) => r[key - col] ?? "") });
      }
    }
    return block;
  }

  writeBlocks(sheet: string, blocks: readonly Block[]): void {
    this.inner.writeBlocks(sheet, blocks);
    const header = this.headers.get(sheet);
    const keys = this.keys.get(sheet);
    for (const b of blocks) {
      const width = b.values[0]?.length ?? 0;
      if (b.row === 1 && header) {
        const cells = b.values[0] ?? [];
        for (let i = 0; i < width; i++) {
          while (header.length < b.col + i) header.push("");
          header[b.col - 1 + i] = cells[i] ?? "";
        }
      }
      if (keys && keys.col >= b.col && keys.col < b.col + width) {
        b.values.forEach((r, i) => {
          const at = b.row + i - 2;
          if (at < 0) return;
          while (keys.values.length <= at) keys.values.push("");
          keys.values[at] = r[keys.col - b.col] ?? "";
        });
      }
    }
  }

  deleteRows(sheet: string, rows: readonly number[]): void {
    this.inner.deleteRows(sheet, rows);
    const keys = this.keys.get(sheet);
    if (!keys) return;
    const gone = [...new Set(rows)].filter((r) => r >= 2).sort((a, b) => b - a);
    for (const r of gone) if (r - 2 < keys.values.length) keys.values.splice(r - 2, 1);
  }

  setNamedRange(
    name: string,
    sheet: string,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
  ): void {
    this.inner.setNamedRange(name, sheet, row, col, numRows, numCols);
  }

  /** The key column's 1-based position in one of our tables (from the cached header), else null. */
  private keyColumnOf(sheet: string): number | null {
    const t = tableById(sheet);
    if (!t) return null;
    if (!this.inner.hasSheet(sheet)) return null;
    const m = findColumns(this.readRow(sheet, 1), t);
    const i = (m.index as Record<string, number | undefined>)[t.key];
    return i === undefined || i < 0 ? null : i + 1;
  }

  private forget(sheet: string): void {
    this.headers.delete(sheet);
    this.keys.delete(sheet);
  }
}
