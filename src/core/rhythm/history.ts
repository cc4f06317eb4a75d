/**
 * History: one row per day, manager (null = the department) and metric. A day's row holds the
 * period metrics over the HISTORY_WINDOW_DAYS local days ending with that day (what the board
 * shows, so the trend is the board's number day by day; a single day per manager is too few leads
 * to chart), and the snapshot metrics (next step, stale) as of `data.now` — only for the day of
 * `data.now`, since a past snapshot cannot be rebuilt from today's data (those cells stay empty in
 * a backfilled day).
 */
import { createCalendar } from "../calendar";
import type { EnrichedData } from "../enrich";
import { computeMetricsFromEnriched } from "../metrics/compute";
import { METRICS } from "../metrics/registry";
import type { MetricId } from "../metrics/types";
import type { Settings } from "../settings";
import type { RhythmOptions } from "./one-on-one";
import { addDays, daysPeriod, isLocalDate } from "./periods";
import { isSnapshotMetric } from "./targets";

export const HISTORY_WINDOW_DAYS = 30;

export interface HistoryRow {
  /** "YYYY-MM-DD", local. */
  day: string;
  /** null = the department. */
  managerId: number | null;
  metricId: MetricId;
  value: number | null;
  numerator: number;
  denominator: number;
}

export function historyRows(
  data: EnrichedData,
  settings: Settings,
  day: string,
  opts: RhythmOptions = {},
): HistoryRow[] {
  if (!isLocalDate(day)) throw new Error(`history: day must be a date YYYY-MM-DD, got "${day}"`);
  const calendar = opts.calendar ?? createCalendar(settings.calendar);
  const today = calendar.localDate(data.now);
  if (day > today) throw new Error(`history: ${day} is after the data's day ${today}`);
  const window = daysPeriod(calendar, addDays(day, -(HISTORY_WINDOW_DAYS - 1)), HISTORY_WINDOW_DAYS);
  const withSnapshots = day === today;
  const metrics = METRICS.filter((m) => withSnapshots || !isSnapshotMetric(m.id)).map((m) => m.id);
  const table = computeMetricsFromEnriched(data, {
    from: window.from,
    to: window.to,
    groupBy: "manager",
    metrics,
  });
  const out: HistoryRow[] = [];
  for (const row of table.rows) {
    const managerId = row.key === null ? null : Number(row.key);
    for (const id of metrics) {
      const r = row.metrics[id];
      if (!r) continue;
      out.push({
        day,
        managerId,
        metricId: id,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
      });
    }
  }
  return out;
}
