/**
 * The raw tables as one execution sees them: read once at the start of the execution, before any
 * write, then kept in step with every row the execution writes. Enrichment and the contact → lead
 * attribution read this copy, so the sync never reads back what it has just written (a read after
 * a write waits for the spreadsheet's recalculation — scale.md §2.6) and reads each table once.
 */
import type { Locale } from "../core/i18n";
import type { Dataset } from "../core/model";
import type { DecodedValue } from "../sheets/cells";
import type { SheetPort } from "../sheets/port";
import {
  leadFromRow,
  lossReasonFromRow,
  stageFromRow,
  stageMoveFromRow,
  taskFromRow,
  touchFromRow,
  userFromRow,
} from "../sheets/rows";
import {
  LEADS,
  LOSS_REASONS,
  STAGE_MOVES,
  STAGES,
  TABLES,
  TASKS,
  type TableDef,
  TOUCHES,
  USERS,
} from "../sheets/tables";
import { readTable } from "../sheets/upsert";

export type MirrorRow = Record<string, DecodedValue>;

export class Mirror {
  /** Table id → key (as text) → row (decoded values, dates as epoch ms). */
  private readonly tables = new Map<string, Map<string, MirrorRow>>();

  static read(port: SheetPort, locale: Locale): Mirror {
    const m = new Mirror();
    for (const t of TABLES) {
      const rows = new Map<string, MirrorRow>();
      for (const r of readTable(port, t, { locale }).rows) {
        const key = (r as MirrorRow)[t.key];
        if (key !== null && key !== undefined) rows.set(String(key), r as MirrorRow);
      }
      m.tables.set(t.id, rows);
    }
    return m;
  }

  rows(t: TableDef): Map<string, MirrorRow> {
    return this.tables.get(t.id)!;
  }

  get(t: TableDef, key: string | number): MirrorRow | undefined {
    return this.rows(t).get(String(key));
  }

  /** Merge written values (only the columns given) into the copy. */
  upsert(t: TableDef, rows: Iterable<Record<string, unknown>>): void {
    const table = this.rows(t);
    for (const r of rows) {
      const key = r[t.key];
      if (key === null || key === undefined) continue;
      const k = String(key);
      const merged: MirrorRow = { ...(table.get(k) ?? {}) };
      for (const [col, v] of Object.entries(r)) merged[col] = toDecoded(v);
      table.set(k, merged);
    }
  }

  delete(t: TableDef, keys: Iterable<string | number>): void {
    const table = this.rows(t);
    for (const k of keys) table.delete(String(k));
  }

  /** Everything enrichment reads, as model objects (rows that cannot be read are skipped). */
  dataset(): Dataset {
    const models = <T>(t: TableDef, from: (r: MirrorRow) => T | null): T[] => {
      const out: T[] = [];
      for (const r of this.rows(t).values()) {
        const v = from(r);
        if (v !== null) out.push(v);
      }
      return out;
    };
    return {
      leads: models(LEADS, leadFromRow),
      stageMoves: models(STAGE_MOVES, stageMoveFromRow),
      tasks: models(TASKS, taskFromRow),
      touches: models(TOUCHES, touchFromRow),
      users: models(USERS, userFromRow),
      stages: models(STAGES, stageFromRow),
      lossReasons: models(LOSS_REASONS, lossReasonFromRow),
    };
  }
}

/** Row values as the sheet would give them back: instants stay epoch ms, Dates become ms, undefined → null. */
function toDecoded(v: unknown): DecodedValue {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}
