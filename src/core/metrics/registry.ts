/** The nine metrics of kpi.md, in the order of its table. */
import { firstResponse } from "./first-response";
import { nextStepCoverage } from "./next-step-coverage";
import { overdueShare } from "./overdue-share";
import { revenue } from "./revenue";
import { slaShare } from "./sla-share";
import { stageConversion } from "./stage-conversion";
import { staleShare } from "./stale-share";
import { touchesPerWon } from "./touches-per-won";
import type { MetricDefinition, MetricId } from "./types";
import { winRate } from "./win-rate";

export const METRICS: readonly MetricDefinition[] = [
  firstResponse,
  slaShare,
  nextStepCoverage,
  overdueShare,
  touchesPerWon,
  stageConversion,
  winRate,
  staleShare,
  revenue,
];

const BY_ID = new Map<MetricId, MetricDefinition>(METRICS.map((m) => [m.id, m]));

export function getMetric(id: MetricId): MetricDefinition {
  const m = BY_ID.get(id);
  if (!m) throw new Error(`unknown metric id: ${id}`);
  return m;
}

/**
 * Metrics whose numerator and denominator add up over a split of the period ([from, mid) +
 * [mid, to) = [from, to)): each item has exactly one deciding instant. Not additive:
 * the snapshot metrics (next_step_coverage, stale_share: the period is ignored, every part equals
 * the whole) and stage_conversion (a deal entering a stage in both parts counts once in the whole).
 */
export const PERIOD_ADDITIVE_METRICS: readonly MetricId[] = [
  "first_response",
  "sla_share",
  "overdue_share",
  "touches_per_won",
  "win_rate",
  "revenue",
];
