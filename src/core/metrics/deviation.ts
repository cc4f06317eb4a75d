/**
 * Does a value breach its metric's threshold? The board highlights breaches; this is the same rule
 * in code (for the stand-up list, the 1:1 sheet and tests).
 */

import type { Settings } from "../settings";
import type { MetricDefinition } from "./types";

/** Tolerance for comparing shares computed by different sums (e.g. 0.1 + 0.2). */
const EPS = 1e-9;

/**
 * true = breach, false = fine, null = no data (value null, or a department comparison without a
 * department value). Bounds are inclusive: a value equal to min or max is fine. Compared with the
 * department: a breach when the value is below the department's by more than gapPp points.
 */
export function isDeviation(
  metric: MetricDefinition,
  settings: Settings,
  value: number | null,
  departmentValue: number | null = null,
): boolean | null {
  if (value === null) return null;
  const t = metric.threshold(settings);
  if (t.vsDepartment) {
    if (departmentValue === null) return null;
    return departmentValue - value > (t.gapPp ?? 0) / 100 + EPS;
  }
  if (t.min !== undefined && value < t.min - EPS) return true;
  if (t.max !== undefined && value > t.max + EPS) return true;
  return false;
}
