/**
 * What follows a sync's heavy pass (SyncDeps.afterEnrichment: the end of a full run, the hourly
 * heavy incremental run, a settings recompute): the compact facts table `amo_daily` the board's
 * formulas read, the board's server-written cells, and the management-rhythm sheets.
 *
 * Each part runs on its own: one that fails does not stop the others, and none can undo the sync
 * it follows (the engine reports what this throws in SyncOutcome.hookError). The order is what a
 * sales head needs first when time runs short: the numbers, then the board, then the rhythm.
 */
import { createCalendar } from "../core/calendar";
import { buildDailyRows, keepSnapshotHistory } from "../core/daily";
import type { EnrichedData } from "../core/enrich";
import type { Settings } from "../core/settings";
import { DAILY } from "../sheets/daily-table";
import type { SheetPort } from "../sheets/port";
import { directoriesFromSheets } from "../sheets/rows";
import { readTable, replaceAll, SheetLayoutError } from "../sheets/upsert";
import { writeRhythmSheets } from "./rhythm";
import { writeBoardSnapshot } from "./templates/snapshot-writer";

export interface AfterSyncContext {
  settings: Settings;
  /** Normalised account address, for deal links; null when unknown. */
  accountBaseUrl: string | null;
  port: SheetPort;
}

export interface AfterSyncReport {
  dailyRows: number;
  parts: { part: string; ms: number; error: string | null }[];
}

export class AfterSyncError extends Error {
  override name = "AfterSyncError";
}

export function afterEnrichment(data: EnrichedData, now: number, ctx: AfterSyncContext): AfterSyncReport {
  const { settings, port } = ctx;
  const calendar = createCalendar(settings.calendar);
  const directories = directoriesFromSheets(port, settings.locale);
  const report: AfterSyncReport = { dailyRows: 0, parts: [] };
  const part = (name: string, fn: () => void): void => {
    const started = Date.now();
    try {
      fn();
      report.parts.push({ part: name, ms: Date.now() - started, error: null });
    } catch (e) {
      report.parts.push({ part: name, ms: Date.now() - started, error: errorText(e) });
    }
  };

  part("amo_daily", () => {
    // Past days change as deals move on, so the table is rebuilt whole; only the snapshot rows of
    // earlier days (next step, stale), which today's data cannot recreate, are carried over.
    const previous = previousDaily(port, settings);
    const rows = keepSnapshotHistory(
      previous,
      buildDailyRows(data, calendar, directories),
      calendar.localDate(now),
    );
    replaceAll(port, DAILY, rows, { locale: settings.locale });
    report.dailyRows = rows.length;
  });
  part("board", () => {
    writeBoardSnapshot({ data, stages: directories.stages, calendar, locale: settings.locale });
  });
  part("rhythm", () => {
    writeRhythmSheets(data, settings, now, {
      directories,
      accountBaseUrl: ctx.accountBaseUrl,
      calendar,
    });
  });

  const failed = report.parts.filter((p) => p.error !== null);
  if (failed.length > 0) {
    throw new AfterSyncError(failed.map((p) => `${p.part}: ${p.error}`).join("; "));
  }
  return report;
}

/**
 * Columns an older amo_daily may lack: a table of day rows had no breakdown, a table of week rows
 * no span (keepSnapshotHistory reads their rows as day rows and 7-day rows, by-day.ts LEGACY_SPAN).
 */
const ADDED_LATER: readonly string[] = ["span_days", "by_day"];

/**
 * The amo_daily sheet as the last heavy pass left it, read without the columns an older version
 * did not write rather than fail (and never rebuild) on every sync.
 */
function previousDaily(port: SheetPort, settings: Settings) {
  try {
    return readTable(port, DAILY, { locale: settings.locale }).rows;
  } catch (e) {
    if (!(e instanceof SheetLayoutError) || e.missing.some((id) => !ADDED_LATER.includes(id))) throw e;
    const columns = DAILY.columns.map((c) => c.id).filter((id) => !e.missing.includes(id));
    return readTable(port, DAILY, { locale: settings.locale, columns }).rows;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
