import { describe, expect, it } from "vitest";
import { berlinSettings, dataset, lead, settings, touch, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

// UTC calendar, Mon–Fri 09:00–18:00; 2026-03-02 is a Monday. Norms: hot 10, warm 30 business
// minutes, cold by the end of the next working day.
const now = utc("2026-03-10T12:00");
const period = { from: utc("2026-03-02T00:00"), to: utc("2026-03-11T00:00") };
const s = settings();

const ds = dataset({
  leads: [
    // hot, answered at exactly the deadline 10:10 → met
    lead({ id: 1, createdAt: utc("2026-03-02T10:00"), channel: "call" }),
    // hot, answered 10:11 → breached
    lead({ id: 2, createdAt: utc("2026-03-02T10:00"), channel: "chat", responsibleUserId: 2 }),
    // hot, Friday 23:00 → due Monday 09:10; answered 09:08 → met
    lead({ id: 3, createdAt: utc("2026-03-06T23:00"), channel: "widget" }),
    // warm ("Form": rules compare case-insensitively), due 10:30, answered 10:45 → breached
    lead({ id: 4, createdAt: utc("2026-03-02T10:00"), channel: "Form", responsibleUserId: 2 }),
    // cold, created Monday 10:00 → due Tuesday 18:00; answered Tuesday 17:59 → met
    lead({ id: 5, createdAt: utc("2026-03-02T10:00"), channel: null }),
    // cold, created Saturday → due Monday 18:00, unanswered, now is Tuesday → breached
    lead({ id: 6, createdAt: utc("2026-03-07T12:00"), channel: null, responsibleUserId: 2 }),
    // cold, created Monday 9th 10:00 → due Tuesday 10th 18:00 > now, unanswered → pending
    lead({ id: 7, createdAt: utc("2026-03-09T10:00"), channel: null }),
    // hot, created 11:55 today → due 12:05 > now, unanswered → pending
    lead({ id: 8, createdAt: utc("2026-03-10T11:55"), channel: "call", responsibleUserId: 2 }),
    // hot, only a robot touched it → unanswered, deadline passed → breached
    lead({ id: 9, createdAt: utc("2026-03-02T10:00"), channel: "call" }),
    // hot, closed unanswered at 10:05, deadline 10:10 passed by now → breached
    lead({
      id: 10,
      createdAt: utc("2026-03-02T10:00"),
      channel: "call",
      statusId: 143,
      closedAt: utc("2026-03-02T10:05"),
    }),
    // deleted: never counted
    lead({ id: 11, createdAt: utc("2026-03-02T10:00"), isDeleted: true }),
  ],
  touches: [
    touch(1, utc("2026-03-02T10:10")),
    touch(2, utc("2026-03-02T10:11"), { userId: 2 }),
    touch(3, utc("2026-03-09T09:08")),
    touch(4, utc("2026-03-02T10:45"), { userId: 2 }),
    touch(5, utc("2026-03-03T17:59"), { channel: "sms" }),
    touch(6, utc("2026-03-09T10:00"), { channel: "email", direction: "in", userId: 2 }),
    touch(9, utc("2026-03-02T10:01"), { userId: 0 }),
    touch(11, utc("2026-03-02T10:01")),
  ],
});

describe("sla_share", () => {
  it("met ÷ (met + breached), pending excluded and listed", () => {
    const r = dept("sla_share", { ds, s, now, ...period });
    // met: 1, 3, 5; breached: 2, 4, 6, 9, 10; pending: 7, 8 → 3 / 8
    expect(r.numerator).toBe(3);
    expect(r.denominator).toBe(8);
    expect(r.value).toBe(0.375);
    expect(r.leadIds).toEqual([1, 2, 3, 4, 5, 6, 9, 10]);
    expect(r.pendingLeadIds).toEqual([7, 8]);
  });

  it("splits by manager (responsible at creation) and adds up", () => {
    const m = rows("sla_share", { ds, s, now, ...period }, "manager");
    // manager 1: 1 met, 3 met, 5 met, 9 breached, 10 breached, 7 pending → 3 / 5
    expect(m.get(1)).toMatchObject({ numerator: 3, denominator: 5, pendingLeadIds: [7] });
    // manager 2: 2, 4, 6 breached, 8 pending → 0 / 3 = 0 (a real 0, not "no data")
    expect(m.get(2)).toMatchObject({ numerator: 0, denominator: 3, value: 0, pendingLeadIds: [8] });
  });

  it("only pending leads → no data", () => {
    const r = dept("sla_share", { ds, s, now, from: utc("2026-03-09T00:00"), to: utc("2026-03-11T00:00") });
    expect(r).toMatchObject({
      value: null,
      numerator: 0,
      denominator: 0,
      leadIds: [],
      pendingLeadIds: [7, 8],
    });
  });

  it("uses source rules and the default class", () => {
    const rs = settings((x) => {
      x.classRules = [{ field: "source", values: ["  Website "], class: "hot" }, ...x.classRules];
      x.defaultClass = "warm";
    });
    const d = dataset({
      leads: [
        // source "WEBSITE" matches the first rule → hot → due 10:10; answered 10:20 → breached
        lead({ id: 1, createdAt: utc("2026-03-02T10:00"), channel: "email", source: "WEBSITE" }),
        // no rule matches → default warm → due 10:30; answered 10:20 → met
        lead({ id: 2, createdAt: utc("2026-03-02T10:00"), channel: "pigeon" }),
      ],
      touches: [touch(1, utc("2026-03-02T10:20")), touch(2, utc("2026-03-02T10:20"))],
    });
    const r = dept("sla_share", { ds: d, s: rs, now, ...period });
    expect(r).toMatchObject({ numerator: 1, denominator: 2, leadIds: [1, 2] });
  });

  it("deadlines across the DST switch in Europe/Berlin", () => {
    const bs = berlinSettings();
    const d = dataset({
      leads: [
        // hot, Fri 2026-03-27 17:55 CET (16:55Z) → due Mon 09:05 CEST (07:05Z); answered then → met
        lead({ id: 1, createdAt: utc("2026-03-27T16:55") }),
        // hot, created on the switch Sunday → due Mon 09:10 CEST (07:10Z); answered 07:11Z → breached
        lead({ id: 2, createdAt: utc("2026-03-29T01:30") }),
        // cold, created Saturday → due Monday 18:00 CEST (16:00Z); answered 15:59Z → met
        lead({ id: 3, createdAt: utc("2026-03-28T12:00"), channel: null }),
      ],
      touches: [
        touch(1, utc("2026-03-30T07:05")),
        touch(2, utc("2026-03-30T07:11")),
        touch(3, utc("2026-03-30T15:59")),
      ],
    });
    const r = dept("sla_share", {
      ds: d,
      s: bs,
      now: utc("2026-04-01T00:00"),
      from: "2026-03-23",
      to: "2026-03-30",
    });
    expect(r).toMatchObject({ numerator: 2, denominator: 3, leadIds: [1, 2, 3] });
  });
});
