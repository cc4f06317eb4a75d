/**
 * The Sources sheet: win rate and revenue per source, in one block per segment (sources are
 * compared within a segment, never across: kpi.md). Each block ends with the segment's total;
 * a source is red when its win rate is below the segment's by more than the win-rate gap
 * (Settings). Values written by the server at each sync (sourceRows in snapshot.ts); the hidden
 * column F repeats the segment's win rate on every row so that one rule serves every block.
 */
import type { Locale } from "../../core/i18n";
import { tt } from "./messages";
import { COLORS, type RuleSpec } from "./rules";
import { settingsSheetName, thresholdCell } from "./settings-sheet";
import { absA1, rect, type SheetTemplate, sheetRef } from "./spec";

export const SOURCES = {
  normRow: 3,
  headerRow: 5,
  firstRow: 6,
  maxRows: 600,
  width: 6,
  col: { source: 1, won: 2, lost: 3, winRate: 4, revenue: 5, groupRate: 6 },
} as const;

export function sourcesSheetName(locale: Locale): string {
  return tt(locale, "sheet.sources");
}

export function sourcesTemplate(locale: Locale): SheetTemplate {
  const L = (id: Parameters<typeof tt>[1]) => tt(locale, id);
  const C = SOURCES.col;
  const t = thresholdCell("winRateGapPp");
  const norm = { row: SOURCES.normRow, col: C.winRate };
  const range = rect(SOURCES.firstRow, 1, SOURCES.maxRows, C.revenue);
  const rules: RuleSpec[] = [
    {
      range,
      testCol: C.winRate,
      check: { kind: "belowRef", gap: norm, refCol: C.groupRate },
      background: COLORS.breach,
      fontColor: COLORS.breachText,
    },
  ];
  const rows = SOURCES.firstRow + SOURCES.maxRows;
  return {
    name: sourcesSheetName(locale),
    rows,
    cols: SOURCES.width,
    values: [
      { row: 1, col: 1, values: [[L("sources.title")]] },
      { row: 2, col: 1, values: [[L("sources.note")]] },
      { row: SOURCES.normRow, col: C.lost, values: [[L("row.norm")]] },
      {
        row: SOURCES.headerRow,
        col: 1,
        values: [
          [
            L("filter.source"),
            L("sources.won"),
            L("sources.lost"),
            L("sources.winRate"),
            L("sources.revenue"),
            L("sources.groupRate"),
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
      { rect: rect(norm.row, C.lost, 1, 2), italic: true, background: COLORS.norm },
      {
        rect: rect(norm.row, norm.col),
        numberFormat: locale === "ru" ? '"сегмент − "0.0" п.п."' : '"segment − "0.0" pp"',
      },
      {
        rect: rect(SOURCES.headerRow, 1, 1, SOURCES.width),
        bold: true,
        background: COLORS.header,
        wrap: true,
      },
      { rect: rect(SOURCES.firstRow, C.won, SOURCES.maxRows, 2), numberFormat: "0" },
      { rect: rect(SOURCES.firstRow, C.winRate, SOURCES.maxRows, 1), numberFormat: "0%" },
      { rect: rect(SOURCES.firstRow, C.revenue, SOURCES.maxRows, 1), numberFormat: "#,##0" },
      { rect: rect(SOURCES.firstRow, C.groupRate, SOURCES.maxRows, 1), numberFormat: "0%" },
    ],
    columnWidths: [{ col: C.source, width: 240 }],
    hiddenColumns: [C.groupRate],
    frozenRows: SOURCES.headerRow,
    rules,
    validations: [],
    namedRanges: [],
    inputs: [],
    unprotected: [],
    protection: tt(locale, "protect.generated"),
    managed: rect(1, 1, rows, SOURCES.width),
  };
}
