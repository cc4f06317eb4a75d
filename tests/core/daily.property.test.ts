/**
 * amo_daily against the engine on the generator's default account (seed 1, 18 managers, six
 * months, ~5,000 deals): over random whole-day periods, filters (manager, source, segment,
 * pipeline, class) and groupings, every metric read from the daily rows equals the engine's over
 * the raw data — counts exactly, sums of minutes and money up to float rounding, stage conversion
 * per stage exactly (re-entries included) — and the first-response median is within the bound
 * stated in src/core/daily/buckets.ts of the exact median, recomputed here from the enriched leads.
 *
 * Snapshot metrics: equal to the engine's when the snapshot day (the day of "now") is ≤ `to`;
 * otherwise "no data", and a group that only the snapshot made appear in the engine is absent.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../local/mulberry32";
import {
  buildDailyRows,
  type DailyColumnId,
  type DailyQuery,
  type DailyRecord,
  keepSnapshotHistory,
  medianErrorBound,
  metricsFromDaily,
  metricsFromDailyCells,
  unpackRows,
} from "../../src/core/daily/index";
import { type EnrichedLead, enrichDataset } from "../../src/core/enrich";
import type { MetricsTable } from "../../src/core/metrics/aggregate";
import { computeMetricsFromEnriched } from "../../src/core/metrics/compute";
import type { GroupBy, MetricId, MetricResult, SliceFilters } from "../../src/core/metrics/types";
import type { LeadClass } from "../../src/core/model";
import { DAILY } from "../../src/sheets/daily-table";
import { findColumns, headerRow } from "../../src/sheets/tables";
import { type Generated, generated } from "../support/generated";

/** The generator's account as the engine sees it (tests/support/generated.ts). */
type DailyFixture = Pick<Generated, "dataset" | "settings" | "calendar" | "now" | "data">;

const PERIOD: readonly MetricId[] = [
  "first_response",
  "sla_share",
  "overdue_share",
  "touches_per_won",
  "stage_conversion",
  "win_rate",
  "revenue",
];
const SNAPSHOT: readonly MetricId[] = ["next_step_coverage", "stale_share"];
/** Sums of real numbers (minutes, money): the order of addition differs, so compare to 1e-9. */
const FLOAT_SUMS = new Set<MetricId>(["first_response", "revenue"]);

let fx: DailyFixture;
let rows: DailyRecord[];
let days: string[];
let snapshotDay: string;
let dims: { managers: number[]; sources: string[]; segments: string[]; pipelines: number[] };

beforeAll(() => {
  fx = generated(1, "default");
  rows = buildDailyRows(fx.data, fx.calendar, fx.dataset);
  // The days the rows cover (a month row's days are in its breakdown), so random periods cut months.
  days = [...new Set(unpackRows(rows).map((r) => r.day))].sort();
  snapshotDay = fx.calendar.localDate(fx.now);
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  dims = {
    managers: uniq(rows.map((r) => r.manager_id)),
    sources: uniq(rows.map((r) => r.source)),
    segments: uniq(rows.map((r) => r.segment)),
    pipelines: uniq(rows.flatMap((r) => (r.pipeline_id === null ? [] : [r.pipeline_id]))),
  };
}, 60_000);

function close(got: number | null | undefined, want: number | null | undefined): boolean {
  if (got === null || got === undefined || want === null || want === undefined) return got === want;
  return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
}

/** Differences between a daily result and the engine's for one metric (exact or float sums). */
function diff(where: string, id: MetricId, got: MetricResult, want: MetricResult): string[] {
  const out: string[] = [];
  const eq = FLOAT_SUMS.has(id) ? close : (a: number | null, b: number | null) => a === b;
  if (!eq(got.numerator, want.numerator))
    out.push(`${where} ${id} numerator ${got.numerator} ≠ ${want.numerator}`);
  if (got.denominator !== want.denominator)
    out.push(`${where} ${id} denominator ${got.denominator} ≠ ${want.denominator}`);
  if (!close(got.value, want.value)) out.push(`${where} ${id} value ${got.value} ≠ ${want.value}`);
  if (want.byStage) {
    const g = got.byStage ?? {};
    if (Object.keys(g).join() !== Object.keys(want.byStage).join())
      out.push(`${where} ${id} stages ${Object.keys(g)} ≠ ${Object.keys(want.byStage)}`);
    for (const [k, w] of Object.entries(want.byStage)) {
      const s = g[k];
      if (!s || s.numerator !== w.numerator || s.denominator !== w.denominator)
        out.push(`${where} ${id}[${k}] ${s?.numerator}/${s?.denominator} ≠ ${w.numerator}/${w.denominator}`);
    }
  }
  return out;
}

/** The first-response minutes of each group's leads, recomputed from the enriched leads. */
function frSamples(
  from: number,
  to: number,
  filters: SliceFilters,
  groupBy: GroupBy,
): Map<unknown, number[]> {
  const keyOf = (l: EnrichedLead): unknown =>
    groupBy === "manager"
      ? l.firstResponseUserId
      : groupBy === "source"
        ? l.sourceKey
        : groupBy === "segment"
          ? l.segmentKey
          : groupBy === "pipeline"
            ? l.pipelineId
            : groupBy === "leadClass"
              ? l.leadClass
              : null;
  const ok = <T>(list: readonly T[] | undefined, v: T) => !list || list.length === 0 || list.includes(v);
  const out = new Map<unknown, number[]>([[null, []]]);
  for (const l of fx.data.leads) {
    if (l.createdAt < from || l.createdAt >= to) continue;
    if (!ok(filters.managerIds, l.firstResponseUserId) || !ok(filters.sources, l.sourceKey)) continue;
    if (!ok(filters.segments, l.segmentKey) || !ok(filters.pipelineIds, l.pipelineId)) continue;
    if (!ok(filters.leadClasses, l.leadClass)) continue;
    out.get(null)!.push(l.firstResponseMinutes);
    const k = keyOf(l);
    if (k !== null) out.set(k, [...(out.get(k) ?? []), l.firstResponseMinutes]);
  }
  return out;
}

function exactMedian(values: number[]): { median: number | null; middles: number[] } {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { median: null, middles: [] };
  const middles = n % 2 ? [s[(n - 1) / 2]!] : [s[n / 2 - 1]!, s[n / 2]!];
  return { median: middles.reduce((a, b) => a + b, 0) / middles.length, middles };
}

function compare(
  q: DailyQuery,
  daily: MetricsTable,
  engine: MetricsTable,
  from: number,
  to: number,
): string[] {
  const out: string[] = [];
  const withSnapshot = q.to === undefined || snapshotDay <= q.to;
  const engineRows = new Map(engine.rows.map((r) => [r.key, r]));
  const dailyKeys = daily.rows.map((r) => r.key);
  if (withSnapshot) {
    const ek = engine.rows.map((r) => r.key);
    if (dailyKeys.join() !== ek.join()) out.push(`rows ${dailyKeys} ≠ ${ek}`);
  } else {
    // Engine rows the daily table lacks may only be there for the snapshot.
    for (const r of engine.rows) {
      if (dailyKeys.includes(r.key)) continue;
      for (const id of PERIOD) {
        const m = r.metrics[id]!;
        if (m.denominator !== 0 || (m.pendingLeadIds?.length ?? 0) + (m.pendingTaskIds?.length ?? 0) > 0)
          out.push(`row ${r.key} missing though ${id} counts`);
      }
    }
  }
  const samples = frSamples(from, to, q.filters ?? {}, q.groupBy ?? "none");
  for (const d of daily.rows) {
    const e = engineRows.get(d.key);
    if (!e) {
      out.push(`row ${d.key} not in the engine`);
      continue;
    }
    for (const id of PERIOD) out.push(...diff(`row ${d.key}`, id, d.metrics[id]!, e.metrics[id]!));
    for (const id of SNAPSHOT) {
      const got = d.metrics[id]!;
      if (withSnapshot) out.push(...diff(`row ${d.key}`, id, got, e.metrics[id]!));
      else if (got.denominator !== 0 || got.value !== null)
        out.push(`row ${d.key} ${id} has data before the snapshot`);
    }
    const exact = exactMedian(samples.get(d.key) ?? []);
    if (exact.median !== (e.metrics.first_response!.median ?? null))
      out.push(`row ${d.key} recomputed median ${exact.median} ≠ engine ${e.metrics.first_response!.median}`);
    const est = d.metrics.first_response!.median ?? null;
    if (
      exact.median === null
        ? est !== null
        : est === null || Math.abs(est - exact.median) > medianErrorBound(exact.middles)
    )
      out.push(
        `row ${d.key} median ${est} vs exact ${exact.median} (bound ${medianErrorBound(exact.middles)})`,
      );
  }
  return out;
}

const CLASSES: LeadClass[] = ["hot", "warm", "cold"];
const GROUPS: GroupBy[] = ["none", "manager", "source", "segment", "pipeline", "leadClass"];

describe("amo_daily = the engine over the raw data (default account, seed 1)", () => {
  it("holds many rows fewer than facts, a few per lead", () => {
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.length).toBeLessThan(6 * fx.data.leads.length);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it("for random whole-day periods, filters and groupings", () => {
    const header = headerRow(DAILY, "ru");
    const index = findColumns(header, DAILY).index;
    const cells = rows.map((r) => DAILY.columns.map((c) => r[c.id as DailyColumnId] ?? ""));
    const dayIndex = fc.option(fc.integer({ min: -2, max: days.length + 2 }), { nil: undefined, freq: 6 });
    const subset = <T>(xs: T[]) =>
      fc.option(fc.subarray(xs, { maxLength: Math.min(3, xs.length) }), { nil: undefined, freq: 2 });
    fc.assert(
      fc.property(
        dayIndex,
        dayIndex,
        fc.record({
          managerIds: subset(dims.managers),
          sources: subset(dims.sources),
          segments: subset(dims.segments),
          pipelineIds: subset(dims.pipelines),
          leadClasses: subset(CLASSES),
        }),
        fc.constantFrom(...GROUPS),
        (a, b, rawFilters, groupBy) => {
          const dayAt = (k: number) => {
            const first = fx.calendar.startOfLocalDate(days[0]!);
            return fx.calendar.localDate(first + k * 86_400_000 + 12 * 3_600_000);
          };
          const [lo, hi] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
          const q: DailyQuery = { groupBy };
          if (lo !== undefined) q.from = dayAt(lo);
          if (hi !== undefined) q.to = dayAt(hi);
          const filters = Object.fromEntries(
            Object.entries(rawFilters).filter(([, v]) => v !== undefined),
          ) as SliceFilters;
          q.filters = filters;
          const from = q.from ? fx.calendar.startOfLocalDate(q.from) : Number.NEGATIVE_INFINITY;
          const to = q.to ? fx.calendar.startOfLocalDate(q.to) : Number.POSITIVE_INFINITY;
          const daily = metricsFromDaily(rows, q);
          const engine = computeMetricsFromEnriched(fx.data, { from, to, filters, groupBy });
          expect(compare(q, daily, engine, from, to).slice(0, 10)).toEqual([]);
          expect(metricsFromDailyCells(cells, index, q)).toEqual(daily);
        },
      ),
      { numRuns: 40, seed: 20261127 },
    );
  }, 120_000);

  it("over every calendar month, per manager, exactly", () => {
    const months = [...new Set(days.map((d) => d.slice(0, 7)))];
    for (const m of months) {
      const [y, mo] = m.split("-").map(Number) as [number, number];
      const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
      const q: DailyQuery = { from: `${m}-01`, to: `${next}-01`, groupBy: "manager" };
      const from = fx.calendar.startOfLocalDate(q.from!);
      const to = fx.calendar.startOfLocalDate(q.to!);
      const engine = computeMetricsFromEnriched(fx.data, { from, to, groupBy: "manager" });
      expect([m, compare(q, metricsFromDaily(rows, q), engine, from, to).slice(0, 10)]).toEqual([m, []]);
    }
  }, 60_000);

  it("reads the same in any row order, the snapshot of the latest sync up to `to` among several kept", () => {
    // Three syncs, 20 and 9 days apart: the table keeps each one's snapshot (keepSnapshotHistory).
    const DAY = 86_400_000;
    const nows = [fx.now - 20 * DAY, fx.now - 9 * DAY, fx.now];
    const synced = nows.map((n) => enrichDataset(fx.dataset, fx.settings, fx.calendar, n));
    const syncDays = nows.map((n) => fx.calendar.localDate(n));
    let table = buildDailyRows(synced[0]!, fx.calendar, fx.dataset);
    for (let k = 1; k < nows.length; k++) {
      table = keepSnapshotHistory(table, buildDailyRows(synced[k]!, fx.calendar, fx.dataset), syncDays[k]!);
    }
    // A sheet a person sorted by another column: any order.
    const random = mulberry32(7);
    const shuffled = table
      .map((r) => [random(), r] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, r]) => r);
    const toDay = fc.integer({ min: -30, max: 3 }).map((k) => fx.calendar.localDate(fx.now + k * DAY));
    fc.assert(
      fc.property(
        toDay,
        fc.option(fc.constantFrom(...dims.managers), { nil: undefined }),
        fc.constantFrom(...GROUPS),
        (to, manager, groupBy) => {
          const filters: SliceFilters = manager === undefined ? {} : { managerIds: [manager] };
          const q: DailyQuery = { to, groupBy, filters, metrics: [...SNAPSHOT, "win_rate"] };
          const got = metricsFromDaily(table, q);
          expect(metricsFromDaily(shuffled, q)).toEqual(got);
          // The snapshot: the engine's at the latest sync whose day is ≤ `to` (none: no data).
          const k = syncDays.filter((d) => d <= to).length - 1;
          const snap = (t: MetricsTable) =>
            t.rows.map((r) => [
              r.key,
              ...SNAPSHOT.flatMap((id) => [r.metrics[id]!.numerator, r.metrics[id]!.denominator]),
            ]);
          const department = snap(got)[0]!;
          if (k < 0) {
            expect(department).toEqual([null, 0, 0, 0, 0]);
            return;
          }
          const engine = computeMetricsFromEnriched(synced[k]!, {
            from: Number.NEGATIVE_INFINITY,
            to: Number.POSITIVE_INFINITY,
            filters,
            groupBy,
            metrics: SNAPSHOT,
          });
          // Groups present in the engine by their snapshot: each equal; the others hold none.
          const want = new Map(snap(engine).map((r) => [r[0], r]));
          for (const row of snap(got)) {
            const w = want.get(row[0] as never) ?? [row[0], 0, 0, 0, 0];
            expect([to, row]).toEqual([to, w]);
          }
        },
      ),
      { numRuns: 30, seed: 20261127 },
    );
  }, 120_000);
});
