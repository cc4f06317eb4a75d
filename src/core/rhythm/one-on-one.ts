/**
 * The weekly 1:1: per manager and metric, this week vs last week vs the department (this week) vs
 * the target, whether it deviates (isDeviation, the board's rule) and the deals behind it.
 * Weeks are rolling (periods.ts). Snapshot metrics (next step, stale) exist only "now": their
 * last-week value is null (the History sheet keeps past snapshots).
 */
import { createCalendar } from "../calendar";
import type { WorkCalendar } from "../calendar-types";
import type { EnrichedData } from "../enrich";
import type { MetricsTable } from "../metrics/aggregate";
import { computeMetricsFromEnriched } from "../metrics/compute";
import { isDeviation } from "../metrics/deviation";
import { getMetric, METRICS } from "../metrics/registry";
import type { MetricId, MetricResult } from "../metrics/types";
import type { Settings } from "../settings";
import { type Period, rollingWeeks } from "./periods";
import { LeadLookup, problemLeadIds } from "./problem-leads";
import { assertSameNow } from "./standup";
import { isSnapshotMetric, type Target, targetOf } from "./targets";

export interface OneOnOneRow {
  metricId: MetricId;
  thisWeek: MetricResult | null;
  /** null for snapshot metrics. */
  lastWeek: MetricResult | null;
  /** The department this week. */
  department: MetricResult | null;
  target: Target;
  /** true = breach this week, false = fine, null = no data. */
  deviation: boolean | null;
  /** Change of the value from last week (null when either side has no value). */
  change: number | null;
  /** Deals behind this week's number (MetricResult.leadIds). */
  leadIds: number[];
  /** Of those, the ones that pull it the wrong way (problem-leads.ts); [] when no deviation. */
  deviationLeadIds: number[];
}

export interface OneOnOne {
  managerId: number;
  thisWeek: Period;
  lastWeek: Period;
  rows: OneOnOneRow[];
}

export interface RhythmOptions {
  calendar?: WorkCalendar;
}

/** The 1:1 of one manager. */
export function oneOnOne(
  data: EnrichedData,
  settings: Settings,
  now: number,
  managerId: number,
  opts: RhythmOptions = {},
): OneOnOne {
  return oneOnOneAll(data, settings, now, opts, [managerId])[0]!;
}

/**
 * The 1:1s of several managers (default: every manager with any number in either week), computed
 * with one grouped slice per week.
 */
export function oneOnOneAll(
  data: EnrichedData,
  settings: Settings,
  now: number,
  opts: RhythmOptions = {},
  managerIds?: readonly number[],
): OneOnOne[] {
  assertSameNow(data, now, "1:1");
  const calendar = opts.calendar ?? createCalendar(settings.calendar);
  const { thisWeek, lastWeek } = rollingWeeks(calendar, now);
  const cur = computeMetricsFromEnriched(data, { from: thisWeek.from, to: thisWeek.to, groupBy: "manager" });
  const prev = computeMetricsFromEnriched(data, { from: lastWeek.from, to: lastWeek.to, groupBy: "manager" });
  // The department from its own ungrouped slice: a grouped slice lists its deals group by group,
  // this one in lead order like every other result.
  const dept = computeMetricsFromEnriched(data, { from: thisWeek.from, to: thisWeek.to }).rows[0]!.metrics;
  const ids = managerIds ?? managersOf(cur, prev);
  const lookup = new LeadLookup(data);
  return ids.map((managerId) => ({
    managerId,
    thisWeek,
    lastWeek,
    rows: METRICS.map((m) => {
      const mine = rowOf(cur, managerId)?.[m.id] ?? null;
      const before = isSnapshotMetric(m.id) ? null : (rowOf(prev, managerId)?.[m.id] ?? null);
      const department = dept[m.id] ?? null;
      const deviation = isDeviation(
        getMetric(m.id),
        settings,
        mine?.value ?? null,
        department?.value ?? null,
      );
      const change =
        mine?.value != null && before?.value != null
          ? (mine.value as number) - (before.value as number)
          : null;
      return {
        metricId: m.id,
        thisWeek: mine,
        lastWeek: before,
        department,
        target: targetOf(m.id, settings),
        deviation,
        change,
        leadIds: mine?.leadIds ?? [],
        deviationLeadIds:
          deviation === true && mine ? problemLeadIds(m.id, mine, data, lookup, settings, thisWeek) : [],
      };
    }),
  }));
}

function rowOf(table: MetricsTable, managerId: number) {
  return table.rows.find((r) => r.key === managerId)?.metrics;
}

function managersOf(...tables: MetricsTable[]): number[] {
  const ids = new Set<number>();
  for (const t of tables) for (const r of t.rows) if (typeof r.key === "number") ids.add(r.key);
  return [...ids].sort((a, b) => a - b);
}
