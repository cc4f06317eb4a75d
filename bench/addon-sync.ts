/**
 * The add-on's sync measured the way it runs in Google: the built bundle in the local Apps Script
 * runtime, whose clock is virtual and whose service calls cost the time scale.md measured in real
 * Sheets (MEASURED_COSTS), against the amoCRM sandbox in another thread.
 *
 * 1. A full initial sync of an account: requests, executions (6-minute runs), Apps Script time,
 *    Sheets API calls, real wall time.
 * 2. Incremental runs in a large account. The account as it was `gap` before its "now" is synced
 *    fully first (not measured); then, against the account at "now":
 *    - the incremental run that picks up the ~100 leads changed in the gap: requests, sheet-write
 *      calls, cells written (counted as cells whose value changed, split into data columns and
 *      derived columns) — a heavy run, since more than an hour passed since the last heavy pass;
 *    - a quiet run 5 minutes later (light: nothing new, the 1-hour overlap fetched again);
 *    - the hourly heavy run an hour later (every table read, every lead enriched);
 *    and what a 1-, 5-, 15-minute and hourly schedule would cost a day in trigger minutes
 *    (consumer budget 90): one heavy run an hour, light runs otherwise.
 *
 * Run: `npx tsx bench/addon-sync.ts [--scenario default] [--large-scenario large|none] [--gap-min 960]`.
 * The default gap (16 h before the large scenario's now) is the one in which about 100 leads change.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateAccount } from "../local/amo-sandbox/generator/index";
import { type SandboxThread, startSandboxThread } from "../local/amo-sandbox/thread";
import { buildAll } from "../local/build/build";
import {
  createRuntime,
  createVirtualClock,
  loadBuild,
  MEASURED_COSTS,
  type Runtime,
} from "../local/gas-runtime";
import { createSyncHttp, type SyncHttp } from "../local/http-sync/sync-http";
import { columnForHeader, TABLES } from "../src/sheets/tables";

export const CONSUMER_TRIGGER_MINUTES_PER_DAY = 90;
export const RUNS_PER_DAY_AT_5_MIN = (24 * 60) / 5;
/** Schedules the bench prices (minutes between runs). */
export const SCHEDULES_MIN = [1, 5, 15, 60] as const;
/** The engine's heavy pass runs at most hourly (src/sync/engine.ts ENRICHMENT_MAX_AGE_MS). */
const HEAVY_RUNS_PER_DAY = 24;

interface SyncSummary {
  status: string;
  executions: number;
  rowsWritten: number;
  message: string | null;
}

export interface SyncFigures {
  requests: number;
  executions: number;
  /** Virtual Apps Script time, all executions. */
  scriptSeconds: number;
  sheetsApiCalls: number;
  rowsWritten: number;
  wallSeconds: number;
  afterSyncMessage: string | null;
}

export interface WriteFigures {
  /** Value writes (values.batchUpdate or Range.setValues) and row-deletion requests. */
  writeCalls: number;
  deleteCalls: number;
  /** Cells whose value changed in our columns that hold CRM data (rows added or removed count whole). */
  dataCellsChanged: number;
  /** Cells whose value changed in derived columns of rows that stayed. */
  derivedCellsChanged: number;
}

export interface IncrementalFigures {
  scenario: string;
  leads: number;
  gapMinutes: number;
  changedLeads: number;
  /** The run after the gap (heavy: more than an hour since the last heavy pass). */
  afterGap: SyncFigures & WriteFigures;
  /** A run 5 minutes later with nothing new (light). */
  quiet: SyncFigures & WriteFigures;
  /** The run an hour after the heavy one (heavy again). */
  hourly: SyncFigures & WriteFigures;
  /** Trigger minutes a day per schedule (minutes between runs → minutes a day). */
  triggerMinutesPerDay: Record<number, number>;
}

export interface AddonSyncResult {
  full: SyncFigures & { scenario: string; leads: number };
  incremental: IncrementalFigures | null;
}

/**
 * Trigger minutes a day at a schedule of one run every `every` minutes: one heavy run an hour
 * (every run when the schedule is hourly or slower), light runs in between.
 */
export function triggerMinutesPerDay(every: number, quietSeconds: number, heavySeconds: number): number {
  const runs = (24 * 60) / every;
  const heavy = Math.min(runs, HEAVY_RUNS_PER_DAY);
  return (heavy * heavySeconds + (runs - heavy) * quietSeconds) / 60;
}

/** Every raw table as key → row (JSON of its cells), and which columns are derived: host reads, no cost. */
type TableShot = { derived: boolean[]; rows: Map<string, string> };

function shootTables(rt: Runtime): Map<string, TableShot> {
  const out = new Map<string, TableShot>();
  for (const t of TABLES) {
    const sh = rt.spreadsheet.getSheetByName(t.id);
    if (!sh || sh.getLastRow() < 1) continue;
    const values = sh.getDataRange().getValues();
    const header = values[0] ?? [];
    const ids = header.map((h) => columnForHeader(t, h));
    const keyAt = ids.indexOf(t.key);
    const derived = ids.map((id) =>
      id === null ? false : (t.columns.find((c) => c.id === id)?.derived ?? false),
    );
    const rows = new Map<string, string>();
    for (let r = 1; r < values.length; r++) {
      const key = values[r]![keyAt];
      if (key === "" || key === null || key === undefined) continue;
      rows.set(String(key), JSON.stringify(values[r]));
    }
    out.set(t.id, { derived, rows });
  }
  return out;
}

function cellsChanged(
  before: Map<string, TableShot>,
  after: Map<string, TableShot>,
): { data: number; derived: number } {
  let data = 0;
  let derived = 0;
  for (const [id, a] of after) {
    const b = before.get(id);
    const width = a.derived.length;
    for (const [key, row] of a.rows) {
      const old = b?.rows.get(key);
      if (old === undefined) {
        data += width;
        continue;
      }
      if (old === row) continue;
      const x = JSON.parse(old) as unknown[];
      const y = JSON.parse(row) as unknown[];
      for (let c = 0; c < width; c++) {
        if (JSON.stringify(x[c]) === JSON.stringify(y[c])) continue;
        if (a.derived[c]) derived++;
        else data++;
      }
    }
    for (const key of b?.rows.keys() ?? []) if (!a.rows.has(key)) data += width;
  }
  return { data, derived };
}

/** syncToEnd with the write requests counted and the cells that changed. */
function measuredSync(rt: Runtime): SyncFigures & WriteFigures {
  const before = shootTables(rt);
  let writeCalls = 0;
  let deleteCalls = 0;
  rt.hooks.onServiceCall = (e) => {
    if (e.cls === "Sheets.Spreadsheets.Values" && e.method === "batchUpdate") writeCalls++;
    else if (e.cls === "Range" && e.method === "setValues") writeCalls++;
    else if (e.cls === "Sheets.Spreadsheets" && e.method === "batchUpdate") deleteCalls++;
    else if (e.cls === "Sheet" && e.method === "deleteRows") deleteCalls++;
  };
  try {
    const figures = syncToEnd(rt);
    const changed = cellsChanged(before, shootTables(rt));
    return {
      ...figures,
      writeCalls,
      deleteCalls,
      dataCellsChanged: changed.data,
      derivedCellsChanged: changed.derived,
    };
  } finally {
    rt.hooks.onServiceCall = undefined;
  }
}

async function withBuild(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "amo-kpi-bench-"));
  await buildAll(out);
  return out;
}

function runtimeFor(build: string, http: SyncHttp, now: number, timeZone: string): Runtime {
  return createRuntime({
    ...loadBuild(build),
    clock: createVirtualClock(now),
    costs: MEASURED_COSTS,
    urlFetch: http,
    timeZone,
  });
}

/** Run syncNow until the run is done; the figures of just those executions. */
function syncToEnd(rt: Runtime): SyncFigures {
  const q0 = { ...rt.quota };
  const t0 = rt.clock.now();
  const wall0 = Date.now();
  let rows = 0;
  let s: SyncSummary = { status: "partial", executions: 0, rowsWritten: 0, message: null };
  let executions = 0;
  for (let i = 0; i < 500 && s.status !== "done"; i++) {
    s = rt.call<SyncSummary>("syncNow", false);
    executions++;
    rows += s.rowsWritten;
    if (s.status === "error" || s.status === "busy") throw new Error(`sync stopped: ${s.message}`);
  }
  return {
    requests: rt.quota.urlFetchCalls - q0.urlFetchCalls,
    executions,
    scriptSeconds: (rt.clock.now() - t0) / 1000,
    sheetsApiCalls: rt.quota.sheetsApiCalls - q0.sheetsApiCalls,
    rowsWritten: rows,
    wallSeconds: (Date.now() - wall0) / 1000,
    // What the work after a heavy pass (amo_daily, board, rhythm sheets) reported, if it failed.
    afterSyncMessage: s.message,
  };
}

async function fullSync(build: string, scenario: string, seed: number): Promise<AddonSyncResult["full"]> {
  const { truth } = generateAccount({ seed, scenario });
  const sandbox = await startSandboxThread({ seed, scenario, rateLimit: false });
  const http = createSyncHttp({ timeoutMs: 30_000 });
  try {
    const rt = runtimeFor(build, http, truth.nowUnix * 1000, truth.timezone);
    rt.call("connectAmo", sandbox.baseUrl, sandbox.longLivedToken);
    return { scenario, leads: truth.counts.liveLeads, ...syncToEnd(rt) };
  } finally {
    http.close();
    await sandbox.close();
  }
}

async function incrementalSync(
  build: string,
  scenario: string,
  seed: number,
  gapMinutes: number,
): Promise<IncrementalFigures> {
  const later = generateAccount({ seed, scenario });
  const now = later.truth.nowUnix * 1000;
  const asOf = now - gapMinutes * 60_000;
  const changedLeads = later.data.leads.filter((l) => (l["updated_at"] as number) * 1000 > asOf).length;
  const http = createSyncHttp({ timeoutMs: 60_000 });
  let sandbox: SandboxThread | null = null;
  try {
    // The account as it was `gap` ago, synced fully (not measured)...
    sandbox = await startSandboxThread({ seed, scenario, asOf, rateLimit: false });
    const { baseUrl, longLivedToken } = sandbox;
    const port = Number(new URL(baseUrl).port);
    const rt = runtimeFor(build, http, asOf, later.truth.timezone);
    rt.call("connectAmo", baseUrl, longLivedToken);
    syncToEnd(rt);
    await sandbox.close();
    // ...then the same account now, on the same address, synced incrementally (measured).
    sandbox = await startSandboxThread({ seed, scenario, rateLimit: false, port, longLivedToken });
    rt.clock.advance(now - rt.clock.now());
    const afterGap = measuredSync(rt);
    // A quiet run 5 minutes later (light), and the one an hour after the heavy pass (heavy).
    rt.clock.advance(now + 5 * 60_000 - rt.clock.now());
    const quiet = measuredSync(rt);
    rt.clock.advance(now + 60 * 60_000 - rt.clock.now());
    const hourly = measuredSync(rt);
    const perDay: Record<number, number> = {};
    for (const every of SCHEDULES_MIN)
      perDay[every] = triggerMinutesPerDay(every, quiet.scriptSeconds, hourly.scriptSeconds);
    return {
      scenario,
      leads: later.truth.counts.liveLeads,
      gapMinutes,
      changedLeads,
      afterGap,
      quiet,
      hourly,
      triggerMinutesPerDay: perDay,
    };
  } finally {
    http.close();
    await sandbox?.close();
  }
}

export async function benchAddonSync(
  opts: { scenario?: string; largeScenario?: string | null; seed?: number; gapMinutes?: number } = {},
): Promise<AddonSyncResult> {
  const build = await withBuild();
  const seed = opts.seed ?? 1;
  const full = await fullSync(build, opts.scenario ?? "default", seed);
  const large = opts.largeScenario === undefined ? "large" : opts.largeScenario;
  const incremental = large ? await incrementalSync(build, large, seed, opts.gapMinutes ?? 960) : null;
  return { full, incremental };
}

export function formatAddonSync(r: AddonSyncResult): string {
  const f = r.full;
  const lines = [
    `Full initial sync in the Apps Script runtime (scenario "${f.scenario}", ${f.leads} leads):`,
    `  requests ${f.requests}, executions ${f.executions} (6-min runs), Apps Script time ${f.scriptSeconds.toFixed(0)} s,`,
    `  Sheets API calls ${f.sheetsApiCalls}, rows written ${f.rowsWritten}, real wall time ${f.wallSeconds.toFixed(1)} s`,
  ];
  const i = r.incremental;
  if (i) {
    const g = i.afterGap;
    const writes = (w: WriteFigures) =>
      `sheet-write calls ${w.writeCalls} (+ ${w.deleteCalls} row deletions), cells changed ${w.dataCellsChanged} in data columns + ${w.derivedCellsChanged} in derived columns`;
    lines.push(
      `Incremental sync after ${i.gapMinutes} min in a ${i.leads}-lead account (scenario "${i.scenario}"): ${i.changedLeads} leads changed`,
      `  requests ${g.requests} (target ≤ 10: ${g.requests <= 10 ? "met" : "NOT met"}), ${writes(g)}`,
      `  Apps Script time ${g.scriptSeconds.toFixed(1)} s (a heavy run: more than an hour since the last heavy pass)`,
      `Quiet run 5 min later (light): requests ${i.quiet.requests}, ${writes(i.quiet)}, Apps Script time ${i.quiet.scriptSeconds.toFixed(1)} s`,
      `Hourly heavy run: requests ${i.hourly.requests}, ${writes(i.hourly)}, Apps Script time ${i.hourly.scriptSeconds.toFixed(1)} s`,
      ...[g, i.quiet, i.hourly]
        .filter((x) => x.afterSyncMessage)
        .map((x) => `  after-sync work reported: ${x.afterSyncMessage}`),
      `Trigger minutes a day (one heavy run an hour, light runs between; consumer budget ${CONSUMER_TRIGGER_MINUTES_PER_DAY}):`,
      ...SCHEDULES_MIN.map((every) => {
        const m = i.triggerMinutesPerDay[every]!;
        const label = every === 60 ? "hourly" : `every ${every} min`;
        return `  ${label.padEnd(14)} ${m.toFixed(0).padStart(5)} min/day (${m <= CONSUMER_TRIGGER_MINUTES_PER_DAY ? "within" : "OVER"})`;
      }),
    );
  }
  return lines.join("\n");
}

if (process.argv[1]?.endsWith("addon-sync.ts")) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const large = arg("--large-scenario");
  benchAddonSync({
    scenario: arg("--scenario") ?? "default",
    largeScenario: large === "none" ? null : (large ?? "large"),
    gapMinutes: Number(arg("--gap-min") ?? 960),
  }).then(
    (r) => console.log(formatAddonSync(r)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
