/**
 * amo_daily by hand: small datasets whose daily rows and metrics are worked out in the comments,
 * the time buckets and their median, stage re-entries (exact across days), the snapshot day, the
 * packed texts, and bad input.
 */
import { describe, expect, it } from "vitest";
import { enrichDataset } from "../../src/core";
import {
  addPackedBuckets,
  buildDailyRows,
  buildDayRows,
  DAILY_COLUMN_IDS,
  DAILY_NUMBER_PART_IDS,
  type DailyColumnId,
  DailyInputError,
  type DailyRecord,
  dailyKey,
  encodeDayItem,
  forEachStageItem,
  frtBucketOf,
  keepSnapshotHistory,
  medianErrorBound,
  medianFromBuckets,
  metricsFromDaily,
  metricsFromDailyCells,
  packBuckets,
  unpackRows,
} from "../../src/core/daily/index";
import { computeMetricsFromEnriched } from "../../src/core/metrics/compute";
import type { Dataset } from "../../src/core/model";
import { DAILY } from "../../src/sheets/daily-table";
import { findColumns, headerRow, LEADS } from "../../src/sheets/tables";
import { calendarOf, dataset, lead, MIN, move, P1, settings, task, touch, utc } from "./fixtures/dataset";

const S = settings();
const CAL = calendarOf(S);

function build(ds: Dataset, now: number): DailyRecord[] {
  return buildDailyRows(enrichDataset(ds, S, CAL, now), CAL, ds);
}

describe("first-response buckets and the median read from them", () => {
  it("puts minutes in [lo, hi) buckets", () => {
    expect([0, 2.999, 3, 5.5, 10, 44.9, 45, 2699, 2700, 1e9].map(frtBucketOf)).toEqual([
      0, 0, 1, 1, 3, 6, 7, 15, 16, 16,
    ]);
  });

  it("interpolates inside the middle bucket, within its width", () => {
    // Values 1, 4, 12: buckets [0,3) [3,6) [10,15) one each; the middle (k = 1) is the only value of
    // [3, 6): read as 3 + ½ · 3 = 4.5 (exact 4; bound: the width 3).
    const counts = [1, 1, 0, 1];
    expect(medianFromBuckets(counts)).toEqual({ median: 4.5, maxError: 3 });
    expect(medianErrorBound([4])).toBe(3);
    // Values 1, 4: the mean of 1.5 and 4.5 = 3 (exact 2.5), bound 3.
    expect(medianFromBuckets([1, 1])).toEqual({ median: 3, maxError: 3 });
    // Four values in [20, 30): k = 1 and 2 read as 20 + 1.5/4·10 = 23.75 and 26.25 → 25.
    expect(medianFromBuckets([0, 0, 0, 0, 0, 4]).median).toBe(25);
    expect(medianFromBuckets([])).toEqual({ median: null, maxError: 0 });
  });

  it("reports the open-ended bucket's lower edge, with no bound", () => {
    const counts = new Array(17).fill(0);
    counts[16] = 3;
    expect(medianFromBuckets(counts)).toEqual({ median: 2700, maxError: Number.POSITIVE_INFINITY });
  });
});

describe("rows and metrics of a small account (UTC, Mon–Fri 09–18, now Thu 2026-03-05 12:00)", () => {
  const NOW = utc("2026-03-05T12:00");
  const ds = dataset({
    leads: [
      // Leads 1, 2: manager 1, source web, calls (hot), created Mon 10:00 in stage 11, still open.
      lead({ id: 1, createdAt: utc("2026-03-02T10:00"), source: "web" }),
      lead({ id: 2, createdAt: utc("2026-03-02T10:00"), source: "web" }),
      // Lead 3: manager 2, no source, a form (warm); 11 → 12 on Wed, won on Thu 11:00 (500).
      lead({
        id: 3,
        createdAt: utc("2026-03-03T09:00"),
        responsibleUserId: 2,
        channel: "form",
        statusId: 142,
        closedAt: utc("2026-03-05T11:00"),
        price: 500,
      }),
    ],
    stageMoves: [
      move(3, utc("2026-03-04T10:00"), [P1, 11], [P1, 12]),
      move(3, utc("2026-03-05T11:00"), [P1, 12], [P1, 142]),
    ],
    touches: [
      touch(1, utc("2026-03-02T10:05")), // 5 min: met (hot, 10)
      touch(2, utc("2026-03-02T10:20")), // 20 min: breached
      touch(3, utc("2026-03-03T09:30")), // 30 min: met (warm, 30)
      touch(3, utc("2026-03-04T10:00")),
    ],
    tasks: [
      // No lead, manager 3, due Tue 12:00, open: overdue.
      task({ id: 1, dueAt: utc("2026-03-03T12:00"), responsibleUserId: 3 }),
      // On lead 1, due Fri (after now), created Thu 10:00: pending; lead 1 has a next step.
      task({ id: 2, leadId: 1, dueAt: utc("2026-03-06T10:00") }),
    ],
  });
  const rows = build(ds, NOW);
  const days = buildDayRows(enrichDataset(ds, S, CAL, NOW), CAL, ds);
  const byKey = new Map(days.map((r) => [r.key, r]));

  it("sums per day × manager × source × segment × class × pipeline (the day grain)", () => {
    expect(days.map((r) => r.key)).toEqual([
      "2026-03-02|1|web|(none)|hot|100",
      "2026-03-03|2|(none)|(none)|warm|100",
      "2026-03-03|3|(none)|(none)|(none)|",
      "2026-03-04|2|(none)|(none)|warm|100",
      "2026-03-05|1|web|(none)|hot|100",
      "2026-03-05|2|(none)|(none)|warm|100",
      "2026-03-06|1|web|(none)|hot|100",
    ]);
    const mon = byKey.get("2026-03-02|1|web|(none)|hot|100")!;
    expect(mon).toMatchObject({
      day: "2026-03-02",
      manager_id: 1,
      manager: "Anna",
      pipeline_id: 100,
      pipeline: "Sales",
      first_response_sum_min: 25,
      first_response_count: 2,
      first_response_censored: 0,
      frt_buckets: "3:1;20:1",
      sla_met: 1,
      sla_due: 2,
      // Both entered stage 11 (position 1 after the unsorted stage) at creation; neither moved on.
      stage_parts: "100:11#1=0/2",
      next_step_open: 0,
      stale_parts: "",
    });
    // Lead 3: entered 11 on Tue and 12 on Wed, converted from both (won later); won on Thu.
    expect(byKey.get("2026-03-03|2|(none)|(none)|warm|100")).toMatchObject({
      frt_buckets: "30:1",
      sla_met: 1,
      sla_due: 1,
      stage_parts: "100:11#1=1/1",
    });
    expect(byKey.get("2026-03-04|2|(none)|(none)|warm|100")!.stage_parts).toBe("100:12#2=1/1");
    expect(byKey.get("2026-03-05|2|(none)|(none)|warm|100")).toMatchObject({
      won_count: 1,
      lost_count: 0,
      touches_to_win_sum: 2,
      revenue_sum: 500,
      next_step_open: 0,
    });
    // The snapshot (Thursday): leads 1 and 2 open in stage 11 for 3 days (< 7: not stale); lead 1
    // has an open task.
    expect(byKey.get("2026-03-05|1|web|(none)|hot|100")).toMatchObject({
      next_step_with: 1,
      next_step_open: 2,
      stale_parts: "100:11#1=0/2",
      first_response_count: 0,
    });
    expect(byKey.get("2026-03-03|3|(none)|(none)|(none)|")).toMatchObject({
      pipeline_id: null,
      pipeline: "(none)",
      overdue_count: 1,
      due_count: 1,
    });
    expect(byKey.get("2026-03-06|1|web|(none)|hot|100")).toMatchObject({ overdue_pending: 1, due_count: 0 });
  });

  it("merges a month's days into a month row with the totals and the breakdown; one day stays a day row", () => {
    expect(rows.map((r) => r.key)).toEqual([
      "2026-03-01|1|web|(none)|hot|100",
      "2026-03-01|2|(none)|(none)|warm|100",
      "2026-03-03|3|(none)|(none)|(none)|",
    ]);
    // Manager 2's month: lead 3 created Tue 3rd (first response 30 min, SLA met, entered 11),
    // entered 12 Wed, won Thu (2 touches, 500).
    const w2 = rows[1]!;
    expect(w2).toMatchObject({
      day: "2026-03-01",
      span_days: 31,
      first_response_count: 1,
      frt_buckets: "30:1",
      sla_met: 1,
      sla_due: 1,
      won_count: 1,
      touches_to_win_sum: 2,
      revenue_sum: 500,
      stage_parts: "100:11#1=1/1;100:12#2=1/1",
    });
    // Offsets from the 1st: the 3rd, 4th and 5th.
    expect(w2.by_day.split("~").map((d) => d.split("|")[0])).toEqual(["2", "3", "4"]);
    // Manager 1's month holds Thursday's snapshot (the month's latest) in its totals as well.
    expect(rows[0]).toMatchObject({ next_step_with: 1, next_step_open: 2, stale_parts: "100:11#1=0/2" });
    // Lead 3's task without a deal: one day only.
    expect(rows[2]).toMatchObject({
      day: "2026-03-03",
      span_days: 1,
      by_day: "",
      overdue_count: 1,
      due_count: 1,
    });
    // The breakdown gives back the day rows, parts and keys.
    const byDay = (xs: DailyRecord[]) => [...xs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    expect(byDay(unpackRows(rows))).toEqual(byDay(days));
  });

  it("reads a month cut by the period from its breakdown, every single day and every pair of days", () => {
    const all = ["2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];
    all.push("2026-03-06", "2026-03-07", "2026-03-31", "2026-04-01");
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const q = { from: all[i]!, to: all[j]!, groupBy: "manager" } as const;
        expect([q.from, q.to, metricsFromDaily(rows, q)]).toEqual([q.from, q.to, metricsFromDaily(days, q)]);
      }
    }
  });

  it("gives the metrics of a period of days", () => {
    const m = metricsFromDaily(rows, { from: "2026-03-02", to: "2026-03-06" }).rows[0]!.metrics;
    expect(m.first_response).toMatchObject({ numerator: 55, denominator: 3, value: 55 / 3, leadIds: [] });
    // 5, 20, 30: the middle one is the only value of [20, 30): 25 (exact 20, bound 10).
    expect(m.first_response!.median).toBe(25);
    expect(m.sla_share).toMatchObject({ numerator: 2, denominator: 3 });
    expect(m.overdue_share).toMatchObject({ numerator: 1, denominator: 1 });
    expect(m.win_rate).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    expect(m.touches_per_won).toMatchObject({ numerator: 2, denominator: 1, value: 2 });
    expect(m.revenue).toMatchObject({ numerator: 500, denominator: 1, value: 500 });
    expect(m.stage_conversion).toMatchObject({ numerator: 2, denominator: 4 });
    expect(Object.keys(m.stage_conversion!.byStage!)).toEqual(["100:11", "100:12"]);
    expect(m.stage_conversion!.byStage!["100:11"]).toMatchObject({ numerator: 1, denominator: 3 });
    expect(m.next_step_coverage).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(m.stale_share).toMatchObject({ numerator: 0, denominator: 2, value: 0 });
  });

  it("gives only the metrics asked for, each as in the full result", () => {
    const q = { from: "2026-03-02", to: "2026-03-06", groupBy: "manager" } as const;
    const full = metricsFromDaily(rows, q);
    const some = metricsFromDaily(rows, { ...q, metrics: ["win_rate", "stage_conversion"] });
    // Hand-worked above: one deal won, none lost; stage entries 2 converted of 4.
    expect(some.rows[0]!.metrics).toEqual({
      win_rate: full.rows[0]!.metrics.win_rate,
      stage_conversion: full.rows[0]!.metrics.stage_conversion,
    });
    expect(some.rows[0]!.metrics.stage_conversion).toMatchObject({ numerator: 2, denominator: 4 });
    // Manager 3 has only a task due in the period: no win or stage fact, so no row of its own.
    expect(some.rows.map((r) => r.key)).toEqual(full.rows.map((r) => r.key).filter((k) => k !== 3));
  });

  it("groups, filters and reads the snapshot only when its day is at most `to`", () => {
    const t = metricsFromDaily(rows, { from: "2026-03-02", to: "2026-03-06", groupBy: "manager" });
    expect(t.rows.map((r) => r.key)).toEqual([null, 1, 2, 3]);
    expect(t.rows[3]!.metrics.overdue_share).toMatchObject({ numerator: 1, denominator: 1 });
    expect(t.rows[3]!.metrics.first_response).toMatchObject({ denominator: 0, value: null, median: null });

    const inPipeline = metricsFromDaily(rows, {
      from: "2026-03-02",
      to: "2026-03-06",
      filters: { pipelineIds: [P1] },
    });
    expect(inPipeline.rows[0]!.metrics.overdue_share).toMatchObject({ denominator: 0, value: null });
    const noSource = metricsFromDaily(rows, {
      from: "2026-03-02",
      to: "2026-03-06",
      filters: { sources: ["(none)"] },
    });
    expect(noSource.rows[0]!.metrics.overdue_share).toMatchObject({ numerator: 1, denominator: 1 });
    expect(noSource.rows[0]!.metrics.first_response).toMatchObject({ numerator: 30, denominator: 1 });

    // Tuesday alone: lead 3 and the lead-less task; the snapshot (Thursday) is after `to`.
    const tue = metricsFromDaily(rows, { from: "2026-03-03", to: "2026-03-04" }).rows[0]!.metrics;
    expect(tue.first_response).toMatchObject({ numerator: 30, denominator: 1 });
    expect(tue.next_step_coverage).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(tue.stale_share).toMatchObject({ denominator: 0, value: null, byStage: {} });
  });

  it("equals the engine over the same days", () => {
    for (const [from, to] of [
      ["2026-03-02", "2026-03-06"],
      ["2026-03-03", "2026-03-05"],
    ] as const) {
      const e = computeMetricsFromEnriched(enrichDataset(ds, S, CAL, NOW), {
        from: CAL.startOfLocalDate(from),
        to: CAL.startOfLocalDate(to),
        groupBy: "manager",
      });
      const d = metricsFromDaily(rows, { from, to, groupBy: "manager" });
      expect(d.rows.map((r) => r.key)).toEqual(e.rows.map((r) => r.key));
      d.rows.forEach((row, k) => {
        for (const [id, got] of Object.entries(row.metrics)) {
          const want = e.rows[k]!.metrics[id as keyof typeof row.metrics]!;
          expect([id, got.numerator, got.denominator]).toEqual([id, want.numerator, want.denominator]);
        }
      });
    }
  });

  it("keeps the snapshots of past days when a later sync rebuilds the table", () => {
    // Next Tuesday: leads 1 and 2 have sat in stage 11 for 8 days (> 7): both stale; lead 1 still
    // has its (now overdue) task. Thursday's snapshot said 0 of 2 stale.
    const later = build(ds, utc("2026-03-10T12:00"));
    const merged = keepSnapshotHistory(rows, later, "2026-03-10");
    const stale = (to?: string) => metricsFromDaily(merged, to ? { to } : {}).rows[0]!.metrics.stale_share;
    expect(stale()).toMatchObject({ numerator: 2, denominator: 2 });
    expect(stale("2026-03-06")).toMatchObject({ numerator: 0, denominator: 2 });
    // Thursday's snapshot (the 5th: offset 4) now sits in the month row's breakdown.
    const mergedDays = unpackRows(merged);
    expect(merged.find((r) => r.key === "2026-03-01|1|web|(none)|hot|100")!.by_day).toContain("~4|");
    expect(mergedDays.find((r) => r.key === "2026-03-05|1|web|(none)|hot|100")).toMatchObject({
      next_step_with: 1,
      next_step_open: 2,
      stale_parts: "100:11#1=0/2",
      first_response_count: 0,
    });
    // Period parts come from the new build: task 2 (due Fri) is overdue by Tuesday.
    const fri = mergedDays.find((r) => r.key === "2026-03-06|1|web|(none)|hot|100")!;
    expect([fri.overdue_count, fri.due_count, fri.overdue_pending]).toEqual([1, 1, 0]);
    expect(mergedDays.length).toBe(unpackRows(later).length + 1);
    // Kept again by the sync after that: the history survives its own month rows.
    const again = keepSnapshotHistory(merged, build(ds, utc("2026-03-11T12:00")), "2026-03-11");
    expect(metricsFromDaily(again, { to: "2026-03-06" }).rows[0]!.metrics.stale_share).toMatchObject({
      numerator: 0,
      denominator: 2,
    });
    expect(metricsFromDaily(again, { to: "2026-03-11" }).rows[0]!.metrics.stale_share).toMatchObject({
      numerator: 2,
      denominator: 2,
    });
  });

  it("reads rows of cells the same as row objects", () => {
    const header = headerRow(DAILY, "en");
    const cells = rows.map((r) => DAILY.columns.map((c) => r[c.id as DailyColumnId] ?? ""));
    const index = findColumns(header, DAILY).index;
    const q = { from: "2026-03-02", to: "2026-03-06", groupBy: "source" } as const;
    expect(metricsFromDailyCells(cells, index, q)).toEqual(metricsFromDaily(rows, q));
  });

  it("reads a table of week rows written before month rows (no span_days, the old header) exactly", () => {
    // The old layout, rebuilt by hand: Monday-keyed rows of 7 days, the breakdown under its old
    // header, no span_days column; a group with one day stays a day row.
    const mondays = new Map<string, DailyRecord[]>();
    for (const d of days) {
      const n = (Date.parse(`${d.day}T00:00Z`) / 86_400_000 + 3) % 7; // days since Monday
      const monday = new Date(Date.parse(`${d.day}T00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
      const k = monday + d.key.slice(10);
      mondays.set(k, [...(mondays.get(k) ?? []), d]);
    }
    const weekRows = [...mondays.values()].map((g) => {
      if (g.length === 1) return g[0]!;
      const n = (Date.parse(`${g[0]!.day}T00:00Z`) / 86_400_000 + 3) % 7;
      const monday = new Date(Date.parse(`${g[0]!.day}T00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
      const items = g.map((d) =>
        encodeDayItem((Date.parse(`${d.day}T00:00Z`) - Date.parse(`${monday}T00:00Z`)) / 86_400_000, d),
      );
      // The totals (read for a week inside the period): the days' sums, their buckets, the latest
      // snapshot (stage texts left out: the periods below do not ask for stage conversion).
      const totals = { ...g[0]!, day: monday, stage_parts: "", stale_parts: "" } as DailyRecord;
      const buckets: number[] = [];
      for (const id of DAILY_NUMBER_PART_IDS) totals[id] = g.reduce((a, d) => a + d[id], 0);
      for (const d of g) addPackedBuckets(d.frt_buckets, buckets);
      const last = g.filter((d) => d.next_step_open > 0).at(-1);
      totals.next_step_with = last?.next_step_with ?? 0;
      totals.next_step_open = last?.next_step_open ?? 0;
      return {
        ...totals,
        frt_buckets: packBuckets(buckets),
        by_day: items.filter((i) => i !== null).join("~"),
      };
    });
    expect(weekRows.some((r) => r.by_day !== "")).toBe(true);
    const columns = DAILY.columns.filter((c) => c.id !== "span_days");
    const header = columns.map((c) => (c.id === "by_day" ? "Неделя с «Дня»: по дням (части)" : c.ru));
    const cells = weekRows.map((r) => columns.map((c) => r[c.id as DailyColumnId] ?? ""));
    const index = findColumns(header, DAILY).index;
    expect([index.span_days, index.by_day]).toEqual([-1, columns.length - 1]);
    // Periods that cut the week (the breakdown is read) and one that holds it whole (totals).
    for (const [from, to] of [
      ["2026-03-03", "2026-03-05"],
      ["2026-03-04", "2026-03-07"],
      ["2026-03-02", "2026-03-09"],
    ] as const) {
      const q = {
        from,
        to,
        groupBy: "manager",
        metrics: [
          "first_response",
          "sla_share",
          "win_rate",
          "revenue",
          "overdue_share",
          "next_step_coverage",
        ],
      } as const;
      expect([from, metricsFromDailyCells(cells, index, q)]).toEqual([from, metricsFromDaily(days, q)]);
    }
  });
});

describe("stage re-entries stay exact across days", () => {
  // Lead 10 enters 11 at creation (Mon 10:00), 12 at 11:00, 11 again at 12:00 (same day: can never
  // count), 12 again Wed 10:00 and 11 again Wed 11:00, and stays there (now: Fri).
  const NOW = utc("2026-03-06T12:00");
  const ds = dataset({
    leads: [lead({ id: 10, createdAt: utc("2026-03-02T10:00") })],
    stageMoves: [
      move(10, utc("2026-03-02T11:00"), [P1, 11], [P1, 12]),
      move(10, utc("2026-03-02T12:00"), [P1, 12], [P1, 11]),
      move(10, utc("2026-03-04T10:00"), [P1, 11], [P1, 12]),
      move(10, utc("2026-03-04T11:00"), [P1, 12], [P1, 11]),
    ],
  });
  const data = enrichDataset(ds, S, CAL, NOW);
  const rows = buildDailyRows(data, CAL, ds);

  it("keeps a re-entry with the day of the previous entry into the stage", () => {
    // Monday: 11 converted (12 came later), 12 not (it only went back). Wednesday: both re-entries,
    // their previous entries on Monday; neither converted.
    expect(buildDayRows(data, CAL, ds).map((r) => [r.day, r.stage_parts])).toEqual([
      ["2026-03-02", "100:11#1=1/1;100:12#2=0/1"],
      ["2026-03-04", "100:12#2@2026-03-02=0/1;100:11#1@2026-03-02=0/1"],
      ["2026-03-06", ""],
    ]);
    // One month row: the re-entries stay items of their own in the month's totals.
    expect(rows.map((r) => [r.day, r.stage_parts])).toEqual([
      ["2026-03-01", "100:11#1=1/1;100:12#2=0/1;100:12#2@2026-03-02=0/1;100:11#1@2026-03-02=0/1"],
    ]);
  });

  it("counts each deal once per stage, from its first entry in the period, like the engine", () => {
    const cases: [string | undefined, string | undefined, Record<string, [number, number]>][] = [
      // Both days: Monday's entries count, Wednesday's re-entries do not (Monday is inside).
      ["2026-03-02", "2026-03-05", { "100:11": [1, 1], "100:12": [0, 1] }],
      // From Tuesday: the re-entries count (their previous entries are before the period).
      ["2026-03-03", "2026-03-05", { "100:11": [0, 1], "100:12": [0, 1] }],
      ["2026-03-04", "2026-03-05", { "100:11": [0, 1], "100:12": [0, 1] }],
      ["2026-03-05", "2026-03-06", {}],
      // No lower bound: first entries only.
      [undefined, "2026-03-05", { "100:11": [1, 1], "100:12": [0, 1] }],
    ];
    for (const [from, to, want] of cases) {
      const got = metricsFromDaily(rows, { ...(from ? { from } : {}), ...(to ? { to } : {}) }).rows[0]!
        .metrics.stage_conversion!.byStage!;
      const engine = computeMetricsFromEnriched(data, {
        from: from ? CAL.startOfLocalDate(from) : Number.NEGATIVE_INFINITY,
        to: to ? CAL.startOfLocalDate(to) : Number.POSITIVE_INFINITY,
        metrics: ["stage_conversion"],
      }).rows[0]!.metrics.stage_conversion!.byStage!;
      const pairs = (b: typeof got) =>
        Object.fromEntries(Object.entries(b).map(([k, s]) => [k, [s.numerator, s.denominator]]));
      expect([from, to, pairs(got)]).toEqual([from, to, want]);
      expect([from, to, pairs(engine)]).toEqual([from, to, want]);
    }
  });
});

/** A hand-made row: dimensions and every part empty, then `parts`. */
function row(day: string, parts: Partial<DailyRecord>): DailyRecord {
  const r = Object.fromEntries(DAILY_COLUMN_IDS.map((id) => [id, ""])) as unknown as DailyRecord;
  return {
    ...r,
    key: dailyKey(day, 1, "a", "b", "hot", 100),
    day,
    manager_id: 1,
    pipeline_id: 100,
    ...parts,
  };
}

describe("the snapshot day", () => {
  // Two snapshots kept by the sync: Thursday 1 of 4 open deals with a next step, the next Tuesday 3 of 4.
  const rows = [
    row("2026-03-05", { next_step_with: 1, next_step_open: 4, stale_parts: "100:11#1=1/4" }),
    row("2026-03-10", { next_step_with: 3, next_step_open: 4, stale_parts: "100:11#1=2/4" }),
  ];
  const coverage = (to?: string) =>
    metricsFromDaily(rows, to ? { to } : {}).rows[0]!.metrics.next_step_coverage!.numerator;

  it("is the latest day with a snapshot that is at most `to`", () => {
    expect(coverage()).toBe(3);
    expect(coverage("2026-03-10")).toBe(3);
    expect(coverage("2026-03-09")).toBe(1);
    expect(coverage("2026-03-05")).toBe(1);
    expect(coverage("2026-03-04")).toBe(0);
    expect(metricsFromDaily(rows, { to: "2026-03-09" }).rows[0]!.metrics.stale_share).toMatchObject({
      numerator: 1,
      denominator: 4,
    });
  });
});

describe("bad input", () => {
  const good = row("2026-03-02", { first_response_count: 1, first_response_sum_min: 5, frt_buckets: "3:1" });

  it("names the row and the column", () => {
    const bad = (parts: Partial<Record<DailyColumnId, unknown>>) => () =>
      metricsFromDaily([good, { ...good, ...parts } as DailyRecord], {});
    expect(bad({ day: "02.03.2026" })).toThrow(/data row 2, column day: '02\.03\.2026' is not a date/);
    expect(bad({ day: "2026-02-30" })).toThrow(DailyInputError);
    expect(bad({ sla_met: "many" })).toThrow(/data row 2, column sla_met: 'many' is not a number/);
    expect(bad({ manager_id: "" })).toThrow(/data row 2: column manager_id is empty/);
    expect(bad({ frt_buckets: "4:1" })).toThrow(/column frt_buckets: '4:1' is not in the table's format/);
    expect(bad({ stage_parts: "100:11=1/2" })).toThrow(/column stage_parts/);
    // A month row's breakdown is read when the period cuts its days (or it holds the snapshot):
    // here the 1st–31st of March from the 2nd (offset 1), cut at the 3rd.
    const cut =
      (by_day: string, span_days: unknown = 31) =>
      () =>
        metricsFromDaily([good, { ...good, day: "2026-03-01", span_days, by_day } as DailyRecord], {
          from: "2026-03-03",
        });
    expect(cut("31|0:5|||")).toThrow(
      /data row 2, column by_day: '31\|0:5\|\|\|' is not in the table's format/,
    );
    expect(cut("1|0:1|||~3|0:x|||")).toThrow(/column by_day/);
    expect(cut("1|0:1|||~2|0:5|4:1||")).toThrow(/column by_day/);
    expect(cut("1|0:1|||~3|0:5,|||")).toThrow(/column by_day/);
    expect(cut("1|0:1|||~3|123:5|||")).toThrow(/column by_day/);
    expect(cut("1|0:1|||~3|0:5||||")).toThrow(/column by_day/);
    expect(cut("3|0:5|||~1|0:5|||")).toThrow(/column by_day/);
    expect(cut("1|0:5|||~9|0:5|||", 7)).toThrow(/column by_day/);
    // The span: 1–31 days, 1 on a row without a breakdown, and there on a row with one.
    expect(cut("1|0:5|||~3|0:1|||", 32)).toThrow(
      /data row 2, column span_days: '32' is not the row's number of days/,
    );
    expect(cut("1|0:5|||~3|0:1|||", 2.5)).toThrow(/column span_days/);
    expect(cut("1|0:5|||~3|0:1|||", "")).toThrow(/column span_days: ''/);
    expect(cut("1|0:5|||~3|0:1|||", "many")).toThrow(/column span_days: 'many' is not a number/);
    expect(() => metricsFromDaily([{ ...good, span_days: 31 }], {})).toThrow(/column span_days: '31'/);
    expect(() => metricsFromDaily([good], { from: "2026-3-1" })).toThrow(/from = '2026-3-1'/);
  });

  it("says it in Russian too", () => {
    try {
      metricsFromDaily([{ ...good, day: "вчера" }], {});
      expect.unreachable();
    } catch (e) {
      expect((e as DailyInputError).text("ru")).toBe(
        "amo_daily, строка данных 1, столбец day: «вчера» — не дата вида гггг-мм-дд",
      );
    }
  });

  it("reads numbers typed as text and empty cells as 0", () => {
    const m = metricsFromDaily(
      [{ ...good, first_response_count: "1", sla_met: "", sla_due: null } as never],
      {},
    );
    expect(m.rows[0]!.metrics.first_response).toMatchObject({ numerator: 5, denominator: 1 });
    expect(m.rows[0]!.metrics.sla_share).toMatchObject({ numerator: 0, denominator: 0 });
  });
});

describe("packed texts, keys and the sheet", () => {
  it("packs buckets and parses stage items", () => {
    expect(packBuckets([0, 2, 0, 1])).toBe("3:2;10:1");
    const items: unknown[] = [];
    const ok = forEachStageItem("100:11#1=1/2;200:21#0@2026-03-01=0/1", (...a) => items.push(a));
    expect(ok).toBe(true);
    expect(items).toEqual([
      ["100:11", 100, 11, 1, null, 1, 2],
      ["200:21", 200, 21, 0, "2026-03-01", 0, 1],
    ]);
    for (const bad of ["100:11#1=1/", "100:11#x=1/2", "100:11#1@03-01=1/2", "100:11#1=1/2;"]) {
      expect(forEachStageItem(bad, () => {})).toBe(false);
    }
  });

  it("escapes | in the key's texts", () => {
    expect(dailyKey("2026-03-02", 1, "a|b", "c", "hot", null)).toBe("2026-03-02|1|a\\|b|c|hot|");
    expect(dailyKey("2026-03-02", 1, "a", "b|c", "hot", null)).not.toBe(
      dailyKey("2026-03-02", 1, "a|b", "c", "hot", null),
    );
  });

  it("has a header per column in both languages, each naming one column only", () => {
    expect(DAILY.columns.map((c) => c.id)).toEqual([...DAILY_COLUMN_IDS]);
    for (const locale of ["ru", "en"] as const) {
      const m = findColumns(headerRow(DAILY, locale), DAILY);
      expect(m.missing).toEqual([]);
      expect(m.duplicated).toEqual([]);
    }
    // Told apart from amo_leads by its headers: "День" / "Day" and the row key are its own.
    expect(findColumns(headerRow(DAILY, "ru"), LEADS).index.lead_id).toBe(-1);
    expect(findColumns(headerRow(LEADS, "ru"), DAILY).index.day).toBe(-1);
  });

  it("never starts a packed text or a key with a formula character", () => {
    const rows = build(
      dataset({ leads: [lead({ id: 1, createdAt: utc("2026-03-02T10:00"), source: "=HYPERLINK(1)" })] }),
      utc("2026-03-02T10:00") + 5 * MIN,
    );
    for (const r of rows) {
      for (const id of ["key", "frt_buckets", "stage_parts", "stale_parts"] as const) {
        expect(r[id]).not.toMatch(/^[=+\-@]/);
      }
    }
    // The CRM text itself stays text in a crm_text column (the writers keep it from being a formula).
    expect(DAILY.columns.find((c) => c.id === "source")!.type).toBe("crm_text");
  });
});
