/**
 * Writes proportional to changes: right after a sync, recomputing the derived columns at the same
 * "now" changes nothing, and a sync with nothing new in amoCRM writes nothing — in the in-memory
 * sheet and in the local Apps Script runtime's spreadsheet (dates make a round trip through
 * serial numbers there).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { type SandboxThread, startSandboxThread } from "../../local/amo-sandbox/thread";
import { createSyncHttp, type SyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { createAmoClient } from "../../src/amo/client";
import type { SheetPort } from "../../src/sheets/port";
import { recomputeDerived, runSync } from "../../src/sync/engine";
import { FakeSpreadsheet } from "../sheets/fake-sheet";
import { MemoryLock, MemoryStore } from "../support/memory-sync-ports";
import { truthSettings } from "../support/truth";

const SEED = 7;
const SCENARIO = "small";
const { truth } = generateAccount({ seed: SEED, scenario: SCENARIO });
const NOW = truth.nowUnix * 1000;

describe("a second pass with nothing new writes nothing", () => {
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

  const deps = (sheets: SheetPort, store: MemoryStore, now: number) => ({
    client: createAmoClient({
      baseUrl: sandbox.baseUrl,
      http,
      clock: systemClock,
      auth: { kind: "long_lived" as const, token: sandbox.longLivedToken },
      maxRps: 10_000,
    }),
    sheets,
    store,
    lock: new MemoryLock(),
    clock: { now: () => now },
    settings: truthSettings(truth),
    accountBaseUrl: "https://demo.amocrm.ru",
    budgetMs: 6 * 60_000,
  });

  it("in the in-memory sheet", () => {
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    const store = new MemoryStore();
    expect(runSync(deps(sheets, store, NOW)).status).toBe("done");
    const again = recomputeDerived(deps(sheets, store, NOW), NOW);
    expect(again.apply?.derivedRowsChanged).toBe(0);
    expect(again.writes.cellsWritten).toBe(0);
  });
});
