/**
 * The Settings sheet's live cells: the threshold cells (rewritten whenever settings are saved) and
 * the `amo_last_sync` stamp (written by the sync; referencing it makes the KPI_* formulas
 * recalculate after a sync).
 */
import type { Settings } from "../../core/settings";
import {
  FIRST_THRESHOLD_ROW,
  LAST_SYNC_NAME,
  settingsSheetName,
  THRESHOLD_COL,
  THRESHOLD_ROWS,
  thresholdsFromCells,
  thresholdValues,
} from "../../sheets/templates/settings-sheet";
import { documentStore } from "../stores";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The threshold values last written into the sheet (document property). A rebuild compares the
 * cells with it: different = the user typed a threshold into the sheet (adopt it); equal = the
 * stored settings are newer or the same (write them), so a threshold saved in the sidebar is never
 * reverted by a stale cell.
 */
const WRITTEN_KEY = "amo_thresholds_on_sheet";

export function rememberWrittenThresholds(t: Settings["thresholds"]): void {
  documentStore().set(WRITTEN_KEY, JSON.stringify(thresholdValues(t)));
}

function writtenThresholds(): number[] | null {
  const text = documentStore().get(WRITTEN_KEY);
  return text ? (JSON.parse(text) as number[]) : null;
}

function active(): Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/**
 * Writes the saved thresholds into the Settings sheet's threshold cells (call after settings are
 * saved). No Settings sheet yet → nothing to do (the next build writes them). Returns whether it wrote.
 */
export function writeThresholdCells(settings: Settings, ss: Spreadsheet = active()): boolean {
  const sh = ss.getSheetByName(settingsSheetName(settings.locale));
  if (!sh) return false;
  sh.getRange(FIRST_THRESHOLD_ROW, THRESHOLD_COL, THRESHOLD_ROWS.length, 1).setValues(
    thresholdValues(settings.thresholds).map((v) => [v]),
  );
  rememberWrittenThresholds(settings.thresholds);
  return true;
}

/**
 * Thresholds a user typed into the Settings sheet since we last wrote it, validated by the
 * settings schema; null when there is no Settings sheet or nothing was typed. `errors` names each
 * refused cell ("B6: …"); those keep the stored value.
 */
export function readThresholdCells(
  settings: Settings,
  ss: Spreadsheet = active(),
): { thresholds: Settings["thresholds"]; errors: string[] } | null {
  const sh = ss.getSheetByName(settingsSheetName(settings.locale));
  if (!sh) return null;
  const cells = sh
    .getRange(FIRST_THRESHOLD_ROW, THRESHOLD_COL, THRESHOLD_ROWS.length, 1)
    .getValues()
    .map((r) => r[0]);
  const written = writtenThresholds();
  if (written && cells.every((v, i) => v === written[i])) return null;
  return thresholdsFromCells(cells, settings.thresholds);
}

/** Writes the time of the last sync into `amo_last_sync` (no-op before the sheets are built). */
export function writeLastSync(at: number, ss: Spreadsheet = active()): boolean {
  const range = ss.getRangeByName(LAST_SYNC_NAME);
  if (!range) return false;
  range.setValue(new Date(at));
  return true;
}
