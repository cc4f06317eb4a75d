/**
 * Benchmark of the daily facts table (src/core/daily, docs/daily.md) for a year of a 50-manager
 * team: the synthetic account of bench/synthetic-data.ts (50,000 leads over the year before its
 * "now", ~10 touches, ~5 stage moves, ~2 tasks each) with its leads dealt to 50 managers.
 *
 * Prints the row counts (amo_daily vs the raw tables, and sheet cells), the time of
 * buildDailyRows (what a sync adds), and of metricsFromDaily per manager over the whole year (what
 * KPI_MATRIX over amo_daily does once it has the rows; target < 0.2 s), next to the engine over the
 * raw data for comparison. Measures; no pass/fail.
 *
 * Run: npx tsx bench/daily-metrics.ts
 */
import { fileURLToPath } from "node:url";
import { createCalendar } from "../src/core/calendar";
import {
  buildDailyRows,
  type DailyColumnId,
  metricsFromDaily,
  metricsFromDailyCells,
} from "../src/core/daily/index";
import { enrichDataset } from "../src/core/enrich";
import { computeMetricsFromEnriched, prepareMetricFacts } from "../src/core/metrics/compute";
import type { Dataset } from "../src/core/model";
import { defaultSettings } from "../src/core/settings";
import { DAILY } from "../src/sheets/daily-table";
import { findColumns, headerRow } from "../src/sheets/tables";
import { SYNTHETIC_NOW, syntheticDataset } from "./synthetic-data";

const MANAGERS = 50;
const LEADS = 50_000;
const DAY = 86_400_000;

export interface DailyMetricsTiming {
  leads: number;
  rawRows: { leads: number; stageMoves: number; tasks: number; touches: number };
  dailyRows: number;
  /** Rows holding stage parts (stage_parts or stale_parts). */
  dailyStageRows: number;
  dailyCells: number;
  enrichMs: number;
  buildMs: number;
  /** CPU time of buildDailyRows (steadier than wall time on a shared machine). */
  buildCpuMs: number;
  /** metricsFromDaily per manager over the year (row objects): best of `passes`, and the first. */
  fromDailyMs: number;
  fromDailyFirstMs: number;
  /** The same from rows of cells, as KPI_MATRIX gets the range (metricsFromDailyCells). */
  fromCellsMs: number;
  fromCellsFirstMs: number;
  /** CPU time of the best metricsFromDailyCells pass. */
  fromCellsCpuMs: number;
  /** The engine over the enriched raw data, the same query (after enrichment). */
  fromRawMs: number;
}

/** The synthetic account with its leads (and their tasks) dealt round-robin to `managers` users. */
export function teamDataset(n: number, managers: number): Dataset {
  const ds = syntheticDataset(n);
  const managerOf = new Map<number, number>();
  ds.leads.forEach((lead, i) => {
    const m = 1 + (i % managers);
    managerOf.set(lead.id, m);
    lead.responsibleUserId = m;
    if (lead.responsibleAtCreationId !== null) lead.responsibleAtCreationId = 1 + ((i * 7) % managers);
  });
  for (const t of ds.tasks) {
    t.responsibleUserId = t.leadId === null ? 1 + (t.id % managers) : managerOf.get(t.leadId)!;
  }
  ds.users = Array.from({ length: managers }, (_, k) => ({
    id: k + 1,
    name: `Manager ${k + 1}`,
    isActive: true,
    groupId: null,
  }));
  return ds;
}

export function measureDailyMetrics(passes = 5): DailyMetricsTiming {
  const settings = defaultSettings();
  const calendar = createCalendar(settings.calendar);
  const now = SYNTHETIC_NOW;
  const ds = teamDataset(LEADS, MANAGERS);

  const t0 = performance.now();
  const data = enrichDataset(ds, settings, calendar, now);
  prepareMetricFacts(data);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const rows = buildDailyRows(data, calendar, ds);
  const buildCpu = process.cpuUsage(cpu0);
  const t2 = performance.now();

  // A year up to (and including) now's day, as KPI_MATRIX(amo_daily, today − 365, today, …) asks.
  const to = calendar.localDate(now + DAY);
  const from = calendar.localDate(now - 365 * DAY);
  const query = { from, to, groupBy: "manager" } as const;
  const times: number[] = [];
  for (let k = 0; k < passes; k++) {
    const a = performance.now();
    metricsFromDaily(rows, query);
    times.push(performance.now() - a);
  }
  // The range as a custom function receives it: a header row, then cells ("" for empty).
  const header = headerRow(DAILY, "ru");
  const cells = rows.map((r) => DAILY.columns.map((c) => r[c.id as DailyColumnId] ?? ""));
  const index = findColumns(header, DAILY).index;
  const cellTimes: number[] = [];
  const cellCpu: number[] = [];
  for (let k = 0; k < passes; k++) {
    const c = process.cpuUsage();
    const a = performance.now();
    metricsFromDailyCells(cells, index, query);
    cellTimes.push(performance.now() - a);
    const u = process.cpuUsage(c);
    cellCpu.push((u.user + u.system) / 1000);
  }
  const r0 = performance.now();
  computeMetricsFromEnriched(data, {
    from: calendar.startOfLocalDate(from),
    to: calendar.startOfLocalDate(to),
    groupBy: "manager",
  });
  const r1 = performance.now();

  return {
    leads: data.leads.length,
    rawRows: {
      leads: ds.leads.length,
      stageMoves: ds.stageMoves.length,
      tasks: ds.tasks.length,
      touches: ds.touches.length,
    },
    dailyRows: rows.length,
    dailyStageRows: rows.filter((r) => r.stage_parts !== "" || r.stale_parts !== "").length,
    dailyCells: (rows.length + 1) * DAILY.columns.length,
    enrichMs: t1 - t0,
    buildMs: t2 - t1,
    buildCpuMs: (buildCpu.user + buildCpu.system) / 1000,
    fromDailyMs: Math.min(...times),
    fromDailyFirstMs: times[0]!,
    fromCellsMs: Math.min(...cellTimes),
    fromCellsFirstMs: cellTimes[0]!,
    fromCellsCpuMs: cellCpu[cellTimes.indexOf(Math.min(...cellTimes))]!,
    fromRawMs: r1 - r0,
  };
}

export function formatDailyMetrics(r: DailyMetricsTiming): string {
  const raw = r.rawRows;
  const rawTotal = raw.leads + raw.stageMoves + raw.tasks + raw.touches;
  return [
    `daily table: a year of ${MANAGERS} managers, ${raw.leads} leads (${r.leads} in scope)`,
    `  raw rows: leads ${raw.leads}, stage moves ${raw.stageMoves}, tasks ${raw.tasks}, touches ${raw.touches} ` +
      `(total ${rawTotal})`,
    `  amo_daily rows: ${r.dailyRows} (${r.dailyStageRows} with stage parts) = ` +
      `${(r.dailyRows / raw.leads).toFixed(2)} per lead, ${((100 * r.dailyRows) / rawTotal).toFixed(0)} % of the raw rows; ` +
      `${r.dailyCells} cells (${DAILY.columns.length} columns)`,
    `  enrich + facts ${r.enrichMs.toFixed(0)} ms; buildDailyRows ${r.buildMs.toFixed(0)} ms (cpu ${r.buildCpuMs.toFixed(0)} ms)`,
    `  per manager, one year (target < 200 ms): from rows of cells (KPI_MATRIX) ${r.fromCellsMs.toFixed(0)} ms best ` +
      `(cpu ${r.fromCellsCpuMs.toFixed(0)} ms) ` +
      `(first ${r.fromCellsFirstMs.toFixed(0)} ms); from row objects ${r.fromDailyMs.toFixed(0)} ms best ` +
      `(first ${r.fromDailyFirstMs.toFixed(0)} ms); the engine over the enriched raw data ${r.fromRawMs.toFixed(0)} ms`,
  ].join("\n");
}

export async function benchDailyMetrics(): Promise<void> {
  console.log(formatDailyMetrics(measureDailyMetrics()));
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await benchDailyMetrics();
