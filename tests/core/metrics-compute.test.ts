import { describe, expect, it } from "vitest";
import {
  computeMetrics,
  computeMetricsFromEnriched,
  enrichDataset,
  getMetric,
  isDeviation,
  METRIC_IDS,
  METRICS,
} from "../../src/core";
import { calendarOf, dataset, lead, settings, task, touch, utc } from "./fixtures/dataset";

const s = settings();
const cal = calendarOf(s);
const now = utc("2026-03-10T12:00");
const created = utc("2026-03-02T10:00");

const ds = dataset({
  leads: [
    lead({ id: 1, createdAt: created, source: "ads", segment: "smb", channel: "call", responsibleUserId: 3 }),
    lead({ id: 2, createdAt: created, source: null, segment: "smb", channel: "form", responsibleUserId: 1 }),
    lead({ id: 3, createdAt: created, source: "web", segment: null, channel: null, responsibleUserId: 1 }),
    lead({
      id: 4,
      createdAt: created,
      source: "ads",
      statusId: 142,
      closedAt: utc("2026-03-04T10:00"),
      price: 100,
    }),
  ],
  touches: [
    touch(1, utc("2026-03-02T10:05")),
    touch(2, utc("2026-03-02T10:40")),
    touch(4, utc("2026-03-03T10:00")),
  ],
  tasks: [task({ id: 1, leadId: 1, dueAt: utc("2026-03-03T10:00"), responsibleUserId: 2 })],
});

describe("the registry", () => {
  it("holds the nine metrics of kpi.md in order, with Russian titles", () => {
    expect(METRICS.map((m) => m.id)).toEqual([...METRIC_IDS]);
    expect(METRICS.map((m) => m.title.ru)).toEqual([
      "Время первого ответа",
      "Доля лидов в нормативе SLA",
      "Покрытие «следующим шагом»",
      "Просроченные задачи",
      "Касаний на успешную сделку",
      "Конверсия по этапам",
      "Конверсия в успешную сделку",
      "Чистота воронки (зависшие)",
      "Выручка на менеджера",
    ]);
    expect(METRICS.map((m) => [m.unit, m.direction, m.periodBy])).toEqual([
      ["minutes", "lower_better", "created"],
      ["share", "higher_better", "created"],
      ["share", "higher_better", "snapshot"],
      ["share", "lower_better", "due"],
      ["count", "range", "won"],
      ["share", "higher_better", "entered_stage"],
      ["share", "higher_better", "closed"],
      ["share", "lower_better", "snapshot"],
      ["money", "compare", "won"],
    ]);
  });

  it("thresholds come from the settings (kpi.md defaults)", () => {
    expect(METRICS.map((m) => m.threshold(s))).toEqual([
      { max: 30 },
      { min: 0.85 },
      { min: 0.85 },
      { max: 0.05 },
      { min: 8, max: 12 },
      { vsDepartment: true, gapPp: 0 },
      { vsDepartment: true, gapPp: 0 },
      { max: 0.1 },
      {},
    ]);
  });

  it("isDeviation: bounds inclusive, department comparison by the gap, no data → null", () => {
    expect(isDeviation(getMetric("sla_share"), s, 0.85)).toBe(false);
    expect(isDeviation(getMetric("sla_share"), s, 0.84)).toBe(true);
    expect(isDeviation(getMetric("sla_share"), s, null)).toBe(null);
    expect(isDeviation(getMetric("touches_per_won"), s, 7.9)).toBe(true);
    expect(isDeviation(getMetric("touches_per_won"), s, 12)).toBe(false);
    expect(isDeviation(getMetric("touches_per_won"), s, 12.1)).toBe(true);
    expect(isDeviation(getMetric("win_rate"), s, 0.3, 0.3)).toBe(false);
    expect(isDeviation(getMetric("win_rate"), s, 0.29, 0.3)).toBe(true);
    expect(isDeviation(getMetric("win_rate"), s, 0.29, null)).toBe(null);
    const gap = settings((x) => {
      x.thresholds.winRateGapPp = 5;
    });
    // 0.26 is 4 pp below 0.30: within a 5 pp gap; 0.24 is 6 pp below
    expect(isDeviation(getMetric("win_rate"), gap, 0.26, 0.3)).toBe(false);
    expect(isDeviation(getMetric("win_rate"), gap, 0.24, 0.3)).toBe(true);
    expect(isDeviation(getMetric("revenue"), s, 0)).toBe(false);
  });

  it("compute() gives the department result of one slice", () => {
    const data = enrichDataset(ds, s, cal, now);
    const r = getMetric("first_response").compute(data, { from: created, to: now });
    // 1 → 5; 2 → 40; 3 censored, Mon 2nd 10:00 → Tue 10th 12:00 = 480 + 4×540 + 540 + 180 = 3360;
    // 4 → answered Tue 3rd 10:00 = Mon 10–18 (480) + Tue 09–10 (60) = 540. Σ = 5 + 40 + 3360 + 540 = 3945.
    expect(r).toMatchObject({ numerator: 3945, denominator: 4, censoredLeadIds: [3] });
  });
});

describe("computeMetrics", () => {
  const base = { dataset: ds, settings: s, calendar: cal, now, from: "2026-03-02", to: "2026-03-09" };

  it("department row first, then one row per manager present; all nine metrics", () => {
    const t = computeMetrics({ ...base, groupBy: "manager" });
    // Managers: 3 (lead 1), 1 (leads 2, 3, 4), 2 (task 1 only) → sorted 1, 2, 3
    expect(t.rows.map((r) => r.key)).toEqual([null, 1, 2, 3]);
    for (const row of t.rows) expect(Object.keys(row.metrics)).toEqual([...METRIC_IDS]);
    // Manager 2 only has the overdue task; its other metrics are empty (null), revenue 0.
    const m2 = t.rows[2]!.metrics;
    expect(m2.overdue_share).toMatchObject({ numerator: 1, denominator: 1, taskIds: [1], leadIds: [1] });
    expect(m2.first_response).toMatchObject({ value: null, denominator: 0 });
    expect(m2.revenue).toMatchObject({ value: 0, denominator: 0 });
    expect(t.rows[0]!.metrics.revenue).toMatchObject({ value: 100, leadIds: [4] });
  });

  it("groups by source, segment and class, (none) last", () => {
    const bySource = computeMetrics({ ...base, groupBy: "source", metrics: ["first_response"] });
    expect(bySource.rows.map((r) => r.key)).toEqual([null, "ads", "web", "(none)"]);
    const bySegment = computeMetrics({ ...base, groupBy: "segment", metrics: ["first_response"] });
    expect(bySegment.rows.map((r) => [r.key, r.metrics.first_response!.leadIds])).toEqual([
      [null, [1, 2, 3, 4]],
      ["smb", [1, 2]],
      ["(none)", [3, 4]],
    ]);
    const byClass = computeMetrics({ ...base, groupBy: "leadClass", metrics: ["first_response"] });
    // 1 call → hot, 4 call (fixture default) → hot, 2 form → warm, 3 none → cold. With a grouping
    // the department lists its groups' leads one group after another.
    expect(byClass.rows.map((r) => [r.key, r.metrics.first_response!.leadIds])).toEqual([
      [null, [3, 1, 4, 2]],
      ["cold", [3]],
      ["hot", [1, 4]],
      ["warm", [2]],
    ]);
  });

  it("filters apply to the department row too", () => {
    const t = computeMetrics({
      ...base,
      metrics: ["first_response", "overdue_share"],
      filters: { sources: ["ads", "(none)"], managerIds: [1, 3] },
    });
    expect(t.rows).toHaveLength(1);
    // leads 1 (ads, manager 3), 2 (no source, manager 1), 4 (ads, manager 1); the task belongs to manager 2
    expect(t.rows[0]!.metrics.first_response!.leadIds).toEqual([1, 2, 4]);
    expect(t.rows[0]!.metrics.overdue_share!.denominator).toBe(0);
    const classes = computeMetrics({
      ...base,
      metrics: ["first_response"],
      filters: { leadClasses: ["hot"], segments: ["smb"] },
    });
    expect(classes.rows[0]!.metrics.first_response!.leadIds).toEqual([1]);
  });

  it("slicing pre-enriched data gives the same as computeMetrics", () => {
    const data = enrichDataset(ds, s, cal, now);
    const from = cal.parseLocal("2026-03-02");
    const to = cal.parseLocal("2026-03-09");
    expect(computeMetricsFromEnriched(data, { from, to, groupBy: "manager" })).toEqual(
      computeMetrics({ ...base, groupBy: "manager" }),
    );
  });
});
