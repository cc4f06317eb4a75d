/**
 * The KPI_* custom functions, pure: arguments as Sheets passes them → a cell value or a table.
 *
 * `data` decides the path: amo_daily's headers → the daily sums (daily-source.ts); amo_leads's →
 * the raw rows through the engine (raw-source.ts). Either way the numbers come from the metric
 * registry in src/core/metrics. Output: numbers (shares 0–1, times in business minutes, money in
 * the account's currency), "" for no data (an empty denominator). A bad argument gives the short
 * text "#KPI: …" in the cell (returned, not thrown: Sheets would show a bare #ERROR! whose reason
 * only appears on hover; the text is seen at once, and no CRM text can make it a formula).
 */
import type { Locale } from "../../core/i18n";
import type { MetricsTable } from "../../core/metrics/aggregate";
import { computeMetricsFromEnriched, type EnrichedQuery } from "../../core/metrics/compute";
import { getMetric } from "../../core/metrics/registry";
import { METRIC_IDS, type MetricId, type SliceFilters } from "../../core/metrics/types";
import { LEADS, STAGE_MOVES, STAGES, TASKS } from "../tables";
import { type DayPeriod, parsePeriod, periodDays, periodInstants } from "./args";
import { type DailyEngine, dailyBook, dailyRows, REQUIRED_DAILY_COLUMNS } from "./daily-source";
import { type FilterBook, resolveFilters } from "./filters";
import { ERROR_PREFIX, KpiArgumentError, quoteValue, tk } from "./messages";
import { headerLocale, isRange, matchCount, readTableArg } from "./range";
import {
  REQUIRED_LEAD_COLUMNS,
  REQUIRED_MOVE_COLUMNS,
  REQUIRED_STAGE_COLUMNS,
  REQUIRED_TASK_COLUMNS,
  rawData,
} from "./raw-source";

export type KpiCell = number | string;

/** The arguments every KPI_* takes, then the raw path's optional extra tables. */
export interface KpiArgs {
  data: unknown;
  from?: unknown;
  to?: unknown;
  manager?: unknown;
  source?: unknown;
  segment?: unknown;
  pipeline?: unknown;
  /** The amo_last_sync cell: referenced so Sheets recalculates after a sync; on the raw path, "now". */
  lastSync?: unknown;
  /** amo_tasks (raw path: overdue_share). */
  tasks?: unknown;
  /** amo_stage_moves and amo_stages (raw path: stage_conversion). */
  stageMoves?: unknown;
  stages?: unknown;
  /**
   * KPI_MATRIX only: TRUE adds an "ID" column last (the manager's amoCRM id, "" on the department
   * row), so that a lookup can find a manager by id even when two share a name (the board does).
   */
  ids?: unknown;
}

export interface KpiEnv {
  /** The spreadsheet's timezone (asked for only when a date has to be read or made). */
  timeZone: () => string;
  /** The time of the call, the raw path's "now" when lastSync is not a date. */
  now: () => number;
  /** The amo_daily module, or null when this build has none. */
  daily: DailyEngine | null;
}

/** What a slice came to: the engine's table, the names for labels, what could not be computed. */
interface Sliced {
  table: MetricsTable;
  book: FilterBook;
  locale: Locale;
  /** Metrics that need a table the call did not pass: metric → that table's id. */
  unavailable: Partial<Record<MetricId, { table: string; arg: string }>>;
}

/**
 * KPI_MATRIX: a header row, one row per manager (by name, then id), the department last; with
 * `ids` TRUE an "ID" column last.
 */
export function kpiMatrix(args: KpiArgs, env: KpiEnv): KpiCell[][] {
  return guarded(args, (locale) => {
    const withIds = parseIds(args.ids, locale);
    const s = slice(args, env, "manager", locale);
    const header: KpiCell[] = [tk(s.locale, "matrix.manager")];
    for (const id of METRIC_IDS) {
      const title = metricTitle(id, s.locale);
      const missing = s.unavailable[id];
      header.push(missing ? tk(s.locale, "matrix.needs", { title, table: missing.table }) : title);
    }
    const [department, ...managers] = s.table.rows;
    const cells = (row: (typeof s.table.rows)[number]): KpiCell[] =>
      METRIC_IDS.map((id) => (s.unavailable[id] ? "" : valueCell(row.metrics[id]?.value)));
    const ids = managers.map((row) => row.key as number);
    const names = s.book.namesOf?.(ids) ?? s.book.managers;
    const body = managers
      .map((row) => {
        const id = row.key as number;
        // A blank CRM name would leave the row without a label: show the id instead.
        const label = names.get(id) || tk(s.locale, "matrix.managerId", { id });
        return { id, label, cells: [label, ...cells(row)] as KpiCell[] };
      })
      .sort((a, b) => a.label.localeCompare(b.label) || a.id - b.id);
    const deptRow: KpiCell[] = [tk(s.locale, "matrix.department"), ...cells(department!)];
    if (!withIds) return [header, ...body.map((r) => r.cells), deptRow];
    return [
      [...header, tk(s.locale, "matrix.idColumn")],
      ...body.map((r) => [...r.cells, r.id]),
      [...deptRow, ""],
    ];
  });
}

/** KPI_MATRIX's `ids`: empty or FALSE → no ID column, TRUE → one; anything else is an error. */
function parseIds(v: unknown, locale: Locale): boolean {
  const cell = Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : v;
  if (isBlankArg(cell) || cell === false) return false;
  if (cell === true) return true;
  throw new KpiArgumentError(tk(locale, "err.badIds", { value: quoteValue(cell) }));
}

/** One metric: for the manager(s) given, else for the department; "" when there is no data. */
export function kpiMetric(metric: MetricId, args: KpiArgs, env: KpiEnv): KpiCell {
  const out = guarded(args, (locale) => {
    const s = slice(args, env, "none", locale, [metric]);
    const missing = s.unavailable[metric];
    if (missing) {
      throw new KpiArgumentError(
        tk(s.locale, "err.needsTable", { metric: metricTitle(metric, s.locale), ...missing }),
      );
    }
    return [[valueCell(s.table.rows[0]?.metrics[metric]?.value)]];
  });
  return out[0]![0]!;
}

function valueCell(v: number | null | undefined): KpiCell {
  return v === null || v === undefined || !Number.isFinite(v) ? "" : v;
}

function metricTitle(id: MetricId, locale: Locale): string {
  const spec = getMetric(id);
  return spec.unit === "minutes"
    ? `${spec.title[locale]}, ${tk(locale, "unit.minutes")}`
    : spec.title[locale];
}

/** Runs `body`; a bad argument (or a bug) becomes the one-cell text "#KPI: …". */
function guarded(args: KpiArgs, body: (locale: Locale) => KpiCell[][]): KpiCell[][] {
  const locale = guessLocale(args.data);
  try {
    return body(locale);
  } catch (e) {
    if (e instanceof KpiArgumentError) return [[ERROR_PREFIX + e.message]];
    const message = e instanceof Error ? e.message : String(e);
    return [[ERROR_PREFIX + tk(locale, "err.internal", { message: message.slice(0, 200) })]];
  }
}

/** The language of the messages: the headers' of `data` (Russian when they are unreadable). */
function guessLocale(data: unknown): Locale {
  return isRange(data) ? headerLocale(data[0]!, LEADS) : "ru";
}

function slice(
  args: KpiArgs,
  env: KpiEnv,
  groupBy: "manager" | "none",
  locale: Locale,
  metrics?: readonly MetricId[],
): Sliced {
  if (!isRange(args.data)) throw new KpiArgumentError(tk(locale, "err.dataNotRange"));
  const header = args.data[0]!;
  const daily = env.daily;
  const leadsScore = matchCount(header, LEADS);
  const dailyScore = daily ? matchCount(header, daily.table) : 0;
  const period = parsePeriod(args.from, args.to, locale, env.timeZone);
  if (daily && dailyScore > leadsScore) return dailySlice(args, env, daily, period, groupBy, metrics);
  if (leadsScore === 0) {
    throw new KpiArgumentError(tk(locale, daily ? "err.dataUnknown" : "err.dailyUnavailable"));
  }
  return rawSlice(args, env, period, groupBy, metrics);
}

function rawSlice(
  args: KpiArgs,
  env: KpiEnv,
  period: DayPeriod,
  groupBy: "manager" | "none",
  metrics: readonly MetricId[] | undefined,
): Sliced {
  const leads = readTableArg(args.data, LEADS, REQUIRED_LEAD_COLUMNS, "data", guessLocale(args.data));
  const locale = leads.locale;
  const wants = (id: MetricId) => !metrics || metrics.includes(id);
  const optional = (
    v: unknown,
    t: typeof TASKS | typeof STAGE_MOVES | typeof STAGES,
    req: readonly string[],
    arg: string,
  ) => (isBlankArg(v) ? null : readTableArg(v, t, req, arg, locale));
  const tasks = wants("overdue_share") ? optional(args.tasks, TASKS, REQUIRED_TASK_COLUMNS, "tasks") : null;
  const moves = wants("stage_conversion")
    ? optional(args.stageMoves, STAGE_MOVES, REQUIRED_MOVE_COLUMNS, "stage_moves")
    : null;
  const stages = wants("stage_conversion")
    ? optional(args.stages, STAGES, REQUIRED_STAGE_COLUMNS, "stages")
    : null;
  const unavailable: Sliced["unavailable"] = {};
  if (!tasks) unavailable.overdue_share = { table: TASKS.id, arg: "tasks" };
  if (!moves) unavailable.stage_conversion = { table: STAGE_MOVES.id, arg: "stage_moves" };
  else if (!stages) unavailable.stage_conversion = { table: STAGES.id, arg: "stages" };

  const now = lastSyncInstant(args.lastSync) ?? env.now();
  const { data, names } = rawData({
    leads,
    tasks,
    moves: stages ? moves : null,
    stages,
    now,
    timeZone: env.timeZone,
  });
  const filters = resolveFilters(args, names, locale);
  const query: EnrichedQuery = { ...periodInstants(period, env.timeZone), groupBy };
  if (filters) query.filters = filters;
  if (metrics) query.metrics = metrics;
  return { table: computeMetricsFromEnriched(data, query), book: names, locale, unavailable };
}

function dailySlice(
  args: KpiArgs,
  env: KpiEnv,
  daily: DailyEngine,
  period: DayPeriod,
  groupBy: "manager" | "none",
  metrics: readonly MetricId[] | undefined,
): Sliced {
  const header = (args.data as unknown[][])[0]!;
  const t = readTableArg(
    args.data,
    daily.table,
    REQUIRED_DAILY_COLUMNS,
    "data",
    headerLocale(header, daily.table),
  );
  const book = dailyBook(t);
  const filters: SliceFilters | undefined = resolveFilters(args, book, t.locale);
  const query: Parameters<DailyEngine["metricsFromDailyCells"]>[2] = { ...periodDays(period), groupBy };
  if (filters) query.filters = filters;
  // A single KPI_* skips the parts (buckets, stage texts, snapshots) no asked metric needs.
  if (metrics) query.metrics = metrics;
  try {
    let table: MetricsTable;
    try {
      table = daily.metricsFromDailyCells(t.rows, t.index, query);
    } catch (e) {
      // A day the sheet turned into a date cell: read again with such days as texts (dailyRows).
      // Trying the rows as they are first spares a pass over them in the usual case.
      if ((e as { id?: unknown }).id !== "daily.badDay") throw e;
      table = daily.metricsFromDailyCells(dailyRows(t, env.timeZone), t.index, query);
    }
    return { table, book, locale: t.locale, unavailable: {} };
  } catch (e) {
    // The daily module's input errors name the row and column in either language (text(locale)).
    const text = (e as { text?: unknown }).text;
    if (typeof text === "function") throw new KpiArgumentError(String(text.call(e, t.locale)));
    throw e;
  }
}

function isBlankArg(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

/** The last-sync cell as an instant: a date cell, or an ISO text; anything else → null. */
export function lastSyncInstant(v: unknown): number | null {
  const cell = Array.isArray(v) ? (v as unknown[][])[0]?.[0] : v;
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.getTime() : null;
  if (typeof cell === "string" && /^\d{4}-\d{2}-\d{2}T/.test(cell.trim())) {
    const ms = Date.parse(cell.trim());
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}
