/** Turns a metric's spec into a registry entry: adds the one-slice `compute`. */
import { aggregate } from "./aggregate";
import type { MetricDefinition, MetricSpec } from "./types";

export function defineMetric(spec: MetricSpec): MetricDefinition {
  return {
    ...spec,
    compute: (data, query) =>
      aggregate([spec], data, { ...query, groupBy: "none" }).rows[0]!.metrics[spec.id]!,
  };
}
