/**
 * The Apps Script side of the KPI_* custom functions: the environment the pure logic
 * (src/sheets/custom-functions) needs, and nothing else. A custom function runs in
 * AuthMode.CUSTOM_FUNCTION with a read-only Spreadsheet service and no user data [V-doc,
 * apps-script.md §4]; it reads only its arguments, plus — only when a date has to be read or made —
 * the spreadsheet's timezone (one read-only metadata call).
 */
import { metricsFromDailyCells } from "../core/daily";
import type { MetricId } from "../core/metrics/types";
import {
  type DailyEngine,
  type KpiArgs,
  type KpiCell,
  type KpiEnv,
  kpiMatrix,
  kpiMetric,
} from "../sheets/custom-functions";
import { DAILY } from "../sheets/daily-table";

/** The amo_daily module (issue 5's contract): its table's headers and its reader. */
const DAILY_ENGINE: DailyEngine = { table: DAILY, metricsFromDailyCells };

function env(): KpiEnv {
  let zone: string | null = null;
  return {
    timeZone: () => {
      // [assumed] a date cell reaches a custom function as the instant of its local time in the
      // spreadsheet's timezone, so its day is read back in that zone.
      zone ??= SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
      return zone;
    },
    now: () => Date.now(),
    daily: DAILY_ENGINE,
  };
}

export function matrixFunction(args: KpiArgs): KpiCell[][] {
  return kpiMatrix(args, env());
}

export function metricFunction(metric: MetricId, args: KpiArgs): KpiCell {
  return kpiMetric(metric, args, env());
}
