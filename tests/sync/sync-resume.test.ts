/**
 * A sync cut at random points — the time budget ends, a fetch throws, the process dies between two
 * sheet writes — and then resumed, ends with sheets identical to an uncut sync: no row lost, none
 * doubled. The sandbox runs without its rate limit and the client without its own, so the many
 * runs stay fast; the limiter itself is tested in tests/amo.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { type SandboxThread, startSandboxThread } from "../../local/amo-sandbox/thread";
import { createSyncHttp, type SyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { mulberry32 } from "../../local/mulberry32";
import { createAmoClient } from "../../src/amo/client";
import type { HttpPort } from "../../src/amo/http";
import type { SheetPort } from "../../src/sheets/port";
import { runSync, type SyncDeps, type SyncOutcome } from "../../src/sync/engine";
import { FakeSpreadsheet } from "../sheets/fake-sheet";
import { ManualClock, MemoryLock, MemoryStore } from "../support/memory-sync-ports";
import { snapshotTables } from "../support/sheet-tables";
import { truthSettings } from "../support/truth";

const SEED = 11;
const SCENARIO = "small";
const { truth } = generateAccount({ seed: SEED, scenario: SCENARIO });
const NOW = truth.nowUnix * 1000;

const prng = mulberry32;

class Crash extends Error {
  constructor(what: string) {
    super(`simulated crash: ${what}`);
    this.name = "Crash";
  }
}

const snapshot = snapshotTables;

/**
 * A sheet port that dies (throws) on its n-th write, like a process killed between two writes;
 * `writes()` counts the writes made (with n = Infinity it only counts).
 */
function dyingPort(inner: SheetPort, dieAtWrite: number): { port: SheetPort; writes: () => number } {
  let writes = 0;
  const proxy = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== "function") return v;
      if (prop === "writeBlocks" || prop === "deleteRows" || prop === "resetSheet") {
        return (...args: unknown[]) => {
          if (++writes === dieAtWrite) throw new Crash(`sheet write #${writes}`);
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (v as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { port: proxy, writes: () => writes };
}

/** An HTTP port whose n-th request throws (the execution is killed while waiting for amoCRM). */
function failingHttp(inner: HttpPort, failAt: number): HttpPort {
  let calls = 0;
  const tick = (n: number) => {
    calls += n;
    if (calls >= failAt && calls - n < failAt) throw new Crash(`request #${failAt}`);
  };
  return {
    fetch: (r) => {
      tick(1);
      return inner.fetch(r);
    },
    fetchAll: (rs) => {
      tick(rs.length);
      return inner.fetchAll(rs);
    },
  };
}

describe("resumable sync", () => {
  let sandbox: SandboxThread;
  let http: SyncHttp;
  let reference: ReturnType<typeof snapshot>;
  let referencePages = 0;
  let referenceWrites = 0;

  const deps = (sheets: SheetPort, store: MemoryStore, over: Partial<SyncDeps> = {}): SyncDeps => ({
    client: createAmoClient({
      baseUrl: sandbox.baseUrl,
      http,
      clock: systemClock,
      auth: { kind: "long_lived", token: sandbox.longLivedToken },
      maxRps: 10_000,
      prefetch: false,
    }),
    sheets,
    store,
    lock: new MemoryLock(),
    clock: { now: () => NOW },
    settings: truthSettings(truth),
    accountBaseUrl: "https://demo.amocrm.ru",
    budgetMs: 6 * 60_000,
    flushEveryPages: 3,
    ...over,
  });

  beforeAll(async () => {
    sandbox = await startSandboxThread({ seed: SEED, scenario: SCENARIO, rateLimit: false });
    http = createSyncHttp({ timeoutMs: 10_000 });
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    const counting = dyingPort(sheets, Number.POSITIVE_INFINITY);
    const out = runSync(deps(counting.port, new MemoryStore()));
    expect(out.status).toBe("done");
    referencePages = out.pagesThisExecution;
    referenceWrites = counting.writes();
    reference = snapshot(sheets);
  });
  afterAll(async () => {
    http.close();
    await sandbox.close();
  });

  /** Run executions until the run is done; every outcome is returned. */
  function resumeUntilDone(make: (i: number) => SyncDeps, max = 60): SyncOutcome[] {
    const outcomes: SyncOutcome[] = [];
    for (let i = 0; i < max; i++) {
      const out = runSync(make(i));
      outcomes.push(out);
      if (out.status === "done") return outcomes;
    }
    throw new Error(`not done after ${max} executions: ${JSON.stringify(outcomes.at(-1))}`);
  }

  it("has a reference with rows in every table and no duplicates", () => {
    expect(reference.duplicates).toEqual([]);
    expect(referencePages).toBeGreaterThan(20);
    for (const t of ["amo_leads", "amo_touches", "amo_stage_moves", "amo_tasks"]) {
      expect(reference.tables[t]!.length).toBeGreaterThan(0);
    }
  });

  it("ends identical when each execution's time budget runs out after a random number of pages", () => {
    const rnd = prng(1);
    for (let trial = 0; trial < 4; trial++) {
      const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
      const store = new MemoryStore();
      // Each read of the clock costs 1 s: with a 60 s budget and no reserve an execution handles a
      // random handful of pages, then flushes, checkpoints and stops.
      const outcomes = resumeUntilDone(() => {
        const clock = new ManualClock(NOW, 1000);
        return deps(sheets, store, {
          clock,
          budgetMs: (3 + Math.floor(rnd() * 12)) * 1000,
          reserveMs: 0,
        });
      });
      expect(outcomes.length).toBeGreaterThan(2);
      expect(outcomes.slice(0, -1).every((o) => o.status === "partial")).toBe(true);
      const got = snapshot(sheets);
      expect(got.duplicates).toEqual([]);
      expect(got.tables).toEqual(reference.tables);
    }
  });

  it("ends identical when a fetch throws at a random request and the next execution resumes", () => {
    const rnd = prng(2);
    for (let trial = 0; trial < 5; trial++) {
      const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
      const store = new MemoryStore();
      const failAt = 2 + Math.floor(rnd() * referencePages);
      const outcomes = resumeUntilDone((i) => {
        const d = deps(sheets, store);
        if (i > 0) return d;
        d.client = createAmoClient({
          baseUrl: sandbox.baseUrl,
          http: failingHttp(http, failAt),
          clock: systemClock,
          auth: { kind: "long_lived", token: sandbox.longLivedToken },
          maxRps: 10_000,
          prefetch: false,
        });
        return d;
      });
      expect(outcomes[0]!.status).toBe("error");
      expect(outcomes[0]!.error?.message).toContain("simulated crash");
      const got = snapshot(sheets);
      expect(got.duplicates).toEqual([]);
      expect(got.tables).toEqual(reference.tables);
    }
  });

  it("ends identical when the process dies between two sheet writes", () => {
    const rnd = prng(3);
    for (let trial = 0; trial < 6; trial++) {
      const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
      const store = new MemoryStore();
      const dieAt = 1 + Math.floor(rnd() * referenceWrites);
      const outcomes = resumeUntilDone((i) => deps(i === 0 ? dyingPort(sheets, dieAt).port : sheets, store));
      expect(outcomes[0]!.status).toBe("error");
      expect(outcomes[0]!.error?.message).toBe(`simulated crash: sheet write #${dieAt}`);
      const got = snapshot(sheets);
      expect(got.duplicates).toEqual([]);
      expect(got.tables).toEqual(reference.tables);
    }
  });
});
