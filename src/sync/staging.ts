/**
 * Rows fetched since the last checkpoint, waiting to be written. A flush writes each table with
 * one upsert (one read of its key column, one write per contiguous block), merges the same rows
 * into the execution's mirror, and only then may the caller save the checkpoint: a run that dies
 * mid-flush fetches those pages again next time and the upserts by id make the rewrite harmless.
 */
import type { Locale } from "../core/i18n";
import type { SheetPort } from "../sheets/port";
import type { RowOf, TableDef } from "../sheets/tables";
import { upsertRows } from "../sheets/upsert";
import type { Mirror } from "./mirror";

type Row = Record<string, unknown>;

interface Part {
  table: TableDef;
  /** Only these columns are written (undefined = all of the table's). */
  columns: readonly string[] | undefined;
  /** Append rows whose id is not in the sheet yet (false: update existing rows only). */
  append: boolean;
  rows: Map<string, Row>;
}

export interface FlushStats {
  rowsWritten: number;
  rowsDeleted: number;
  writeCalls: number;
  writeRequests: number;
  cellsWritten: number;
  warnings: string[];
}

export function emptyFlushStats(): FlushStats {
  return { rowsWritten: 0, rowsDeleted: 0, writeCalls: 0, writeRequests: 0, cellsWritten: 0, warnings: [] };
}

export function addFlushStats(into: FlushStats, s: FlushStats): void {
  into.rowsWritten += s.rowsWritten;
  into.rowsDeleted += s.rowsDeleted;
  into.writeCalls += s.writeCalls;
  into.writeRequests += s.writeRequests;
  into.cellsWritten += s.cellsWritten;
  into.warnings.push(...s.warnings);
}

export class Staging {
  private readonly parts = new Map<string, Part>();
  private readonly deletes = new Map<string, { table: TableDef; ids: Set<string> }>();

  /** Stage rows (later rows with the same key replace earlier ones, column by column). */
  put(
    table: TableDef,
    rows: Iterable<Row>,
    opts: { columns?: readonly string[]; append?: boolean } = {},
  ): void {
    const append = opts.append ?? true;
    const id = `${table.id}|${opts.columns?.join(",") ?? "*"}|${append}`;
    let part = this.parts.get(id);
    if (!part) {
      part = { table, columns: opts.columns, append, rows: new Map() };
      this.parts.set(id, part);
    }
    for (const r of rows) {
      const key = r[table.key];
      if (key === null || key === undefined) continue;
      const k = String(key);
      const before = part.rows.get(k);
      part.rows.set(k, before ? { ...before, ...r } : r);
    }
  }

  remove(table: TableDef, ids: Iterable<string | number>): void {
    let d = this.deletes.get(table.id);
    if (!d) {
      d = { table, ids: new Set() };
      this.deletes.set(table.id, d);
    }
    for (const id of ids) d.ids.add(String(id));
  }

  get size(): number {
    let n = 0;
    for (const p of this.parts.values()) n += p.rows.size;
    for (const d of this.deletes.values()) n += d.ids.size;
    return n;
  }

  /** Write everything staged (deletes with the first write of their table), then forget it. */
  flush(port: SheetPort, mirror: Mirror, locale: Locale): FlushStats {
    const stats = emptyFlushStats();
    const pendingDeletes = new Map(this.deletes);
    for (const part of this.parts.values()) {
      const del = pendingDeletes.get(part.table.id);
      pendingDeletes.delete(part.table.id);
      const rows = [...part.rows.values()] as RowOf<TableDef>[];
      const r = upsertRows(port, part.table, rows, {
        locale,
        ...(part.columns ? { columns: part.columns } : {}),
        append: part.append,
        ...(del ? { deleteIds: [...del.ids] } : {}),
      });
      // Rows the sheet did not have (append off) are not mirrored either.
      const notFound = new Set(r.notFound);
      mirror.upsert(
        part.table,
        rows.filter((row) => !notFound.has(String(row[part.table.key]))),
      );
      if (del) mirror.delete(part.table, del.ids);
      stats.rowsWritten += r.updated + r.appended;
      stats.rowsDeleted += r.deleted;
      stats.writeCalls += r.writeCalls;
      stats.writeRequests += r.writeRequests;
      stats.cellsWritten += r.cellsWritten;
      stats.warnings.push(...r.warnings);
    }
    for (const { table, ids } of pendingDeletes.values()) {
      const r = upsertRows(port, table, [], { locale, deleteIds: [...ids] });
      mirror.delete(table, ids);
      stats.rowsDeleted += r.deleted;
      stats.warnings.push(...r.warnings);
    }
    this.parts.clear();
    this.deletes.clear();
    return stats;
  }
}
