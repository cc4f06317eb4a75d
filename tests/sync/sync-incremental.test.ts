/**
 * An incremental sync picks up exactly what changed: the account as it was a day (and a week)
 * earlier is synced fully, then the account now is synced incrementally into the same sheets; the
 * result must equal a full sync of the account now — new and updated leads, new moves, touches
 * and completions, deleted leads and their rows, derived columns recomputed at the new "now".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { startSandboxThread } from "../../local/amo-sandbox/thread";
import { createSyncHttp, type SyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { createAmoClient } from "../../src/amo/client";
import type { SheetPort } from "../../src/sheets/port";
import { runSync, type SyncOutcome } from "../../src/sync/engine";
import { FakeSpreadsheet } from "../sheets/fake-sheet";
import { MemoryLock, MemoryStore } from "../support/memory-sync-ports";
import { snapshotTables } from "../support/sheet-tables";
import { truthSettings } from "../support/truth";

const SEED = 7;
const SCENARIO = "small";
const later = generateAccount({ seed: SEED, scenario: SCENARIO });
const NOW = later.truth.nowUnix * 1000;
const DAY = 86_400_000;

const tableRows = (port: SheetPort) => snapshotTables(port).tables;

describe("incremental sync", () => {
  let http: SyncHttp;
  beforeAll(() => {
    http = createSyncHttp({ timeoutMs: 10_000 });
  });
  afterAll(() => {
    http.close();
  });

  const sync = (
    baseUrl: string,
    token: string,
    sheets: SheetPort,
    store: MemoryStore,
    now: number,
  ): SyncOutcome =>
    runSync({
      client: createAmoClient({
        baseUrl,
        http,
        clock: systemClock,
        auth: { kind: "long_lived", token },
        maxRps: 10_000,
      }),
      sheets,
      store,
      lock: new MemoryLock(),
      clock: { now: () => now },
      settings: truthSettings(later.truth),
      accountBaseUrl: "https://demo.amocrm.ru",
      budgetMs: 6 * 60_000,
    });

  async function fullSyncNow(): Promise<Record<string, string[]>> {
    const sb = await startSandboxThread({ seed: SEED, scenario: SCENARIO, rateLimit: false });
    try {
      const sheets = new FakeSpreadsheet({ timeZone: later.truth.timezone });
      expect(sync(sb.baseUrl, sb.longLivedToken, sheets, new MemoryStore(), NOW).status).toBe("done");
      return tableRows(sheets);
    } finally {
      await sb.close();
    }
  }

  for (const gapDays of [1, 7]) {
    it(`after ${gapDays} day(s) ends equal to a full sync`, async () => {
      const reference = await fullSyncNow();
      const earlier = generateAccount({ seed: SEED, scenario: SCENARIO, asOf: NOW - gapDays * DAY });
      const asOf = earlier.truth.nowUnix * 1000;
      const sheets = new FakeSpreadsheet({ timeZone: later.truth.timezone });
      const store = new MemoryStore();

      const a = await startSandboxThread({ seed: SEED, scenario: SCENARIO, asOf, rateLimit: false });
      const port = Number(new URL(a.baseUrl).port);
      const token = a.longLivedToken;
      try {
        expect(sync(a.baseUrl, token, sheets, store, asOf).status).toBe("done");
      } finally {
        await a.close();
      }
      const before = tableRows(sheets);
      const b = await startSandboxThread({
        seed: SEED,
        scenario: SCENARIO,
        rateLimit: false,
        port,
        longLivedToken: token,
      });
      try {
        const out = sync(b.baseUrl, token, sheets, store, NOW);
        expect(out.status).toBe("done");
        expect(out.full).toBe(false);
      } finally {
        await b.close();
      }
      // Something did change in between (else the test proves nothing)...
      expect(before).not.toEqual(reference);
      // ...and the incremental pass caught all of it.
      expect(tableRows(sheets)).toEqual(reference);
    });
  }
});
