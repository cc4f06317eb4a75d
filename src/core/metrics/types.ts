/**
 * The metric registry's vocabulary: ids, definitions, facts and results.
 *
 * A metric turns enriched leads (or tasks, or stage entries) into facts — one item's additive
 * part (num, den) with the dimensions it is sliced by (facts.ts) — and a slice sums facts. Every
 * numerator and denominator is therefore a sum over items, so managers add up to the department
 * by construction.
 */
import type { EnrichedData } from "../enrich";
import type { LeadClass } from "../model";
import type { Settings } from "../settings";
import type { FactSource } from "./facts";

export const METRIC_IDS = [
  "first_response",
  "sla_share",
  "next_step_coverage",
  "overdue_share",
  "touches_per_won",
  "stage_conversion",
  "win_rate",
  "stale_share",
  "revenue",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export type MetricUnit = "minutes" | "share" | "count" | "money";
export type MetricDirection = "lower_better" | "higher_better" | "range" | "compare";
/** The event that puts an item in the period; "snapshot" metrics ignore the period. */
export type PeriodBy = "created" | "snapshot" | "due" | "won" | "entered_stage" | "closed";

export interface Threshold {
  /** Breach below. */
  min?: number;
  /** Breach above. */
  max?: number;
  /** Compared with the department's value for the same slice: breach when below it by more than gapPp. */
  vsDepartment?: boolean;
  /** Percentage points (with vsDepartment). */
  gapPp?: number;
}

export interface Localized {
  ru: string;
  en: string;
}

export interface StageResult {
  value: number | null;
  numerator: number;
  denominator: number;
  leadIds: number[];
}

export interface MetricResult {
  /** null when the denominator is 0 (revenue: the sum, 0 with no won deals). */
  value: number | null;
  numerator: number;
  denominator: number;
  /**
   * The deals behind numerator and denominator, each once, in lead order; in the department row
   * of a grouped slice, the groups' lists one after another (in row order).
   */
  leadIds: number[];
  /** overdue_share: the tasks behind it, grouped by lead (tasks without a lead first). */
  taskIds?: number[];
  /** first_response. */
  median?: number | null;
  /** first_response: unanswered leads counted with their time so far. */
  censoredLeadIds?: number[];
  /** sla_share: unanswered leads still inside their deadline (excluded). */
  pendingLeadIds?: number[];
  /** overdue_share: open tasks with the deadline ahead (excluded). */
  pendingTaskIds?: number[];
  /** stage_conversion, stale_share: per "pipelineId:statusId", in pipeline order. */
  byStage?: Record<string, StageResult>;
}

export type GroupBy = "manager" | "source" | "segment" | "pipeline" | "leadClass" | "none";

export interface SliceFilters {
  managerIds?: readonly number[];
  /** "(none)" selects leads without a source (and tasks without a lead). */
  sources?: readonly string[];
  segments?: readonly string[];
  /** Excludes tasks not attached to a lead. */
  pipelineIds?: readonly number[];
  /** Excludes tasks not attached to a lead. */
  leadClasses?: readonly LeadClass[];
}

/** A slice of enriched data: the period plus optional filters. */
export interface SliceQuery {
  from: number;
  to: number;
  filters?: SliceFilters;
}

export interface MetricSpec {
  id: MetricId;
  title: Localized;
  description: Localized;
  unit: MetricUnit;
  direction: MetricDirection;
  periodBy: PeriodBy;
  threshold(settings: Settings): Threshold;
  /** "ratio": value = num ÷ den (a mean or a share); "sum": value = num. */
  value: "ratio" | "sum";
  /** Report the median of the counted facts' num (first_response: the per-lead minutes). */
  median?: boolean;
  /** Facts carry a stage; results carry byStage. */
  perStage?: boolean;
  /** Facts are tasks: results carry taskIds (and pendingTaskIds with `pending`). */
  tasks?: boolean;
  /** Some facts are pending (excluded, listed): results carry pendingLeadIds or pendingTaskIds. */
  pending?: boolean;
  /** Where the metric's facts come from and how one item becomes facts (facts.ts). */
  facts: FactSource;
}

export interface MetricDefinition extends MetricSpec {
  /** The department-level result for one slice (no grouping). */
  compute(data: EnrichedData, query: SliceQuery): MetricResult;
}
