/**
 * The Stages sheet: per pipeline stage, conversion (entered in the period → moved on) and the
 * stale share against the stage's control period (a snapshot at the sync). Values written by the
 * server at each sync (stageRows in snapshot.ts), with the Board's period and filters; the
 * stale-share colours read a norm cell linked to the Settings sheet.
 */
import type { Locale } from "../../core/i18n";
import { boardSheetName } from "./board";
import { tt } from "./messages";
import { COLORS, type RuleSpec } from "./rules";
import { settingsSheetName, thresholdCell } from "./settings-sheet";
import { absA1, rect, type SheetTemplate, sheetRef } from "./spec";

export const STAGES = {
  normRow: 3,
  headerRow: 5,
  firstRow: 6,
  maxRows: 300,
  width: 9,
  col: {
    pipeline: 1,
    stage: 2,
    entered: 3,
    converted: 4,
    conversion: 5,
    control: 6,
    open: 7,
    stale: 8,
    staleShare: 9,
  },
} as const;

export function stagesSheetName(locale: Locale): string {
  return tt(locale, "sheet.stages");
}

export function stagesTemplate(locale: Locale): SheetTemplate {
  const L = (id: Parameters<typeof tt>[1]) => tt(locale, id);
  const C = STAGES.col;
  const t = thresholdCell("staleShare");
  const data = rect(STAGES.firstRow, 1, STAGES.maxRows, STAGES.width);
  const range = rect(STAGES.firstRow, C.open, STAGES.maxRows, 3);
  const norm = { row: STAGES.normRow, col: C.staleShare };
  const rules: RuleSpec[] = [
    {
      range,
      testCol: C.staleShare,
      check: { kind: "max", norm },
      background: COLORS.breach,
      fontColor: COLORS.breachText,
    },
    {
      range,
      testCol: C.staleShare,
      check: { kind: "number" },
      background: COLORS.fine,
      fontColor: COLORS.fineText,
    },
  ];
  const rows = STAGES.firstRow + STAGES.maxRows;
  return {
    name: stagesSheetName(locale),
    rows,
    cols: STAGES.width,
    values: [
      { row: 1, col: 1, values: [[L("stages.title")]] },
      { row: 2, col: 1, values: [[tt(locale, "stages.note", { board: boardSheetName(locale) })]] },
      { row: STAGES.normRow, col: C.stale, values: [[L("row.norm")]] },
      {
        row: STAGES.headerRow,
        col: 1,
        values: [
          [
            L("settings.pipeline"),
            L("settings.stage"),
            L("stages.entered"),
            L("stages.converted"),
            L("stages.conversion"),
            L("stages.control"),
            L("stages.open"),
            L("stages.stale"),
            L("stages.staleShare"),
          ],
        ],
      },
    ],
    formulas: [
      {
        row: norm.row,
        col: norm.col,
        formulas: [[`=${sheetRef(settingsSheetName(locale))}!${absA1(t.row, t.col)}`]],
      },
    ],
    formats: [
      { rect: rect(1, 1), bold: true, fontSize: 14 },
      { rect: rect(2, 1), italic: true },
      { rect: rect(norm.row, C.stale, 1, 2), italic: true, background: COLORS.norm },
      { rect: rect(norm.row, norm.col), numberFormat: '"≤ "0%' },
      { rect: rect(STAGES.headerRow, 1, 1, STAGES.width), bold: true, background: COLORS.header, wrap: true },
      { rect: rect(data.row, C.entered, data.rows, 2), numberFormat: "0" },
      { rect: rect(data.row, C.conversion, data.rows, 1), numberFormat: "0%" },
      { rect: rect(data.row, C.control, data.rows, 3), numberFormat: "0" },
      { rect: rect(data.row, C.staleShare, data.rows, 1), numberFormat: "0%" },
    ],
    columnWidths: [
      { col: C.pipeline, width: 180 },
      { col: C.stage, width: 200 },
    ],
    hiddenColumns: [],
    frozenRows: STAGES.headerRow,
    rules,
    validations: [],
    namedRanges: [],
    inputs: [],
    unprotected: [],
    protection: tt(locale, "protect.generated"),
    managed: rect(1, 1, rows, STAGES.width),
  };
}
