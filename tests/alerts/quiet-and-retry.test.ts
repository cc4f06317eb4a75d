/**
 * Quiet hours and retries, end to end (built bundle, runtime, sandbox as of each run):
 * - no mail while quiet hours are on; breaches still unanswered when they end arrive in one digest
 *   (heads: all; each manager: theirs); one answered during quiet hours is never mailed;
 * - a script bound to the spreadsheet with a 15-minute schedule tells a breach within 15 minutes;
 * - a send that fails is retried by the next run, once.
 */
import { afterAll, describe, expect, it } from "vitest";
import { isQuietAt } from "../../src/core/alerts/quiet-hours";
import { type Harness, startHarness } from "../schedule/harness";
import { expectedBreaches, isBreachMail, leadIdsIn } from "./expected";

const SEED = 7;
const SCENARIO = "small";
const MIN = 60_000;
const HOUR = 60 * MIN;
const HEAD = "head@example.com";
const TZ = "Europe/Moscow";
const at = (local: string) => Date.parse(`${local}+03:00`);

const harnesses: Harness[] = [];
async function simulate(o: {
  start: string;
  end: string;
  addonMode: boolean;
  every: number;
  alerts: Record<string, unknown>;
  beforeRuns?: (h: Harness) => void;
}): Promise<{ h: Harness; runs: number[] }> {
  const start = at(o.start);
  const h = await startHarness({
    seed: SEED,
    scenario: SCENARIO,
    start: start - 30 * MIN,
    addonMode: o.addonMode,
    settings: { alerts: { enabled: true, salesHeadEmails: [HEAD], endOfDayCheck: false, ...o.alerts } },
  });
  harnesses.push(h);
  h.rt.clock.advance(start - h.rt.clock.now());
  h.rt.call("installSchedule", o.every);
  o.beforeRuns?.(h);
  await h.runUntil(at(o.end));
  const runs = h.rt.triggers.runs.filter((r) => r.handler === "onSchedule").map((r) => r.startedAt);
  expect(h.rt.triggers.runs.filter((r) => r.error !== undefined)).toEqual([]);
  return { h, runs };
}
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

describe("quiet hours 12:00–17:30", () => {
  const quietHours = { start: "12:00", end: "17:30" };
  const quiet = (t: number) => isQuietAt(t, quietHours, TZ);

  it("hold the day's breaches and send what is still unanswered as one digest when they end", async () => {
    const { h, runs } = await simulate({
      start: "2026-10-21T11:00:00",
      end: "2026-10-21T19:30:00",
      addonMode: true,
      every: 60,
      alerts: { quietHours },
    });
    const want = expectedBreaches({
      truth: h.truth,
      seed: SEED,
      scenario: SCENARIO,
      runs,
      periodMs: HOUR,
      quiet,
    });
    expect(want.length).toBeGreaterThanOrEqual(2);
    expect(want.every((w) => w.held && w.runAt === runs.find((s) => s >= at("2026-10-21T17:30:00")))).toBe(
      true,
    );
    const outbox = h.rt.mail.outbox;
    expect(outbox.filter((m) => quiet(m.at))).toEqual([]);
    // One digest to the head with every held breach, one per manager with theirs.
    const head = outbox.filter((m) => m.to === HEAD);
    expect(head).toHaveLength(1);
    expect(head[0]!.body).toContain("тихие часы (12:00–17:30)");
    expect(leadIdsIn(head[0]!).sort()).toEqual(want.map((w) => w.leadId).sort());
    const managers = [...new Set(want.map((w) => w.managerEmail))];
    for (const email of managers) {
      const mine = outbox.filter((m) => m.to === email);
      expect(mine).toHaveLength(1);
      expect(leadIdsIn(mine[0]!).sort()).toEqual(
        want
          .filter((w) => w.managerEmail === email)
          .map((w) => w.leadId)
          .sort(),
      );
    }
    expect(outbox).toHaveLength(1 + managers.length);
  });

  it("a breach answered during quiet hours is never mailed", async () => {
    const { h, runs } = await simulate({
      start: "2026-10-19T11:00:00",
      end: "2026-10-19T19:30:00",
      addonMode: true,
      every: 60,
      alerts: { quietHours },
    });
    // Lead 28603183 breached at 15:52 and was answered at 17:03 (planted truth).
    const l = h.truth.leads["28603183"]!;
    expect(l.sla).toBe("breached");
    expect(quiet(l.slaDeadline * 1000) && quiet(l.firstTouchAt! * 1000)).toBe(true);
    expect(
      expectedBreaches({ truth: h.truth, seed: SEED, scenario: SCENARIO, runs, periodMs: HOUR, quiet }),
    ).toEqual([]);
    expect(h.rt.mail.outbox.filter(isBreachMail)).toEqual([]);
  });
});

describe("a script bound to the spreadsheet, every 15 minutes", () => {
  it("tells a breach within 15 minutes of its deadline", async () => {
    const { h, runs } = await simulate({
      start: "2026-10-19T15:00:00",
      end: "2026-10-19T17:00:00",
      addonMode: false,
      every: 15,
      alerts: { quietHours: null },
    });
    const want = expectedBreaches({
      truth: h.truth,
      seed: SEED,
      scenario: SCENARIO,
      runs,
      periodMs: 15 * MIN,
      quiet: () => false,
    });
    expect(want.map((w) => w.leadId)).toEqual([28603183]);
    const mails = h.rt.mail.outbox.filter(isBreachMail);
    expect(mails.map((m) => [leadIdsIn(m), m.to, m.cc])).toEqual([[[28603183], want[0]!.managerEmail, HEAD]]);
    expect(mails[0]!.at - want[0]!.deadline).toBeLessThanOrEqual(15 * MIN);
  });

  it("a send that fails is retried at the next run, and told once", async () => {
    let failures = 0;
    const { h } = await simulate({
      start: "2026-10-19T15:00:00",
      end: "2026-10-19T17:00:00",
      addonMode: false,
      every: 15,
      alerts: { quietHours: null },
      beforeRuns: (h) => {
        h.rt.hooks.onServiceCall = (e) => {
          if (e.method === "sendEmail" && failures === 0) {
            failures++;
            throw new Error("Service invoked too many times for one day: email.");
          }
        };
      },
    });
    expect(failures).toBe(1);
    const mails = h.rt.mail.outbox.filter(isBreachMail);
    expect(mails.map(leadIdsIn)).toEqual([[28603183]]);
    // Due at the 16:00 run, refused there, sent at 16:15.
    expect(new Date(mails[0]!.at).toISOString().slice(11, 16)).toBe("13:15");
  });
});
