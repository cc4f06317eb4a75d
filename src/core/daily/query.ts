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
import { compareGroupKeys } from "../metrics/group-keys";
import {
  type GroupBy,
  METRIC_IDS,
  type MetricId,
  type MetricResult,
  type SliceFilters,
  type StageResult,
} from "../metrics/types";
import { medianFromBuckets } from "./buckets";
import { isDayText } from "./keys";
import { DailyInputError } from "./messages";
import { DAILY_COLUMN_IDS, type DailyColumnId, type DailyInputRow } from "./parts";
import { type ColumnIndex, type RowFilter, scanDaily } from "./scan";
import { DayShift, Days } from "./scan-cells";
import { AT, countingParts, type PeriodPart, StageBook, type StageSums, type Sums } from "./sums";

export interface DailyQuery {
  /** "yyyy-mm-dd", inclusive; absent = no lower bound. */
  from?: string;
  /** "yyyy-mm-dd", exclusive; absent = no upper bound. */
  to?: string;
  filters?: SliceFilters;
  groupBy?: GroupBy;
  /**
   * Only these metrics (absent = all nine): the result holds only them, and the parts no asked
   * metric needs (the buckets, the stage texts, the snapshot) are not read. Which groups appear
   * follows from the asked metrics' parts, as in the engine.
   */
  metrics?: readonly MetricId[];
}

/** Positions of the columns in the arrays metricsFromDaily makes of row objects. */
const OBJECT_INDEX = Object.fromEntries(DAILY_COLUMN_IDS.map((id, k) => [id, k])) as Record<
  DailyColumnId,
  number
>;

/** The metrics from row objects keyed by column id (buildDailyRows's records, or rows read back). */
export function metricsFromDaily(rows: readonly DailyInputRow[], query: DailyQuery): MetricsTable {
  // One array per row, in DAILY_COLUMN_IDS order: the scan reads rows of cells only.
  const n = DAILY_COLUMN_IDS.length;
  const cells: unknown[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const a: unknown[] = new Array(n);
    for (let k = 0; k < n; k++) a[k] = r[DAILY_COLUMN_IDS[k]!];
    cells[i] = a;
  }
  return metricsFromDailyCells(cells, OBJECT_INDEX, query);
}

/**
 * The same from rows of cells (a sheet range without its header row), given each column's index
 * (tables.ts findColumns; -1 or absent = the column is not there, read as empty), so no object is
 * made per row.
 */
export function metricsFromDailyCells(
  rows: readonly (readonly unknown[])[],
  index: Readonly<Record<DailyColumnId, number>>,
  query: DailyQuery,
): MetricsTable {
  const from = bound(query.from, "from");
  const to = bound(query.to, "to");
  const columns = Object.fromEntries(DAILY_COLUMN_IDS.map((id) => [id, index[id] ?? -1])) as ColumnIndex;
  const wanted = new Set<MetricId>(query.metrics ?? METRIC_IDS);
  const snapshot = wanted.has("next_step_coverage") || wanted.has("stale_share");
  const stages = new StageBook();
  const { department, groups } = scanDaily(
    {
      rows,
      index: columns,
      from,
      to,
      filter: compileFilters(query.filters),
      groupBy: query.groupBy ?? "none",
      buckets: wanted.has("first_response"),
      conversion: wanted.has("stage_conversion"),
      snapshot,
      counts: countingParts(wanted),
    },
    stages,
    new DayShift(),
    new Days(),
  );

  const order = stages.ordered();
  const out: MetricsRow[] = [{ key: null, metrics: results(department, stages, order, wanted) }];
  const present = [...groups].filter(([, g]) => g.present || g.snapshotPresent).map(([key]) => key);
  for (const key of present.sort(compareGroupKeys)) {
    out.push({ key, metrics: results(groups.get(key)!, stages, order, wanted) });
  }
  return { rows: out };
}

function bound(v: string | undefined, name: "from" | "to"): string | null {
  if (v === undefined) return null;
  if (!isDayText(v)) throw new DailyInputError("daily.badPeriod", { bound: name, value: String(v) });
  return v;
}

/**
 * The engine's filter rules (aggregate.ts): an empty list is no filter; a task without a lead has
 * source, segment and class "(none)" and no pipeline, so pipeline and class filters drop it.
 */
function compileFilters(f: SliceFilters | undefined): RowFilter | null {
  if (!f) return null;
  const set = <T>(xs: readonly T[] | undefined): Set<T> | null => (xs && xs.length > 0 ? new Set(xs) : null);
  const filter: RowFilter = {
    managers: set(f.managerIds),
    sources: set(f.sources),
    segments: set(f.segments),
    pipelines: set(f.pipelineIds),
    classes: set<string>(f.leadClasses),
  };
  const any = filter.managers || filter.sources || filter.segments || filter.pipelines || filter.classes;
  return any ? filter : null;
}

function result(num: number, den: number): MetricResult {
  return { value: ratio(num, den), numerator: num, denominator: den, leadIds: [] };
}

/** Overall and per stage, stages in pipeline order (the engine's). */
function perStage(sums: StageSums, stages: StageBook, order: readonly number[]): MetricResult {
  let num = 0;
  let den = 0;
  const byStage: Record<string, StageResult> = {};
  for (const s of order) {
    if (!sums.seen[s]) continue;
    num += sums.num[s]!;
    den += sums.den[s]!;
    byStage[stages.keys[s]!] = result(sums.num[s]!, sums.den[s]!);
  }
  return { ...result(num, den), byStage };
}

function results(
  s: Sums,
  stages: StageBook,
  order: readonly number[],
  wanted: ReadonlySet<MetricId>,
): Partial<Record<MetricId, MetricResult>> {
  const p = (id: PeriodPart) => s.period[AT[id]]!;
  const won = p("won_count");
  const all: Record<MetricId, () => MetricResult> = {
    first_response: () => ({
      ...result(p("first_response_sum_min"), p("first_response_count")),
      median: medianFromBuckets(s.buckets).median,
    }),
    sla_share: () => result(p("sla_met"), p("sla_due")),
    next_step_coverage: () => result(s.nextStepWith, s.nextStepOpen),
    overdue_share: () => result(p("overdue_count"), p("due_count")),
    touches_per_won: () => result(p("touches_to_win_sum"), won),
    stage_conversion: () => perStage(s.conversion, stages, order),
    win_rate: () => result(won, won + p("lost_count")),
    stale_share: () => perStage(s.stale, stages, order),
    revenue: () => ({ value: p("revenue_sum"), numerator: p("revenue_sum"), denominator: won, leadIds: [] }),
  };
  const out: Partial<Record<MetricId, MetricResult>> = {};
  for (const id of METRIC_IDS) if (wanted.has(id)) out[id] = all[id]();
  return out;
}
