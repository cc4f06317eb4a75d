/**
 * The planted truth agrees with what the emitted API objects say, recomputed independently in the
 * test (api-metrics.ts reads only AccountData; it shares no code with the planner or the truth).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AccountData } from "../../local/amo-sandbox/account-data";
import {
  generateAccount,
  type MetricParts,
  type PlantedTruth,
} from "../../local/amo-sandbox/generator/index";
import { type ApiMetrics, computeFromApi, monthOf, type Parts } from "./api-metrics";

/** The truth's parts in the test's terms (numerators and denominators). */
function expectParts(label: string, t: MetricParts, p: Parts | undefined): void {
  const q = p ?? ({ stages: {}, frValues: [] } as unknown as Parts);
  const n = (x: number | undefined) => x ?? 0;
  expect({
    label,
    frSum: t.first_response.numerator,
    frCount: t.first_response.denominator,
    met: t.sla_share.numerator,
    metBreached: t.sla_share.denominator,
    pending: t.sla_share.pending,
    overdue: t.overdue_share.numerator,
    due: t.overdue_share.denominator,
    taskPending: t.overdue_share.pending,
    won: t.win_rate.numerator,
    closed: t.win_rate.denominator,
    wonTouches: t.touches_per_won.numerator,
    revenue: t.revenue.numerator,
  }).toEqual({
    label,
    frSum: n(q.frSum),
    frCount: n(q.frCount),
    met: n(q.met),
    metBreached: n(q.met) + n(q.breached),
    pending: n(q.pending),
    overdue: n(q.overdue),
    due: n(q.due),
    taskPending: n(q.taskPending),
    won: n(q.won),
    closed: n(q.won) + n(q.lost),
    wonTouches: n(q.wonTouches),
    revenue: n(q.revenue),
  });
  for (const [key, r] of Object.entries(t.stage_conversion.byStage)) {
    const s = q.stages[key] ?? { entered: 0, converted: 0 };
    expect({ label, key, num: r.numerator, den: r.denominator }).toEqual({
      label,
      key,
      num: s.converted,
      den: s.entered,
    });
  }
  const sorted = [...(q.frValues ?? [])].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0
      ? null
      : sorted.length % 2
        ? sorted[mid]
        : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  expect({ label, median: t.first_response.median }).toEqual({ label, median });
}

describe.each([
  { scenario: "default", seed: 7 },
  { scenario: "small", seed: 3 },
])(
  "planted truth = KPI parts recomputed from the API objects ($scenario, seed $seed)",
  ({ scenario, seed }) => {
    let data: AccountData;
    let truth: PlantedTruth;
    let api: ApiMetrics;

    beforeAll(() => {
      ({ data, truth } = generateAccount({ seed, scenario }));
      api = computeFromApi(data, truth.nowUnix, truth.holidays);
    });

    it("win rate and revenue per month straight from the leads (status_id, closed_at, price, Moscow month)", () => {
      const won: Record<string, number> = {};
      const closed: Record<string, number> = {};
      const revenue: Record<string, number> = {};
      for (const l of data.leads) {
        if (l["is_deleted"] === true || l["closed_at"] === null) continue;
        const m = monthOf(l["closed_at"] as number);
        closed[m] = (closed[m] ?? 0) + 1;
        if (l["status_id"] === 142) {
          won[m] = (won[m] ?? 0) + 1;
          revenue[m] = (revenue[m] ?? 0) + (l["price"] as number);
        }
      }
      for (const m of truth.months) {
        const p = truth.byMonth[m] as MetricParts;
        expect(p.win_rate.numerator).toBe(won[m] ?? 0);
        expect(p.win_rate.denominator).toBe(closed[m] ?? 0);
        expect(p.win_rate.value).toBe(closed[m] ? (won[m] ?? 0) / (closed[m] as number) : null);
        expect(p.revenue.value).toBe(revenue[m] ?? 0);
        expect(p.revenue.denominator).toBe(won[m] ?? 0);
      }
    });

    it("every metric per month for the department", () => {
      for (const m of truth.months) expectParts(`dept ${m}`, truth.byMonth[m] as MetricParts, api.byMonth[m]);
    });

    it("every metric per manager and month (managers add up to the department)", () => {
      for (const mgr of truth.managers) {
        for (const m of truth.months) {
          expectParts(
            `${mgr.id} ${m}`,
            truth.byManagerMonth[mgr.id]?.[m] as MetricParts,
            api.byManagerMonth[mgr.id]?.[m],
          );
        }
      }
      for (const m of truth.months) {
        const sum = truth.managers.reduce(
          (s, mgr) => s + (truth.byManagerMonth[mgr.id]?.[m]?.sla_share.numerator ?? 0),
          0,
        );
        expect(sum).toBe(truth.byMonth[m]?.sla_share.numerator);
      }
    });

    it("every metric per source and month", () => {
      for (const [source, months] of Object.entries(truth.bySourceMonth)) {
        for (const m of truth.months)
          expectParts(`${source} ${m}`, months[m] as MetricParts, api.bySourceMonth[source]?.[m]);
      }
    });

    it("the snapshot at now: next-step coverage and stale share per stage", () => {
      const check = (
        label: string,
        t: PlantedTruth["snapshot"]["department"],
        s: ApiMetrics["snapshot"]["department"] | undefined,
      ) => {
        expect({
          label,
          open: t.next_step_coverage.denominator,
          withTask: t.next_step_coverage.numerator,
        }).toEqual({
          label,
          open: s?.open ?? 0,
          withTask: s?.withTask ?? 0,
        });
        for (const [key, r] of Object.entries(t.stale_share.byStage)) {
          const st = s?.stages[key] ?? { open: 0, stale: 0 };
          expect({ label, key, open: r.denominator, stale: r.numerator }).toEqual({
            label,
            key,
            open: st.open,
            stale: st.stale,
          });
        }
      };
      check("dept", truth.snapshot.department, api.snapshot.department);
      for (const mgr of truth.managers)
        check(String(mgr.id), truth.snapshot.byManager[mgr.id] as never, api.snapshot.byManager[mgr.id]);
      expect(truth.counts.openAtNow).toBe(truth.snapshot.department.next_step_coverage.denominator);
      expect(truth.counts.openWithoutNextStep).toBe(
        truth.snapshot.department.next_step_coverage.denominator -
          truth.snapshot.department.next_step_coverage.numerator,
      );
    });

    it("task completion time: the task_completed event and updated_at agree", () => {
      const completed = new Map<number, number>();
      for (const e of data.events)
        if (e["type"] === "task_completed")
          completed.set(e["entity_id"] as number, e["created_at"] as number);
      let n = 0;
      for (const t of data.tasks) {
        if (t["is_completed"] !== true) {
          expect(completed.has(t["id"] as number)).toBe(false);
          continue;
        }
        expect(completed.get(t["id"] as number)).toBe(t["updated_at"]);
        n++;
      }
      expect(n).toBeGreaterThan(scenario === "default" ? 1000 : 50);
    });
  },
);
