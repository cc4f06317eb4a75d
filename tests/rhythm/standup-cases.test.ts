/** The stand-up's score, reason by reason, on small hand-made deals (UTC, Mon–Fri 09:00–18:00). */
import { describe, expect, it } from "vitest";
import { enrichDataset } from "../../src/core/enrich";
import type { Dataset } from "../../src/core/model";
import { pickStandup, scoreOpenDeals } from "../../src/core/rhythm";
import {
  calendarOf,
  DAY,
  dataset,
  lead,
  MIN,
  move,
  P1,
  settings,
  task,
  touch,
  utc,
} from "../core/fixtures/dataset";

// Wednesday 2026-03-04 12:00 UTC.
const NOW = utc("2026-03-04T12:00");
const S = settings();

function score(ds: Dataset, now = NOW) {
  const data = enrichDataset(ds, S, calendarOf(S), now);
  return scoreOpenDeals(data, S, now, { accountBaseUrl: "https://acme.amocrm.ru" });
}

/** An open task due tomorrow: the deal has a next step and nothing overdue. */
const nextStep = (id: number, leadId: number) => task({ id, leadId, dueAt: NOW + DAY, createdAt: NOW - DAY });

describe("stand-up reasons, one at a time", () => {
  it("a fresh hot lead with no answer past its 10-minute SLA: 50 points", () => {
    const ds = dataset({
      leads: [lead({ id: 1, createdAt: utc("2026-03-04T10:00"), channel: "call" })],
      tasks: [nextStep(10, 1)],
    });
    const [c] = score(ds);
    expect(c!.reasons).toEqual([
      { code: "sla_unanswered", points: 50, slaDeadline: utc("2026-03-04T10:10") },
    ]);
    expect(c!.score).toBe(50);
    expect(c!.url).toBe("https://acme.amocrm.ru/leads/detail/1");
  });

  it("a fresh lead answered after its SLA: 15 points; answered in time: nothing", () => {
    const ds = dataset({
      leads: [
        lead({ id: 1, createdAt: utc("2026-03-04T10:00") }),
        lead({ id: 2, createdAt: utc("2026-03-04T10:00") }),
      ],
      touches: [touch(1, utc("2026-03-04T10:30")), touch(2, utc("2026-03-04T10:05"))],
      tasks: [nextStep(10, 1), nextStep(11, 2)],
    });
    const cards = score(ds);
    expect(cards.map((c) => [c.leadId, c.reasons.map((r) => r.code), c.score])).toEqual([
      [1, ["sla_late"], 15],
    ]);
  });

  it("freshness: at most 2 working days of business time (1,080 minutes) since creation", () => {
    // Monday 2026-03-02 12:00 → Wednesday 12:00 = 1,080 business minutes: still fresh.
    // Monday 11:59 → 1,081 minutes: not fresh.
    const ds = dataset({
      leads: [
        lead({ id: 1, createdAt: utc("2026-03-02T12:00") }),
        lead({ id: 2, createdAt: utc("2026-03-02T11:59") }),
      ],
      tasks: [nextStep(10, 1), nextStep(11, 2)],
    });
    expect(score(ds).map((c) => c.leadId)).toEqual([1]);
  });

  it("no open task: 30 points; an open overdue task is 25 instead (it still is a next step)", () => {
    const ds = dataset({
      leads: [
        lead({ id: 1, createdAt: utc("2026-03-03T10:00") }),
        lead({ id: 2, createdAt: utc("2026-03-03T10:00") }),
      ],
      touches: [touch(1, utc("2026-03-03T10:01")), touch(2, utc("2026-03-03T10:01"))],
      tasks: [
        task({ id: 20, leadId: 2, dueAt: NOW - 2 * DAY, createdAt: NOW - 3 * DAY }),
        task({ id: 21, leadId: 2, dueAt: NOW - DAY, createdAt: NOW - 3 * DAY }),
        // Completed late: not an open task, so no reason.
        task({
          id: 22,
          leadId: 2,
          dueAt: NOW - DAY,
          createdAt: NOW - 3 * DAY,
          isCompleted: true,
          completedAt: NOW - 1,
        }),
      ],
    });
    const cards = score(ds);
    expect(cards.map((c) => [c.leadId, c.reasons])).toEqual([
      [1, [{ code: "no_next_step", points: 30 }]],
      [2, [{ code: "overdue_task", points: 25, overdueTasks: 2, oldestDueAt: NOW - 2 * DAY }]],
    ]);
  });

  it("stale: 20 × days in stage ÷ control period, at most 40", () => {
    const created = NOW - 40 * DAY;
    const ds = dataset({
      leads: [
        lead({ id: 1, createdAt: created, statusId: 12 }),
        lead({ id: 2, createdAt: created, statusId: 12 }),
        lead({ id: 3, createdAt: created, statusId: 12 }),
      ],
      touches: [1, 2, 3].map((id) => touch(id, created + MIN)),
      stageMoves: [
        move(1, NOW - 10.5 * DAY, [P1, 11], [P1, 12]),
        move(2, NOW - 30 * DAY, [P1, 11], [P1, 12]),
        move(3, NOW - 6 * DAY, [P1, 11], [P1, 12]),
      ],
      tasks: [nextStep(10, 1), nextStep(11, 2), nextStep(12, 3)],
    });
    const cards = score(ds);
    expect(cards.map((c) => c.leadId)).toEqual([2, 1]);
    expect(cards[0]!.reasons[0]).toMatchObject({ code: "stale", points: 40, controlPeriodDays: 7 });
    expect(cards[1]!.reasons[0]!.points).toBeCloseTo((20 * 10.5) / 7, 9);
  });

  it("budget weight 1 + log10(1 + price ÷ median open price); equal scores go by lower id", () => {
    // Open prices 100, 200, 300 (+ one without a budget) → median 200.
    const at = utc("2026-03-03T10:00");
    const ds = dataset({
      leads: [
        lead({ id: 4, createdAt: at, price: 300 }),
        lead({ id: 3, createdAt: at, price: 100 }),
        lead({ id: 2, createdAt: at, price: 200 }),
        lead({ id: 1, createdAt: at, price: 0 }),
        lead({ id: 5, createdAt: at, price: 0 }),
      ],
      touches: [1, 2, 3, 4, 5].map((id) => touch(id, at + MIN)),
    });
    const cards = score(ds);
    expect(cards.map((c) => c.leadId)).toEqual([4, 2, 3, 1, 5]);
    expect(cards[0]!.weight).toBeCloseTo(1 + Math.log10(1 + 300 / 200), 12);
    expect(cards[1]!.weight).toBeCloseTo(1 + Math.log10(2), 12);
    expect(cards[3]!.weight).toBe(1);
    expect(cards[0]!.score).toBeCloseTo(30 * (1 + Math.log10(2.5)), 9);
  });

  it("closed deals are never on the list; reasons add up", () => {
    const at = utc("2026-03-04T10:00");
    const ds = dataset({
      leads: [
        lead({ id: 1, createdAt: at, statusId: 143, closedAt: at + 5 * MIN }),
        lead({ id: 2, createdAt: at, statusId: 12 }),
      ],
      stageMoves: [move(2, NOW - 14 * DAY, [P1, 11], [P1, 12])],
    });
    // Lead 2 (an odd but possible record: its stage move is dated before its creation — time in
    // stage runs from the move, docs/metrics.md): stale 14 ÷ 7 → 40, no answer past SLA 50, no task 30.
    const cards = score(ds);
    expect(cards.map((c) => [c.leadId, c.reasons.map((r) => r.code), c.points])).toEqual([
      [2, ["sla_unanswered", "no_next_step", "stale"], 120],
    ]);
  });

  it("keeps the n most severe and rejects bad input clearly", () => {
    const at = utc("2026-03-03T10:00");
    const ds = dataset({
      leads: [1, 2, 3, 4, 5, 6, 7].map((id) => lead({ id, createdAt: at })),
      touches: [1, 2, 3, 4, 5, 6, 7].map((id) => touch(id, at + MIN)),
    });
    const data = enrichDataset(ds, S, calendarOf(S), NOW);
    expect(pickStandup(data, S, NOW).map((c) => c.leadId)).toEqual([1, 2, 3, 4, 5]);
    expect(pickStandup(data, S, NOW, 3).map((c) => c.leadId)).toEqual([1, 2, 3]);
    expect(() => pickStandup(data, S, NOW, 0)).toThrow(/n must be a positive whole number/);
    expect(() => pickStandup(data, S, NOW + 1)).toThrow(/enriched at 2026-03-04T12:00:00.000Z but now is/);
  });
});
