import { describe, expect, it } from "vitest";
import { berlinSettings, dataset, lead, settings, touch, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

// UTC calendar, Mon–Fri 09:00–18:00. 2026-03-02 is a Monday; the period is that week.
const now = utc("2026-03-10T12:00");
const period = { from: utc("2026-03-02T00:00"), to: utc("2026-03-09T00:00") };

const ds = dataset({
  leads: [
    lead({ id: 1, createdAt: utc("2026-03-02T10:00"), responsibleUserId: 1 }),
    // Created Friday 23:00: the clock starts Monday 09:00. Responsible now: 2, at creation: 1.
    lead({ id: 2, createdAt: utc("2026-03-06T23:00"), responsibleUserId: 2, responsibleAtCreationId: 1 }),
    // Never answered, still open: censored at now.
    lead({ id: 3, createdAt: utc("2026-03-02T17:00"), responsibleUserId: 2 }),
    // A robot touch and an incoming chat do not answer it; the outgoing e-mail at 10:30 does.
    lead({ id: 4, createdAt: utc("2026-03-02T10:00"), responsibleUserId: 2 }),
    // Closed (lost) unanswered after an hour: its clock stops at closing.
    lead({ id: 5, createdAt: utc("2026-03-03T10:00"), closedAt: utc("2026-03-03T11:00"), statusId: 143 }),
    // Deleted: never counted.
    lead({ id: 6, createdAt: utc("2026-03-02T10:00"), isDeleted: true }),
    // Created before the period.
    lead({ id: 7, createdAt: utc("2026-02-27T10:00") }),
    // A touch on the contact before the lead existed does not answer it.
    lead({ id: 8, createdAt: utc("2026-03-04T09:00"), responsibleUserId: 2 }),
  ],
  touches: [
    touch(1, utc("2026-03-02T10:05")),
    touch(2, utc("2026-03-09T09:05")),
    touch(4, utc("2026-03-02T10:01"), { userId: 0 }),
    touch(4, utc("2026-03-02T10:02"), { channel: "chat", direction: "in", userId: 2 }),
    touch(4, utc("2026-03-02T10:30"), { channel: "email", direction: "out", userId: 2 }),
    touch(6, utc("2026-03-02T10:01")),
    touch(8, utc("2026-03-04T08:00")),
    touch(8, utc("2026-03-04T09:20")),
  ],
});
const s = settings();

describe("first_response", () => {
  it("averages business minutes, censored leads included", () => {
    const r = dept("first_response", { ds, s, now, ...period });
    // Per lead: 1 → 5; 2 → Mon 09:00–09:05 = 5; 4 → 30; 8 → 20; 5 → 10:00–11:00 = 60 (closed);
    // 3 → Mon 17–18 (60) + Tue–Fri 4×540 (2160) + Mon 9th 540 + Tue 10th 09–12 (180) = 2940.
    // Σ = 5 + 5 + 2940 + 30 + 60 + 20 = 3060 over 6 leads → 510.
    expect(r.numerator).toBe(3060);
    expect(r.denominator).toBe(6);
    expect(r.value).toBe(510);
    // Sorted 5, 5, 20, 30, 60, 2940 → (20 + 30) / 2.
    expect(r.median).toBe(25);
    expect(r.leadIds).toEqual([1, 2, 3, 4, 5, 8]);
    expect(r.censoredLeadIds).toEqual([3, 5]);
  });

  it("is attributed to the manager responsible at creation", () => {
    const byManager = rows("first_response", { ds, s, now, ...period }, "manager");
    // Manager 1: leads 1 (5), 2 (5, responsible at creation), 5 (60) → 70 / 3.
    expect(byManager.get(1)).toMatchObject({ numerator: 70, denominator: 3, leadIds: [1, 2, 5], median: 5 });
    // Manager 2: leads 3 (2940), 4 (30), 8 (20) → 2990 / 3.
    expect(byManager.get(2)).toMatchObject({
      numerator: 2990,
      denominator: 3,
      leadIds: [3, 4, 8],
      median: 30,
    });
    expect([...byManager.keys()]).toEqual([null, 1, 2]);
  });

  it("a censored value grows with now", () => {
    // Same lead 3 seen at Monday 2026-03-02 17:45: 45 business minutes so far.
    const r = dept("first_response", {
      ds: dataset({ leads: [ds.leads[2]!] }),
      s,
      now: utc("2026-03-02T17:45"),
      ...period,
    });
    expect(r).toMatchObject({ numerator: 45, denominator: 1, value: 45, median: 45, censoredLeadIds: [3] });
  });

  it("an empty period has no data, not 0", () => {
    const r = dept("first_response", {
      ds,
      s,
      now,
      from: utc("2026-01-01T00:00"),
      to: utc("2026-02-01T00:00"),
    });
    expect(r).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      leadIds: [],
      median: null,
      censoredLeadIds: [],
    });
  });

  it("skips holidays", () => {
    const hs = settings((x) => {
      x.calendar.holidays = ["2026-03-03"];
    });
    const hds = dataset({
      leads: [
        // Mon 17:30 → Wed 09:30 across the Tuesday holiday: 30 + 0 + 30 = 60.
        lead({ id: 1, createdAt: utc("2026-03-02T17:30") }),
        // Created on the holiday at 12:00, answered there at 15:00: 0.
        lead({ id: 2, createdAt: utc("2026-03-03T12:00") }),
        // Created on the holiday, answered Wednesday 09:10: 10.
        lead({ id: 3, createdAt: utc("2026-03-03T12:00") }),
      ],
      touches: [
        touch(1, utc("2026-03-04T09:30")),
        touch(2, utc("2026-03-03T15:00")),
        touch(3, utc("2026-03-04T09:10")),
      ],
    });
    const r = dept("first_response", { ds: hds, s: hs, now, ...period });
    // (60 + 0 + 10) / 3
    expect(r.numerator).toBe(70);
    expect(r.value).toBeCloseTo(70 / 3, 12);
    expect(r.median).toBe(10);
  });

  it("counts the DST switch in Europe/Berlin in working hours, not in clock arithmetic", () => {
    const bs = berlinSettings();
    const bds = dataset({
      leads: [
        // Fri 2026-03-27 17:30 CET (16:30Z) → Mon 2026-03-30 09:30 CEST (07:30Z): 30 + 30 = 60,
        // although 63 wall-clock hours minus the lost hour passed.
        lead({ id: 1, createdAt: utc("2026-03-27T16:30") }),
        // Created on the switch Sunday at 10:00 CEST (08:00Z), answered Monday 09:05 CEST: 5.
        lead({ id: 2, createdAt: utc("2026-03-29T08:00") }),
      ],
      touches: [touch(1, utc("2026-03-30T07:30")), touch(2, utc("2026-03-30T07:05"))],
    });
    const r = dept("first_response", {
      ds: bds,
      s: bs,
      now: utc("2026-04-01T10:00"),
      from: "2026-03-23",
      to: "2026-03-30",
    });
    expect(r.numerator).toBe(65);
    expect(r.denominator).toBe(2);

    // With Sunday a working day, the switch day has 9 working hours of 60 real minutes each:
    // created 01:30 CET (00:30Z), answered 10:00 CEST (08:00Z) → 09:00–10:00 CEST = 60.
    const sevenDays = berlinSettings((x) => {
      x.calendar.workingDays = [1, 2, 3, 4, 5, 6, 7];
    });
    const sunday = dataset({
      leads: [lead({ id: 1, createdAt: utc("2026-03-29T00:30") })],
      touches: [touch(1, utc("2026-03-29T08:00"))],
    });
    const r2 = dept("first_response", {
      ds: sunday,
      s: sevenDays,
      now: utc("2026-03-30T00:00"),
      from: "2026-03-29",
      to: "2026-03-30",
    });
    expect(r2.numerator).toBe(60);
  });

  it("ignores touches after now", () => {
    const r = dept("first_response", {
      ds: dataset({
        leads: [lead({ id: 1, createdAt: utc("2026-03-02T10:00") })],
        touches: [touch(1, utc("2026-03-02T11:00"))],
      }),
      s,
      now: utc("2026-03-02T10:20"),
      ...period,
    });
    // Not answered by 10:20: censored with 20 minutes.
    expect(r).toMatchObject({ numerator: 20, censoredLeadIds: [1] });
  });
});
