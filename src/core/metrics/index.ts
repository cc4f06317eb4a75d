/** The metric engine's public API. */
export { type AggregateQuery, aggregate, type MetricsRow, type MetricsTable } from "./aggregate";
export { median, ratio } from "./bucket";
export {
  type ComputeMetricsInput,
  computeMetrics,
  computeMetricsFromEnriched,
  type EnrichedQuery,
  type PeriodBound,
  prepareMetricFacts,
  toInstant,
} from "./compute";
export { isDeviation } from "./deviation";
export {
  type Dimension,
  type DimensionColumn,
  type FactBase,
  type FactSource,
  type FactTable,
  FLAG_ABSENT,
  FLAG_CENSORED,
  FLAG_NONE,
  FLAG_PENDING,
  factBaseOf,
  LeadFacts,
  TaskFacts,
} from "./facts";
export { compareGroupKeys, type GroupKey } from "./group-keys";
export { getMetric, METRICS, PERIOD_ADDITIVE_METRICS } from "./registry";
export type { StageEntryTable } from "./stage-entries";
export { StageIndex, type StageInfo } from "./stages";
export * from "./types";
