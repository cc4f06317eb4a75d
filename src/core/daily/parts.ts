/**
 * The columns of the daily facts table (amo_daily, docs/daily.md): the dimensions of a row and the
 * additive parts of each metric. The sheet's TableDef (src/sheets/daily-table.ts) adds headers to
 * these ids; the core owns the ids so that building and reading rows never depend on the sheet.
 */

/** Dimension columns: who, what and when a row is about (names only for people filtering the sheet). */
export const DAILY_DIMENSION_IDS = [
  "key",
  "day",
  "span_days",
  "manager_id",
  "manager",
  "source",
  "segment",
  "lead_class",
  "pipeline_id",
  "pipeline",
] as const;

/**
 * Additive parts, as numbers. Each is a sum of the engine's facts (src/core/metrics/facts.ts) of
 * one metric whose deciding instant falls on the row's day (on a month row: in its days, the
 * totals of its breakdown); snapshot parts hold the snapshot taken that day (on a month row: the
 * latest in it).
 */
export const DAILY_NUMBER_PART_IDS = [
  // first_response: Σ business minutes and the number of leads (censored ones included), and the
  // censored (unanswered) ones alone.
  "first_response_sum_min",
  "first_response_count",
  "first_response_censored",
  // sla_share: met ÷ due (met + breached); pending leads are excluded and only counted.
  "sla_met",
  "sla_due",
  "sla_pending",
  // next_step_coverage (snapshot): open deals with an open task ÷ open deals.
  "next_step_with",
  "next_step_open",
  // overdue_share: overdue ÷ due tasks; pending tasks are excluded and only counted.
  "overdue_count",
  "due_count",
  "overdue_pending",
  // touches_per_won: Σ touches to the win ÷ won_count.
  "touches_to_win_sum",
  // win_rate: won ÷ (won + lost); won_count is also touches_per_won's and revenue's denominator.
  "won_count",
  "lost_count",
  // revenue: Σ price of the won deals (÷ won_count = mean deal size).
  "revenue_sum",
] as const;

/**
 * Parts packed as text (packed.ts), so that a row needs no column per bucket or per stage:
 * - frt_buckets: first-response leads per time bucket (buckets.ts), "lo:count;…";
 * - stage_parts: stage_conversion per stage, "pipeline:status#order[@prevDay]=converted/entered;…";
 * - stale_parts: stale_share per stage (snapshot), "pipeline:status#order=stale/open;…".
 * - by_day: on a row of several days, each day's parts (by-day.ts); "" on a day row.
 */
export const DAILY_TEXT_PART_IDS = ["frt_buckets", "stage_parts", "stale_parts", "by_day"] as const;

export type DailyDimensionId = (typeof DAILY_DIMENSION_IDS)[number];
export type DailyNumberPartId = (typeof DAILY_NUMBER_PART_IDS)[number];
export type DailyTextPartId = (typeof DAILY_TEXT_PART_IDS)[number];
export type DailyColumnId = DailyDimensionId | DailyNumberPartId | DailyTextPartId;

export const DAILY_COLUMN_IDS: readonly DailyColumnId[] = [
  ...DAILY_DIMENSION_IDS,
  ...DAILY_NUMBER_PART_IDS,
  ...DAILY_TEXT_PART_IDS,
];

/** A row's dimensions as buildDailyRows writes them. */
export interface DailyDimensions {
  /** "day|manager_id|source|segment|lead_class|pipeline_id" (keys.ts). */
  key: string;
  /**
   * The local day "yyyy-mm-dd" (account calendar's timezone) of the facts' deciding instant; on a
   * month row (by_day not empty) the month's first day.
   */
  day: string;
  /**
   * How many days the row covers from `day`: 1 on a day row, the month's length on a month row
   * (month-rows.ts). A table written before this column had week rows: a row with a breakdown and
   * no span covers 7 days (scan.ts).
   */
  span_days: number;
  manager_id: number;
  /** The user's name when known, else "". */
  manager: string;
  /** "(none)" when empty (and for a task without a lead). */
  source: string;
  segment: string;
  /** hot / warm / cold; "(none)" for a task without a lead. */
  lead_class: string;
  /** The lead's current pipeline; null for a task without a lead. */
  pipeline_id: number | null;
  /** The pipeline's name when known, else ""; "(none)" for a task without a lead. */
  pipeline: string;
}

/** One row of amo_daily as built: plain values keyed by the column ids. */
export type DailyRecord = DailyDimensions &
  Record<DailyNumberPartId, number> &
  Record<DailyTextPartId, string>;

/**
 * A row with these dimensions and every part zero / empty: one literal with every column, so all
 * rows share one object shape (no keyed access in the hot loops: measured in month-rows.ts).
 */
export function emptyDailyRecord(d: DailyDimensions): DailyRecord {
  return {
    key: d.key,
    day: d.day,
    span_days: d.span_days,
    manager_id: d.manager_id,
    manager: d.manager,
    source: d.source,
    segment: d.segment,
    lead_class: d.lead_class,
    pipeline_id: d.pipeline_id,
    pipeline: d.pipeline,
    first_response_sum_min: 0,
    first_response_count: 0,
    first_response_censored: 0,
    sla_met: 0,
    sla_due: 0,
    sla_pending: 0,
    next_step_with: 0,
    next_step_open: 0,
    overdue_count: 0,
    due_count: 0,
    overdue_pending: 0,
    touches_to_win_sum: 0,
    won_count: 0,
    lost_count: 0,
    revenue_sum: 0,
    frt_buckets: "",
    stage_parts: "",
    stale_parts: "",
    by_day: "",
  };
}

/** A row as read back (e.g. from the sheet): any column may be missing or empty; checked on use. */
export type DailyInputRow = { readonly [K in DailyColumnId]?: unknown };
