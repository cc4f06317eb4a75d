import { describe, expect, it } from "vitest";
import { berlinSettings, DAY, dataset, lead, move, P1, settings, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

const now = utc("2026-03-20T12:00");
const created = utc("2026-03-01T12:00");

const ds = dataset({
  leads: [
    lead({ id: 1, createdAt: created, statusId: 11 }), // in 11 for exactly 2 days → not stale (needs more)
    lead({ id: 2, createdAt: created, statusId: 11, responsibleUserId: 2 }), // in 11 for 2 days + 1 minute → stale
    lead({ id: 3, createdAt: created, statusId: 12 }), // in 12 for 10 days > 7 → stale
    lead({ id: 4, createdAt: created, statusId: 12, responsibleUserId: 2 }), // 5.5 days → fine
    lead({ id: 5, createdAt: created, statusId: 13 }), // never moved: 19 days since creation → stale
    lead({ id: 6, createdAt: created, statusId: 142, closedAt: utc("2026-03-02T12:00") }), // won
    // at now it is in 12 (moved there Mar 19), its move to 13 comes after now
    lead({ id: 7, createdAt: created, statusId: 13, responsibleUserId: 2 }),
    lead({ id: 8, createdAt: created, statusId: 13, isDeleted: true }),
  ],
  stageMoves: [
    move(1, utc("2026-03-18T12:00"), [P1, 10], [P1, 11]),
    move(2, utc("2026-03-18T11:59"), [P1, 10], [P1, 11]),
    move(3, utc("2026-03-10T12:00"), [P1, 11], [P1, 12]),
    move(4, utc("2026-03-15T00:00"), [P1, 11], [P1, 12]),
    move(7, utc("2026-03-19T12:00"), [P1, 11], [P1, 12]),
    move(7, utc("2026-03-21T12:00"), [P1, 12], [P1, 13]),
  ],
});
const s = settings((x) => {
  x.controlPeriodDays = { "100:11": 2 };
});

describe("stale_share", () => {
  it("per stage: open deals past the control period ÷ open deals in the stage", () => {
    const r = dept("stale_share", { ds, s, now, from: 0, to: 1 });
    expect(r.byStage).toEqual({
      "100:11": { value: 0.5, numerator: 1, denominator: 2, leadIds: [1, 2] },
      "100:12": { value: 1 / 3, numerator: 1, denominator: 3, leadIds: [3, 4, 7] },
      "100:13": { value: 1, numerator: 1, denominator: 1, leadIds: [5] },
    });
    // overall (1 + 1 + 1) / (2 + 3 + 1)
    expect(r).toMatchObject({ numerator: 3, denominator: 6, value: 0.5, leadIds: [1, 2, 3, 4, 5, 7] });
  });

  it("per current responsible", () => {
    const m = rows("stale_share", { ds, s, now, from: 0, to: 1 }, "manager");
    expect(m.get(1)).toMatchObject({ numerator: 2, denominator: 3 });
    expect(m.get(2)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it("a later now makes lead 4 stale too (7 days in 12 after Mar 22 00:00)", () => {
    const r = dept("stale_share", { ds, s, now: utc("2026-03-22T00:01"), from: 0, to: 1 });
    // 12: lead 3 (12 days), lead 4 (7 days 1 minute) stale; lead 7 is now in 13 for 0.5 day
    expect(r.byStage!["100:12"]).toMatchObject({ numerator: 2, denominator: 2 });
    expect(r.byStage!["100:13"]).toMatchObject({ numerator: 1, denominator: 2, leadIds: [5, 7] });
    expect((utc("2026-03-22T00:01") - utc("2026-03-15T00:00")) / DAY).toBeGreaterThan(7);
  });

  it("no open deals → no data", () => {
    const r = dept("stale_share", { ds: dataset({ leads: [ds.leads[5]!] }), s, now, from: 0, to: 1 });
    expect(r).toEqual({ value: null, numerator: 0, denominator: 0, leadIds: [], byStage: {} });
  });
});

describe("stale_share across the DST switch (Europe/Berlin)", () => {
  it("time in stage is real elapsed time: the switch week is 7 days minus an hour", () => {
    const bs = berlinSettings((x) => {
      x.controlPeriodDays = { "100:12": 7 };
    });
    const d = dataset({
      leads: [lead({ id: 1, createdAt: utc("2026-03-20T10:00"), statusId: 12 })],
      // Saturday 2026-03-28 12:00 CET = 11:00Z
      stageMoves: [move(1, utc("2026-03-28T11:00"), [P1, 11], [P1, 12])],
    });
    // Saturday 2026-04-04 12:00 CEST = 10:00Z: the wall clock says 7 days, real time is 167 h.
    const atWallWeek = dept("stale_share", { ds: d, s: bs, now: utc("2026-04-04T10:00"), from: 0, to: 1 });
    expect(atWallWeek).toMatchObject({ numerator: 0, denominator: 1 });
    // One hour and a minute later (168 h + 1 min of real time) it is stale.
    const later = dept("stale_share", { ds: d, s: bs, now: utc("2026-04-04T11:01"), from: 0, to: 1 });
    expect(later).toMatchObject({ numerator: 1, denominator: 1 });
  });
});
