/** The KPI_* custom functions' pure logic (src/gas/custom-functions.ts is the Apps Script side). */
export { DAILY_NAME_COLUMNS, type DailyEngine } from "./daily-source";
export { type KpiArgs, type KpiCell, type KpiEnv, kpiMatrix, kpiMetric, lastSyncInstant } from "./evaluate";
export { ERROR_PREFIX } from "./messages";
