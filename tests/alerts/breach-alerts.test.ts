/**
 * SLA alerts end to end: the built add-on on its hourly add-on schedule over three working days of
 * the sandbox account's history (the account as it was at each run), mailing through the
 * runtime's MailApp outbox. Compared with what the planted truth says must be told (expected.ts):
 * each breach mailed once, to the responsible manager and the sales head, within one period; none
 * for leads answered in time (or answered before the check); none twice after the schedule is
 * reinstalled or the handler is run again; the end-of-day list each working day.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentMail } from "../../local/gas-runtime/services/mail";
import { type Harness, startHarness } from "../schedule/harness";
import {
  type ExpectedBreach,
  expectedBreaches,
  isBreachMail,
  isEndOfDayMail,
  leadIdsIn,
  openWithoutNextStepAt,
} from "./expected";

const SEED = 7;
const SCENARIO = "small";
const HOUR = 3_600_000;
const HEAD = "head@example.com";
const START = Date.parse("2026-10-19T07:00:00+03:00"); // Monday
const SCHEDULED_FROM = Date.parse("2026-10-19T08:00:00+03:00");
const REINSTALL_AT = Date.parse("2026-10-20T12:00:00+03:00");
const END = Date.parse("2026-10-21T19:00:00+03:00"); // Wednesday evening

describe("SLA alerts over three days (add-on, hourly)", () => {
  let h: Harness;
  let runs: number[];
  let expected: ExpectedBreach[];
  let breachMails: SentMail[];

  beforeAll(async () => {
    h = await startHarness({
      seed: SEED,
      scenario: SCENARIO,
      start: START,
      addonMode: true,
      settings: { alerts: { enabled: true, salesHeadEmails: [HEAD], quietHours: null } },
    });
    h.rt.clock.advance(SCHEDULED_FROM - h.rt.clock.now());
    h.rt.call("installSchedule", 60);
    await h.runUntil(REINSTALL_AT);
    // "Restart": the schedule is removed and installed again (fresh trigger, same properties).
    h.rt.call("removeSchedule");
    h.rt.call("installSchedule", 60);
    await h.runUntil(END);
    runs = h.rt.triggers.runs.filter((r) => r.handler === "onSchedule").map((r) => r.startedAt);
    expected = expectedBreaches({
      truth: h.truth,
      seed: SEED,
      scenario: SCENARIO,
      runs,
      periodMs: HOUR,
      quiet: () => false,
    });
    breachMails = h.rt.mail.outbox.filter(isBreachMail);
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it("every run ran to the end", () => {
    // 28 runs up to the reinstall (09:00 Mon … 12:00 Tue), 29 after it (13:00 Tue … 18:00 Wed).
    expect(runs.length).toBe(57);
    expect(h.rt.triggers.runs.filter((r) => r.error !== undefined)).toEqual([]);
  });

  it("mails each planted breach once, and nothing else", () => {
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const mailed = breachMails.flatMap(leadIdsIn).sort((a, b) => a - b);
    expect(mailed).toEqual(expected.map((e) => e.leadId).sort((a, b) => a - b));
  });

  it("to the responsible manager, the sales head in copy, within one schedule period of the deadline", () => {
    for (const e of expected) {
      const m = breachMails.find((x) => leadIdsIn(x).includes(e.leadId))!;
      expect({ lead: e.leadId, to: m.to, cc: m.cc }).toEqual({
        lead: e.leadId,
        to: e.managerEmail,
        cc: HEAD,
      });
      expect(m.at).toBeGreaterThanOrEqual(e.deadline);
      expect(m.at - e.deadline).toBeLessThanOrEqual(HOUR + 60_000);
    }
  });

  it("nothing for leads answered in time", () => {
    const met = new Set(
      Object.entries(h.truth.leads)
        .filter(([, l]) => l.sla === "met")
        .map(([id]) => Number(id)),
    );
    expect(breachMails.flatMap(leadIdsIn).filter((id) => met.has(id))).toEqual([]);
  });

  it("no duplicates when the handler runs again in fresh executions", () => {
    const before = h.rt.mail.outbox.length;
    h.rt.call("onSchedule", {});
    h.rt.call("onSchedule", {});
    expect(h.rt.mail.outbox.length).toBe(before);
  });

  it("the end-of-day list once per working day at 18:00: the open deals without a next step", () => {
    const eod = h.rt.mail.outbox.filter((m) => isEndOfDayMail(m) && m.to === HEAD);
    expect(eod.map((m) => new Date(m.at).toISOString().slice(0, 13))).toEqual([
      "2026-10-19T15",
      "2026-10-20T15",
      "2026-10-21T15",
    ]);
    for (const m of eod) {
      const runAt = Math.floor(m.at / HOUR) * HOUR;
      expect(leadIdsIn(m).sort((a, b) => a - b)).toEqual(openWithoutNextStepAt(SEED, SCENARIO, runAt));
    }
  });
});
