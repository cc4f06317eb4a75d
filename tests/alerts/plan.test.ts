/**
 * The breach check, planned and finished by hand-built leads: which breaches are due in which
 * window, told once, held through quiet hours into one digest, and kept for later when the day's
 * mail quota runs short. Expected values are worked out by hand from the lead rows below.
 */
import { describe, expect, it } from "vitest";
import {
  checkWindow,
  finishBreachCheck,
  MAX_LOOKBACK_MS,
  OVERLAP_MS,
  planBreachCheck,
} from "../../src/core/alerts/plan";
import { breachKey, ToldLog } from "../../src/core/alerts/told-log";
import { type AlertLead, type AlertState, EMPTY_ALERT_STATE } from "../../src/core/alerts/types";
import { alertsSchema } from "../../src/core/settings";

const MIN = 60_000;
const HOUR = 60 * MIN;
// Monday 2026-10-12 12:00 Moscow = 09:00Z: outside the default quiet hours.
const NOON = Date.UTC(2026, 9, 12, 9, 0);
const TZ = "Europe/Moscow";

function lead(id: number, p: Partial<AlertLead>): AlertLead {
  return {
    leadId: id,
    name: `Сделка ${id}`,
    url: `https://demo.amocrm.ru/leads/detail/${id}`,
    responsibleId: 100 + (id % 2),
    manager: id % 2 ? "Борис" : "Анна",
    pipelineId: 1,
    statusKind: "open",
    closedAt: null,
    leadClass: "hot",
    firstResponseAt: null,
    answered: false,
    slaDeadline: null,
    hasNextStep: true,
    ...p,
  };
}

const leads: AlertLead[] = [
  lead(1, { slaDeadline: NOON - 10 * MIN }), // breached 10 min ago, no touch → due
  lead(2, { slaDeadline: NOON - 5 * MIN, firstResponseAt: NOON - 20 * MIN, answered: true }), // answered in time
  lead(3, { slaDeadline: NOON - 5 * MIN, firstResponseAt: NOON - 2 * MIN, answered: true }), // answered late → not mailed
  lead(4, { slaDeadline: NOON + 5 * MIN }), // still pending
  lead(5, { slaDeadline: NOON - 30 * MIN, statusKind: "lost", closedAt: NOON - 40 * MIN }), // closed → not mailed
  lead(6, { slaDeadline: NOON - 3 * HOUR }), // breached long before the window
  lead(7, { slaDeadline: NOON - 1 * MIN, leadClass: "cold" }), // due
  lead(8, { slaDeadline: null }), // outside the analysed pipelines
];

const emails = new Map([
  [100, "anna@example.com"],
  [101, "boris@example.com"],
]);

function input(over: Partial<Parameters<typeof planBreachCheck>[0]> = {}) {
  return {
    now: NOON,
    dataAt: NOON,
    periodMs: 15 * MIN,
    alerts: alertsSchema.parse({ enabled: true, salesHeadEmails: ["head@example.com"] }),
    locale: "ru" as const,
    timezone: TZ,
    leads,
    emails,
    state: { ...EMPTY_ALERT_STATE, checkedTo: NOON - 15 * MIN },
    told: new ToldLog(),
    remainingRecipients: 100,
    ...over,
  };
}

const sentAll = (p: ReturnType<typeof planBreachCheck>) => new Set(p.mails.flatMap((m) => m.keys));

describe("the check window", () => {
  it("first check: one period back; later: from the last check minus the overlap, capped at 24 h", () => {
    expect(checkWindow(EMPTY_ALERT_STATE, NOON, 15 * MIN)).toEqual({ from: NOON - 15 * MIN, to: NOON });
    expect(checkWindow({ ...EMPTY_ALERT_STATE, checkedTo: NOON - 15 * MIN }, NOON, 15 * MIN)).toEqual({
      from: NOON - 15 * MIN - OVERLAP_MS,
      to: NOON,
    });
    expect(checkWindow({ ...EMPTY_ALERT_STATE, checkedTo: NOON - 3 * 86_400_000 }, NOON, HOUR).from).toBe(
      NOON - MAX_LOOKBACK_MS,
    );
  });
});

describe("planBreachCheck", () => {
  it("picks exactly the unanswered open leads whose deadline fell in the window", () => {
    const p = planBreachCheck(input());
    expect(p.quiet).toBe(false);
    expect(p.breaches.map((b) => b.lead.leadId)).toEqual([1, 7]);
  });

  it("one mail per breach: to the responsible manager, the sales head in copy", () => {
    const p = planBreachCheck(input());
    expect(p.mails.map((m) => [m.to, m.cc, m.keys])).toEqual([
      [["boris@example.com"], ["head@example.com"], [breachKey(1, NOON - 10 * MIN)]],
      [["boris@example.com"], ["head@example.com"], [breachKey(7, NOON - MIN)]],
    ]);
    expect(p.mails[0]!.subject).toBe("SLA нарушен: «Сделка 1» (Борис)");
    expect(p.mails[0]!.body).toContain("Срок ответа: 2026-10-12 11:50 (Europe/Moscow)");
    expect(p.mails[0]!.body).toContain("https://demo.amocrm.ru/leads/detail/1");
  });

  it("notifyManagers off → only the heads; no heads and no known manager → nobody, and not retried", () => {
    const heads = planBreachCheck(
      input({
        alerts: alertsSchema.parse({
          enabled: true,
          salesHeadEmails: ["head@example.com"],
          notifyManagers: false,
        }),
      }),
    );
    expect(heads.mails.map((m) => [m.to, m.cc])).toEqual([
      [["head@example.com"], []],
      [["head@example.com"], []],
    ]);
    const state: AlertState = { ...EMPTY_ALERT_STATE, checkedTo: NOON - 15 * MIN };
    const nobody = planBreachCheck(
      input({ state, emails: new Map(), alerts: alertsSchema.parse({ enabled: true }) }),
    );
    expect(nobody.mails).toEqual([]);
    expect(nobody.unreachable).toHaveLength(2);
    expect(finishBreachCheck(state, new ToldLog(), nobody, new Set(), NOON).checkedTo).toBe(NOON);
  });

  it("each breach is told once: the next check (a fresh execution, state from properties) sends nothing new", () => {
    const told = new ToldLog();
    const p1 = planBreachCheck(input({ told }));
    const s1 = finishBreachCheck(input().state, told, p1, sentAll(p1), NOON);
    expect(s1.checkedTo).toBe(NOON);
    // As stored and read back by the next execution.
    const told2 = ToldLog.decode(told.encode().chunks);
    const p2 = planBreachCheck(
      input({ now: NOON + 15 * MIN, dataAt: NOON + 15 * MIN, state: s1, told: told2 }),
    );
    // Lead 4's deadline (NOON + 5 min) has passed by now: it is the only new one.
    expect(p2.breaches.map((b) => b.lead.leadId)).toEqual([4]);
  });

  it("digest: one mail to the heads with every breach, one per manager with theirs", () => {
    const p = planBreachCheck(
      input({
        alerts: alertsSchema.parse({ enabled: true, salesHeadEmails: ["head@example.com"], digest: true }),
      }),
    );
    expect(p.mails.map((m) => [m.to, m.keys.length])).toEqual([
      [["head@example.com"], 2],
      [["boris@example.com"], 2],
    ]);
    expect(p.mails[0]!.subject).toBe("SLA нарушен: 2 лид(ов) без ответа");
  });

  it("quiet hours: nothing is checked and the window stays; afterwards one digest tells what is still open", () => {
    const night = Date.UTC(2026, 9, 12, 18, 0); // 21:00 Moscow
    const state: AlertState = { ...EMPTY_ALERT_STATE, checkedTo: night - 15 * MIN };
    const nightLeads = [
      lead(11, { slaDeadline: night + 10 * MIN }), // breaches at night, never answered
      lead(12, { slaDeadline: night + 20 * MIN, firstResponseAt: night + 12 * HOUR, answered: true }), // answered next morning
    ];
    const quiet = planBreachCheck(
      input({ now: night + HOUR, dataAt: night + HOUR, leads: nightLeads, state }),
    );
    expect(quiet.quiet).toBe(true);
    expect(quiet.mails).toEqual([]);
    expect(quiet.breaches).toEqual([]);
    const held = finishBreachCheck(state, new ToldLog(), quiet, new Set(), night + HOUR);
    expect(held).toEqual({ ...state, heldSince: night + HOUR });
    // 09:15 next morning (06:15Z): still quiet at 08:59, not at 09:15.
    const morning = Date.UTC(2026, 9, 13, 6, 15);
    const p = planBreachCheck(input({ now: morning, dataAt: morning, leads: nightLeads, state: held }));
    expect(p.breaches.map((b) => b.lead.leadId)).toEqual([11]);
    expect(p.mails.map((m) => m.to)).toEqual([["head@example.com"], ["boris@example.com"]]);
    expect(p.mails[0]!.body).toContain("тихие часы (20:00–09:00)");
  });

  it("a first check in quiet hours fixes the start: the digest after them covers the whole quiet time", () => {
    const night = Date.UTC(2026, 9, 12, 18, 0); // 21:00 Moscow
    const nightLeads = [lead(13, { slaDeadline: night + 10 * MIN })];
    const quiet = planBreachCheck(
      input({ now: night, dataAt: night, leads: nightLeads, state: EMPTY_ALERT_STATE }),
    );
    const held = finishBreachCheck(EMPTY_ALERT_STATE, new ToldLog(), quiet, new Set(), night);
    expect(held).toEqual({ checkedTo: night - 15 * MIN, heldSince: night, endOfDayDate: null });
    const morning = Date.UTC(2026, 9, 13, 6, 15);
    const p = planBreachCheck(input({ now: morning, dataAt: morning, leads: nightLeads, state: held }));
    expect(p.breaches.map((b) => b.lead.leadId)).toEqual([13]);
  });

  it("short of mail quota: single mails become a digest; what still does not fit is retried next time", () => {
    const digest = planBreachCheck(input({ remainingRecipients: 3 }));
    // Singles need 4 recipients; the digest needs 2 (head + Boris).
    expect(digest.mails.map((m) => m.to)).toEqual([["head@example.com"], ["boris@example.com"]]);
    const state = input().state;
    const tight = planBreachCheck(input({ remainingRecipients: 0 }));
    expect(tight.mails).toEqual([]);
    const next = finishBreachCheck(state, new ToldLog(), tight, new Set(), NOON);
    expect(next.checkedTo).toBe(NOON - 10 * MIN - 1); // just before lead 1's deadline
    expect(checkWindow(next, NOON + 15 * MIN, 15 * MIN).from).toBeLessThan(NOON - 10 * MIN);
  });

  it("CRM text cannot add lines to a mail", () => {
    const evil = [
      lead(21, { slaDeadline: NOON - MIN, name: "=HYPERLINK(1)\nBcc: x@evil.test\r\nЗдравствуйте" }),
    ];
    const p = planBreachCheck(input({ leads: evil }));
    expect(p.mails[0]!.subject).not.toMatch(/[\r\n]/);
    expect(p.mails[0]!.body.split("\n").filter((l) => l.includes("evil"))).toEqual([
      "Сделка: =HYPERLINK(1) Bcc: x@evil.test Здравствуйте",
    ]);
  });
});
