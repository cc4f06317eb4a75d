import { describe, expect, it } from "vitest";
import type { Lead } from "../../src/core/model";
import { dataset, lead, move, P1, P2, settings, touch, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

const now = utc("2026-03-20T12:00");
const period = { from: utc("2026-03-02T00:00"), to: utc("2026-03-16T00:00") };
const created = utc("2026-03-02T10:00");
const won = (id: number, closed: string, p: Partial<Lead> = {}) =>
  lead({ id, createdAt: created, statusId: 142, closedAt: utc(closed), ...p });

const ds = dataset({
  leads: [
    won(1, "2026-03-05T10:00"),
    won(2, "2026-03-10T10:00", { responsibleUserId: 2 }),
    won(3, "2026-03-18T10:00"), // won after the period
    lead({ id: 4, createdAt: created, statusId: 143, closedAt: utc("2026-03-05T10:00") }), // lost
    won(5, "2026-03-05T10:00", { isDeleted: true }),
    // moved from pipeline 200 into 100 and won there: counts in 100
    won(6, "2026-03-06T10:00", { responsibleUserId: 2 }),
    // won only after now: not seen as won
    won(7, "2026-03-25T10:00"),
  ],
  stageMoves: [
    move(6, utc("2026-03-03T10:00"), [P2, 21], [P1, 12]),
    move(6, utc("2026-03-06T10:00"), [P1, 12], [P1, 142]),
  ],
  touches: [
    // lead 1, between creation and the win: counted
    touch(1, utc("2026-03-02T11:00")),
    touch(1, utc("2026-03-03T11:00"), { completed: true }),
    touch(1, utc("2026-03-04T11:00"), { channel: "email" }),
    touch(1, utc("2026-03-04T12:00"), { channel: "call", direction: "in", completed: true }), // answered incoming call
    touch(1, utc("2026-03-04T13:00"), { channel: "meeting", direction: "out", completed: true }), // meeting held
    touch(1, utc("2026-03-05T10:00"), { channel: "sms" }), // at the win itself: counted
    // lead 1, not counted
    touch(1, utc("2026-03-06T11:00")), // after the win
    touch(1, utc("2026-03-01T11:00")), // before the lead existed
    touch(1, utc("2026-03-03T12:00"), { userId: 0 }), // robot
    touch(1, utc("2026-03-03T13:00"), { channel: "email", direction: "in" }), // incoming e-mail
    touch(1, utc("2026-03-03T14:00"), { channel: "call", direction: "in", completed: false }), // missed call
    touch(1, utc("2026-03-03T15:00"), { channel: "meeting", completed: false }), // meeting not held
    touch(1, utc("2026-03-03T16:00"), { channel: "chat", direction: "in" }), // incoming chat
    // lead 6: two
    touch(6, utc("2026-03-03T11:00"), { userId: 2 }),
    touch(6, utc("2026-03-04T11:00"), { userId: 2, channel: "chat" }),
    touch(5, utc("2026-03-03T11:00")),
    touch(7, utc("2026-03-03T11:00")),
  ],
});
const s = settings((x) => {
  x.pipelineIds = [P1];
});

describe("touches_per_won", () => {
  it("mean counted touches from creation to the win", () => {
    const r = dept("touches_per_won", { ds, s, now, ...period });
    // lead 1: 6 counted; lead 2: 0; lead 6: 2 → (6 + 0 + 2) / 3
    expect(r.numerator).toBe(8);
    expect(r.denominator).toBe(3);
    expect(r.value).toBeCloseTo(8 / 3, 12);
    expect(r.leadIds).toEqual([1, 2, 6]);
  });

  it("per manager at closing", () => {
    const m = rows("touches_per_won", { ds, s, now, ...period }, "manager");
    expect(m.get(1)).toMatchObject({ numerator: 6, denominator: 1, value: 6 });
    // lead 2: 0, lead 6: 2 → 1
    expect(m.get(2)).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
  });

  it("a win after now is not seen; no wins → no data", () => {
    const r = dept("touches_per_won", {
      ds,
      s,
      now,
      from: utc("2026-03-21T00:00"),
      to: utc("2026-04-01T00:00"),
    });
    expect(r).toMatchObject({ value: null, numerator: 0, denominator: 0, leadIds: [] });
  });
});
