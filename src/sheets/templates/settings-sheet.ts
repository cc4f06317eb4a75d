/**
 * The Settings sheet ("Настройки" / "Settings"): the highlight thresholds (the cells the board's
 * colours read), the SLA norms and stage control periods (shown for reference), and the one-cell
 * named range `amo_last_sync` the sync writes.
 *
 * The stored settings (document properties) stay the engine's source. The threshold cells are
 * written from them on every build and whenever settings are saved; a threshold typed into the
 * sheet colours the board at once and is adopted into the stored settings at the next build
 * (thresholdsFromCells validates it through the same zod schema).
 */
import type { Locale } from "../../core/i18n";
import type { Stage } from "../../core/model";
import { stageKey } from "../../core/model";
import { type Settings, type Thresholds, thresholdsSchema } from "../../core/settings";
import type { CellValue } from "../cells";
import { tt } from "./messages";
import { COLORS } from "./rules";
import { rect, type SheetTemplate, type ValueBlock } from "./spec";

export const LAST_SYNC_NAME = "amo_last_sync";

type ThresholdKey = keyof Thresholds;

interface ThresholdRow {
  key: ThresholdKey;
  format: string;
  rule: "rule.above" | "rule.below" | "rule.belowDept";
  min: number;
  max: number;
}

const PCT = "0%";
const MIN = "0.0";
const PP = "0.0";

/** The threshold rows in sheet order (row = FIRST_THRESHOLD_ROW + index). */
export const THRESHOLD_ROWS: readonly ThresholdRow[] = [
  { key: "firstResponseMinutes", format: MIN, rule: "rule.above", min: 0, max: 100_000 },
  { key: "slaShare", format: PCT, rule: "rule.below", min: 0, max: 1 },
  { key: "nextStepCoverage", format: PCT, rule: "rule.below", min: 0, max: 1 },
  { key: "overdueShare", format: PCT, rule: "rule.above", min: 0, max: 1 },
  { key: "touchesPerWonMin", format: MIN, rule: "rule.below", min: 0, max: 10_000 },
  { key: "touchesPerWonMax", format: MIN, rule: "rule.above", min: 0, max: 10_000 },
  { key: "staleShare", format: PCT, rule: "rule.above", min: 0, max: 1 },
  { key: "winRateGapPp", format: PP, rule: "rule.belowDept", min: 0, max: 100 },
  { key: "stageConversionGapPp", format: PP, rule: "rule.belowDept", min: 0, max: 100 },
];

export const FIRST_THRESHOLD_ROW = 5;
/** The column of the threshold values (B). */
export const THRESHOLD_COL = 2;
const SLA_ROW = FIRST_THRESHOLD_ROW + THRESHOLD_ROWS.length + 1; // 15: header, then 3 rows
export const LAST_SYNC_ROW = SLA_ROW + 5; // 20
const CONTROL_ROW = LAST_SYNC_ROW + 2; // 22

/** Where each threshold lives on the Settings sheet. */
export function thresholdCell(key: ThresholdKey): { row: number; col: number } {
  const i = THRESHOLD_ROWS.findIndex((t) => t.key === key);
  if (i < 0) throw new Error(`unknown threshold ${key}`);
  return { row: FIRST_THRESHOLD_ROW + i, col: THRESHOLD_COL };
}

export const LAST_SYNC_CELL = { row: LAST_SYNC_ROW, col: 2 };

/** The threshold column's values, in THRESHOLD_ROWS order. */
export function thresholdValues(t: Thresholds): number[] {
  return THRESHOLD_ROWS.map((r) => t[r.key]);
}

/**
 * Thresholds read back from the sheet's cells (THRESHOLD_ROWS order). Invalid cells are named
 * with their address and the schema's message; the caller keeps the stored value for those.
 */
export function thresholdsFromCells(
  cells: readonly unknown[],
  current: Thresholds,
): { thresholds: Thresholds; errors: string[] } {
  const next: Record<string, unknown> = { ...current };
  const errors: string[] = [];
  THRESHOLD_ROWS.forEach((r, i) => {
    const v = cells[i];
    const where = `B${FIRST_THRESHOLD_ROW + i}`;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      if (v !== "" && v !== null && v !== undefined)
        errors.push(`${where}: expected a number, got "${String(v)}"`);
      return;
    }
    const one = thresholdsSchema.shape[r.key].safeParse(v);
    if (!one.success) errors.push(`${where}: ${one.error.issues[0]?.message ?? "invalid"}`);
    else next[r.key] = one.data;
  });
  const parsed = thresholdsSchema.safeParse(next);
  return parsed.success ? { thresholds: parsed.data, errors } : { thresholds: current, errors };
}

export function settingsSheetName(locale: Locale): string {
  return tt(locale, "sheet.settings");
}

export function settingsTemplate(
  settings: Settings,
  locale: Locale,
  stages: readonly Stage[],
): SheetTemplate {
  const L = (id: Parameters<typeof tt>[1]) => tt(locale, id);
  const values: ValueBlock[] = [
    { row: 1, col: 1, values: [[L("settings.title")]] },
    { row: 2, col: 1, values: [[L("settings.note")]] },
    { row: 4, col: 1, values: [[L("settings.metric"), L("settings.threshold"), L("settings.rule")]] },
    {
      row: FIRST_THRESHOLD_ROW,
      col: 1,
      values: THRESHOLD_ROWS.map((r) => [L(`thr.${r.key}`), settings.thresholds[r.key], L(r.rule)]),
    },
    { row: SLA_ROW, col: 1, values: [[L("settings.sla")]] },
    {
      row: SLA_ROW + 1,
      col: 1,
      values: [
        [L("sla.hot"), settings.sla.hotMinutes, ""],
        [L("sla.warm"), settings.sla.warmMinutes, ""],
        [L("sla.cold"), settings.sla.coldNextWorkingDays, ""],
      ],
    },
    { row: LAST_SYNC_ROW, col: 1, values: [[L("settings.lastSync")]] },
    { row: CONTROL_ROW, col: 1, values: [[L("settings.control"), "", L("settings.shownOnly")]] },
    {
      row: CONTROL_ROW + 1,
      col: 1,
      values: [[L("settings.pipeline"), L("settings.stage"), L("settings.days")]],
    },
  ];
  const open = stages
    .filter((s) => s.kind === "open" || s.kind === "unsorted")
    .slice()
    .sort((a, b) => a.pipelineId - b.pipelineId || a.sort - b.sort || a.statusId - b.statusId);
  const controlRows: CellValue[][] = open.map((s) => [
    s.pipelineName,
    s.name,
    settings.controlPeriodDays[stageKey(s.pipelineId, s.statusId)] ?? settings.defaultControlPeriodDays,
  ]);
  if (controlRows.length > 0) values.push({ row: CONTROL_ROW + 2, col: 1, values: controlRows });
  const lastRow = CONTROL_ROW + 2 + Math.max(1, controlRows.length);
  return {
    name: settingsSheetName(locale),
    rows: Math.max(lastRow, 30),
    cols: 4,
    values,
    formulas: [],
    formats: [
      { rect: rect(1, 1), bold: true, fontSize: 14 },
      { rect: rect(2, 1), italic: true },
      { rect: rect(4, 1, 1, 3), bold: true, background: COLORS.header },
      ...THRESHOLD_ROWS.map((r, i) => ({
        rect: rect(FIRST_THRESHOLD_ROW + i, THRESHOLD_COL),
        numberFormat: r.format,
        background: COLORS.input,
      })),
      { rect: rect(SLA_ROW, 1), bold: true },
      { rect: rect(SLA_ROW + 1, 2, 3, 1), numberFormat: "0" },
      { rect: rect(LAST_SYNC_ROW, 1), bold: true },
      {
        rect: rect(LAST_SYNC_ROW, 2),
        numberFormat: locale === "ru" ? "dd.mm.yyyy hh:mm" : "yyyy-mm-dd hh:mm",
      },
      { rect: rect(CONTROL_ROW, 1), bold: true },
      { rect: rect(CONTROL_ROW + 1, 1, 1, 3), bold: true, background: COLORS.header },
    ],
    columnWidths: [
      { col: 1, width: 380 },
      { col: 2, width: 120 },
      { col: 3, width: 320 },
    ],
    hiddenColumns: [],
    frozenRows: 0,
    rules: [],
    validations: THRESHOLD_ROWS.map((r, i) => ({
      rect: rect(FIRST_THRESHOLD_ROW + i, THRESHOLD_COL),
      rule: { kind: "number" as const, min: r.min, max: r.max },
    })),
    namedRanges: [{ name: LAST_SYNC_NAME, rect: rect(LAST_SYNC_ROW, 2) }],
    // Thresholds are written from the stored settings on every build (after adopting valid sheet
    // edits, see the file comment), so they are unprotected but not "kept"; the sync stamp is kept.
    inputs: [{ ...LAST_SYNC_CELL, initial: "" }],
    unprotected: [rect(FIRST_THRESHOLD_ROW, THRESHOLD_COL, THRESHOLD_ROWS.length, 1)],
    protection: tt(locale, "protect.generated"),
    managed: rect(1, 1, Math.max(lastRow, 30), 4),
  };
}
