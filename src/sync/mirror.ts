/**
 * The raw tables as one execution sees them, read before any write and then kept in step with
 * every row the execution writes. Enrichment and the contact → lead attribution read this copy, so
 * the sync never reads back what it has just written (a read after a write waits for the
 * spreadsheet's recalculation — scale.md §2.6) and reads each table at most once.
 *
 * Two ways to open it:
 * - `Mirror.read`: every table whole (a full sync, the hourly heavy pass, a settings recompute);
 * - `Mirror.light`: the three small dictionary tables whole, the four big ones (leads, moves,
 *   tasks, touches) empty — a quiet incremental execution then loads only the rows it needs by id
 *   (`load`), and the few lead columns the contact attribution needs (`attributionLeads`). In a
 *   50,000-lead account that is the difference between ~7 M cells (~60 s of Apps Script time,
 *   scale.md §2.2) and the key columns alone.
 */
import type { LeadLink } from "../amo/mapping/attribution";
import type { Locale } from "../core/i18n";
import type { Dataset } from "../core/model";
import { type DecodedValue, decodeCell, keyOf } from "../sheets/cells";
import { missingColumnsMessage } from "../sheets/messages";
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
  findColumns,
  header,
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
import { readTable, SheetLayoutError } from "../sheets/upsert";

export type MirrorRow = Record<string, DecodedValue>;

/** The tables a light mirror leaves unread until asked. */
export const BIG_TABLES: readonly TableDef[] = [LEADS, STAGE_MOVES, TASKS, TOUCHES];

/**
 * Rows a light load reads around the wanted ones rather than start a new read: a read round trip
 * inside a running script is assumed to cost about what ~30 ms of cells do (scale.md §2.2 gives
 * 0.2–0.3 s for a one-cell round trip including start-up [V-src]; inside a script less [BELIEF]).
 */
const LOAD_GAP_ROWS = 300;

export class Mirror {
  /** Table id → key (as text) → row (decoded values, dates as epoch ms). */
  private readonly tables = new Map<string, Map<string, MirrorRow>>();
  /** Tables not read whole (light mode): key → row holds only loaded and written rows. */
  private readonly partial = new Set<string>();
  /** Light mode: keys already looked up in the sheet (found or not). */
  private readonly looked = new Map<string, Set<string>>();
  /** Keys written (upserted) by this execution, per table. */
  private readonly writtenKeys = new Map<string, Set<string>>();
  /** Keys deleted by this execution, per table. */
  private readonly deletedKeys = new Map<string, Set<string>>();
  private attribution: LeadLink[] | null = null;

  private constructor(
    private readonly port: SheetPort | null,
    private readonly locale: Locale,
  ) {
    for (const t of TABLES) {
      this.tables.set(t.id, new Map());
      this.writtenKeys.set(t.id, new Set());
      this.deletedKeys.set(t.id, new Set());
      this.looked.set(t.id, new Set());
    }
  }

  /** Every table whole. */
  static read(port: SheetPort, locale: Locale): Mirror {
    const m = new Mirror(port, locale);
    for (const t of TABLES) m.readWhole(t);
    return m;
  }

  /** The small tables whole; the big ones on demand (see the file header). */
  static light(port: SheetPort, locale: Locale): Mirror {
    const m = new Mirror(port, locale);
    for (const t of TABLES) {
      if (!BIG_TABLES.includes(t)) m.readWhole(t);
      else {
        m.partial.add(t.id);
        // A deleted or renamed column of ours stops the run here, before anything is written,
        // as the whole read does (SheetLayoutError). The header read is the port's, read once.
        if (port.hasSheet(t.id) && port.lastRow(t.id) > 0) m.positions(t);
      }
    }
    return m;
  }

  private readWhole(t: TableDef): void {
    const rows = this.rows(t);
    for (const r of readTable(this.port!, t, { locale: this.locale }).rows) {
      const key = (r as MirrorRow)[t.key];
      if (key !== null && key !== undefined) rows.set(String(key), r as MirrorRow);
    }
  }

  /** Is the table mirrored whole (false: only the rows loaded or written by this execution)? */
  isComplete(t: TableDef): boolean {
    return !this.partial.has(t.id);
  }

  rows(t: TableDef): Map<string, MirrorRow> {
    return this.tables.get(t.id)!;
  }

  get(t: TableDef, key: string | number): MirrorRow | undefined {
    return this.rows(t).get(String(key));
  }

  /** Keys this execution has written to the table (appended or updated), in no order. */
  written(t: TableDef): ReadonlySet<string> {
    return this.writtenKeys.get(t.id)!;
  }

  /**
   * Make the rows of these keys present, as the sheet holds them (a partial table reads them; a
   * whole one already has them). Keys not in the sheet stay absent. The key column comes from the
   * execution's port, which reads it once (key-cache.ts); the rows in runs of nearby rows.
   */
  load(t: TableDef, keys: Iterable<string | number>): void {
    if (!this.partial.has(t.id) || !this.port) return;
    const looked = this.looked.get(t.id)!;
    const wanted = new Set<string>();
    for (const k of keys) {
      const s = keyOf(k);
      if (s !== null && !looked.has(s) && !this.deletedKeys.get(t.id)!.has(s)) wanted.add(s);
    }
    if (wanted.size === 0) return;
    for (const k of wanted) looked.add(k);
    const port = this.port;
    if (!port.hasSheet(t.id) || port.lastRow(t.id) < 2) return;
    const pos = this.positions(t);
    const keyCells = port.readColumn(t.id, pos.get(t.key)!, 2);
    const rowsWanted: number[] = [];
    keyCells.forEach((cell, i) => {
      const k = keyOf(cell);
      if (k !== null && wanted.has(k)) rowsWanted.push(i + 2);
    });
    if (rowsWanted.length === 0) return;
    let first = Number.POSITIVE_INFINITY;
    let last = 0;
    for (const p of pos.values()) {
      first = Math.min(first, p);
      last = Math.max(last, p);
    }
    const table = this.rows(t);
    for (const run of nearbyRuns(rowsWanted, LOAD_GAP_ROWS)) {
      const block = port.readBlock(t.id, run.start, first, run.count, last - first + 1);
      block.forEach((cells) => {
        const k = keyOf(cells[pos.get(t.key)! - first]);
        if (k === null || !wanted.has(k)) return;
        const rec: MirrorRow = {};
        for (const c of t.columns)
          rec[c.id] = decodeCell(cells[pos.get(c.id)! - first], c.type, port.timeZone);
        // What this execution wrote is already in the sheet; keep it on top all the same.
        table.set(k, { ...rec, ...(table.get(k) ?? {}) });
      });
    }
  }

  /**
   * Every lead the contact attribution needs (id, contacts, created and closed time): from the
   * mirror when the leads table is whole, else from four columns of the sheet read once, with this
   * execution's writes and deletions on top.
   */
  attributionLeads(): LeadLink[] {
    if (!this.partial.has(LEADS.id)) return this.dataset().leads;
    if (!this.attribution) {
      this.attribution = [];
      const port = this.port;
      if (port?.hasSheet(LEADS.id) && port.lastRow(LEADS.id) >= 2) {
        const pos = this.positions(LEADS);
        const wanted = ["lead_id", "contact_ids", "created_at", "closed_at"] as const;
        const reads = wanted.map((id) => ({ sheet: LEADS.id, col: pos.get(id)!, fromRow: 2 }));
        // One round trip when the port can (the key column comes from the execution's copy).
        const cells = port.readColumns
          ? port.readColumns(reads)
          : reads.map((r) => port.readColumn(r.sheet, r.col, 2));
        const [ids, contacts, created, closed] = wanted.map((id, i) => {
          const type = LEADS.columns.find((c) => c.id === id)!.type;
          return (cells[i] ?? []).map((c) => decodeCell(c, type, port.timeZone));
        }) as [DecodedValue[], DecodedValue[], DecodedValue[], DecodedValue[]];
        ids.forEach((id, i) => {
          const lead = leadLink({
            lead_id: id,
            contact_ids: contacts[i] ?? null,
            created_at: created[i] ?? null,
            closed_at: closed[i] ?? null,
          });
          if (lead) this.attribution!.push(lead);
        });
      }
    }
    const byId = new Map(this.attribution.map((l) => [String(l.id), l]));
    for (const [k, row] of this.rows(LEADS)) {
      const lead = leadLink(row);
      if (lead) byId.set(k, lead);
    }
    for (const k of this.deletedKeys.get(LEADS.id)!) byId.delete(k);
    return [...byId.values()];
  }

  /** Merge written values (only the columns given) into the copy. */
  upsert(t: TableDef, rows: Iterable<Record<string, unknown>>): void {
    const table = this.rows(t);
    const written = this.writtenKeys.get(t.id)!;
    for (const r of rows) {
      const key = r[t.key];
      if (key === null || key === undefined) continue;
      const k = String(key);
      const merged: MirrorRow = { ...(table.get(k) ?? {}) };
      for (const [col, v] of Object.entries(r)) merged[col] = toDecoded(v);
      table.set(k, merged);
      written.add(k);
      this.deletedKeys.get(t.id)!.delete(k);
    }
  }

  delete(t: TableDef, keys: Iterable<string | number>): void {
    const table = this.rows(t);
    for (const k of keys) {
      table.delete(String(k));
      this.writtenKeys.get(t.id)!.delete(String(k));
      this.deletedKeys.get(t.id)!.add(String(k));
    }
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

  /** Our columns' 1-based positions in the sheet (header read through the port, once). */
  private positions(t: TableDef): Map<string, number> {
    const port = this.port!;
    const m = findColumns(port.readRow(t.id, 1), t);
    if (m.missing.length > 0) {
      const names = t.columns
        .filter((c) => (m.missing as string[]).includes(c.id))
        .map((c) => header(c, this.locale));
      throw new SheetLayoutError(
        t.id,
        m.missing as string[],
        names,
        missingColumnsMessage(t.id, names, this.locale),
      );
    }
    const pos = new Map<string, number>();
    for (const c of t.columns) pos.set(c.id, (m.index as Record<string, number>)[c.id]! + 1);
    return pos;
  }
}

function leadLink(r: MirrorRow): LeadLink | null {
  const id = typeof r["lead_id"] === "number" ? r["lead_id"] : null;
  const createdAt = typeof r["created_at"] === "number" ? r["created_at"] : null;
  if (id === null || createdAt === null) return null;
  const contacts = typeof r["contact_ids"] === "string" ? r["contact_ids"] : String(r["contact_ids"] ?? "");
  return {
    id,
    createdAt,
    closedAt: typeof r["closed_at"] === "number" ? r["closed_at"] : null,
    isDeleted: false,
    contactIds: contacts
      .split(/[,;\s]+/)
      .map(Number)
      .filter((n) => Number.isFinite(n) && n > 0),
  };
}

/** Sorted rows → runs, joining two rows when fewer than `gap` rows lie between them. */
export function nearbyRuns(rows: readonly number[], gap: number): { start: number; count: number }[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: { start: number; count: number }[] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r - (last.start + last.count - 1) <= gap) last.count = r - last.start + 1;
    else runs.push({ start: r, count: 1 });
  }
  return runs;
}

/** Row values as the sheet would give them back: instants stay epoch ms, Dates become ms, undefined → null. */
function toDecoded(v: unknown): DecodedValue {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}
