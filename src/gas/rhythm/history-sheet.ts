/**
 * "История": a long table kept across days — one row per day, manager (empty = the department)
 * and metric (core/rhythm/history.ts) — and a line chart per charted metric (SLA share, win rate,
 * revenue per manager) beside it. The charts read one wide table each (days × managers, the
 * department last) on a hidden sheet of their own, "История: данные графиков": a sheet's grid is a
 * rectangle, so wide tables to the right of a long one would make every long row as wide as they
 * are (a year of a 50-manager team: 160 k rows × 170 columns = 27 M cells, past the spreadsheet's
 * 10 M; measured, bench/addon-sync.ts).
 *
 * Each run writes the days from the day after the last one in the table to today (so the first
 * run backfills the account's history, at most MAX_BACKFILL_DAYS, and a missed day is filled in);
 * a day already in the table — today on a second sync — is replaced, never duplicated. The table
 * is kept sorted by day, manager, metric. Backfilled days carry the period metrics recomputed from
 * today's data; only the days a sync actually ran carry the snapshot metrics (next step, stale).
 */
import type { WorkCalendar } from "../../core/calendar-types";
import type { EnrichedData } from "../../core/enrich";
import type { Locale } from "../../core/i18n";
import { METRICS } from "../../core/metrics/registry";
import type { MetricId } from "../../core/metrics/types";
import { addDays, type HistoryRow, historyRows } from "../../core/rhythm";
import type { Settings } from "../../core/settings";
import { SPREADSHEET_CELL_LIMIT } from "../../sheets/port";
import { allocatedCells, setGridSize } from "../sheet-grid";
import { type Cell, COLORS, FORMAT, Grid, numberCell, text } from "./grid";
import { tr } from "./messages";
import { formatOf, metricTitle, type Names } from "./sheets";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const MAX_BACKFILL_DAYS = 366;
export const HISTORY_COLUMNS = 8;
export const CHART_METRICS: readonly MetricId[] = ["sla_share", "win_rate", "revenue"];
const METRIC_ORDER = new Map(METRICS.map((m, i) => [m.id, i]));
const METRIC_IDS = new Set<string>(METRICS.map((m) => m.id));

export interface HistoryWrite {
  daysWritten: string[];
  /** Backfill days left out because the spreadsheet's cells would not hold them (rowBudget). */
  daysSkipped: number;
  rows: number;
  charts: number;
}

/** The grid's width: the long table and one column for the charts' anchor. */
const WIDTH = HISTORY_COLUMNS + 2;

/**
 * Rows History may have: half of the cells the other sheets leave free in the spreadsheet's
 * 10 M (SPREADSHEET_CELL_LIMIT), so that a big team's backfill never takes the room the raw
 * tables need to grow (a 50-manager year: 8.1 M cells of raw tables and amo_daily, and a year of
 * History would be 1.7 M more; measured, bench/addon-sync.ts).
 */
function rowBudget(sheet: Sheet, chartData: Sheet): number {
  const others = allocatedCells(sheet.getParent(), [sheet, chartData]);
  return Math.floor((SPREADSHEET_CELL_LIMIT - others) / 2 / WIDTH);
}

export function writeHistorySheet(
  sheet: Sheet,
  chartData: Sheet,
  data: EnrichedData,
  settings: Settings,
  calendar: WorkCalendar,
  locale: Locale,
  names: Names,
  maxBackfillDays = MAX_BACKFILL_DAYS,
): HistoryWrite {
  const kept = readHistory(sheet, calendar);
  const today = calendar.localDate(data.now);
  let days = daysToWrite(kept, today, firstDataDay(data, calendar), maxBackfillDays);
  // The newest days first, as many as the cell budget holds (today always).
  const budget = rowBudget(sheet, chartData) - 1;
  const rewritten = new Set(days);
  const keptRows = kept.filter((r) => !rewritten.has(r.day)).length;
  const fresh: HistoryRow[] = [];
  let taken = 0;
  for (let i = days.length - 1; i >= 0; i--) {
    const dayRows = historyRows(data, settings, days[i]!, { calendar });
    if (taken > 0 && keptRows + fresh.length + dayRows.length > budget) break;
    fresh.push(...dayRows);
    taken++;
  }
  const daysSkipped = days.length - taken;
  days = days.slice(daysSkipped);
  const replaced = new Set(days);
  const rows = kept.filter((r) => !replaced.has(r.day)).concat(fresh);
  rows.sort(compareRows);

  for (const c of sheet.getCharts()) sheet.removeChart(c);
  // The long table and one free column for the charts' anchor, nothing wider — before the rows
  // grow (a new sheet is 26 columns wide; an older version kept the chart tables here).
  setGridSize(sheet, sheet.getMaxRows(), WIDTH);
  writeLongTable(sheet, kept, rows, locale, names);
  sheet.setFrozenRows(1);
  // The chart tables are rebuilt whole.
  chartData.clear();
  let column = 1;
  let charts = 0;
  let chartRows = 0;
  for (const metricId of CHART_METRICS) {
    const wide = wideTable(rows, metricId, locale, names);
    if (wide.rows.length < 2) continue;
    chartRows = Math.max(chartRows, wide.rows.length);
    const w = wide.width;
    wide.writeAt(chartData, 1, column);
    const range = chartData.getRange(1, column, wide.rows.length, w);
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(range)
      .setNumHeaders(1)
      .setOption("title", tr(locale, "history.chart", { metric: metricTitle(metricId, locale) }))
      .setOption("vAxis.format", metricId === "revenue" ? "#,##0" : "0%")
      .setPosition(2 + charts * 22, HISTORY_COLUMNS + 2, 0, 0)
      .build();
    sheet.insertChart(chart);
    charts++;
    column += w + 1;
  }
  // The data sheet's grid as large as its tables (a new sheet is 1,000 × 26 cells): cells count
  // against the spreadsheet's 10 M whether used or not.
  setGridSize(chartData, Math.max(1, chartRows), Math.max(1, column - 2));
  if (!chartData.isSheetHidden()) chartData.hideSheet();
  return { daysWritten: days, daysSkipped, rows: rows.length, charts };
}

/** The days after the table's last day up to today; with an empty table, from the data's first day. */
export function daysToWrite(
  kept: readonly HistoryRow[],
  today: string,
  firstDay: string,
  maxDays: number,
): string[] {
  let last = "";
  for (const r of kept) if (r.day > last && r.day <= today) last = r.day;
  // Today is always (re)written: a second sync the same day replaces the morning's rows.
  let start = last === "" ? firstDay : last === today ? today : addDays(last, 1);
  const earliest = addDays(today, -(maxDays - 1));
  if (start < earliest) start = earliest;
  if (start > today) start = today;
  const out: string[] = [];
  for (let d = start; d <= today; d = addDays(d, 1)) out.push(d);
  return out;
}

function firstDataDay(data: EnrichedData, calendar: WorkCalendar): string {
  let min = data.now;
  for (const l of data.leads) if (l.createdAt < min) min = l.createdAt;
  return calendar.localDate(min);
}

function compareRows(a: HistoryRow, b: HistoryRow): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  if (a.managerId !== b.managerId) {
    if (a.managerId === null) return -1;
    if (b.managerId === null) return 1;
    return a.managerId - b.managerId;
  }
  return (METRIC_ORDER.get(a.metricId) ?? 99) - (METRIC_ORDER.get(b.metricId) ?? 99);
}

/**
 * The table's rows as written before (by this code; a user's edits to the values are kept as
 * they are). Rows that are not ours — no valid day or metric id — are dropped.
 */
export function readHistory(sheet: Sheet, calendar: WorkCalendar): HistoryRow[] {
  const last = sheet.getLastRow();
  if (last < 2) return [];
  const values = sheet.getRange(2, 1, last - 1, HISTORY_COLUMNS).getValues();
  const out: HistoryRow[] = [];
  for (const v of values) {
    const day = v[0] instanceof Date ? calendar.localDate(v[0].getTime()) : String(v[0] ?? "").trim();
    const metricId = String(v[3] ?? "").trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !METRIC_IDS.has(metricId)) continue;
    out.push({
      day,
      managerId: typeof v[1] === "number" ? v[1] : null,
      metricId: metricId as MetricId,
      value: typeof v[5] === "number" ? v[5] : null,
      numerator: typeof v[6] === "number" ? v[6] : 0,
      denominator: typeof v[7] === "number" ? v[7] : 0,
    });
  }
  return out;
}

/**
 * Writes the long table. The rows are sorted by day and every run rewrites from its first day on,
 * so when the sheet holds the same rows in the same order up to there (the daily case) only the
 * rest is written: a year of history is not rewritten to add one day. Otherwise (a user sorted
 * or edited the table) the whole table is rewritten.
 */
function writeLongTable(
  sheet: Sheet,
  kept: readonly HistoryRow[],
  rows: readonly HistoryRow[],
  locale: Locale,
  names: Names,
): void {
  let same = 0;
  while (
    same < kept.length &&
    same < rows.length &&
    sameKey(kept[same]!, rows[same]!) &&
    kept[same] === rows[same]
  )
    same++;
  // `rows` reuses the kept objects for the days not rewritten, so identity means "unchanged".
  const onSheet = sheet.getLastRow();
  const keptIsExact = onSheet - 1 === kept.length;
  const start = keptIsExact ? same : 0;
  // The header is always rewritten (the locale may have changed).
  if (start > 0) longTable([], locale, names, true).writeAt(sheet, 1, 1);
  longTable(rows.slice(start), locale, names, start === 0).writeAt(sheet, start === 0 ? 1 : 2 + start, 1);
  const end = 1 + rows.length;
  if (onSheet > end) sheet.getRange(end + 1, 1, onSheet - end, HISTORY_COLUMNS).clear();
}

function sameKey(a: HistoryRow, b: HistoryRow): boolean {
  return a.day === b.day && a.managerId === b.managerId && a.metricId === b.metricId;
}

function longTable(rows: readonly HistoryRow[], locale: Locale, names: Names, withHeader: boolean): Grid {
  const g = new Grid();
  const header = [
    "history.day",
    "history.managerId",
    "common.manager",
    "history.metricId",
    "common.metric",
    "history.value",
    "history.numerator",
    "history.denominator",
  ] as const;
  if (withHeader) g.add(header.map((k) => text(tr(locale, k))));
  const department = tr(locale, "common.department");
  const titles = new Map(METRICS.map((m) => [m.id, metricTitle(m.id, locale)]));
  for (const r of rows) {
    g.add([
      text(r.day),
      r.managerId === null ? null : numberCell(r.managerId, FORMAT.integer),
      text(r.managerId === null ? department : names.user(r.managerId)),
      text(r.metricId),
      text(titles.get(r.metricId)!),
      numberCell(r.value, formatOf(r.metricId)),
      numberCell(r.numerator),
      numberCell(r.denominator),
    ]);
  }
  return g;
}

/** Days × managers (by name) with the department last, for one metric. */
function wideTable(rows: readonly HistoryRow[], metricId: MetricId, locale: Locale, names: Names): Grid {
  const mine = rows.filter((r) => r.metricId === metricId);
  const managers = [...new Set(mine.filter((r) => r.managerId !== null).map((r) => r.managerId!))].sort(
    (a, b) => names.user(a).localeCompare(names.user(b)),
  );
  const column = new Map<number | null, number>(managers.map((m, i) => [m, i + 1]));
  column.set(null, managers.length + 1);
  const byDay = new Map<string, Cell[]>();
  const format = formatOf(metricId);
  for (const r of mine) {
    let row = byDay.get(r.day);
    if (!row) {
      row = [text(r.day), ...new Array<Cell>(managers.length + 1).fill(null)];
      byDay.set(r.day, row);
    }
    row[column.get(r.managerId)!] = numberCell(r.value, format);
  }
  const g = new Grid();
  g.add(
    [
      text(`${metricTitle(metricId, locale)} / ${tr(locale, "history.day")}`),
      ...managers.map((m) => text(names.user(m))),
      text(tr(locale, "common.department")),
    ],
    { bold: true, background: COLORS.header },
  );
  for (const day of [...byDay.keys()].sort()) g.add(byDay.get(day)!);
  return g;
}
