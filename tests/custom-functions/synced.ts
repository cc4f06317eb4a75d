/**
 * A synced spreadsheet of a generator scenario for the KPI_* tests: the amoCRM sandbox → client →
 * sync → the in-memory spreadsheet of tests/sheets (the writers' real output), and each raw table
 * as the 2-D array a custom function receives (header + data, dates as Date, empty as "").
 */
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import type { PlantedTruth } from "../../local/amo-sandbox/generator/truth-types";
import { startSandboxThread } from "../../local/amo-sandbox/thread";
import { createSyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { createAmoClient } from "../../src/amo/client";
import type { Settings } from "../../src/core/settings";
import { runSync } from "../../src/sync/engine";
import { FakeSpreadsheet } from "../sheets/fake-sheet";
import { MemoryLock, MemoryStore } from "../support/memory-sync-ports";
import { truthSettings } from "../support/truth";

export interface Synced {
  sheets: FakeSpreadsheet;
  truth: PlantedTruth;
  settings: Settings;
  now: number;
  /** Table id → its range as a custom function gets it. */
  ranges: Record<string, unknown[][]>;
}

export async function syncScenario(seed: number, scenario: "default" | "small"): Promise<Synced> {
  const { truth } = generateAccount({ seed, scenario });
  const sandbox = await startSandboxThread({ seed, scenario, rateLimit: false });
  const http = createSyncHttp({ timeoutMs: 20_000 });
  try {
    const client = createAmoClient({
      baseUrl: sandbox.baseUrl,
      http,
      clock: systemClock,
      auth: { kind: "long_lived", token: sandbox.longLivedToken },
    });
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    const settings = truthSettings(truth);
    const now = truth.nowUnix * 1000;
    const store = new MemoryStore();
    for (let i = 0; i < 20; i++) {
      const outcome = runSync({
        client,
        sheets,
        store,
        lock: new MemoryLock(),
        clock: { now: () => now },
        settings,
        accountBaseUrl: "https://demo.amocrm.ru",
        budgetMs: 60 * 60_000,
      });
      if (outcome.error) throw new Error(String(outcome.error));
      if (outcome.status === "done") break;
    }
    const ranges: Record<string, unknown[][]> = {};
    for (const name of sheets.sheets.keys()) {
      const rows = sheets.lastRow(name);
      const cols = sheets.lastColumn(name);
      ranges[name] = rows > 0 && cols > 0 ? sheets.readBlock(name, 1, 1, rows, cols) : [];
    }
    return { sheets, truth, settings, now, ranges };
  } finally {
    http.close();
    await sandbox.close();
  }
}
