/**
 * metricsFromDaily: the nine metrics from amo_daily rows, in the engine's MetricsTable shape
 * (the department row first, then one row per group value present, in the engine's order).
 *
 * - Period parts count on rows whose day is in [from, to) (days "yyyy-mm-dd", to exclusive).
 * - A stage_parts item counts when, besides, it holds first entries (no "@prevDay") or the
 *   previous entry's day is before `from` (build.ts): exactly the engine's count per deal.
 * - Snapshot parts (next_step_coverage, stale_share) come from one snapshot day: the latest day
 *   ≤ `to` (any day when `to` is absent) that holds a snapshot (a row with open deals), chosen
 *   over all rows before filters so that every group reads the same snapshot. None: no data.
 * - Results carry no lead or task ids (the daily table has none; the raw tables do); the
 *   first-response median is estimated from the time buckets (buckets.ts, with its error bound).
 * - A group appears when a row of it counts something in the query (as in the engine, pending
 *   leads and tasks too).
 */
import type { MetricsRow, MetricsTable } from "../metrics/aggregate";
import { ratio } from "../metrics/bucket";
import { compareGroupKeys, type GroupKey } from "../metrics/group-keys";
import type { GroupBy, MetricId, MetricResult, SliceFilters, StageResult } from "../metrics/types";
import { NONE } from "../model";
import { medianFromBuckets } from "./buckets";
import { isDayText } from "./keys";
import { DailyInputError } from "./messages";
import type { DailyColumnId, DailyInputRow } from "./parts";
import { DailyCells, type DailyColumnPositions, ROW_OBJECT } from "./read";
import { AT, type PeriodPart, RowReader, type StageSums, Sums } from "./sums";

export interface DailyQuery {
  /** "yyyy-mm-dd", inclusive; absent = no lower bound. */
  from?: string;
  /** "yyyy-mm-dd", exclusive; absent = no upper bound. */
  to?: string;
  filters?: SliceFilters;
  groupBy?: GroupBy;
}

/** The metrics from row objects keyed by column id (buildDailyRows's records, or rows read back). */
export function metricsFromDaily(rows: readonly DailyInputRow[], query: DailyQuery): MetricsTable {
  return metricsFromRows(rows, ROW_OBJECT, query);
}

/**
 * The same from rows of cells (a sheet range without its header row), given each column's index
 * (tables.ts findColumns; -1 = absent, read as empty), so no object is made per row.
 */
export function metricsFromDailyCells(
  rows: readonly (readonly unknown[])[],
  index: Readonly<Record<DailyColumnId, number>>,
  query: DailyQuery,
): MetricsTable {
  return metricsFromRows(rows, index, query);
}

function metricsFromRows(
  rows: readonly object[],
  positions: DailyColumnPositions,
  query: DailyQuery,
): MetricsTable {
  const from = bound(query.from, "from");
  const to = bound(query.to, "to");
  const c = new DailyCells(positions);
  const snapshotDay = findSnapshotDay(rows, to, c);
  const accept = compileFilters(query.filters);
  const groupBy = query.groupBy ?? "none";

  const department = new Sums();
  const groups = new Map<GroupKey, Sums>();
  const reader = new RowReader(c, from);
  for (let i = 0; i < rows.length; i++) {
    c.at(rows[i]!, i);
    const day = c.day("day");
    const inPeriod = (from === null || day >= from) && (to === null || day < to);
    const isSnapshot = day === snapshotDay;
    if (!inPeriod && !isSnapshot) continue;
    const managerId = c.number("manager_id");
    const source = c.text("source");
    const segment = c.text("segment");
    const leadClass = c.text("lead_class");
    const pipelineId = c.optionalNumber("pipeline_id");
    if (accept !== null && !accept(managerId, source, segment, leadClass, pipelineId)) continue;
    let group: Sums | null = null;
    if (groupBy !== "none") {
      const key: GroupKey =
        groupBy === "manager"
          ? managerId
          : groupBy === "source"
            ? source
            : groupBy === "segment"
              ? segment
              : groupBy === "leadClass"
                ? leadClass
                : (pipelineId ?? NONE);
      group = groups.get(key) ?? null;
      if (group === null) {
        group = new Sums();
        groups.set(key, group);
      }
    }
    if (reader.add(inPeriod, isSnapshot, department, group) && group !== null) group.present = true;
  }

  const out: MetricsRow[] = [{ key: null, metrics: results(department) }];
  const present = [...groups].filter(([, g]) => g.present).map(([key]) => key);
  for (const key of present.sort(compareGroupKeys)) {
    out.push({ key, metrics: results(groups.get(key)!) });
  }
  return { rows: out };
}

function bound(v: string | undefined, name: "from" | "to"): string | null {
  if (v === undefined) return null;
  if (!isDayText(v)) throw new DailyInputError("daily.badPeriod", { bound: name, value: String(v) });
  return v;
}

/** The latest day ≤ `to` holding open deals of a snapshot, over all rows; null when none. */
function findSnapshotDay(rows: readonly object[], to: string | null, c: DailyCells): string | null {
  let best: string | null = null;
  for (let i = 0; i < rows.length; i++) {
    c.at(rows[i]!, i);
    const day = c.day("day");
    if ((to !== null && day > to) || (best !== null && day <= best)) continue;
    if (c.part("next_step_open") > 0 || c.packed("stale_parts") !== "") best = day;
  }
  return best;
}

type Filter = (
  manager: number,
  source: string,
  segment: string,
  cls: string,
  pipeline: number | null,
) => boolean;

/**
 * The engine's filter rules (aggregate.ts): an empty list is no filter; a task without a lead has
 * source, segment and class "(none)" and no pipeline, so pipeline and class filters drop it.
 */
function compileFilters(f: SliceFilters | undefined): Filter | null {
  if (!f) return null;
  const set = <T>(xs: readonly T[] | undefined): Set<T> | null => (xs && xs.length > 0 ? new Set(xs) : null);
  const managers = set(f.managerIds);
  const sources = set(f.sources);
  const segments = set(f.segments);
  const pipelines = set(f.pipelineIds);
  const classes = set<string>(f.leadClasses);
  if (!managers && !sources && !segments && !pipelines && !classes) return null;
  return (m, source, segment, cls, pipeline) =>
    (managers === null || managers.has(m)) &&
    (sources === null || sources.has(source)) &&
    (segments === null || segments.has(segment)) &&
    (pipelines === null || (pipeline !== null && pipelines.has(pipeline))) &&
    (classes === null || classes.has(cls));
}

function result(num: number, den: number): MetricResult {
  return { value: ratio(num, den), numerator: num, denominator: den, leadIds: [] };
}

/** Overall and per stage, stages in pipeline order (the engine's). */
function perStage(map: Map<string, StageSums>): MetricResult {
  let num = 0;
  let den = 0;
  const byStage: Record<string, StageResult> = {};
  const ordered = [...map.entries()].sort(
    ([, a], [, b]) => a.pipelineId - b.pipelineId || a.order - b.order || a.statusId - b.statusId,
  );
  for (const [key, st] of ordered) {
    num += st.num;
    den += st.den;
    byStage[key] = result(st.num, st.den);
  }
  return { ...result(num, den), byStage };
}

function results(s: Sums): Partial<Record<MetricId, MetricResult>> {
  const p = (id: PeriodPart) => s.period[AT[id]]!;
  const won = p("won_count");
  return {
    first_response: {
      ...result(p("first_response_sum_min"), p("first_response_count")),
      median: medianFromBuckets(s.buckets).median,
    },
    sla_share: result(p("sla_met"), p("sla_due")),
    next_step_coverage: result(s.nextStepWith, s.nextStepOpen),
    overdue_share: result(p("overdue_count"), p("due_count")),
    touches_per_won: result(p("touches_to_win_sum"), won),
    stage_conversion: perStage(s.conversion),
    win_rate: result(won, won + p("lost_count")),
    stale_share: perStage(s.stale),
    revenue: { value: p("revenue_sum"), numerator: p("revenue_sum"), denominator: won, leadIds: [] },
  };
}
