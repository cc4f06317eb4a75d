/**
 * The built add-on (build/Code.js, unchanged) in the local Apps Script runtime, against the amoCRM
 * sandbox: connect with a long-lived token, sync through UrlFetchApp, the Sheets advanced service
 * and document properties, continue across executions through the add-on's own trigger when an
 * execution's 6 minutes run out, and end with raw sheets whose metrics equal the planted truth.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { type SandboxThread, startSandboxThread } from "../../local/amo-sandbox/thread";
import { buildAll } from "../../local/build/build";
import { runtimeSheets } from "../../local/cli/runtime-sheets";
import {
  createRuntime,
  createVirtualClock,
  loadBuild,
  MEASURED_COSTS,
  type Runtime,
} from "../../local/gas-runtime";
import { createSyncHttp, type SyncHttp } from "../../local/http-sync/sync-http";
import { datasetFromSheets } from "../../src/sheets/rows";
import { truthSettings } from "../support/truth";
import { compareWithTruth } from "../support/truth-compare";

const SEED = 5;
const SCENARIO = "default";
const { truth } = generateAccount({ seed: SEED, scenario: SCENARIO });

interface Summary {
  status: string;
  executions: number;
  message: string | null;
}

interface Status {
  running: boolean;
  last: { status: string; message: string | null } | null;
}

describe("the built add-on syncing the sandbox in the local Apps Script runtime", () => {
  let sandbox: SandboxThread;
  let http: SyncHttp;
  let rt: Runtime;
  const summaries: Summary[] = [];

  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), "amo-kpi-e2e-"));
    await buildAll(out);
    // The runtime's clock is virtual (the scenario's "now"), so the sandbox's real-time rate limit
    // is off here; the client's limiter is tested against it in tests/amo.
    sandbox = await startSandboxThread({ seed: SEED, scenario: SCENARIO, rateLimit: false });
    http = createSyncHttp({ timeoutMs: 10_000 });
    rt = createRuntime({
      ...loadBuild(out),
      clock: createVirtualClock(truth.nowUnix * 1000),
      // Service calls cost the virtual time scale.md measured, so 6-minute limits are real here —
      // with a slow amoCRM (2 s a request instead of the measured 0.65 s): the default account
      // then cannot sync in one execution, which is what this file tests (continuation by trigger).
      costs: { ...MEASURED_COSTS, urlFetchMs: 2_000 },
      urlFetch: http,
      timeZone: truth.timezone,
    });
  });
  afterAll(async () => {
    http.close();
    await sandbox.close();
  });

  it("connects with a long-lived token and guesses the source, segment and channel fields", () => {
    const account = rt.call<{ accountName: string; pipelines: unknown[]; timezone: string }>(
      "connectAmo",
      sandbox.baseUrl,
      sandbox.longLivedToken,
    );
    expect(account.pipelines.length).toBeGreaterThan(0);
    expect(account.timezone).toBe(truth.timezone);
    const settings = rt.call<Record<string, unknown>>("getSettings");
    expect(settings["sourceFieldId"]).toBe(truth.settings.sourceFieldId);
    expect(settings["segmentFieldId"]).toBe(truth.settings.segmentFieldId);
    expect(settings["channelFieldId"]).toBe(truth.settings.channelFieldId);
    // The token is stored for this user only, and nowhere in the document.
    expect(JSON.stringify([...rt.properties.document.map])).not.toContain(sandbox.longLivedToken);
  });

  it("saves the scenario's calendar (holidays) through the settings entry point", () => {
    const r = rt.call<{ ok: boolean }>("updateSettings", truthSettings(truth));
    expect(r.ok).toBe(true);
  });

  it("syncs to the end, continuing by trigger when an execution runs out of time", () => {
    summaries.push(rt.call<Summary>("syncNow", false));
    expect(summaries[0]!.status).toBe("partial"); // 6 virtual minutes do not hold a full sync
    let status = rt.call<Status>("getSyncStatus");
    for (let i = 0; i < 30 && status.running; i++) {
      rt.triggers.fireDue(rt.clock.now() + 2 * 60_000);
      status = rt.call<Status>("getSyncStatus");
    }
    expect(status).toMatchObject({ running: false, last: { status: "done", message: null } });
    // At least two continuations: a fired one-off trigger stays listed, and must not be taken for
    // a pending one (a run needing three executions once stopped after two).
    expect(rt.triggers.runs.length).toBeGreaterThanOrEqual(2);
    // Every continuation ran as the add-on's own trigger, and none is left behind.
    expect(rt.triggers.runs.every((r) => r.handler === "onSyncContinue" && !r.error)).toBe(true);
    expect(rt.triggers.list().filter((t) => t.handler === "onSyncContinue")).toEqual([]);
  });

  it("leaves raw sheets whose metrics equal the planted truth", () => {
    const ds = datasetFromSheets(runtimeSheets(rt.spreadsheet), "ru");
    expect(ds.leads.length).toBe(truth.counts.liveLeads);
    const { differences } = compareWithTruth(ds, truth);
    expect(differences.slice(0, 20)).toEqual([]);
  });

  it("after a user deletes one of its columns: the sync names it and stops; Rebuild sheets restores and refills it", () => {
    const leads = rt.spreadsheet.getSheetByName("amo_leads")!;
    const header = leads.getRange(1, 1, 1, leads.getLastColumn()).getValues()[0]!;
    leads.deleteColumn(header.indexOf("Бюджет") + 1);
    const refused = rt.call<Summary>("syncNow", false);
    expect(refused.status).toBe("error");
    expect(refused.message).toContain("Бюджет");
    const rebuilt = rt.call<Summary & { restored: Record<string, string[]> }>("rebuildSheets");
    expect(rebuilt.restored).toEqual({ amo_leads: ["price"] });
    let status = rt.call<Status>("getSyncStatus");
    for (let i = 0; i < 30 && status.running; i++) {
      rt.triggers.fireDue(rt.clock.now() + 2 * 60_000);
      status = rt.call<Status>("getSyncStatus");
    }
    expect(status.last?.status).toBe("done");
    const ds = datasetFromSheets(runtimeSheets(rt.spreadsheet), "ru");
    expect(compareWithTruth(ds, truth).differences.slice(0, 20)).toEqual([]);
  });

  it("applies saved settings at once without any amoCRM request: derived columns and amo_daily follow", () => {
    const fetchesBefore = rt.quota.urlFetchCalls;
    const settings = rt.call<{ sla: Record<string, number> }>("getSettings");
    // A norm no answered hot lead misses (100,000 business minutes ≈ 200 working days).
    const r = rt.call<{ ok: boolean; recompute: string; warning: string | null }>("updateSettings", {
      ...settings,
      sla: { ...settings.sla, hotMinutes: 100_000 },
    });
    expect(r).toMatchObject({ ok: true, recompute: "done", warning: null });
    expect(rt.quota.urlFetchCalls).toBe(fetchesBefore);
    const values = rt.spreadsheet.getSheetByName("amo_leads")!.getDataRange().getValues();
    const [header, ...rows] = values;
    const col = (name: string) => header!.indexOf(name);
    const [id, status] = [col("ID сделки"), col("Статус SLA")];
    // The planted truth, not the engine, says which hot leads were answered at all.
    const answeredHot = Object.entries(truth.leads).filter(
      ([, l]) => l.class === "hot" && l.firstTouchAt !== null,
    );
    expect(answeredHot.length).toBeGreaterThan(100);
    const statusById = new Map(rows.map((row) => [String(row[id]), row[status]]));
    const plantedBreaches = answeredHot.filter(([, l]) => l.sla === "breached").length;
    expect(plantedBreaches).toBeGreaterThan(0); // the change matters for some leads
    for (const [leadId] of answeredHot) {
      if (statusById.has(leadId)) expect(statusById.get(leadId), leadId).toBe("met");
    }
    expect(rt.spreadsheet.getRangeByName("amo_daily")).not.toBeNull();
    rt.call("updateSettings", settings); // back to the planted norms for the tests below
  });

  it("keeps every secret out of the cells", () => {
    for (const sheet of rt.spreadsheet.getSheets()) {
      const text = JSON.stringify(sheet.getDataRange().getValues());
      expect(text).not.toContain(sandbox.longLivedToken);
    }
  });
});
