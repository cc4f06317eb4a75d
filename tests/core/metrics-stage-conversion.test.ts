import { describe, expect, it } from "vitest";
import { dataset, lead, move, P1, P2, settings, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

// Pipeline 100: unsorted 10 → 11 → 12 → 13 (by sort), 142 won, 143 lost. Pipeline 200: 21 → 22.
const now = utc("2026-03-20T12:00");
const period = { from: utc("2026-03-02T00:00"), to: utc("2026-03-09T00:00") };
const d = (day: number, hour = 10) =>
  utc(`2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00`);

const ds = dataset({
  leads: [
    lead({ id: 1, createdAt: d(2), statusId: 142, closedAt: d(5) }), // 11 → 12 → 13 → won
    lead({ id: 2, createdAt: d(2), statusId: 143, closedAt: d(4), responsibleUserId: 2 }), // 11 → 13 (skips 12) → lost
    lead({ id: 3, createdAt: d(2), statusId: 12 }), // 11 → 12 → 11 → 12: re-entries
    lead({ id: 4, createdAt: d(2), statusId: 13, responsibleUserId: 2 }), // 200:21 → 200:22 → 100:12 → 100:13
    lead({ id: 5, createdAt: d(2), statusId: 12, isDeleted: true }), // deleted
    lead({ id: 6, createdAt: d(3), statusId: 11 }), // never moved
    lead({ id: 7, createdAt: utc("2026-02-20T10:00"), statusId: 142, closedAt: d(10) }), // 11 → 12 before, → 13 in, → won after
    lead({ id: 8, createdAt: d(2), statusId: 11 }), // unsorted 10 → 11
    lead({ id: 9, createdAt: d(2), statusId: 12 }), // 11 → 12 only after now
  ],
  stageMoves: [
    move(1, d(3), [P1, 11], [P1, 12]),
    move(1, d(4), [P1, 12], [P1, 13]),
    move(1, d(5), [P1, 13], [P1, 142]),
    move(2, d(3), [P1, 11], [P1, 13]),
    move(2, d(4), [P1, 13], [P1, 143]),
    // lead 3's moves are given out of order: the engine sorts them by time
    move(3, d(5), [P1, 11], [P1, 12]),
    move(3, d(3), [P1, 11], [P1, 12]),
    move(3, d(4), [P1, 12], [P1, 11]),
    move(4, d(3), [P2, 21], [P2, 22]),
    move(4, d(4), [P2, 22], [P1, 12]),
    move(4, d(6), [P1, 12], [P1, 13]),
    move(5, d(3), [P1, 11], [P1, 12]),
    move(7, utc("2026-02-25T10:00"), [P1, 11], [P1, 12]),
    move(7, d(3), [P1, 12], [P1, 13]),
    move(7, d(10), [P1, 13], [P1, 142]),
    move(8, d(2, 12), [P1, 10], [P1, 11]),
    move(9, utc("2026-03-25T10:00"), [P1, 11], [P1, 12]),
  ],
});
const s = settings();

describe("stage_conversion", () => {
  it("per stage: entered in the period and later reached a later stage or won", () => {
    const r = dept("stage_conversion", { ds, s, now, ...period });
    expect(r.byStage).toEqual({
      // lead 8 → 11
      "100:10": { value: 1, numerator: 1, denominator: 1, leadIds: [8] },
      // 1 (→12), 2 (→13, skipping 12), 3 (→12) converted; 6, 8, 9 (its move is after now) did not
      "100:11": { value: 0.5, numerator: 3, denominator: 6, leadIds: [1, 2, 3, 6, 8, 9] },
      // 1 (→13), 4 (entered from pipeline 200, →13) converted; 3 went back to 11 and re-entered 12: once, not converted
      "100:12": { value: 2 / 3, numerator: 2, denominator: 3, leadIds: [1, 3, 4] },
      // 1 (→won), 7 (→won after the period, before now); 2 lost, 4 stayed
      "100:13": { value: 0.5, numerator: 2, denominator: 4, leadIds: [1, 2, 4, 7] },
    });
    // Σ stages: (1 + 3 + 2 + 2) / (1 + 6 + 3 + 4)
    expect(r).toMatchObject({ numerator: 8, denominator: 14, leadIds: [1, 2, 3, 4, 6, 7, 8, 9] });
    expect(Object.keys(r.byStage!)).toEqual(["100:10", "100:11", "100:12", "100:13"]);
  });

  it("drops the stages of a pipeline the deal has left", () => {
    const r = dept("stage_conversion", { ds, s, now, ...period });
    expect(Object.keys(r.byStage!).some((k) => k.startsWith("200:"))).toBe(false);
    const byPipeline = rows("stage_conversion", { ds, s, now, ...period }, "pipeline");
    expect([...byPipeline.keys()]).toEqual([null, P1]);
  });

  it("judges a re-entered stage from its first entry in the period", () => {
    // Lead 3 over [Mar 4, Mar 9): entered 11 on Mar 4 and then moved to 12 → converted;
    // entered 12 on Mar 5 and stayed → not converted.
    const r = dept("stage_conversion", {
      ds: dataset({ leads: [ds.leads[2]!], stageMoves: ds.stageMoves.filter((m) => m.leadId === 3) }),
      s,
      now,
      from: d(4, 0),
      to: d(9, 0),
    });
    expect(r.byStage).toEqual({
      "100:11": { value: 1, numerator: 1, denominator: 1, leadIds: [3] },
      "100:12": { value: 0, numerator: 0, denominator: 1, leadIds: [3] },
    });
  });

  it("is not additive over a split of the period (documented)", () => {
    const lead3 = {
      ds: dataset({ leads: [ds.leads[2]!], stageMoves: ds.stageMoves.filter((m) => m.leadId === 3) }),
      s,
      now,
    };
    // Lead 3 enters 12 on Mar 3 and on Mar 5: once in [Mar 2, Mar 9), once in each half.
    const whole = dept("stage_conversion", { ...lead3, from: d(2, 0), to: d(9, 0) }).byStage!["100:12"]!;
    const first = dept("stage_conversion", { ...lead3, from: d(2, 0), to: d(4, 0) }).byStage!["100:12"]!;
    const second = dept("stage_conversion", { ...lead3, from: d(4, 0), to: d(9, 0) }).byStage!["100:12"]!;
    expect(whole.denominator).toBe(1);
    expect(first.denominator + second.denominator).toBe(2);
  });

  it("per manager, adding up to the department", () => {
    const m = rows("stage_conversion", { ds, s, now, ...period }, "manager");
    // manager 2: lead 2 (11 conv, 13 not), lead 4 (12 conv, 13 not) → 2 / 4
    expect(m.get(2)).toMatchObject({ numerator: 2, denominator: 4 });
    expect(m.get(1)).toMatchObject({ numerator: 6, denominator: 10 });
  });

  it("an unbounded period counts each deal once per stage, as a bounded one covering all time does", () => {
    const unbounded = dept("stage_conversion", {
      ds,
      s,
      now,
      from: Number.NEGATIVE_INFINITY,
      to: Number.POSITIVE_INFINITY,
    });
    const allTime = dept("stage_conversion", {
      ds,
      s,
      now,
      from: utc("2000-01-01T00:00"),
      to: utc("2100-01-01T00:00"),
    });
    expect(unbounded.denominator).toBeGreaterThan(0);
    expect(unbounded).toEqual(allTime);
  });

  it("nothing entered → no data", () => {
    const r = dept("stage_conversion", {
      ds,
      s,
      now,
      from: utc("2026-01-01T00:00"),
      to: utc("2026-02-01T00:00"),
    });
    expect(r).toEqual({ value: null, numerator: 0, denominator: 0, leadIds: [], byStage: {} });
  });
});
