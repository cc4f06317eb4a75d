/**
 * The daily path: `data` is the amo_daily named range, whose rows hold each metric's additive
 * parts per day × manager × source × segment × lead class × pipeline; the amo_daily module
 * (src/core/daily, metricsFromDailyCells) sums them straight from the rows of cells, no object per
 * row. The module is injected (DailyEngine, wired in src/gas/custom-functions.ts) so this pure
 * area does not depend on another area's code, and tests can stand in for it.
 */
import { formatDay } from "../../core/calendar-zone";
import type { MetricsTable } from "../../core/metrics/aggregate";
import type { GroupBy, MetricId, SliceFilters } from "../../core/metrics/types";
import { NONE } from "../../core/model";
import { zoneOffsetMs } from "../cells";
import type { TableDef } from "../tables";
import type { FilterBook } from "./filters";
import type { TableArg } from "./range";

const DAY_MS = 86_400_000;

/** The amo_daily module: its table (DAILY) and its reader over rows of cells (src/core/daily). */
export interface DailyEngine {
  /** DAILY (src/sheets/daily-table.ts). */
  table: TableDef;
  /** metricsFromDailyCells: rows without the header, each column's index (-1 = absent). */
  metricsFromDailyCells(
    rows: readonly (readonly unknown[])[],
    index: Readonly<Record<string, number>>,
    query: {
      from?: string;
      to?: string;
      filters?: SliceFilters;
      groupBy?: GroupBy;
      /** Only these metrics (absent = all): the parts no asked metric needs are not read. */
      metrics?: readonly MetricId[];
    },
  ): MetricsTable;
}

/**
 * Column ids of DAILY (src/sheets/daily-table.ts) this path reads for names (filters, labels); a
 * column that is absent simply contributes no names.
 */
export const DAILY_NAME_COLUMNS = {
  day: "day",
  managerId: "manager_id",
  manager: "manager",
  source: "source",
  segment: "segment",
  pipelineId: "pipeline_id",
  pipeline: "pipeline",
} as const;

/** The DAILY columns the daily path cannot do without (the parts are read leniently: empty = 0). */
export const REQUIRED_DAILY_COLUMNS = ["day", "manager_id", "source", "segment", "pipeline_id"] as const;

/**
 * amo_daily's data rows as the module reads them: the cells as they came (it reads them leniently
 * and names a bad cell's row and column), except a day that a sheet turned into a date cell, read
 * back as its "yyyy-mm-dd" in the spreadsheet's zone (only such rows are copied).
 */
export function dailyRows(t: TableArg, timeZone: () => string): readonly (readonly unknown[])[] {
  const d = t.index[DAILY_NAME_COLUMNS.day]!;
  let rows: (readonly unknown[])[] | null = null;
  for (let r = 0; r < t.rows.length; r++) {
    const cell = t.rows[r]![d];
    if (typeof cell === "string" || !(cell instanceof Date)) continue;
    rows ??= t.rows.slice();
    const copy = t.rows[r]!.slice();
    const ms = cell.getTime();
    copy[d] = formatDay(Math.floor((ms + zoneOffsetMs(ms, timeZone())) / DAY_MS));
    rows[r] = copy;
  }
  return rows ?? t.rows;
}

/**
 * Names in amo_daily, to resolve filters and label the matrix's rows. Each set is gathered on first
 * use, in a pass over its own columns: KPI_MATRIX without filters reads only the managers' (a year
 * of a team is ~300 k rows, and every pass counts inside a custom function's 30 s).
 */
export function dailyBook(t: TableArg): FilterBook {
  const k = DAILY_NAME_COLUMNS;
  const at = (id: string) => t.index[id] ?? -1;
  let managers: { ids: Set<number>; names: Map<number, string> } | undefined;
  let pipelines: Map<number, string> | undefined;
  let sources: Set<string> | undefined;
  let segments: Set<string> | undefined;
  const managerBook = () => {
    managers ??= managersOf(t.rows, at(k.managerId), at(k.manager));
    return managers;
  };
  return {
    namesOf(ids: readonly number[]): ReadonlyMap<number, string> {
      return managers?.names ?? namesOf(t.rows, ids, at(k.managerId), at(k.manager));
    },
    get managerIds() {
      return managerBook().ids;
    },
    get managers() {
      return managerBook().names;
    },
    get pipelines() {
      pipelines ??= pipelinesOf(t.rows, at(k.pipelineId), at(k.pipeline));
      return pipelines;
    },
    get sources() {
      sources ??= textsOf(t.rows, at(k.source));
      return sources;
    },
    get segments() {
      segments ??= textsOf(t.rows, at(k.segment));
      return segments;
    },
  };
}

/** Manager ids, and the first name met for each (a blank name is no name). */
function managersOf(
  rows: readonly (readonly unknown[])[],
  cId: number,
  cName: number,
): { ids: Set<number>; names: Map<number, string> } {
  const ids = new Set<number>();
  const names = new Map<number, string>();
  if (cId < 0) return { ids, names };
  let last: number | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const m = asNumber(row[cId]);
    if (m === null) continue;
    // Neighbouring rows often share a manager: skip the set for a repeat.
    if (m !== last) ids.add(m);
    last = m;
    if (cName < 0 || names.has(m)) continue;
    const name = row[cName];
    if (typeof name === "string" && name !== "") names.set(m, name);
  }
  return { ids, names };
}

/**
 * The names of `ids`, read from the first rows that name them: a pass that stops once each has a
 * name (a team's managers all appear in the first weeks' rows), or at the end for one without.
 */
function namesOf(
  rows: readonly (readonly unknown[])[],
  ids: readonly number[],
  cId: number,
  cName: number,
): Map<number, string> {
  const names = new Map<number, string>();
  const wanted = new Set(ids);
  if (cId < 0 || cName < 0) return names;
  for (let r = 0; r < rows.length && wanted.size > 0; r++) {
    const row = rows[r]!;
    const m = asNumber(row[cId]);
    if (m === null || !wanted.has(m)) continue;
    const name = row[cName];
    if (typeof name !== "string" || name === "") continue;
    names.set(m, name);
    wanted.delete(m);
  }
  return names;
}

function pipelinesOf(rows: readonly (readonly unknown[])[], cId: number, cName: number): Map<number, string> {
  const out = new Map<number, string>();
  if (cId < 0) return out;
  for (const row of rows) {
    const p = asNumber(row[cId]);
    if (p === null || out.has(p)) continue;
    const name = cName >= 0 ? row[cName] : "";
    out.set(p, typeof name === "string" ? name : "");
  }
  return out;
}

/** The slicing texts of a column as metricsFromDaily keys them. */
function textsOf(rows: readonly (readonly unknown[])[], c: number): Set<string> {
  const out = new Set<string>();
  let last: unknown;
  for (let r = 0; r < rows.length; r++) {
    const v = c >= 0 ? rows[r]![c] : undefined;
    if (v === last && r > 0) continue;
    last = v;
    out.add(asText(v));
  }
  return out;
}

function asNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** As metricsFromDaily keys a slicing text: empty = "(none)", a number as its text. */
function asText(v: unknown): string {
  return v === null || v === undefined || v === "" ? NONE : String(v);
}
