/**
 * The built add-on (build/Code.js, unchanged) in the local Apps Script runtime against the amoCRM
 * sandbox, with time moving: the runtime's clock is virtual, and before each schedule run the
 * sandbox is restarted on the same port and token as the generated account *as it was* at that
 * instant (`asOf`), so leads arrive, breach and get answered between runs as they did in the
 * account's history. Restarts happen only when the account changed since the previous view.
 *
 * Every trigger run is a fresh execution (a fresh vm context): anything carried between runs
 * lives in the runtime's properties, as in Apps Script.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccountData, ApiObject } from "../../local/amo-sandbox/account-data";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import type { PlantedTruth } from "../../local/amo-sandbox/generator/truth-types";
import { type SandboxThread, startSandboxThread } from "../../local/amo-sandbox/thread";
import { buildAll } from "../../local/build/build";
import {
  createRuntime,
  createVirtualClock,
  loadBuild,
  MEASURED_COSTS,
  type Runtime,
} from "../../local/gas-runtime";
import type { ServiceCosts } from "../../local/gas-runtime/costs";
import { createSyncHttp, type SyncHttp } from "../../local/http-sync/sync-http";
import { truthSettings } from "../support/truth";

let built: Promise<string> | null = null;
/** One build per test file (vitest runs files in separate processes). */
export function buildOnce(): Promise<string> {
  built ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), "amo-kpi-schedule-"));
    await buildAll(out);
    return out;
  })();
  return built;
}

export interface HarnessOptions {
  seed: number;
  scenario: string;
  /** The instant the simulation starts at (the account as of then is synced in full). */
  start: number;
  addonMode: boolean;
  /** Settings on top of the truth's (e.g. alerts). */
  settings?: Record<string, unknown>;
  /** Virtual costs of service calls (default: MEASURED_COSTS). */
  costs?: Partial<ServiceCosts>;
  /** Sync the account in full before returning (default true). */
  initialSync?: boolean;
}

export interface Harness {
  rt: Runtime;
  truth: PlantedTruth;
  sandbox(): SandboxThread;
  /** The account as the sandbox serves it now (as of the last view). */
  view(): AccountData;
  viewAt(): number;
  /** Restart the sandbox as of `t` if anything changed since the current view. */
  showAsOf(t: number): Promise<void>;
  /** Fire every schedule run due up to `until`, each with the sandbox as of its own instant. */
  runUntil(until: number): Promise<void>;
  close(): Promise<void>;
}

const MIN = 60_000;

/** Every instant at which something in the account changes (objects and events). */
function changeInstants(data: AccountData): number[] {
  const out: number[] = [];
  const lists: ApiObject[][] = [
    data.leads,
    data.contacts,
    data.tasks,
    data.events,
    data.leads_notes,
    data.contacts_notes,
  ];
  for (const list of lists) {
    for (const o of list) {
      for (const k of ["created_at", "updated_at", "closed_at"]) {
        const v = o[k];
        if (typeof v === "number") out.push(v * 1000);
      }
    }
  }
  return out.sort((a, b) => a - b);
}

export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const out = await buildOnce();
  const full = generateAccount({ seed: o.seed, scenario: o.scenario });
  const truth = full.truth;
  const changes = changeInstants(full.data);
  const changedIn = (a: number, b: number) => {
    // any change instant in (a, b]
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (changes[mid]! <= a) lo = mid + 1;
      else hi = mid;
    }
    return lo < changes.length && changes[lo]! <= b;
  };

  const asOfMinute = (t: number) => Math.floor(t / MIN) * MIN;
  let viewAt = asOfMinute(o.start);
  let view = generateAccount({ seed: o.seed, scenario: o.scenario, asOf: viewAt }).data;
  let sandbox = await startSandboxThread({
    seed: o.seed,
    scenario: o.scenario,
    asOf: viewAt,
    rateLimit: false,
  });
  const port = Number(new URL(sandbox.baseUrl).port);
  const token = sandbox.longLivedToken;
  const http: SyncHttp = createSyncHttp({ timeoutMs: 10_000 });
  const rt = createRuntime({
    ...loadBuild(out),
    clock: createVirtualClock(o.start),
    costs: { ...MEASURED_COSTS, ...(o.costs ?? {}) },
    urlFetch: http,
    timeZone: truth.timezone,
    addonMode: o.addonMode,
  });

  const showAsOf = async (t: number) => {
    const at = asOfMinute(t);
    if (at <= viewAt || !changedIn(viewAt, at)) {
      viewAt = Math.max(viewAt, at);
      return;
    }
    await sandbox.close();
    sandbox = await startSandboxThread({
      seed: o.seed,
      scenario: o.scenario,
      asOf: at,
      rateLimit: false,
      port,
      longLivedToken: token,
    });
    view = generateAccount({ seed: o.seed, scenario: o.scenario, asOf: at }).data;
    viewAt = at;
  };

  rt.call("connectAmo", sandbox.baseUrl, token);
  const saved = rt.call<{ ok: boolean; errors?: unknown }>("updateSettings", {
    ...truthSettings(truth),
    ...(o.settings ?? {}),
  });
  if (!saved.ok) throw new Error(`settings refused: ${JSON.stringify(saved.errors)}`);
  if (o.initialSync !== false) {
    let status = rt.call<{ status: string }>("syncNow", false);
    for (let i = 0; i < 10 && status.status !== "done"; i++)
      status = rt.call<{ status: string }>("syncNow", false);
    if (status.status !== "done") throw new Error(`initial sync: ${JSON.stringify(status)}`);
  }

  const nextRun = () =>
    Math.min(
      ...rt.triggers
        .list()
        .filter((t) => t.eventType === "CLOCK" && t.nextRunAt !== undefined)
        .map((t) => t.nextRunAt!),
    );

  return {
    rt,
    truth,
    sandbox: () => sandbox,
    view: () => view,
    viewAt: () => viewAt,
    showAsOf,
    async runUntil(until: number) {
      for (let next = nextRun(); next <= until; next = nextRun()) {
        await showAsOf(next);
        rt.triggers.fireDue(next);
      }
      rt.triggers.fireDue(until);
    },
    async close() {
      http.close();
      await sandbox.close();
    },
  };
}

/** The next whole `stepMs` boundary strictly after t. */
export function nextBoundary(t: number, stepMs: number): number {
  return (Math.floor(t / stepMs) + 1) * stepMs;
}

/** The report of the last schedule run, as the add-on stored it in document properties. */
export function lastRun(rt: Runtime): {
  decision: string;
  sync: { status: string; executions: number } | null;
  syncError: string | null;
  alerts: { quiet: boolean; breaches: number; mailsSent: number; errors: string[] } | null;
  alertsWaiting: string | null;
  durationMs: number;
} {
  const text = rt.properties.document.toObject()["schedule_last_run"];
  if (typeof text !== "string") throw new Error("no schedule run recorded");
  return JSON.parse(text);
}
