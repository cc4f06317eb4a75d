/**
 * SyncDeps.afterEnrichment is called exactly once per heavy pass, after its writes: at the end of a
 * full run (also one cut into several executions), of the first run an hour or more after the last
 * heavy one, of a run after a settings change, and of recomputeDerived — never for a light run or
 * a run still in progress; a hook that throws does not undo or repeat the sync.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { type SandboxThread, startSandboxThread } from "../../local/amo-sandbox/thread";
import { createSyncHttp, type SyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { createAmoClient } from "../../src/amo/client";
import type { EnrichedData } from "../../src/core/enrich";
import type { Settings } from "../../src/core/settings";
import type { SheetPort } from "../../src/sheets/port";
import { LEADS } from "../../src/sheets/tables";
import { readTable } from "../../src/sheets/upsert";
import {
  type EnrichmentInfo,
  recomputeDerived,
  runSync,
  type SyncDeps,
  type SyncOutcome,
} from "../../src/sync/engine";
import { FakeSpreadsheet } from "../sheets/fake-sheet";
import { ManualClock, MemoryLock, MemoryStore } from "../support/memory-sync-ports";
import { truthSettings } from "../support/truth";

const SEED = 7;
const SCENARIO = "small";
const { truth } = generateAccount({ seed: SEED, scenario: SCENARIO });
const NOW = truth.nowUnix * 1000;
const MIN = 60_000;

interface Call {
  info: EnrichmentInfo;
  leadIds: number[];
}

describe("afterEnrichment", () => {
  let sandbox: SandboxThread;
  let http: SyncHttp;
  beforeAll(async () => {
    sandbox = await startSandboxThread({ seed: SEED, scenario: SCENARIO, rateLimit: false });
    http = createSyncHttp({ timeoutMs: 10_000 });
  });
  afterAll(async () => {
    http.close();
    await sandbox.close();
  });

  const base = truthSettings(truth);
  const deps = (
    sheets: SheetPort,
    store: MemoryStore,
    now: number,
    calls: Call[],
    over: Partial<SyncDeps> = {},
  ): SyncDeps => ({
    client: createAmoClient({
      baseUrl: sandbox.baseUrl,
      http,
      clock: systemClock,
      auth: { kind: "long_lived", token: sandbox.longLivedToken },
      maxRps: 10_000,
    }),
    sheets,
    store,
    lock: new MemoryLock(),
    clock: { now: () => now },
    settings: base,
    accountBaseUrl: "https://demo.amocrm.ru",
    budgetMs: 6 * 60_000,
    afterEnrichment: (data: EnrichedData, info: EnrichmentInfo) => {
      calls.push({ info, leadIds: data.leads.map((l) => l.id).sort((a, b) => a - b) });
    },
    ...over,
  });

  /** Leads the sheet holds in the settings' pipelines created by `now`: the scope of enrichment. */
  const scopeOf = (sheets: SheetPort, settings: Settings, now: number): number[] =>
    readTable(sheets, LEADS, { locale: "ru" })
      .rows.map((r) => r as Record<string, unknown>)
      .filter(
        (r) =>
          (settings.pipelineIds.length === 0 || settings.pipelineIds.includes(r["pipeline_id"] as number)) &&
          (r["created_at"] as number) <= now,
      )
      .map((r) => r["lead_id"] as number)
      .sort((a, b) => a - b);

  it("is called once per heavy pass and never for a light run", () => {
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    const store = new MemoryStore();
    const calls: Call[] = [];
    const run = (now: number, over: Partial<SyncDeps> = {}, full = false): SyncOutcome =>
      runSync(deps(sheets, store, now, calls, over), { full });

    // The first (full) run.
    expect(run(NOW)).toMatchObject({ status: "done", full: true, heavy: true, hookError: null });
    expect(calls.map((c) => c.info)).toEqual([{ full: true, now: NOW }]);
    expect(calls[0]!.leadIds).toEqual(scopeOf(sheets, base, NOW));
    expect(calls[0]!.leadIds.length).toBeGreaterThan(100);

    // 10 and 50 minutes later: light runs, no call.
    expect(run(NOW + 10 * MIN)).toMatchObject({ status: "done", full: false, heavy: false });
    expect(run(NOW + 50 * MIN)).toMatchObject({ status: "done", full: false, heavy: false });
    expect(calls).toHaveLength(1);

    // An hour after the last heavy pass: heavy, one call at that run's now.
    expect(run(NOW + 60 * MIN)).toMatchObject({ status: "done", full: false, heavy: true });
    expect(calls.map((c) => c.info)).toEqual([
      { full: true, now: NOW },
      { full: false, now: NOW + 60 * MIN },
    ]);

    // Settings changed 5 minutes later: heavy again.
    const changed: Settings = { ...base, sla: { ...base.sla, hotMinutes: base.sla.hotMinutes + 5 } };
    expect(run(NOW + 65 * MIN, { settings: changed })).toMatchObject({ status: "done", heavy: true });
    expect(calls).toHaveLength(3);
    expect(calls[2]!.info).toEqual({ full: false, now: NOW + 65 * MIN });
    // ...and the next run with the same settings is light.
    expect(run(NOW + 70 * MIN, { settings: changed })).toMatchObject({ status: "done", heavy: false });
    expect(calls).toHaveLength(3);

    // A recompute (settings change without a sync) calls it too, with its own now.
    const r = recomputeDerived(
      { ...deps(sheets, store, NOW + 75 * MIN, calls), settings: base },
      NOW + 75 * MIN,
    );
    expect(r).toMatchObject({ status: "done", hookError: null });
    expect(calls).toHaveLength(4);
    expect(calls[3]!.info).toEqual({ full: false, now: NOW + 75 * MIN });
    // It recorded those settings as the ones the derived columns follow: the next run is light.
    expect(run(NOW + 80 * MIN)).toMatchObject({ status: "done", heavy: false });
    expect(calls).toHaveLength(4);
  });

  it("waits for a run cut into several executions to end, then is called once", () => {
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    const store = new MemoryStore();
    const calls: Call[] = [];
    // Every clock read moves time 20 s on: with a 100-s budget and no reserve, an execution
    // handles a few pages and stops.
    const clock = new ManualClock(NOW, 20_000);
    const outcomes: SyncOutcome[] = [];
    for (let i = 0; i < 200; i++) {
      clock.t = NOW + i * MIN; // each execution starts a minute after the previous one
      const out = runSync(
        { ...deps(sheets, store, NOW, calls), clock, budgetMs: 100_000, reserveMs: 0, flushEveryPages: 1 },
        { full: i === 0 },
      );
      outcomes.push(out);
      if (out.status === "done") break;
      expect(calls).toHaveLength(0);
    }
    expect(outcomes.length).toBeGreaterThan(2);
    expect(outcomes.at(-1)).toMatchObject({ status: "done", full: true, heavy: true });
    expect(calls.map((c) => c.info)).toEqual([{ full: true, now: NOW }]);
  });

  it("reports what the hook throws, keeps the sync done and does not repeat it", () => {
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    const store = new MemoryStore();
    const calls: Call[] = [];
    const failing = () => {
      throw new Error("facts sheet is protected");
    };
    const out = runSync(deps(sheets, store, NOW, calls, { afterEnrichment: failing }));
    expect(out.status).toBe("done");
    expect(out.hookError).toEqual({ name: "Error", message: "facts sheet is protected" });
    // The run is saved as done: the next one is an incremental, light one.
    const next = runSync(deps(sheets, store, NOW + 5 * MIN, calls));
    expect(next).toMatchObject({ status: "done", full: false, heavy: false });
    expect(calls).toHaveLength(0);
  });
});
