/**
 * The daily path: `data` is the amo_daily named range, whose rows hold each metric's additive
 * parts per day × manager × source × segment × lead class × pipeline; the amo_daily module
 * (src/core/daily, metricsFromDailyCells) sums them straight from the rows of cells, no object per
 * row. The module is injected (DailyEngine, wired in src/gas/custom-functions.ts) so this pure
 * area does not depend on another area's code, and tests can stand in for it.
 */
import { formatDay } from "../../core/calendar-zone";
import type { MetricsTable } from "../../core/metrics/aggregate";
import type { GroupBy, SliceFilters } from "../../core/metrics/types";
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
    query: { from?: string; to?: string; filters?: SliceFilters; groupBy?: GroupBy },
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
    if (!(cell instanceof Date)) continue;
    rows ??= t.rows.slice();
    const copy = t.rows[r]!.slice();
    const ms = cell.getTime();
    copy[d] = formatDay(Math.floor((ms + zoneOffsetMs(ms, timeZone())) / DAY_MS));
    rows[r] = copy;
  }
  return rows ?? t.rows;
}

/** Names in amo_daily, to resolve filters and label the matrix's rows. */
export function dailyBook(t: TableArg): FilterBook {
  const k = DAILY_NAME_COLUMNS;
  const at = (id: string) => t.index[id] ?? -1;
  const [cManagerId, cManager, cPipelineId, cPipeline, cSource, cSegment] = [
    at(k.managerId),
    at(k.manager),
    at(k.pipelineId),
    at(k.pipeline),
    at(k.source),
    at(k.segment),
  ];
  const managerIds = new Set<number>();
  const managers = new Map<number, string>();
  const pipelines = new Map<number, string>();
  const sources = new Set<string>();
  const segments = new Set<string>();
  for (const r of t.rows) {
    const m = asNumber(r[cManagerId]);
    if (m !== null) {
      managerIds.add(m);
      const name = cManager >= 0 ? r[cManager] : "";
      if (typeof name === "string" && name !== "" && !managers.has(m)) managers.set(m, name);
    }
    const p = asNumber(r[cPipelineId]);
    if (p !== null && !pipelines.has(p)) {
      const name = cPipeline >= 0 ? r[cPipeline] : "";
      pipelines.set(p, typeof name === "string" ? name : "");
    }
    sources.add(asText(r[cSource]));
    segments.add(asText(r[cSegment]));
  }
  return { managerIds, managers, pipelines, sources, segments };
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
