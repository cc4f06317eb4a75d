/**
 * writeBoardSnapshot: the values the server writes at each sync — the board's stale columns
 * (F–H), the Stages rows and the Sources blocks — from the engine, for the period and filters the
 * user left in the board's row 4. The formula cells recalculate by themselves (they reference
 * amo_last_sync); these values follow at the next sync or rebuild after a filter change.
 */
import type { WorkCalendar } from "../../core/calendar-types";
import type { EnrichedData } from "../../core/enrich";
import type { Locale } from "../../core/i18n";
import type { Stage } from "../../core/model";
import { BOARD, boardSheetName } from "../../sheets/templates/board";
import {
  type BoardFilters,
  boardStaleCells,
  type Slice,
  sliceOf,
  sourceRows,
  stageRows,
} from "../../sheets/templates/snapshot";
import { SOURCES, sourcesSheetName } from "../../sheets/templates/sources";
import { STAGES, stagesSheetName } from "../../sheets/templates/stages";
import { writeValues } from "./writer";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SnapshotInput {
  data: EnrichedData;
  stages: readonly Stage[];
  calendar: WorkCalendar;
  locale: Locale;
}

export interface SnapshotStats {
  boardRows: number;
  stageRows: number;
  sourceRows: number;
  slice: Slice | null;
}

function dateText(v: unknown, calendar: WorkCalendar): string | null {
  if (v instanceof Date && Number.isFinite(v.getTime())) return calendar.localDate(v.getTime());
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return v.trim();
  return null;
}

/** The board's filter cells (row 4) as the engine's slice. */
export function readBoardFilters(board: Sheet, calendar: WorkCalendar): BoardFilters {
  const c = BOARD.filterCol;
  const row = board.getRange(BOARD.filterRow, 1, 1, c.pipeline).getValues()[0]!;
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return {
    from: dateText(row[c.from - 1], calendar),
    to: dateText(row[c.to - 1], calendar),
    source: text(row[c.source - 1]),
    segment: text(row[c.segment - 1]),
    pipeline: text(row[c.pipeline - 1]),
  };
}

/** The board's rows: manager ids from the hidden column, then the department (null). */
function boardRows(board: Sheet): (number | null)[] {
  const first = BOARD.firstManagerRow;
  const last = board.getLastRow();
  if (last < first) return [];
  const ids = board.getRange(first, BOARD.col.managerId, last - first + 1, 1).getValues();
  const out: (number | null)[] = [];
  for (const [id] of ids) {
    if (typeof id === "number") out.push(id);
    else {
      out.push(null); // the department row closes the table
      break;
    }
  }
  return out;
}

function rewriteBlock(sh: Sheet, firstRow: number, width: number, maxRows: number, rows: unknown[][]): void {
  const clear = Math.max(0, Math.min(sh.getLastRow(), firstRow + maxRows - 1) - firstRow + 1);
  if (clear > 0) sh.getRange(firstRow, 1, clear, width).clearContent();
  writeValues(sh, firstRow, 1, rows.slice(0, maxRows) as never);
}

export function writeBoardSnapshot(
  input: SnapshotInput,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
): SnapshotStats {
  const { data, stages, calendar, locale } = input;
  const stats: SnapshotStats = { boardRows: 0, stageRows: 0, sourceRows: 0, slice: null };
  const board = ss.getSheetByName(boardSheetName(locale));
  if (!board) return stats; // the formula sheets are not built yet: nothing to refresh
  const slice = sliceOf(readBoardFilters(board, calendar), calendar, stages);
  stats.slice = slice;

  const rows = boardRows(board);
  if (rows.length > 0) {
    writeValues(
      board,
      BOARD.firstManagerRow,
      BOARD.col.staleCount,
      boardStaleCells(data, rows, slice, stages, locale),
    );
    stats.boardRows = rows.length;
  }
  const st = ss.getSheetByName(stagesSheetName(locale));
  if (st) {
    const r = stageRows(data, slice, stages);
    rewriteBlock(st, STAGES.firstRow, STAGES.width, STAGES.maxRows, r);
    stats.stageRows = r.length;
  }
  const so = ss.getSheetByName(sourcesSheetName(locale));
  if (so) {
    const r = sourceRows(data, slice, locale);
    rewriteBlock(so, SOURCES.firstRow, SOURCES.width, SOURCES.maxRows, r);
    stats.sourceRows = r.length;
  }
  return stats;
}
