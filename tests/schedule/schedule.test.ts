/**
 * The schedule trigger in the local Apps Script runtime with the built bundle: install/remove and
 * what the sidebar is told, Google's hourly limit in add-on mode, a run that stops at its budget
 * and the next one resuming from the checkpoint, and the daily trigger-runtime guard.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type Harness, lastRun, startHarness } from "./harness";

const HOUR = 3_600_000;
const MIN = 60_000;
const START = Date.parse("2026-10-20T09:00:00+03:00");
const ALERTS = { alerts: { enabled: true, salesHeadEmails: ["head@example.com"], quietHours: null } };

interface Info {
  mode: string;
  installed: boolean;
  everyMinutes: number | null;
  options: number[];
  freshness: string;
}

const harnesses: Harness[] = [];
async function harness(o: Partial<Parameters<typeof startHarness>[0]>): Promise<Harness> {
  const h = await startHarness({ seed: 7, scenario: "small", start: START, addonMode: true, ...o });
  harnesses.push(h);
  return h;
}
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

describe("installing and removing the schedule", () => {
  it("bound script: every 15 minutes; the sidebar is told the mode, the options and the freshness", async () => {
    const { rt } = await harness({ addonMode: false, initialSync: false });
    expect(rt.call<Info>("getScheduleInfo")).toMatchObject({
      mode: "bound",
      installed: false,
      everyMinutes: null,
    });
    const info = rt.call<Info>("installSchedule", 15);
    expect(info).toEqual({
      mode: "bound",
      installed: true,
      everyMinutes: 15,
      options: [1, 5, 10, 15, 30, 60],
      freshness: "Скрипт таблицы: синхронизация каждые 15 мин — данные отстают не больше чем на ~20 мин.",
    });
    const triggers = rt.triggers.list();
    expect(triggers.map((t) => [t.handler, t.schedule])).toEqual([
      ["onSchedule", { kind: "every", periodMs: 15 * MIN, everyMinutes: 15 }],
    ]);
    // Installing again replaces it; an unsupported period is refused by name.
    rt.call("installSchedule", 5);
    expect(rt.triggers.list().map((t) => t.schedule)).toEqual([
      { kind: "every", periodMs: 5 * MIN, everyMinutes: 5 },
    ]);
    expect(() => rt.call("installSchedule", 7)).toThrow(
      "Период расписания 7 мин недоступен в этом режиме (bound); можно: 1, 5, 10, 15, 30, 60.",
    );
    rt.call("removeSchedule");
    expect(rt.triggers.list()).toEqual([]);
    expect(rt.call<Info>("getScheduleInfo")).toMatchObject({ installed: false, everyMinutes: null });
  });

  it("add-on: Google allows at most hourly, so that is what is installed, and it fires hourly", async () => {
    const { rt } = await harness({ addonMode: true, settings: ALERTS });
    const info = rt.call<Info>("installSchedule", 15);
    expect(info).toMatchObject({ mode: "addon", installed: true, everyMinutes: 60, options: [60] });
    expect(info.freshness).toContain("не чаще раза в час");
    expect(rt.triggers.list().map((t) => [t.handler, t.schedule])).toEqual([
      ["onSchedule", { kind: "every", periodMs: HOUR, everyHours: 1 }],
    ]);
    const installedAt = rt.triggers.list()[0]!.createdAt;
    const runs = rt.triggers.fireDue(installedAt + 3 * HOUR);
    expect(runs.map((r) => [r.handler, r.scheduledAt - installedAt, r.error])).toEqual([
      ["onSchedule", HOUR, undefined],
      ["onSchedule", 2 * HOUR, undefined],
      ["onSchedule", 3 * HOUR, undefined],
    ]);
    expect(lastRun(rt)).toMatchObject({ decision: "run", sync: { status: "done" }, alertsWaiting: null });
    rt.call("removeSchedule");
    expect(rt.triggers.list()).toEqual([]);
  });
});

describe("time budget", () => {
  it("a run stops at its budget, the next run resumes from the checkpoint; alerts wait for complete data", async () => {
    // Every amoCRM request costs 20 virtual seconds: the first full sync needs several executions.
    const { rt } = await harness({
      addonMode: true,
      initialSync: false,
      costs: { urlFetchMs: 20_000 },
      settings: ALERTS,
    });
    rt.call("installSchedule", 60);
    const reports: ReturnType<typeof lastRun>[] = [];
    for (let i = 0; i < 12; i++) {
      rt.triggers.fireDue(rt.clock.now() + HOUR);
      reports.push(lastRun(rt));
      if (reports.at(-1)!.sync?.status === "done") break;
    }
    const statuses = reports.map((r) => r.sync?.status);
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.slice(0, -1).every((s) => s === "partial")).toBe(true);
    expect(statuses.at(-1)).toBe("done");
    // One run, executions counted across them; alerts waited while the data was partial.
    expect(reports.map((r) => r.sync?.executions)).toEqual(reports.map((_, i) => i + 1));
    expect(reports.slice(0, -1).every((r) => r.alertsWaiting === "sync partial")).toBe(true);
    expect(reports.at(-1)!.alertsWaiting).toBeNull();
    expect(reports.at(-1)!.alerts).not.toBeNull();
    // Every execution ended inside Apps Script's 6 minutes, and none failed.
    for (const run of rt.triggers.runs) {
      expect(run.error).toBeUndefined();
      expect(run.durationMs).toBeLessThan(6 * MIN);
    }
    // Add-on: one clock trigger per user per document, so no continuation trigger was left.
    expect(rt.triggers.list().map((t) => t.handler)).toEqual(["onSchedule"]);
  });

  it("near the day's 90 minutes of trigger runtime the schedule slows to hourly, then stops, before Google refuses", async () => {
    // 5-minute schedule, every run ~3–5 virtual minutes (slow amoCRM): the budget lasts ~20 runs.
    const { rt } = await harness({ addonMode: false, costs: { urlFetchMs: 20_000 }, settings: ALERTS });
    rt.call("installSchedule", 5);
    const start = rt.clock.now();
    const runs = rt.triggers.fireDue(start + 14 * HOUR);
    expect(runs.every((r) => r.error === undefined)).toBe(true); // Google's daily limit never hit
    const used = runs.reduce((n, r) => n + r.durationMs, 0);
    expect(used).toBeLessThan(90 * MIN);
    const quota = JSON.parse(rt.properties.document.toObject()["schedule_quota"] as string);
    expect(quota.usedMs).toBeGreaterThanOrEqual(0.9 * 90 * MIN); // stopped at the 90 % mark
    // Runs that did work (longer than a couple of seconds), by start time: dense at first, then
    // at least 55 minutes apart once 70 % of the budget is used.
    const heavy = runs.filter((r) => r.durationMs > 5_000).map((r) => r.startedAt);
    let acc = 0;
    let slowFrom = -1;
    for (const r of runs) {
      if (acc >= 0.7 * 90 * MIN && slowFrom < 0) slowFrom = r.startedAt;
      acc += r.durationMs;
    }
    expect(slowFrom).toBeGreaterThan(0);
    const late = heavy.filter((t) => t >= slowFrom);
    for (let i = 1; i < late.length; i++) expect(late[i]! - late[i - 1]!).toBeGreaterThanOrEqual(55 * MIN);
    expect(heavy.filter((t) => t < slowFrom).length).toBeGreaterThan(late.length);
  });
});
