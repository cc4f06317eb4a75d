import { describe, expect, it } from "vitest";
import { dataset, lead, move, P1, P2, settings, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

const now = utc("2026-03-20T12:00");
const period = { from: utc("2026-03-02T00:00"), to: utc("2026-03-16T00:00") };
const created = utc("2026-03-01T10:00");

const ds = dataset({
  leads: [
    lead({ id: 1, createdAt: created, statusId: 142, closedAt: utc("2026-03-03T10:00") }),
    lead({
      id: 2,
      createdAt: created,
      statusId: 142,
      closedAt: utc("2026-03-10T10:00"),
      responsibleUserId: 2,
    }),
    lead({ id: 3, createdAt: created, statusId: 143, closedAt: utc("2026-03-04T10:00") }),
    lead({
      id: 4,
      createdAt: created,
      statusId: 143,
      closedAt: utc("2026-03-15T23:59"),
      responsibleUserId: 2,
    }),
    // closed at the period's end: [from, to) excludes it
    lead({ id: 5, createdAt: created, statusId: 143, closedAt: utc("2026-03-16T00:00") }),
    // reopened: open status decides, excluded
    lead({ id: 6, createdAt: created, statusId: 12, closedAt: null }),
    lead({ id: 7, createdAt: created, statusId: 142, closedAt: utc("2026-03-05T10:00"), isDeleted: true }),
    // moved from pipeline 200 and won in 100: counts
    lead({
      id: 8,
      createdAt: created,
      statusId: 142,
      closedAt: utc("2026-03-05T10:00"),
      responsibleUserId: 2,
    }),
    // won in pipeline 200, which is not analysed
    lead({ id: 9, createdAt: created, pipelineId: P2, statusId: 142, closedAt: utc("2026-03-05T10:00") }),
  ],
  stageMoves: [
    move(8, utc("2026-03-02T10:00"), [P2, 22], [P1, 13]),
    move(8, utc("2026-03-05T10:00"), [P1, 13], [P1, 142]),
  ],
});
const s = settings((x) => {
  x.pipelineIds = [P1];
});

describe("win_rate", () => {
  it("won ÷ (won + lost) closed in the period", () => {
    const r = dept("win_rate", { ds, s, now, ...period });
    // won 1, 2, 8; lost 3, 4 → 3 / 5
    expect(r).toMatchObject({ numerator: 3, denominator: 5, value: 0.6, leadIds: [1, 2, 3, 4, 8] });
  });

  it("per manager at closing", () => {
    const m = rows("win_rate", { ds, s, now, ...period }, "manager");
    expect(m.get(1)).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    // 2 won, 4 lost, 8 won → 2 / 3
    expect(m.get(2)).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it("only losses → 0; nothing closed → no data", () => {
    const losses = dept("win_rate", {
      ds,
      s,
      now,
      from: utc("2026-03-04T00:00"),
      to: utc("2026-03-05T00:00"),
    });
    expect(losses).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    const none = dept("win_rate", { ds, s, now, from: utc("2026-02-01T00:00"), to: utc("2026-03-01T00:00") });
    expect(none).toMatchObject({ value: null, numerator: 0, denominator: 0 });
  });

  it("a close after now is not seen yet", () => {
    const r = dept("win_rate", { ds, s, now: utc("2026-03-05T00:00"), ...period });
    // seen by Mar 5 00:00: 1 won (Mar 3), 3 lost (Mar 4) → 1 / 2
    expect(r).toMatchObject({ numerator: 1, denominator: 2, leadIds: [1, 3] });
  });
});
