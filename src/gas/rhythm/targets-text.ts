/** A metric's target as the text a sheet shows (shares in percent). */
import type { Locale } from "../../core/i18n";
import { getMetric } from "../../core/metrics/registry";
import type { Target } from "../../core/rhythm";
import { tr } from "./messages";

export function targetText(target: Target, locale: Locale): string {
  const share = getMetric(target.metricId).unit === "share";
  const v = (x: number) => (share ? `${Math.round(x * 1000) / 10}%` : String(x));
  if (target.vsDepartment) return tr(locale, "target.department", { gap: target.gapPp ?? 0 });
  if (target.min !== undefined && target.max !== undefined)
    return tr(locale, "target.range", { min: v(target.min), max: v(target.max) });
  if (target.min !== undefined) return tr(locale, "target.min", { v: v(target.min) });
  if (target.max !== undefined) return tr(locale, "target.max", { v: v(target.max) });
  return tr(locale, "target.compare");
}
