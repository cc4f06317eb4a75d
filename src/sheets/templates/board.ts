/**
 * The deviation board ("Доска" / "Board"): the six columns of kpi.md per manager plus the
 * department, filter cells with drop-downs, and a "Norm" row linked to the Settings sheet that
 * the conditional rules read.
 *
 * Which cells are formulas and which are values (docs/board.md):
 * - formulas: the norm row (='Настройки'!$B$n), columns B–E and I of every manager and the
 *   department row (built-in lookups into the helper spill, board-lookup.ts), the helper's one
 *   KPI_MATRIX over amo_daily with the filter cells (hidden columns L:V), F4 (=amo_last_sync);
 * - values written by the server at each sync (writeBoardSnapshot): columns F–H (stale deals:
 *   count, share, worst stage), which need the current stage of every open deal;
 * - values written at build: the labels, manager names (literal text) and their ids (hidden J).
 *
 * One custom-function call for the whole board (was 5 × (managers + 1)): a filter change costs one
 * ≈0.5 s round trip in Sheets (scale.md) and one pass over amo_daily, not 95.
 */
import type { Locale } from "../../core/i18n";
import type { MetricId } from "../../core/metrics/types";
import { columnLetter } from "../a1";
import type { CellValue } from "../cells";
import { BOARD_HELPER, departmentLookup, helperFormula, helperLastCol, managerLookup } from "./board-lookup";
import { tt } from "./messages";
import { COLORS, type RuleSpec } from "./rules";
import { LAST_SYNC_NAME, settingsSheetName, thresholdCell } from "./settings-sheet";
import { absA1, rect, type SheetTemplate, sheetRef } from "./spec";

export const DAILY_NAME = "amo_daily";

export const BOARD = {
  filterLabelRow: 3,
  filterRow: 4,
  headerRow: 6,
  normRow: 7,
  firstManagerRow: 8,
  col: {
    manager: 1,
    firstResponse: 2,
    sla: 3,
    nextStep: 4,
    overdue: 5,
    staleCount: 6,
    staleShare: 7,
    worstStage: 8,
    winRate: 9,
    managerId: 10,
  },
  filterCol: { from: 1, to: 2, source: 3, segment: 4, pipeline: 5, lastSync: 6 },
  width: 10,
} as const;

/** The board's formula columns and the metric each looks up in the helper spill. */
export const BOARD_FORMULAS: readonly { col: number; metric: MetricId }[] = [
  { col: BOARD.col.firstResponse, metric: "first_response" },
  { col: BOARD.col.sla, metric: "sla_share" },
  { col: BOARD.col.nextStep, metric: "next_step_coverage" },
  { col: BOARD.col.overdue, metric: "overdue_share" },
  { col: BOARD.col.winRate, metric: "win_rate" },
];

export interface BoardManager {
  id: number;
  name: string;
}

export interface BoardInput {
  locale: Locale;
  managers: readonly BoardManager[];
  /** Drop-down lists (from the raw sheets). */
  lists: { sources: readonly string[]; segments: readonly string[]; pipelines: readonly string[] };
  /** The period on the first build (local midnights as Dates; `to` inclusive). */
  period: { from: Date; to: Date };
}

export function boardSheetName(locale: Locale): string {
  return tt(locale, "sheet.board");
}

export function departmentRow(managerCount: number): number {
  return BOARD.firstManagerRow + managerCount;
}

/** The helper's KPI_MATRIX call: the filters are the row-4 cells. */
export function boardHelperFormula(): string {
  const cell = (col: number) => absA1(BOARD.filterRow, col);
  const c = BOARD.filterCol;
  return helperFormula({
    daily: DAILY_NAME,
    from: cell(c.from),
    to: cell(c.to),
    source: cell(c.source),
    segment: cell(c.segment),
    pipeline: cell(c.pipeline),
    lastSync: LAST_SYNC_NAME,
  });
}

/** The grid's rows: the table, and room for the helper's spill (more managers may have data). */
function boardRows(managerCount: number): number {
  return Math.max(departmentRow(managerCount) + 2, 30, BOARD_HELPER.row + BOARD_HELPER.maxRows);
}

const NORM_FORMATS: Record<Locale, Partial<Record<number, string>>> = {
  ru: { 2: '"≤ "0.0', 3: '"≥ "0%', 4: '"≥ "0%', 5: '"≤ "0%', 7: '"≤ "0%', 9: '"отдел − "0.0" п.п."' },
  en: { 2: '"≤ "0.0', 3: '"≥ "0%', 4: '"≥ "0%', 5: '"≤ "0%', 7: '"≤ "0%', 9: '"dept − "0.0" pp"' },
};

/**
 * The board's conditional rules for `managerCount` managers: per column a breach rule (red), then
 * a "fine" rule (green) for any number; the first match wins, so a breach is red.
 */
export function boardRules(managerCount: number): RuleSpec[] {
  const C = BOARD.col;
  const first = BOARD.firstManagerRow;
  const dept = departmentRow(managerCount);
  const rows = dept - first + 1;
  const norm = BOARD.normRow;
  const at = (row: number, col: number) => ({ row, col });
  const range = (col: number, cols = 1) => rect(first, col, rows, cols);
  const breach = { background: COLORS.breach, fontColor: COLORS.breachText };
  const fine = { background: COLORS.fine, fontColor: COLORS.fineText };
  const tested: { range: ReturnType<typeof range>; testCol: number; check: RuleSpec["check"] }[] = [
    {
      range: range(C.firstResponse),
      testCol: C.firstResponse,
      check: { kind: "max", norm: at(norm, C.firstResponse) },
    },
    { range: range(C.sla), testCol: C.sla, check: { kind: "min", norm: at(norm, C.sla) } },
    { range: range(C.nextStep), testCol: C.nextStep, check: { kind: "min", norm: at(norm, C.nextStep) } },
    { range: range(C.overdue), testCol: C.overdue, check: { kind: "max", norm: at(norm, C.overdue) } },
    // Column 5 (stale: count, share, worst stage) is coloured as one by its share.
    {
      range: range(C.staleCount, 3),
      testCol: C.staleShare,
      check: { kind: "max", norm: at(norm, C.staleShare) },
    },
    {
      range: range(C.winRate),
      testCol: C.winRate,
      check: { kind: "belowRef", gap: at(norm, C.winRate), refRow: dept },
    },
  ];
  return [
    ...tested.map((t) => ({ ...t, ...breach })),
    ...tested.map((t) => ({
      range: t.range,
      testCol: t.testCol,
      check: { kind: "number" as const },
      ...fine,
    })),
  ];
}

export function boardTemplate(input: BoardInput): SheetTemplate {
  const { locale, managers } = input;
  const L = (id: Parameters<typeof tt>[1], vars?: Record<string, string>) => tt(locale, id, vars);
  const C = BOARD.col;
  const settings = sheetRef(settingsSheetName(locale));
  const first = BOARD.firstManagerRow;
  const dept = departmentRow(managers.length);
  const rows = dept - first + 1;
  const norm = BOARD.normRow;

  const header: CellValue[] = new Array(BOARD.width).fill("");
  header[C.manager - 1] = L("col.manager");
  header[C.firstResponse - 1] = L("col.firstResponse");
  header[C.sla - 1] = L("col.sla");
  header[C.nextStep - 1] = L("col.nextStep");
  header[C.overdue - 1] = L("col.overdue");
  header[C.staleCount - 1] = L("col.staleCount");
  header[C.staleShare - 1] = L("col.staleShare");
  header[C.worstStage - 1] = L("col.worstStage");
  header[C.winRate - 1] = L("col.winRate");
  header[C.managerId - 1] = L("col.managerId");

  const link = (key: Parameters<typeof thresholdCell>[0]) => {
    const t = thresholdCell(key);
    return `=${settings}!${absA1(t.row, t.col)}`;
  };
  const normFormulas: [number, string][] = [
    [C.firstResponse, link("firstResponseMinutes")],
    [C.sla, link("slaShare")],
    [C.nextStep, link("nextStepCoverage")],
    [C.overdue, link("overdueShare")],
    [C.staleShare, link("staleShare")],
    [C.winRate, link("winRateGapPp")],
  ];

  const names: CellValue[][] = managers.map((m) => [m.name]);
  names.push([L("row.department")]);
  const ids: CellValue[][] = managers.map((m) => [m.id]);
  ids.push([""]);

  const idCol = columnLetter(C.managerId);
  const formulas = BOARD_FORMULAS.map(({ col, metric }) => ({
    row: first,
    col,
    formulas: Array.from({ length: rows }, (_, i) => [
      first + i === dept ? departmentLookup(metric) : managerLookup(metric, `$${idCol}${first + i}`),
    ]),
  }));
  const lastCol = helperLastCol();
  const gridRows = boardRows(managers.length);

  const range = (col: number, cols = 1) => rect(first, col, rows, cols);
  const rules = boardRules(managers.length);

  const fmtShare = "0%";
  const dateFormat = locale === "ru" ? "dd.mm.yyyy" : "yyyy-mm-dd";
  const listRule = (values: readonly string[]) => ({ kind: "list" as const, values: [...values] });
  const f = BOARD.filterRow;
  const fc = BOARD.filterCol;

  return {
    name: boardSheetName(locale),
    rows: gridRows,
    cols: lastCol,
    values: [
      { row: 1, col: 1, values: [[L("board.title")]] },
      { row: 2, col: 1, values: [[L("board.note", { settings: settingsSheetName(locale) })]] },
      {
        row: BOARD.filterLabelRow,
        col: 1,
        values: [
          [
            L("filter.from"),
            L("filter.to"),
            L("filter.source"),
            L("filter.segment"),
            L("filter.pipeline"),
            L("filter.lastSync"),
          ],
        ],
      },
      { row: BOARD.headerRow, col: 1, values: [header] },
      { row: norm, col: C.manager, values: [[L("row.norm")]] },
      { row: first, col: C.manager, values: names },
      { row: first, col: C.managerId, values: ids },
    ],
    formulas: [
      ...normFormulas.map(([col, formula]) => ({ row: norm, col, formulas: [[formula]] })),
      { row: f, col: fc.lastSync, formulas: [[`=${LAST_SYNC_NAME}`]] },
      { row: BOARD_HELPER.row, col: BOARD_HELPER.col, formulas: [[boardHelperFormula()]] },
      ...formulas,
    ],
    formats: [
      { rect: rect(1, 1), bold: true, fontSize: 14 },
      { rect: rect(2, 1), italic: true },
      { rect: rect(BOARD.filterLabelRow, 1, 1, 6), bold: true },
      { rect: rect(f, fc.from, 1, 2), numberFormat: dateFormat, background: COLORS.input },
      { rect: rect(f, fc.source, 1, 3), background: COLORS.input },
      { rect: rect(f, fc.lastSync), numberFormat: `${dateFormat} hh:mm` },
      { rect: rect(BOARD.headerRow, 1, 1, BOARD.width), bold: true, background: COLORS.header, wrap: true },
      { rect: rect(norm, 1, 1, BOARD.width), italic: true, background: COLORS.norm },
      ...Object.entries(NORM_FORMATS[locale]).map(([col, fmt]) => ({
        rect: rect(norm, Number(col)),
        numberFormat: fmt!,
      })),
      { rect: range(C.firstResponse), numberFormat: "0.0" },
      { rect: range(C.sla, 3), numberFormat: fmtShare },
      { rect: range(C.staleCount), numberFormat: "0" },
      { rect: range(C.staleShare), numberFormat: fmtShare },
      { rect: range(C.winRate), numberFormat: fmtShare },
      { rect: range(C.managerId), numberFormat: "0" },
      { rect: rect(dept, 1, 1, BOARD.width), bold: true },
    ],
    columnWidths: [
      { col: C.manager, width: 200 },
      ...[C.firstResponse, C.sla, C.nextStep, C.overdue, C.staleCount, C.staleShare, C.winRate].map(
        (col) => ({
          col,
          width: 120,
        }),
      ),
      { col: C.worstStage, width: 200 },
    ],
    // The id column, a spacer and the helper spill: only lookups read them.
    hiddenColumns: Array.from({ length: lastCol - C.managerId + 1 }, (_, i) => C.managerId + i),
    frozenRows: norm,
    rules,
    validations: [
      { rect: rect(f, fc.from), rule: { kind: "date" } },
      { rect: rect(f, fc.to), rule: { kind: "date" } },
      { rect: rect(f, fc.source), rule: listRule(input.lists.sources) },
      { rect: rect(f, fc.segment), rule: listRule(input.lists.segments) },
      { rect: rect(f, fc.pipeline), rule: listRule(input.lists.pipelines) },
    ],
    namedRanges: [],
    inputs: [
      { row: f, col: fc.from, initial: input.period.from },
      { row: f, col: fc.to, initial: input.period.to },
      { row: f, col: fc.source, initial: "" },
      { row: f, col: fc.segment, initial: "" },
      { row: f, col: fc.pipeline, initial: "" },
    ],
    unprotected: [rect(f, fc.from, 1, 5)],
    protection: tt(locale, "protect.generated"),
    managed: rect(1, 1, gridRows, lastCol),
  };
}
