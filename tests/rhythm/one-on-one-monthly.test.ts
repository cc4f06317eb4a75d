/**
 * The 1:1 and the monthly review on the default scenario: every figure equals the engine's
 * computeMetricsFromEnriched for the same slice (periods written out here by hand, not taken from
 * periods.ts), deviations follow isDeviation, the deals behind a deviation are the right ones, and
 * loss reasons are counted from the generator's raw leads.
 */
import { describe, expect, it } from "vitest";
import { computeMetricsFromEnriched } from "../../src/core/metrics/compute";
import { isDeviation } from "../../src/core/metrics/deviation";
import { getMetric, METRICS } from "../../src/core/metrics/registry";
import type { MetricId } from "../../src/core/metrics/types";
import { monthlyReview, oneOnOne, oneOnOneAll } from "../../src/core/rhythm";
import { generated } from "../support/generated";
import { diffRatio, monthRange } from "../support/truth";

const g = generated();
const day = (d: string) => g.calendar.startOfLocalDate(d);
// The demo's now is Saturday 2026-10-31 18:00 Moscow: this week = Oct 25–31, last week = Oct 18–24.
const THIS_WEEK = { from: day("2026-10-25"), to: day("2026-11-01") };
const LAST_WEEK = { from: day("2026-10-18"), to: day("2026-10-25") };
const SNAPSHOT: MetricId[] = ["next_step_coverage", "stale_share"];

function engine(period: { from: number; to: number }, managerId?: number) {
  const filters = managerId === undefined ? {} : { filters: { managerIds: [managerId] } };
  return computeMetricsFromEnriched(g.data, { ...period, ...filters }).rows[0]!.metrics;
}

describe("1:1", () => {
  const managers = g.truth.managers.map((m) => m.id);

  it("this week, last week and the department equal the engine's slices, for every manager", () => {
    const all = oneOnOneAll(g.data, g.settings, g.now);
    expect(all.map((o) => o.managerId)).toEqual([...managers].sort((a, b) => a - b));
    const dept = engine(THIS_WEEK);
    for (const one of all) {
      expect(one.thisWeek.from).toBe(THIS_WEEK.from);
      expect(one.lastWeek.to).toBe(LAST_WEEK.to);
      const cur = engine(THIS_WEEK, one.managerId);
      const prev = engine(LAST_WEEK, one.managerId);
      for (const r of one.rows) {
        expect(r.thisWeek).toEqual(cur[r.metricId]);
        expect(r.department).toEqual(dept[r.metricId]);
        expect(r.lastWeek).toEqual(SNAPSHOT.includes(r.metricId) ? null : prev[r.metricId]);
        expect(r.deviation).toBe(
          isDeviation(getMetric(r.metricId), g.settings, cur[r.metricId]!.value, dept[r.metricId]!.value),
        );
        expect(r.leadIds).toEqual(cur[r.metricId]!.leadIds);
      }
    }
  });

  it("the deals behind a deviation are the deals behind the number that pull it the wrong way", () => {
    const byId = new Map(g.data.leads.map((l) => [l.id, l]));
    const seen = new Set<MetricId>();
    for (const one of oneOnOneAll(g.data, g.settings, g.now)) {
      for (const r of one.rows) {
        if (r.deviation !== true) {
          expect(r.deviationLeadIds).toEqual([]);
          continue;
        }
        seen.add(r.metricId);
        const behind = new Set(r.leadIds);
        for (const id of r.deviationLeadIds) expect(behind.has(id)).toBe(true);
        const leads = r.deviationLeadIds.map((id) => byId.get(id)!);
        const all = r.leadIds.map((id) => byId.get(id)!);
        const t = g.settings.thresholds;
        if (r.metricId === "sla_share")
          expect(r.deviationLeadIds).toEqual(all.filter((l) => l.slaStatus === "breached").map((l) => l.id));
        if (r.metricId === "next_step_coverage")
          expect(r.deviationLeadIds).toEqual(all.filter((l) => !l.hasNextStep).map((l) => l.id));
        if (r.metricId === "stale_share")
          expect(r.deviationLeadIds).toEqual(all.filter((l) => l.isStale).map((l) => l.id));
        if (r.metricId === "win_rate") expect(leads.every((l) => l.isLostAtNow)).toBe(true);
        if (r.metricId === "first_response")
          expect(r.deviationLeadIds).toEqual(
            all.filter((l) => l.firstResponseMinutes > t.firstResponseMinutes).map((l) => l.id),
          );
        if (r.metricId === "overdue_share") expect(r.deviationLeadIds.length).toBeGreaterThan(0);
      }
    }
    // The scenario's last week has deviations of several kinds.
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it("oneOnOne(managerId) is that manager's part of the whole", () => {
    const id = managers[3]!;
    const one = oneOnOne(g.data, g.settings, g.now, id);
    expect(one).toEqual(oneOnOneAll(g.data, g.settings, g.now).find((o) => o.managerId === id));
  });
});

describe("monthly review", () => {
  const review = monthlyReview(g.data, g.settings, g.now);

  it("compares the six months May–October, each equal to the engine and to the planted truth", () => {
    expect(review.months).toEqual(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    review.months.forEach((m, i) => {
      const range = monthRange(g.calendar, m);
      expect(review.department[i]!.metrics).toEqual(engine(range));
      const truth = g.truth.byMonth[m]!;
      for (const id of ["sla_share", "win_rate", "revenue", "overdue_share", "touches_per_won"] as const) {
        expect(diffRatio(`${m} ${id}`, review.department[i]!.metrics[id], truth[id])).toEqual([]);
      }
    });
  });

  it("managers this month vs last month equal the engine's slices", () => {
    const sep = monthRange(g.calendar, "2026-09");
    const oct = monthRange(g.calendar, "2026-10");
    expect(review.byManager.length).toBe(g.truth.managers.length);
    for (const row of review.byManager) {
      expect(row.current).toEqual(engine(oct, row.managerId));
      expect(row.previous).toEqual(engine(sep, row.managerId));
    }
  });

  it("loss reasons of September and October, and the deals lost without a reason, counted from the raw leads", () => {
    const months = {
      "2026-09": monthRange(g.calendar, "2026-09"),
      "2026-10": monthRange(g.calendar, "2026-10"),
    };
    const count = new Map<string, { previous: number; current: number }>();
    const without: number[] = [];
    for (const l of g.raw.leads) {
      if (l["is_deleted"] === true || l["status_id"] !== 143) continue;
      const at = (l["closed_at"] as number) * 1000;
      const inPrev = at >= months["2026-09"].from && at < months["2026-09"].to;
      const inCur = at >= months["2026-10"].from && at < months["2026-10"].to;
      if (!inPrev && !inCur) continue;
      const key = String(l["loss_reason_id"] ?? "none");
      const c = count.get(key) ?? { previous: 0, current: 0 };
      if (inPrev) c.previous++;
      else c.current++;
      count.set(key, c);
      if (l["loss_reason_id"] === null || l["loss_reason_id"] === undefined) without.push(l["id"] as number);
    }
    const got = new Map(review.lossReasons.map((r) => [String(r.reasonId ?? "none"), r]));
    expect([...got.keys()].sort()).toEqual([...count.keys()].sort());
    for (const [key, c] of count) {
      expect([got.get(key)!.previous, got.get(key)!.current, got.get(key)!.change]).toEqual([
        c.previous,
        c.current,
        c.current - c.previous,
      ]);
    }
    expect([...review.lostWithoutReason].sort()).toEqual(without.sort());
    // Lost deals per month equal win_rate's lost part.
    const lostOct = review.lossReasons.reduce((a, r) => a + r.current, 0);
    const wr = review.department[5]!.metrics.win_rate!;
    expect(lostOct).toBe(wr.denominator - wr.numerator);
  });

  it("lists the settings in force", () => {
    const byKey = new Map(review.settings.map((e) => [e.key, e.value]));
    expect(byKey.get("sla.hotMinutes")).toBe(10);
    expect(byKey.get("thresholds.slaShare")).toBe(0.85);
    expect(byKey.get("calendar.timezone")).toBe("Europe/Moscow");
    expect(byKey.get("maxLossReasons")).toBe(10);
  });

  it("all nine metrics are in every month", () => {
    for (const row of review.department)
      expect(Object.keys(row.metrics).sort()).toEqual(METRICS.map((m) => m.id).sort());
  });
});
