/**
 * The add-on's sync measured the way it runs in Google: the built bundle in the local Apps Script
 * runtime, whose clock is virtual and whose service calls cost the time scale.md measured in real
 * Sheets (MEASURED_COSTS), against the amoCRM sandbox in another thread.
 *
 * 1. A full initial sync of an account: requests, executions (6-minute runs), Apps Script time,
 *    Sheets API calls, real wall time.
 * 2. An incremental sync after a quiet interval in a large account: the account as it was `gap`
 *    before its "now" is synced fully first, then the same account at "now" incrementally; reported:
 *    leads changed in between, requests, rows and cells written, Apps Script time, and what a
 *    5-minute schedule would cost a day against the consumer budget of 90 trigger-minutes.
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

export const CONSUMER_TRIGGER_MINUTES_PER_DAY = 90;
export const RUNS_PER_DAY_AT_5_MIN = (24 * 60) / 5;

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
}

export interface AddonSyncResult {
  full: SyncFigures & { scenario: string; leads: number };
  incremental:
    | (SyncFigures & {
        scenario: string;
        leads: number;
        gapMinutes: number;
        changedLeads: number;
        triggerMinutesPerDay: number;
      })
    | null;
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
): Promise<NonNullable<AddonSyncResult["incremental"]>> {
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
    const figures = syncToEnd(rt);
    return {
      scenario,
      leads: later.truth.counts.liveLeads,
      gapMinutes,
      changedLeads,
      ...figures,
      triggerMinutesPerDay: (RUNS_PER_DAY_AT_5_MIN * figures.scriptSeconds) / 60,
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
    const ok = i.requests <= 10;
    lines.push(
      `Incremental sync after ${i.gapMinutes} min in a ${i.leads}-lead account (scenario "${i.scenario}"): ${i.changedLeads} leads changed`,
      `  requests ${i.requests} (target ≤ 10: ${ok ? "met" : "NOT met"}), rows written ${i.rowsWritten}, Sheets API calls ${i.sheetsApiCalls}`,
      `  Apps Script time ${i.scriptSeconds.toFixed(1)} s per run → at a 5-minute schedule ${i.triggerMinutesPerDay.toFixed(0)} trigger-minutes a day` +
        ` (consumer budget ${CONSUMER_TRIGGER_MINUTES_PER_DAY}: ${i.triggerMinutesPerDay <= CONSUMER_TRIGGER_MINUTES_PER_DAY ? "within" : "OVER"})`,
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
