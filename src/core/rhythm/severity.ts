/**
 * The stand-up's severity score: why a deal deserves the team's attention this morning, in points,
 * times a budget weight. The formula is the contract (docs/rhythm.md repeats it; tests recompute it
 * from the generator's truth):
 *
 *   score = (Σ points of the deal's reasons) × (1 + log10(1 + price / median price))
 *
 * Reasons, for deals open at `now` only (a closed deal is nothing to act on):
 * - `sla_unanswered` 50 — a fresh lead (created at most FRESH_WORKING_DAYS working days of
 *   business time ago) past its SLA deadline with no first touch yet;
 * - `sla_late` 15 — a fresh lead answered after its deadline (the why is worth a word; nothing to
 *   rescue);
 * - `no_next_step` 30 — no open task on the deal;
 * - `stale` 20 × min(2, days in stage ÷ control period) — past its stage's control period, more
 *   points the longer it is stuck (capped at 2× the period: 40, so a stuck deal never outweighs a
 *   client nobody has called back);
 * - `overdue_task` 25 — at least one open task on the deal past its deadline.
 * (no_next_step and overdue_task exclude each other: an overdue open task is still a next step.)
 *
 * Budget weight: the median is over the positive prices of the deals open at `now`; a deal without
 * a price (or no median) weighs 1; a deal at the median weighs 1.30, ten times the median 2.04.
 */

export const FRESH_WORKING_DAYS = 2;

export const POINTS = {
  sla_unanswered: 50,
  sla_late: 15,
  no_next_step: 30,
  /** Per control period spent in the stage, up to STALE_CAP periods. */
  stale: 20,
  overdue_task: 25,
} as const;

export const STALE_CAP = 2;

export type ReasonCode = keyof typeof POINTS;

export interface StandupReason {
  code: ReasonCode;
  points: number;
  /** sla_*: the deadline (epoch ms). */
  slaDeadline?: number;
  /** stale: days in the current stage and the stage's control period, calendar days. */
  daysInStage?: number;
  controlPeriodDays?: number;
  /** overdue_task: open tasks past their deadline, and the earliest deadline. */
  overdueTasks?: number;
  oldestDueAt?: number;
}

/** Points for a deal stuck `daysInStage` days in a stage with the given control period. */
export function stalePoints(daysInStage: number, controlPeriodDays: number): number {
  return POINTS.stale * Math.min(STALE_CAP, daysInStage / controlPeriodDays);
}

/** 1 + log10(1 + price / median); 1 when the price or the median is not positive. */
export function budgetWeight(price: number, medianPrice: number | null): number {
  if (!(price > 0) || medianPrice === null || !(medianPrice > 0)) return 1;
  return 1 + Math.log10(1 + price / medianPrice);
}

/** Median of the positive values (lower + upper middle ÷ 2 for an even count); null with none. */
export function positiveMedian(values: readonly number[]): number | null {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
