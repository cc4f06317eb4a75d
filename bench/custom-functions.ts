/**
 * Benchmark of the KPI_* custom functions as Sheets runs them: the built bundle (build/Code.js) in
 * the local Apps Script runtime, one KPI_MATRIX call = one custom-function execution (a fresh
 * context loading the whole bundle, the ranges crossing into the script's realm, the call, the
 * 2-D result back), timed by the wall clock.
 *
 * - amo_leads: the 100,000-lead synthetic account (bench/synthetic-data.ts), its lead rows with the
 *   derived columns as the sync writes them (target < 2 s); then the same with amo_tasks,
 *   amo_stage_moves and amo_stages passed too (overdue tasks and stage conversion on the raw path).
 * - amo_daily: a year of a 50-manager team (bench/daily-metrics.ts teamDataset, 50,000 leads, every
 *   manager on all 144 combinations of source × segment × class × pipeline: the worst case) as
 *   buildDailyRows writes it (target < 0.2 s); then the generator's large account (50 managers,
 *   12 months, the generator's uneven mix, tests/support/generated.ts) the same way.
 *
 * "Passing the ranges" is the local runtime's copy of the arguments into the script's vm realm
 * (local/gas-runtime/realm.ts): an artifact of running Apps Script code in node:vm, not a modelled
 * Google cost (how long Sheets takes to hand a range to a custom function is not documented). It is
 * printed apart, with the generic recursive copy the runtime used before next to it.
 *
 * `--before <git ref>` (bench/daily-metrics.ts beforeRef) also measures that version of the code
 * (its bundle, runtime and pure function) in the same run and prints before → after.
 *
 * Measures; no pass/fail. Run: npx tsx bench/custom-functions.ts [--before HEAD]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll } from "../local/build/build";
import { createRuntime, createVirtualClock, loadBuild, type Runtime } from "../local/gas-runtime";
import { createRealm, Guard, type Realm } from "../local/gas-runtime/realm";
import { createCalendar } from "../src/core/calendar";
import { enrichDataset } from "../src/core/enrich";
import type { Dataset } from "../src/core/model";
import { defaultSettings } from "../src/core/settings";
import { encodeCell } from "../src/sheets/cells";
import { type DailyEngine, type KpiEnv, kpiMatrix } from "../src/sheets/custom-functions";
import { derivedLeadRow, leadRow, nameBook, stageMoveRow, stageRow, taskRow } from "../src/sheets/rows";
import { LEADS, STAGE_MOVES, STAGES, TASKS, type TableDef } from "../src/sheets/tables";
import { generated } from "../tests/support/generated";
import { beforeRef, importAt } from "./daily-metrics";
import { SYNTHETIC_NOW, syntheticDataset } from "./synthetic-data";

const TZ = "Europe/Moscow";

export interface CallTiming {
  label: string;
  /** The same arguments passed to a no-op custom function: the runtime's cost of the call itself. */
  passArgsMs: number;
  /** Copying the arguments into a fresh realm: the runtime's copy now, and the generic one it replaced. */
  copyMs: number;
  genericCopyMs: number;
  /** The pure function in this process (no runtime, no copy of the ranges): first call and best. */
  pureFirstMs: number;
  pureBestMs: number;
  /** Data rows of each range passed (header excluded). */
  rows: Record<string, number>;
  /** Rows of the spilled result (header included). */
  resultRows: number;
  firstMs: number;
  bestMs: number;
  /** The median call (the machine is shared: best and median together say more than either). */
  medianMs: number;
  targetMs: number;
}

/** Rows (objects keyed by column id) → the 2-D array a custom function receives. */
function toRange(t: TableDef, rows: readonly Record<string, unknown>[]): unknown[][] {
  return [
    t.columns.map((c) => c.ru),
    ...rows.map((r) => t.columns.map((c) => encodeCell(r[c.id] as never, c.type))),
  ];
}

/** The raw tables of `ds` as the sync leaves them (CRM columns + derived columns at `now`). */
function rawRanges(ds: Dataset, now: number): Record<string, unknown[][]> {
  const settings = defaultSettings();
  const data = enrichDataset(ds, settings, createCalendar(settings.calendar), now);
  const names = nameBook(ds);
  const byId = new Map(ds.leads.map((l) => [l.id, l]));
  const leads = data.leads.map((e) => ({ ...leadRow(byId.get(e.id)!, names, ""), ...derivedLeadRow(e) }));
  return {
    amo_leads: toRange(LEADS, leads),
    amo_tasks: toRange(TASKS, ds.tasks.map(taskRow)),
    amo_stage_moves: toRange(STAGE_MOVES, ds.stageMoves.map(stageMoveRow)),
    amo_stages: toRange(
      STAGES,
      ds.stages.map((s) => stageRow(s, settings.defaultControlPeriodDays)),
    ),
  };
}

/** A year of a 50-manager team as amo_daily (loaded lazily: the amo_daily module is another area's). */
async function dailyRange(now: number): Promise<{ daily: unknown[][]; engine: DailyEngine }> {
  const { buildDailyRows, metricsFromDailyCells } = await import("../src/core/daily/index");
  const { DAILY } = await import("../src/sheets/daily-table");
  const { teamDataset } = await import("./daily-metrics");
  const ds = teamDataset(50_000, 50);
  const settings = defaultSettings();
  const calendar = createCalendar(settings.calendar);
  const records = buildDailyRows(enrichDataset(ds, settings, calendar, now), calendar, ds);
  return {
    daily: toRange(DAILY, records as unknown as Record<string, unknown>[]),
    engine: { table: DAILY, metricsFromDailyCells },
  };
}

/** A runtime whose only function takes any arguments and returns at once. */
function noopRuntime(): Runtime {
  const code = "function NOOP() { return [[arguments.length]]; }";
  return createRuntime({ code, clock: createVirtualClock(SYNTHETIC_NOW), timeZone: TZ });
}

function best(times: number[]): number {
  return Math.min(...times);
}

function median(times: number[]): number {
  const xs = [...times].sort((a, b) => a - b);
  return xs.length % 2 === 1 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2;
}

/** The runtime's copy before (realm.ts until this bench's change): one recursive call per cell. */
function genericCopy(realm: Realm, v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    const out = new realm.Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = genericCopy(realm, v[i]);
    return out;
  }
  if (v instanceof Date) return new realm.Date(v.getTime());
  return v;
}

/** Best times of copying `args` into a fresh realm: [the runtime's copy, the generic copy]. */
function copyTimes(args: unknown[], passes: number): [number, number] {
  const hooks = { beforeCall: () => undefined, onMissing: () => undefined };
  const now: number[] = [];
  const generic: number[] = [];
  for (let i = 0; i < passes; i++) {
    const realm = createRealm(() => SYNTHETIC_NOW);
    let t0 = performance.now();
    const guard = new Guard(realm, hooks);
    for (const a of args) guard.toScript(a);
    now.push(performance.now() - t0);
    t0 = performance.now();
    for (const a of args) genericCopy(realm, a);
    generic.push(performance.now() - t0);
  }
  return [best(now), best(generic)];
}

function timeCalls(
  rt: Runtime,
  label: string,
  args: unknown[],
  targetMs: number,
  passes: number,
  pure: () => unknown,
): CallTiming {
  const noop = noopRuntime();
  const pass: number[] = [];
  const pureTimes: number[] = [];
  for (let i = 0; i < passes; i++) {
    let t0 = performance.now();
    noop.customFunction("NOOP", ...args);
    pass.push(performance.now() - t0);
    t0 = performance.now();
    pure();
    pureTimes.push(performance.now() - t0);
  }
  const times: number[] = [];
  let result: unknown[][] = [];
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    result = rt.customFunction<unknown[][]>("KPI_MATRIX", ...args);
    times.push(performance.now() - t0);
  }
  if (!Array.isArray(result) || result.length < 2)
    throw new Error(`${label}: KPI_MATRIX gave ${JSON.stringify(result)}`);
  const [copyMs, genericCopyMs] = copyTimes(args, passes);
  const rows: Record<string, number> = {};
  args.forEach((a, i) => {
    if (Array.isArray(a)) rows[`arg${i}`] = a.length - 1;
  });
  return {
    label,
    passArgsMs: best(pass),
    copyMs,
    genericCopyMs,
    pureFirstMs: pureTimes[0]!,
    pureBestMs: best(pureTimes),
    rows,
    resultRows: result.length,
    firstMs: times[0]!,
    bestMs: best(times),
    medianMs: median(times),
    targetMs,
  };
}

/**
 * Every case, each with its own data built and dropped in its own function: a call's garbage is
 * collected in a heap that holds only that case's ranges (as each Apps Script execution has its
 * own), and the daily cases run first, before the raw ranges of millions of cells exist. Printed
 * in the order raw, raw + tables, daily, daily of the large account.
 */
export async function measureCustomFunctions(passes = 3): Promise<CallTiming[]> {
  const out = mkdtempSync(join(tmpdir(), "amo-kpi-bench-cf-"));
  await buildAll(out);
  const rt = createRuntime({ ...loadBuild(out), clock: createVirtualClock(SYNTHETIC_NOW), timeZone: TZ });
  // More calls for the daily cases: each is short, and the target is close.
  const daily = await measureDailyYear(rt, passes * 3);
  const large = await measureDailyLarge(rt, passes * 3);
  const raw = measureRaw(rt, passes);
  return [...raw, daily, large];
}

const ENV: KpiEnv = { timeZone: () => TZ, now: () => SYNTHETIC_NOW, daily: null };

function measureRaw(rt: Runtime, passes: number): CallTiming[] {
  const now = new Date(SYNTHETIC_NOW);
  const raw = rawRanges(syntheticDataset(100_000), SYNTHETIC_NOW);
  const leadsOnly = [raw["amo_leads"], "", "", "", "", "", "", now];
  const r1 = timeCalls(rt, "KPI_MATRIX(amo_leads)", leadsOnly, 2000, passes, () =>
    kpiMatrix({ data: raw["amo_leads"], lastSync: now }, ENV),
  );
  r1.rows = { amo_leads: raw["amo_leads"]!.length - 1 };
  const all = [...leadsOnly, raw["amo_tasks"], raw["amo_stage_moves"], raw["amo_stages"]];
  const r2 = timeCalls(rt, "KPI_MATRIX(amo_leads + tasks, moves, stages)", all, 2000, passes, () =>
    kpiMatrix(
      {
        data: raw["amo_leads"],
        lastSync: now,
        tasks: raw["amo_tasks"],
        stageMoves: raw["amo_stage_moves"],
        stages: raw["amo_stages"],
      },
      ENV,
    ),
  );
  r2.rows = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.length - 1]));
  return [r1, r2];
}

async function measureDailyYear(rt: Runtime, passes: number): Promise<CallTiming> {
  const now = new Date(SYNTHETIC_NOW);
  const { daily, engine } = await dailyRange(SYNTHETIC_NOW);
  const yearAgo = new Date(SYNTHETIC_NOW - 365 * 86_400_000);
  const env: KpiEnv = { ...ENV, daily: engine };
  const r = timeCalls(
    rt,
    "KPI_MATRIX(amo_daily), a year, 50 managers",
    [daily, yearAgo, now],
    200,
    passes,
    () => kpiMatrix({ data: daily, from: yearAgo, to: now }, env),
  );
  r.rows = { amo_daily: daily.length - 1 };
  return r;
}

/**
 * The generator's large account: 50 managers, 12 months, its own (uneven) mix of sources,
 * segments, classes and pipelines, as a real team has — the uniform year above is the worst case.
 */
async function measureDailyLarge(rt: Runtime, passes: number): Promise<CallTiming> {
  const g = generated(1, "large");
  const { buildDailyRows, metricsFromDailyCells } = await import("../src/core/daily/index");
  const { DAILY } = await import("../src/sheets/daily-table");
  const rows = buildDailyRows(g.data, g.calendar, g.dataset) as unknown as Record<string, unknown>[];
  const large = toRange(DAILY, rows);
  const now = new Date(g.now);
  const yearAgo = new Date(g.now - 365 * 86_400_000);
  const env: KpiEnv = { ...ENV, now: () => g.now, daily: { table: DAILY, metricsFromDailyCells } };
  const r = timeCalls(
    rt,
    "KPI_MATRIX(amo_daily), the generator's large account (50 managers, a year)",
    [large, yearAgo, now],
    200,
    passes,
    () => kpiMatrix({ data: large, from: yearAgo, to: now }, env),
  );
  r.rows = { amo_daily: large.length - 1 };
  return r;
}

export function formatCustomFunctions(rs: readonly CallTiming[], before?: readonly CallTiming[]): string {
  return rs
    .map((r, i) => {
      const b = before?.[i];
      const was = b
        ? `\n  before (${beforeRef()}): best ${b.bestMs.toFixed(0)} ms, passing the ranges ${b.passArgsMs.toFixed(0)} ms, ` +
          `pure best ${b.pureBestMs.toFixed(0)} ms → now best ${r.bestMs.toFixed(0)} ms ` +
          `(×${(b.bestMs / r.bestMs).toFixed(1)} faster)`
        : "";
      const rows = Object.entries(r.rows)
        .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
        .join(", ");
      return (
        `${r.label}\n  rows: ${rows}; result ${r.resultRows} rows\n` +
        `  first call ${r.firstMs.toFixed(0)} ms, best ${r.bestMs.toFixed(0)} ms, median ${r.medianMs.toFixed(0)} ms ` +
        `(target < ${r.targetMs} ms)\n` +
        `  of which passing the ranges into the runtime (no-op function): ${r.passArgsMs.toFixed(0)} ms — the local ` +
        `runtime's copy into its vm realm, not a modelled Google cost (the copy alone: ${r.copyMs.toFixed(0)} ms; ` +
        `the generic recursive copy it replaced: ${r.genericCopyMs.toFixed(0)} ms)\n` +
        `  the pure function in-process: first ${r.pureFirstMs.toFixed(0)} ms, best ${r.pureBestMs.toFixed(0)} ms` +
        `\n  ratio to the target: best ${(r.bestMs / r.targetMs).toFixed(2)}, median ${(r.medianMs / r.targetMs).toFixed(2)}${was}`
      );
    })
    .join("\n");
}

export async function benchCustomFunctions(): Promise<void> {
  const ref = beforeRef();
  let before: CallTiming[] | undefined;
  if (ref !== null) {
    const old = await importAt<{ measureCustomFunctions(passes?: number): Promise<CallTiming[]> }>(
      ref,
      "bench/custom-functions.ts",
    );
    before = await old.measureCustomFunctions();
  }
  console.log(formatCustomFunctions(await measureCustomFunctions(), before));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchCustomFunctions().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
