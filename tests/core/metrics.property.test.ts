/**
 * Properties of the engine on random small datasets:
 * - shares lie in [0, 1]; a ratio is null exactly when its denominator is 0; nothing is NaN;
 * - for every metric and every grouping, the department row equals the ungrouped computation, the
 *   groups' numerators and denominators (overall and per stage) add up to it, and every lead /
 *   task lands in exactly one group;
 * - splitting [from, to) at any mid point: the parts add up to the whole for the metrics with one
 *   deciding instant per item (PERIOD_ADDITIVE_METRICS). Exceptions, by design: the snapshot
 *   metrics (next_step_coverage, stale_share) ignore the period, so each part equals the whole;
 *   stage_conversion counts a deal once per stage per period, so per stage
 *   max(parts) <= whole <= sum(parts) for the denominator.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeMetricsFromEnriched,
  type EnrichedData,
  enrichDataset,
  type GroupBy,
  METRICS,
  type MetricId,
  type MetricResult,
  PERIOD_ADDITIVE_METRICS,
} from "../../src/core";
import type { Dataset, Lead, StageMove, Task, Touch, TouchChannel } from "../../src/core/model";
import { calendarOf, DAY, dataset, MIN, P1, P2, settings, utc } from "./fixtures/dataset";

const T0 = utc("2026-03-01T00:00");
const NOW = utc("2026-03-20T12:00");
/** Instants over 25 days from T0, some after now. */
const instant = fc.integer({ min: 0, max: 25 * 24 * 60 }).map((m) => T0 + m * MIN);
const STATUSES: [number, number][] = [
  [P1, 10],
  [P1, 11],
  [P1, 12],
  [P1, 13],
  [P1, 142],
  [P1, 143],
  [P2, 21],
  [P2, 22],
  [P2, 142],
  [P2, 143],
  [P1, 99], // not in the stage directory
];

const leadArb = fc.record({
  created: instant,
  manager: fc.integer({ min: 1, max: 3 }),
  atCreation: fc.option(fc.integer({ min: 1, max: 3 })),
  source: fc.constantFrom("a", "b", null),
  segment: fc.constantFrom("x", null),
  channel: fc.constantFrom("call", "form", null),
  deleted: fc.integer({ min: 0, max: 9 }).map((k) => k < 2),
  closeAfterMin: fc.option(fc.integer({ min: 0, max: 10 * 24 * 60 })),
  price: fc.integer({ min: 0, max: 1000 }),
  path: fc.array(
    fc.record({ to: fc.constantFrom(...STATUSES), gapMin: fc.integer({ min: 0, max: 4 * 24 * 60 }) }),
    {
      maxLength: 5,
    },
  ),
  first: fc.constantFrom(...STATUSES.slice(0, 4), [P2, 21] as [number, number]),
  touches: fc.array(
    fc.record({
      at: instant,
      userId: fc.integer({ min: 0, max: 2 }),
      channel: fc.constantFrom<TouchChannel>("call", "email", "chat", "sms", "meeting"),
      direction: fc.constantFrom<"in" | "out">("in", "out"),
      completed: fc.constantFrom(true, false, null),
    }),
    { maxLength: 5 },
  ),
});

const taskArb = fc.record({
  lead: fc.integer({ min: -2, max: 11 }), // < 0 → no lead; beyond the leads → unknown lead
  manager: fc.integer({ min: 1, max: 3 }),
  created: instant,
  dueAfterMin: fc.integer({ min: 0, max: 10 * 24 * 60 }),
  done: fc.option(instant),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

function buildDataset(rawLeads: ValueOf<typeof leadArb>[], rawTasks: ValueOf<typeof taskArb>[]): Dataset {
  const leads: Lead[] = [];
  const stageMoves: StageMove[] = [];
  const touches: Touch[] = [];
  rawLeads.forEach((r, idx) => {
    const id = idx + 1;
    let at = r.created;
    let [pipelineId, statusId] = r.first;
    r.path.forEach((step, k) => {
      at += step.gapMin * MIN;
      stageMoves.push({
        id: `m${id}-${k}`,
        leadId: id,
        at,
        fromPipelineId: pipelineId,
        fromStatusId: statusId,
        toPipelineId: step.to[0],
        toStatusId: step.to[1],
        byUserId: 1,
      });
      [pipelineId, statusId] = step.to;
    });
    const closed = statusId === 142 || statusId === 143;
    leads.push({
      id,
      name: `L${id}`,
      price: r.price,
      pipelineId,
      statusId,
      responsibleUserId: r.manager,
      responsibleAtCreationId: r.atCreation,
      createdAt: r.created,
      updatedAt: at,
      closedAt: closed ? Math.max(at, r.created + (r.closeAfterMin ?? 0) * MIN) : null,
      isDeleted: r.deleted,
      source: r.source,
      segment: r.segment,
      channel: r.channel,
      lossReasonId: null,
      contactIds: [],
    });
    r.touches.forEach((t, k) => {
      touches.push({ id: `t${id}-${k}`, leadId: id, ...t });
    });
  });
  const tasks: Task[] = rawTasks.map((t, k) => ({
    id: k + 1,
    leadId: t.lead < 0 ? null : t.lead + 1,
    responsibleUserId: t.manager,
    typeId: 1,
    text: "",
    createdAt: t.created,
    dueAt: t.created + t.dueAfterMin * MIN,
    isCompleted: t.done !== null,
    completedAt: t.done,
  }));
  return dataset({ leads, stageMoves, touches, tasks });
}

const datasetArb = fc
  .tuple(fc.array(leadArb, { maxLength: 12 }), fc.array(taskArb, { maxLength: 10 }))
  .map(([l, t]) => buildDataset(l, t));

const SETTINGS = {
  utc: settings((s) => {
    s.controlPeriodDays = { "100:11": 2 };
  }),
  berlin: settings((s) => {
    s.calendar = { ...s.calendar, timezone: "Europe/Berlin" };
    s.pipelineIds = [P1];
  }),
};
const CALENDARS = { utc: calendarOf(SETTINGS.utc), berlin: calendarOf(SETTINGS.berlin) };
const zoneArb = fc.constantFrom<"utc" | "berlin">("utc", "berlin");
const periodArb = fc
  .tuple(instant, instant)
  .map(([a, b]) => (a <= b ? { from: a, to: b + DAY } : { from: b, to: a + DAY }));

function enrich(ds: Dataset, zone: "utc" | "berlin"): EnrichedData {
  return enrichDataset(ds, SETTINGS[zone], CALENDARS[zone], NOW);
}

const SHARES = METRICS.filter((m) => m.unit === "share").map((m) => m.id);
const GROUPINGS: GroupBy[] = ["manager", "source", "segment", "pipeline", "leadClass"];
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

function expectWellFormed(id: MetricId, r: MetricResult): void {
  expect(Number.isNaN(r.numerator) || Number.isNaN(r.denominator)).toBe(false);
  if (id === "revenue") expect(r.value).toBe(r.numerator);
  else expect(r.value === null).toBe(r.denominator === 0);
  if (SHARES.includes(id)) {
    for (const v of [r.value, ...Object.values(r.byStage ?? {}).map((s) => s.value)]) {
      if (v !== null) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  }
  if (r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
}

describe("metric properties", () => {
  it("values are well formed; groups add up to the department", () => {
    fc.assert(
      fc.property(
        datasetArb,
        zoneArb,
        periodArb,
        fc.constantFrom(...GROUPINGS),
        (ds, zone, period, groupBy) => {
          const data = enrich(ds, zone);
          const table = computeMetricsFromEnriched(data, { ...period, groupBy });
          const alone = computeMetricsFromEnriched(data, period).rows[0]!;
          const [department, ...groups] = table.rows;
          for (const m of METRICS) {
            const whole = department!.metrics[m.id]!;
            // The department does not depend on the grouping (its lists may come in another order).
            const ungrouped = alone.metrics[m.id]!;
            expect(whole.numerator).toBeCloseTo(ungrouped.numerator, 6);
            expect(whole.denominator).toBe(ungrouped.denominator);
            expect(sorted(whole.leadIds)).toEqual(sorted(ungrouped.leadIds));
            expect(sorted(whole.pendingLeadIds ?? [])).toEqual(sorted(ungrouped.pendingLeadIds ?? []));
            expect(sorted(whole.censoredLeadIds ?? [])).toEqual(sorted(ungrouped.censoredLeadIds ?? []));
            if (whole.median === null || whole.median === undefined)
              expect(ungrouped.median).toBe(whole.median);
            else expect(whole.median).toBeCloseTo(ungrouped.median!, 6);
            expect(Object.keys(whole.byStage ?? {})).toEqual(Object.keys(ungrouped.byStage ?? {}));
            for (const [key, stage] of Object.entries(whole.byStage ?? {})) {
              const u = ungrouped.byStage![key]!;
              expect([stage.numerator, stage.denominator]).toEqual([u.numerator, u.denominator]);
              expect(sorted(stage.leadIds)).toEqual(sorted(u.leadIds));
            }
            expectWellFormed(m.id, whole);
            const parts = groups.map((g) => g.metrics[m.id]!);
            for (const p of parts) expectWellFormed(m.id, p);
            const sum = (f: (r: MetricResult) => number) => parts.reduce((acc, p) => acc + f(p), 0);
            expect(sum((p) => p.numerator)).toBeCloseTo(whole.numerator, 6);
            expect(sum((p) => p.denominator)).toBe(whole.denominator);
            if (whole.taskIds) {
              // Each task is in exactly one group; a lead's tasks may belong to several managers.
              expect(sorted(parts.flatMap((p) => p.taskIds!))).toEqual(sorted(whole.taskIds));
              expect(sorted([...new Set(parts.flatMap((p) => p.leadIds))])).toEqual(sorted(whole.leadIds));
            } else {
              // Each lead is in exactly one group.
              expect(sorted(parts.flatMap((p) => p.leadIds))).toEqual(sorted(whole.leadIds));
            }
            for (const [key, stage] of Object.entries(whole.byStage ?? {})) {
              const stageParts = parts.map((p) => p.byStage?.[key]).filter((x) => x !== undefined);
              expect(stageParts.reduce((a, p) => a + p.numerator, 0)).toBe(stage.numerator);
              expect(stageParts.reduce((a, p) => a + p.denominator, 0)).toBe(stage.denominator);
            }
            if (whole.byStage) {
              const stages = Object.values(whole.byStage);
              expect(stages.reduce((a, st) => a + st.numerator, 0)).toBe(whole.numerator);
              expect(stages.reduce((a, st) => a + st.denominator, 0)).toBe(whole.denominator);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("splitting the period: additive metrics add up, the others behave as documented", () => {
    fc.assert(
      fc.property(
        datasetArb,
        zoneArb,
        periodArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ds, zone, period, f) => {
          const data = enrich(ds, zone);
          const mid = period.from + Math.floor((period.to - period.from) * f);
          const run = (from: number, to: number) =>
            computeMetricsFromEnriched(data, { from, to }).rows[0]!.metrics;
          const whole = run(period.from, period.to);
          const a = run(period.from, mid);
          const b = run(mid, period.to);
          for (const id of PERIOD_ADDITIVE_METRICS) {
            expect(a[id]!.numerator + b[id]!.numerator).toBeCloseTo(whole[id]!.numerator, 6);
            expect(a[id]!.denominator + b[id]!.denominator).toBe(whole[id]!.denominator);
            if (id === "overdue_share") {
              expect(sorted([...a[id]!.taskIds!, ...b[id]!.taskIds!])).toEqual(sorted(whole[id]!.taskIds!));
            } else {
              expect(sorted([...a[id]!.leadIds, ...b[id]!.leadIds])).toEqual(sorted(whole[id]!.leadIds));
            }
          }
          for (const id of ["next_step_coverage", "stale_share"] as const) {
            expect(a[id]).toEqual(whole[id]);
            expect(b[id]).toEqual(whole[id]);
          }
          const sc = (r: MetricResult, key: string) => r.byStage?.[key]?.denominator ?? 0;
          for (const key of Object.keys(whole.stage_conversion!.byStage!)) {
            const [x, y, w] = [
              sc(a.stage_conversion!, key),
              sc(b.stage_conversion!, key),
              sc(whole.stage_conversion!, key),
            ];
            expect(w).toBeLessThanOrEqual(x + y);
            expect(w).toBeGreaterThanOrEqual(Math.max(x, y));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
