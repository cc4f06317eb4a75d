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
import { execFileSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createCalendar } from "../src/core/calendar";
import {
  buildDailyRows,
  buildDayRows,
  type DailyColumnId,
  type DailyRecord,
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

const ROOT = join(fileURLToPath(import.meta.url), "..", "..");

/**
 * `--before <git ref>` (e.g. `--before HEAD` with uncommitted changes, or a commit): the benches
 * also run that version of the code in the same process, so before and after are measured side by
 * side on the same machine load. null when not asked.
 */
export function beforeRef(): string | null {
  const i = process.argv.indexOf("--before");
  return i > 0 ? (process.argv[i + 1] ?? null) : null;
}

const trees = new Map<string, string>();

/** The source tree at `ref` (src, local, bench, sidebar, the manifest) in a temp dir; its path. */
export function treeAt(ref: string): string {
  let dir = trees.get(ref);
  if (dir === undefined) {
    dir = mkdtempSync(join(tmpdir(), "amo-kpi-bench-before-"));
    const tar = join(dir, "tree.tar");
    const paths = ["src", "local", "bench", "sidebar", "appsscript.json", "package.json"];
    execFileSync("git", ["archive", "--format=tar", "-o", tar, ref, ...paths], { cwd: ROOT });
    execFileSync("tar", ["-xf", tar, "-C", dir]);
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    trees.set(ref, dir);
  }
  return dir;
}

/** A module of the tree at `ref`, by its path in the repository. */
export async function importAt<T>(ref: string, path: string): Promise<T> {
  return (await import(pathToFileURL(join(treeAt(ref), path)).href)) as T;
}

const MANAGERS = 50;
const LEADS = 50_000;
const DAY = 86_400_000;

export interface DailyMetricsTiming {
  leads: number;
  rawRows: { leads: number; stageMoves: number; tasks: number; touches: number };
  dailyRows: number;
  /** Month rows (a breakdown in by_day) among them. */
  dailyMonthRows: number;
  /** The day grain (buildDayRows: one row per day × dimensions, the first table's grain). */
  dayRows: number;
  dayCells: number;
  /** metricsFromDailyCells (this code) over the day grain's cells: best, its cpu. */
  dayCellsMs: number;
  dayCellsCpuMs: number;
  /** Rows holding stage parts (stage_parts or stale_parts). */
  dailyStageRows: number;
  /**
   * What makes the rows: rows holding each kind of fact (a row may hold several), and rows
   * holding only that kind (which a merge of that kind into other rows would save).
   */
  drivers: Record<RowKind, { rows: number; only: number }>;
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
  /** metricsFromDailyCells per manager over shorter periods (best): they cut month rows. */
  periods: { label: string; ms: number }[];
  /**
   * `--before <ref>`: that version's metricsFromDailyCells (best, its cpu) on the day grain's cells
   * (the table that version builds: the same rows as buildDayRows, with an empty breakdown).
   */
  before?: { ref: string; fromCellsMs: number; fromCellsCpuMs: number; fromCellsFirstMs: number };
}

type RowKind = "created" | "closed" | "tasks" | "stages" | "snapshot";

function rowDrivers(rows: readonly DailyRecord[]): DailyMetricsTiming["drivers"] {
  const out: DailyMetricsTiming["drivers"] = {
    created: { rows: 0, only: 0 },
    closed: { rows: 0, only: 0 },
    tasks: { rows: 0, only: 0 },
    stages: { rows: 0, only: 0 },
    snapshot: { rows: 0, only: 0 },
  };
  for (const r of rows) {
    const kinds: RowKind[] = [];
    if (r.first_response_count > 0 || r.sla_due > 0 || r.sla_pending > 0) kinds.push("created");
    if (r.won_count > 0 || r.lost_count > 0) kinds.push("closed");
    if (r.due_count > 0 || r.overdue_pending > 0) kinds.push("tasks");
    if (r.stage_parts !== "") kinds.push("stages");
    if (r.next_step_open > 0 || r.stale_parts !== "") kinds.push("snapshot");
    for (const k of kinds) out[k].rows++;
    if (kinds.length === 1) out[kinds[0]!].only++;
  }
  return out;
}

/** Best wall time, its CPU time and the first wall time of `passes` runs of `f`. */
function timed(passes: number, f: () => unknown): { best: number; cpu: number; first: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < passes; k++) {
    const c = process.cpuUsage();
    const a = performance.now();
    f();
    wall.push(performance.now() - a);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const best = Math.min(...wall);
  return { best, cpu: cpu[wall.indexOf(best)]!, first: wall[0]! };
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

export async function measureDailyMetrics(passes = 5): Promise<DailyMetricsTiming> {
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
  // The day grain: same columns, span_days 1 and by_day empty.
  const dayRows = buildDayRows(data, calendar, ds);
  const dayCells = dayRows.map((r) => DAILY.columns.map((c) => r[c.id as DailyColumnId] ?? ""));
  const dayRuns = timed(passes, () => metricsFromDailyCells(dayCells, index, query));
  const ref = beforeRef();
  let before: DailyMetricsTiming["before"];
  if (ref !== null) {
    const old = await importAt<{ metricsFromDailyCells: typeof metricsFromDailyCells }>(
      ref,
      "src/core/daily/index.ts",
    );
    const t = timed(passes, () => old.metricsFromDailyCells(dayCells, index, query));
    before = { ref, fromCellsMs: t.best, fromCellsCpuMs: t.cpu, fromCellsFirstMs: t.first };
  }
  const cellRuns = timed(passes, () => metricsFromDailyCells(cells, index, query));
  // Shorter periods cut month rows, whose breakdown is then read: what a board's usual filters cost.
  const today = calendar.localDate(now);
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const periods: DailyMetricsTiming["periods"] = [
    ["this month to date", firstOfMonth, to],
    ["last 30 days", calendar.localDate(now - 30 * DAY), to],
    ["last 7 days", calendar.localDate(now - 7 * DAY), to],
    ["the quarter before", calendar.localDate(now - 120 * DAY), calendar.localDate(now - 30 * DAY)],
  ].map(([label, f, t]) => ({
    label: `${label} [${f}, ${t})`,
    ms: timed(passes, () => metricsFromDailyCells(cells, index, { from: f, to: t, groupBy: "manager" })).best,
  }));
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
    dailyMonthRows: rows.filter((r) => r.by_day !== "").length,
    dayRows: dayRows.length,
    // The day grain needs neither span_days nor by_day.
    dayCells: (dayRows.length + 1) * (DAILY.columns.length - 2),
    dayCellsMs: dayRuns.best,
    dayCellsCpuMs: dayRuns.cpu,
    dailyStageRows: rows.filter((r) => r.stage_parts !== "" || r.stale_parts !== "").length,
    drivers: rowDrivers(rows),
    dailyCells: (rows.length + 1) * DAILY.columns.length,
    enrichMs: t1 - t0,
    buildMs: t2 - t1,
    buildCpuMs: (buildCpu.user + buildCpu.system) / 1000,
    fromDailyMs: Math.min(...times),
    fromDailyFirstMs: times[0]!,
    fromCellsMs: cellRuns.best,
    fromCellsFirstMs: cellRuns.first,
    fromCellsCpuMs: cellRuns.cpu,
    fromRawMs: r1 - r0,
    periods,
    ...(before ? { before } : {}),
  };
}

export function formatDailyMetrics(r: DailyMetricsTiming): string {
  const raw = r.rawRows;
  const rawTotal = raw.leads + raw.stageMoves + raw.tasks + raw.touches;
  return [
    `daily table: a year of ${MANAGERS} managers, ${raw.leads} leads (${r.leads} in scope)`,
    `  raw rows: leads ${raw.leads}, stage moves ${raw.stageMoves}, tasks ${raw.tasks}, touches ${raw.touches} ` +
      `(total ${rawTotal})`,
    `  amo_daily rows: ${r.dailyRows} (${r.dailyMonthRows} month rows, ${r.dailyStageRows} with stage parts) = ` +
      `${(r.dailyRows / raw.leads).toFixed(2)} per lead, ${((100 * r.dailyRows) / rawTotal).toFixed(0)} % of the raw rows; ` +
      `${r.dailyCells} cells (${DAILY.columns.length} columns)`,
    `  day grain (one row per day, the first table's grain): ${r.dayRows} rows, ${r.dayCells} cells → ` +
      `×${(r.dayRows / r.dailyRows).toFixed(2)} fewer rows, ×${(r.dayCells / r.dailyCells).toFixed(2)} fewer cells; ` +
      `this code over its cells ${r.dayCellsMs.toFixed(0)} ms best (cpu ${r.dayCellsCpuMs.toFixed(0)} ms)`,
    `  rows holding each kind of fact (only that kind): ${Object.entries(r.drivers)
      .map(([k, v]) => `${k} ${v.rows} (${v.only})`)
      .join(", ")}`,
    `  enrich + facts ${r.enrichMs.toFixed(0)} ms; buildDailyRows ${r.buildMs.toFixed(0)} ms (cpu ${r.buildCpuMs.toFixed(0)} ms)`,
    `  per manager, one year (target < 200 ms): from rows of cells (KPI_MATRIX) ${r.fromCellsMs.toFixed(0)} ms best ` +
      `(cpu ${r.fromCellsCpuMs.toFixed(0)} ms) ` +
      `(first ${r.fromCellsFirstMs.toFixed(0)} ms); from row objects ${r.fromDailyMs.toFixed(0)} ms best ` +
      `(first ${r.fromDailyFirstMs.toFixed(0)} ms); the engine over the enriched raw data ${r.fromRawMs.toFixed(0)} ms`,
    `  per manager, shorter periods from rows of cells (best): ${r.periods
      .map((p) => `${p.label} ${p.ms.toFixed(0)} ms`)
      .join("; ")}`,
    ...(r.before
      ? [
          `  before (${r.before.ref}) over the day grain's cells: ${r.before.fromCellsMs.toFixed(0)} ms best ` +
            `(cpu ${r.before.fromCellsCpuMs.toFixed(0)} ms) (first ${r.before.fromCellsFirstMs.toFixed(0)} ms) → ` +
            `now ${r.fromCellsMs.toFixed(0)} ms (×${(r.before.fromCellsMs / r.fromCellsMs).toFixed(1)} faster)`,
        ]
      : []),
  ].join("\n");
}

export async function benchDailyMetrics(): Promise<void> {
  console.log(formatDailyMetrics(await measureDailyMetrics()));
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await benchDailyMetrics();
