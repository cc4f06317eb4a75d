/**
 * Write-back of "next step" tasks, end to end (built bundle, runtime, sandbox): the preview lists
 * exactly the open deals without an open task (the account's own data and the planted truth);
 * nothing is created while write-back is off; confirming creates exactly the chosen tasks in the
 * sandbox, each re-checked against amoCRM first, and reports failures by deal id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncHttp, type SyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { type AmoClient, collectAll, createAmoClient } from "../../src/amo/client";
import type { ApiTask } from "../../src/amo/schemas/entities";
import { openWithoutNextStepAt } from "../alerts/expected";
import { type Harness, startHarness } from "../schedule/harness";
import { truthSettings } from "../support/truth";

const SEED = 7;
const SCENARIO = "small";
const HOUR = 3_600_000;

interface Preview {
  deals: { leadId: number; name: string; manager: string; url: string }[];
}
interface Result {
  created: number;
  failed: { leadId: number; error: string }[];
}

describe("write-back of next-step tasks", () => {
  let h: Harness;
  let http: SyncHttp;
  let amo: AmoClient;
  let now: number;
  let before: ApiTask[];
  const allTasks = () => collectAll(amo.iterateTasks());

  beforeAll(async () => {
    // The account as of its own "now" (the sandbox's full data).
    const probe = (await import("../../local/amo-sandbox/generator/index")).generateAccount({
      seed: SEED,
      scenario: SCENARIO,
    });
    now = probe.truth.nowUnix * 1000;
    h = await startHarness({ seed: SEED, scenario: SCENARIO, start: now, addonMode: true });
    http = createSyncHttp({ timeoutMs: 10_000 });
    amo = createAmoClient({
      baseUrl: h.sandbox().baseUrl,
      http,
      clock: systemClock,
      auth: { kind: "long_lived", token: h.sandbox().longLivedToken },
      maxRps: 10_000,
    });
    before = allTasks();
  }, 120_000);
  afterAll(async () => {
    http?.close();
    await h?.close();
  });

  let ids: number[];

  it("the preview lists exactly the open deals without a next step", () => {
    const preview = h.rt.call<Preview>("previewWriteBack");
    ids = preview.deals.map((d) => d.leadId).sort((a, b) => a - b);
    // From the account's own leads and tasks as the sandbox serves them …
    expect(ids).toEqual(openWithoutNextStepAt(SEED, SCENARIO, now));
    // … and as the generator planted them.
    expect(ids.length).toBe(h.truth.counts.openWithoutNextStep);
    const planted = Object.entries(h.truth.leads)
      .filter(([, l]) => l.hasOpenTask === false)
      .map(([id]) => Number(id))
      .sort((a, b) => a - b);
    expect(ids).toEqual(planted);
    const lead = preview.deals.find((d) => d.leadId === ids[0])!;
    expect(lead.url).toMatch(new RegExp(`/leads/detail/${ids[0]}$`));
    expect(lead.manager).toBe(
      h.truth.managers.find((m) => m.id === h.truth.leads[String(ids[0])]!.manager)!.name,
    );
  });

  it("creates nothing while write-back is off (the default)", () => {
    expect(() => h.rt.call("confirmWriteBack", ids)).toThrow("Создание задач «следующий шаг» выключено");
    expect(allTasks().length).toBe(before.length);
  });

  it("refuses ids that are not a list of deal ids, saying what it got", () => {
    h.rt.call("updateSettings", { ...truthSettings(h.truth), writeBack: { enabled: true } });
    expect(() => h.rt.call("confirmWriteBack", "12,13")).toThrow("Ожидался список ID сделок");
    expect(() => h.rt.call("confirmWriteBack", [1.5])).toThrow("Ожидался список ID сделок");
  });

  it("confirming a few creates exactly those tasks; an id outside the preview fails by id", () => {
    const wonLead = Number(Object.entries(h.truth.leads).find(([, l]) => l.statusId === 142)![0]);
    const chosen = ids.slice(0, 2);
    const t0 = h.rt.clock.now();
    const r = h.rt.call<Result>("confirmWriteBack", [...chosen, wonLead]);
    const t1 = h.rt.clock.now();
    expect(r.created).toBe(2);
    expect(r.failed).toEqual([
      { leadId: wonLead, error: "не открытая сделка без следующего шага (по данным листа amo_leads)" },
    ]);
    const added = allTasks().filter((t) => !before.some((b) => b.id === t.id));
    expect(added.map((t) => t.entity_id).sort()).toEqual([...chosen].sort());
    for (const t of added) {
      const l = h.truth.leads[String(t.entity_id)]!;
      expect(t).toMatchObject({
        entity_type: "leads",
        text: "Следующий шаг",
        is_completed: false,
        task_type_id: 1,
      });
      expect(t.responsible_user_id).toBe(l.manager);
      expect(t.complete_till * 1000).toBeGreaterThanOrEqual(Math.floor((t0 + 24 * HOUR) / 1000) * 1000);
      expect(t.complete_till * 1000).toBeLessThanOrEqual(t1 + 24 * HOUR);
    }
  });

  it("confirming all re-checks amoCRM: deals that got a task since the preview are skipped, the rest created", () => {
    const r = h.rt.call<Result>("confirmWriteBack", ids);
    expect(r.created).toBe(ids.length - 2);
    expect(r.failed.map((f) => f.leadId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(r.failed.every((f) => /уже есть открытая задача #\d+/.test(f.error))).toBe(true);
    const added = allTasks().filter((t) => !before.some((b) => b.id === t.id));
    // One task per chosen deal, and nothing else.
    expect(added.map((t) => t.entity_id).sort()).toEqual([...ids].sort());
    expect(added.length).toBe(ids.length);
  });
});
