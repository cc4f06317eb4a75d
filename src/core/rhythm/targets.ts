/** A metric's target as data a sheet can print ("≤ 30", "≥ 85 %", "8–12", "≥ department − 0 pp"). */
import { getMetric } from "../metrics/registry";
import type { MetricId, Threshold } from "../metrics/types";
import type { Settings } from "../settings";

export interface Target extends Threshold {
  metricId: MetricId;
}

export function targetOf(metricId: MetricId, settings: Settings): Target {
  return { metricId, ...getMetric(metricId).threshold(settings) };
}

/** Snapshot metrics (next_step_coverage, stale_share) ignore the period: one value, "now". */
export function isSnapshotMetric(metricId: MetricId): boolean {
  return getMetric(metricId).periodBy === "snapshot";
}
