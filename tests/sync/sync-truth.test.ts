/**
 * amoCRM sandbox → client → sync → raw sheets → metrics, against the generator's planted truth:
 * every metric per manager and month, per source and month, and the snapshot metrics equal what
 * the generator planted. The sheets are the in-memory SheetPort of tests/sheets, read back through
 * datasetFromSheets (the same path a settings recompute takes), not the sync's own memory.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { type SandboxThread, startSandboxThread } from "../../local/amo-sandbox/thread";
import { createSyncHttp, type SyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { createAmoClient } from "../../src/amo/client";
import { datasetFromSheets } from "../../src/sheets/rows";
import { runSync, type SyncOutcome } from "../../src/sync/engine";
import { FakeSpreadsheet } from "../sheets/fake-sheet";
import { MemoryLock, MemoryStore } from "../support/memory-sync-ports";
import { truthSettings } from "../support/truth";
import { compareWithTruth } from "../support/truth-compare";

const SEED = 7;
const SCENARIO = "small";
const { data, truth } = generateAccount({ seed: SEED, scenario: SCENARIO });

describe(`full sync of the "${SCENARIO}" scenario (seed ${SEED})`, () => {
  let sandbox: SandboxThread;
  let http: SyncHttp;
  let sheets: FakeSpreadsheet;
  let outcome: SyncOutcome;

  beforeAll(async () => {
    sandbox = await startSandboxThread({ seed: SEED, scenario: SCENARIO });
    http = createSyncHttp({ timeoutMs: 10_000 });
    const client = createAmoClient({
      baseUrl: sandbox.baseUrl,
      http,
      clock: systemClock,
      auth: { kind: "long_lived", token: sandbox.longLivedToken },
    });
    sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    outcome = runSync({
      client,
      sheets,
      store: new MemoryStore(),
      lock: new MemoryLock(),
      // The engine's "now" is the scenario's: nothing exists after it.
      clock: { now: () => truth.nowUnix * 1000 },
      settings: truthSettings(truth),
      accountBaseUrl: "https://demo.amocrm.ru",
      budgetMs: 6 * 60_000,
    });
  });
  afterAll(async () => {
    http.close();
    await sandbox.close();
  });

  it("finishes in one execution without an error", () => {
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe("done");
    expect(outcome.executions).toBe(1);
  });

  it("mirrors every live lead and no deleted one", () => {
    const ds = datasetFromSheets(sheets, "ru");
    const live = data.leads.filter((l) => !l["is_deleted"]).map((l) => l["id"] as number);
    expect(ds.leads.map((l) => l.id).sort((a, b) => a - b)).toEqual(live.sort((a, b) => a - b));
    expect(ds.leads.length).toBe(truth.counts.liveLeads);
  });

  it("gives every metric per manager, per source and month, and the snapshot, exactly as planted", () => {
    const { differences, compared } = compareWithTruth(datasetFromSheets(sheets, "ru"), truth);
    expect(differences.slice(0, 30)).toEqual([]);
    expect(compared).toBeGreaterThan(truth.months.length * truth.managers.length);
  });
});
