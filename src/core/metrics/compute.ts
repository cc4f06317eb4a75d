/**
 * The engine's entry points: enrich once, then slice the nine metrics by period, filters and one
 * grouping dimension. Rows: the department first, then one row per group value present.
 */
import type { WorkCalendar } from "../calendar-types";
import { type EnrichedData, enrichDataset } from "../enrich";
import type { Dataset } from "../model";
import type { Settings } from "../settings";
import { type AggregateQuery, aggregate, type MetricsTable } from "./aggregate";
import { type FactBase, factBaseOf } from "./facts";
import { getMetric, METRICS } from "./registry";
import type { GroupBy, MetricId, SliceFilters } from "./types";

/** An instant (epoch ms) or a text the calendar parses: "YYYY-MM-DD" (local midnight) or ISO date-time. */
export type PeriodBound = number | string;

export interface ComputeMetricsInput {
  dataset: Dataset;
  settings: Settings;
  calendar: WorkCalendar;
  now: number;
  from: PeriodBound;
  /** Exclusive. */
  to: PeriodBound;
  filters?: SliceFilters;
  groupBy?: GroupBy;
  /** Default: all nine. */
  metrics?: readonly MetricId[];
}

export interface EnrichedQuery extends AggregateQuery {
  metrics?: readonly MetricId[];
}

export function computeMetrics(input: ComputeMetricsInput): MetricsTable {
  const data = enrichDataset(input.dataset, input.settings, input.calendar, input.now);
  const query: EnrichedQuery = {
    from: toInstant(input.from, input.calendar),
    to: toInstant(input.to, input.calendar),
  };
  if (input.filters) query.filters = input.filters;
  if (input.groupBy) query.groupBy = input.groupBy;
  if (input.metrics) query.metrics = input.metrics;
  return computeMetricsFromEnriched(data, query);
}

/**
 * Build the facts of all nine metrics for `data` now (otherwise the first slice builds the ones it
 * needs). They are cached with `data`: every later slice of it only scans them.
 */
export function prepareMetricFacts(data: EnrichedData): FactBase {
  return factBaseOf(data, METRICS);
}

/** Slice already enriched data (enrichDataset), so repeated slicing does not re-enrich. */
export function computeMetricsFromEnriched(data: EnrichedData, query: EnrichedQuery): MetricsTable {
  const specs = query.metrics ? query.metrics.map(getMetric) : METRICS;
  return aggregate(specs, data, query);
}

export function toInstant(bound: PeriodBound, calendar: WorkCalendar): number {
  return typeof bound === "number" ? bound : calendar.parseLocal(bound);
}
