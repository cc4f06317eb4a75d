/**
 * A sales head lives in the raw sheets: sorts, filters, hides rows, adds own columns. A sync after
 * that must leave the same data as a sync into untouched sheets, keep the user's columns attached
 * to their deals, and refuse (with a clear message and no damage) when one of our columns is gone.
 * CRM text that looks like a formula lands as plain text.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_FILES, type AccountData } from "../../local/amo-sandbox/account-data";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { type SandboxThread, startSandboxThread } from "../../local/amo-sandbox/thread";
import { createSyncHttp, type SyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { createAmoClient } from "../../src/amo/client";
import type { SheetPort } from "../../src/sheets/port";
import { TABLES } from "../../src/sheets/tables";
import { readTable } from "../../src/sheets/upsert";
import { runSync, type SyncOutcome } from "../../src/sync/engine";
import { repairSheets } from "../../src/sync/repair";
import { FakeSpreadsheet } from "../sheets/fake-sheet";
import { MemoryLock, MemoryStore } from "../support/memory-sync-ports";
import { snapshotTables } from "../support/sheet-tables";
import { truthSettings } from "../support/truth";

const SEED = 3;
const { data, truth } = generateAccount({ seed: SEED, scenario: "small" });
const NOW = truth.nowUnix * 1000;

/** Hostile texts a web form can put into a deal (the first one is the classic Sheets exfiltration). */
const HOSTILE = ['=IMPORTXML("http://x","//a")', "+7 999 123-45-67", "-1", "@user", "＝1+1"];

function recordedAccount(): { dir: string; hostileIds: number[] } {
  const copy = structuredClone(data) as AccountData;
  const live = copy.leads.filter((l) => !l["is_deleted"]);
  const hostileIds: number[] = [];
  HOSTILE.forEach((text, i) => {
    const lead = live[i * 7]!;
    lead["name"] = text;
    hostileIds.push(lead["id"] as number);
  });
  const dir = mkdtempSync(join(tmpdir(), "amo-kpi-recorded-"));
  for (const [key, file] of Object.entries(ACCOUNT_FILES)) {
    writeFileSync(join(dir, file), JSON.stringify(copy[key as keyof AccountData]));
  }
  return { dir, hostileIds };
}

const tableRows = (port: SheetPort) => snapshotTables(port).tables;

describe("syncing into sheets a user has worked in", () => {
  let sandbox: SandboxThread;
  let http: SyncHttp;
  let hostileIds: number[];
  let reference: Record<string, string[]>;

  const sync = (sheets: SheetPort, store: MemoryStore, full = false): SyncOutcome =>
    runSync(
      {
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
        clock: { now: () => NOW },
        settings: truthSettings(truth),
        accountBaseUrl: "https://demo.amocrm.ru",
        budgetMs: 6 * 60_000,
      },
      { full },
    );

  beforeAll(async () => {
    const recorded = recordedAccount();
    hostileIds = recorded.hostileIds;
    sandbox = await startSandboxThread({ dataDir: recorded.dir, rateLimit: false });
    http = createSyncHttp({ timeoutMs: 10_000 });
    const clean = new FakeSpreadsheet({ timeZone: truth.timezone });
    expect(sync(clean, new MemoryStore()).status).toBe("done");
    reference = tableRows(clean);
  });
  afterAll(async () => {
    http.close();
    await sandbox.close();
  });

  it("stores CRM text that looks like a formula as plain text, never as a formula", () => {
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    expect(sync(sheets, new MemoryStore()).status).toBe("done");
    expect(sheets.formulas()).toEqual([]);
    const names = new Map(
      readTable(sheets, TABLES[0], { locale: "ru", columns: ["lead_id", "name"] }).rows.map((r) => [
        r.lead_id,
        r.name,
      ]),
    );
    expect(hostileIds.map((id) => names.get(id))).toEqual(HOSTILE);
  });

  it("after sorting, filtering, hiding rows and adding own columns, a full re-sync gives the same data and keeps the user's notes on their deals", () => {
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    const store = new MemoryStore();
    expect(sync(sheets, store).status).toBe("done");
    const priceCol = sheets.col("amo_leads", "Бюджет");
    sheets.sortRows("amo_leads", priceCol, true);
    sheets.hideRows("amo_leads", [3, 5, 8]);
    sheets.filter("amo_touches", sheets.col("amo_touches", "Канал"), (v) => v === "call");
    // A note column at the right end and another between two of ours, each keyed by what the row shows.
    const idCol = sheets.col("amo_leads", "ID сделки");
    const noteFor = (row: number) => `note for ${String(sheets.get("amo_leads", row, idCol))}`;
    sheets.insertColumn("amo_leads", sheets.lastColumn("amo_leads") + 1, "Мой комментарий", noteFor);
    sheets.insertColumn("amo_leads", 3, "Приоритет", (row) => `P${row}`);
    const priorityOf = new Map<string, unknown>();
    for (let row = 2; row <= sheets.lastRow("amo_leads"); row++) {
      priorityOf.set(
        String(sheets.get("amo_leads", row, sheets.col("amo_leads", "ID сделки"))),
        sheets.get("amo_leads", row, 3),
      );
    }

    expect(sync(sheets, store, true).status).toBe("done");
    expect(tableRows(sheets)).toEqual(reference);
    const id = sheets.col("amo_leads", "ID сделки");
    const note = sheets.col("amo_leads", "Мой комментарий");
    const priority = sheets.col("amo_leads", "Приоритет");
    for (let row = 2; row <= sheets.lastRow("amo_leads"); row++) {
      const leadId = String(sheets.get("amo_leads", row, id));
      expect(sheets.get("amo_leads", row, note)).toBe(`note for ${leadId}`);
      expect(sheets.get("amo_leads", row, priority)).toBe(priorityOf.get(leadId));
    }
    // Hidden rows stay hidden: the sync writes values, not visibility.
    expect([3, 5, 8].every((r) => sheets.isHidden("amo_leads", r))).toBe(true);
  });

  it("refuses to write when one of its columns was deleted, names it, and changes nothing", () => {
    const sheets = new FakeSpreadsheet({ timeZone: truth.timezone });
    const store = new MemoryStore();
    expect(sync(sheets, store).status).toBe("done");
    sheets.deleteColumn("amo_leads", sheets.col("amo_leads", "Бюджет"));
    const before = JSON.stringify([...sheets.sheets.entries()]);
    const out = sync(sheets, store, true);
    expect(out.status).toBe("error");
    expect(out.error?.name).toBe("SheetLayoutError");
    expect(out.error?.message).toContain("Бюджет");
    expect(out.error?.message).toContain("amo_leads");
    expect(JSON.stringify([...sheets.sheets.entries()])).toBe(before);

    // "Rebuild sheets" puts the header back (at the right end) and the next, full, sync refills it.
    expect(repairSheets(sheets, store, "ru")).toEqual({ amo_leads: ["price"] });
    const after = sync(sheets, store);
    expect(after).toMatchObject({ status: "done", full: true });
    expect(tableRows(sheets)).toEqual(reference);
  });
});
