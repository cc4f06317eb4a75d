/**
 * buildBoardSheets: (re)builds Settings, Board, KPI matrix, Stages and Sources from their templates,
 * then writes the server values (writeBoardSnapshot). Idempotent: the board's filter choices and
 * the sync stamp are kept (writer.ts), thresholds typed into the Settings sheet are adopted into
 * the stored settings first (so the rebuild writes them back, not the old ones), and the
 * conditional rules are replaced, never duplicated.
 */
import type { Locale } from "../../core/i18n";
import type { Settings } from "../../core/settings";
import { boardTemplate } from "../../sheets/templates/board";
import { matrixTemplate } from "../../sheets/templates/matrix";
import { settingsTemplate } from "../../sheets/templates/settings-sheet";
import { sourcesTemplate } from "../../sheets/templates/sources";
import { stagesTemplate } from "../../sheets/templates/stages";
import { loadState } from "../../sync/state";
import { loadSettings, saveSettings } from "../addon-settings";
import { documentStore } from "../stores";
import { boardLists, boardManagers, readBoardData } from "./board-data";
import { readThresholdCells, rememberWrittenThresholds, writeLastSync } from "./settings-cells";
import { type SnapshotStats, writeBoardSnapshot } from "./snapshot-writer";
import { type WriteStats, writeTemplate } from "./writer";

export interface BuildSummary {
  locale: Locale;
  managers: number;
  sheets: WriteStats[];
  snapshot: SnapshotStats;
  /** Threshold cells the user typed that the settings schema refused (kept at their saved value). */
  thresholdErrors: string[];
  adoptedThresholds: boolean;
}

const DAY_MS = 86_400_000;

/** The settings, after adopting valid thresholds typed into the Settings sheet. */
function adoptSheetThresholds(settings: Settings, ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
  const read = readThresholdCells(settings, ss);
  if (!read) return { settings, errors: [] as string[], adopted: false };
  const changed = JSON.stringify(read.thresholds) !== JSON.stringify(settings.thresholds);
  if (!changed) return { settings, errors: read.errors, adopted: false };
  const saved = saveSettings({ ...settings, thresholds: read.thresholds });
  return saved.ok
    ? { settings: saved.settings, errors: read.errors, adopted: true }
    : { settings, errors: read.errors, adopted: false };
}

/**
 * The instant the snapshot metrics (stale deals) are measured at: the end of the last completed
 * sync — the raw sheets' derived columns and amo_daily were computed then — else now.
 */
function measuredAt(): number {
  return loadState(documentStore()).syncedTo ?? Date.now();
}

export function buildBoardSheets(now: number = measuredAt()): BuildSummary {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const adopted = adoptSheetThresholds(loadSettings(), ss);
  const settings = adopted.settings;
  const locale = settings.locale;
  const b = readBoardData(ss, settings, now);
  const managers = boardManagers(b);
  // The default period: the 30 local days up to today, `to` inclusive.
  const today = b.calendar.localDate(now);
  const from = b.calendar.localDate(b.calendar.startOfLocalDate(today) - 29 * DAY_MS + DAY_MS / 2);
  const sheets = [
    writeTemplate(ss, settingsTemplate(settings, locale, b.dataset.stages)),
    writeTemplate(
      ss,
      boardTemplate({
        locale,
        managers,
        lists: boardLists(b, locale),
        period: {
          from: new Date(b.calendar.startOfLocalDate(from)),
          to: new Date(b.calendar.startOfLocalDate(today)),
        },
      }),
    ),
    writeTemplate(ss, matrixTemplate(locale)),
    writeTemplate(ss, stagesTemplate(locale)),
    writeTemplate(ss, sourcesTemplate(locale)),
  ];
  rememberWrittenThresholds(settings.thresholds);
  // The stamp: kept by the writer; filled from the sync state when the sheet is new.
  const state = loadState(documentStore());
  const stamp = ss.getRangeByName("amo_last_sync");
  if (stamp && stamp.getValue() === "" && state.last?.status === "done") writeLastSync(state.last.at, ss);
  const snapshot = writeBoardSnapshot(
    { data: b.data, stages: b.dataset.stages, calendar: b.calendar, locale },
    ss,
  );
  return {
    locale,
    managers: managers.length,
    sheets,
    snapshot,
    thresholdErrors: adopted.errors,
    adoptedThresholds: adopted.adopted,
  };
}

/** After a sync: re-read the raw sheets and rewrite the server values only (no template rewrite). */
export function refreshBoardSnapshot(now: number = measuredAt()): SnapshotStats {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = loadSettings();
  const b = readBoardData(ss, settings, now);
  return writeBoardSnapshot(
    { data: b.data, stages: b.dataset.stages, calendar: b.calendar, locale: settings.locale },
    ss,
  );
}
