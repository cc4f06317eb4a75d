/**
 * The KPI matrix sheet: all nine metrics per manager and for the department, one KPI_MATRIX
 * formula over amo_daily with the Board's filter cells (one filter row for every formula sheet).
 *
 * The spill's layout is KPI_MATRIX's (contract: a header row, one row per manager, the department
 * last). Number formats assume its columns are the manager, then the nine metrics in the
 * registry's order (METRIC_IDS) [assumed: the custom-functions contract does not fix the column
 * order]; a different order only changes how numbers are displayed, never their values.
 */
import type { Locale } from "../../core/i18n";
import { getMetric } from "../../core/metrics/registry";
import { METRIC_IDS, type MetricUnit } from "../../core/metrics/types";
import { BOARD, boardSheetName, DAILY_NAME } from "./board";
import { tt } from "./messages";
import { LAST_SYNC_NAME } from "./settings-sheet";
import { absA1, rect, type SheetTemplate, sheetRef } from "./spec";

export const MATRIX = { formulaRow: 4, maxRows: 200 } as const;

const UNIT_FORMAT: Record<MetricUnit, string> = {
  minutes: "0.0",
  share: "0%",
  count: "0.0",
  money: "#,##0",
};

export function matrixSheetName(locale: Locale): string {
  return tt(locale, "sheet.matrix");
}

export function matrixFormula(locale: Locale): string {
  const board = sheetRef(boardSheetName(locale));
  const f = BOARD.filterRow;
  const c = BOARD.filterCol;
  const cell = (col: number) => `${board}!${absA1(f, col)}`;
  return (
    `=KPI_MATRIX(${DAILY_NAME},${cell(c.from)},${cell(c.to)},"",` +
    `${cell(c.source)},${cell(c.segment)},${cell(c.pipeline)},${LAST_SYNC_NAME})`
  );
}

export function matrixTemplate(locale: Locale): SheetTemplate {
  const r = MATRIX.formulaRow;
  const rows = r + MATRIX.maxRows;
  return {
    name: matrixSheetName(locale),
    rows,
    cols: 1 + METRIC_IDS.length,
    values: [
      { row: 1, col: 1, values: [[tt(locale, "matrix.title")]] },
      { row: 2, col: 1, values: [[tt(locale, "matrix.note", { board: boardSheetName(locale) })]] },
    ],
    formulas: [{ row: r, col: 1, formulas: [[matrixFormula(locale)]] }],
    formats: [
      { rect: rect(1, 1), bold: true, fontSize: 14 },
      { rect: rect(2, 1), italic: true },
      { rect: rect(r, 1, 1, 1 + METRIC_IDS.length), bold: true, wrap: true },
      ...METRIC_IDS.map((id, i) => ({
        rect: rect(r + 1, 2 + i, MATRIX.maxRows - 1, 1),
        numberFormat: UNIT_FORMAT[getMetric(id).unit],
      })),
    ],
    columnWidths: [{ col: 1, width: 200 }, ...METRIC_IDS.map((_, i) => ({ col: 2 + i, width: 120 }))],
    hiddenColumns: [],
    frozenRows: r,
    rules: [],
    validations: [],
    namedRanges: [],
    inputs: [],
    unprotected: [],
    protection: tt(locale, "protect.generated"),
    managed: rect(1, 1, rows, 1 + METRIC_IDS.length),
  };
}
