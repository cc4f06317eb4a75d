/**
 * One Google sheet → one Excel worksheet: cells (values, formulas with cached results, formats,
 * notes) read a block of rows at a time, column widths and hidden columns, row heights and hidden
 * rows, the frozen panes, the filter's range, conditional formats and data validation.
 */
import type { DataValidation, Worksheet } from "exceljs";
import { cellA1, rangeA1, topLeftOf } from "./a1";
import { conditionalRule } from "./conditional";
import type { FormulaContext } from "./formula";
import type { MissingMembers } from "./host";
import { FALLBACK_DATE_FORMAT, isDateFormat } from "./number-format";
import { mergeVertically, type Rect, rectsOf } from "./rects";
import { cellFormat, pixelsToColumnWidth, pixelsToPoints, readStyleGrids } from "./styles";
import type { Skipped } from "./types";
import { excelValidation, validationKey } from "./validation";
import { cellContent, EXCEL_MAX_TEXT } from "./values";

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** Apps Script's default row height in pixels. */
const DEFAULT_ROW_PX = 21;

/** exceljs keeps range validations here; its typings omit the property. */
interface RangeValidations {
  dataValidations: { add(address: string, validation: DataValidation): void };
}

export interface SheetContext extends FormulaContext {
  chunkRows: number;
  missing: MissingMembers;
  skipped: Skipped[];
}

export interface SheetCounts {
  cells: number;
  rules: number;
  validations: number;
}

function writeCells(
  sheet: GSheet,
  ws: Worksheet,
  ctx: SheetContext,
): { cells: number; rects: Rect[]; samples: Map<string, GValidation> } {
  const name = sheet.getName();
  const maxRows = sheet.getMaxRows();
  const maxCols = sheet.getMaxColumns();
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  const rects: Rect[] = [];
  const samples = new Map<string, GValidation>();
  let cells = 0;

  for (let top = 1; top <= maxRows; top += ctx.chunkRows) {
    const n = Math.min(ctx.chunkRows, maxRows - top + 1);
    const block = sheet.getRange(top, 1, n, maxCols);
    const grids = readStyleGrids(block, ctx.missing);
    const valueRows = Math.max(0, Math.min(n, lastRow - top + 1));
    let values: unknown[][] = [];
    let formulas: string[][] = [];
    if (valueRows > 0 && lastCol > 0) {
      const data = sheet.getRange(top, 1, valueRows, lastCol);
      values = data.getValues();
      formulas = data.getFormulas();
    }

    for (let y = 0; y < n; y++) {
      for (let x = 0; x < maxCols; x++) {
        const content =
          y < valueRows && x < lastCol ? cellContent(values[y]?.[x], formulas[y]?.[x] ?? "", ctx) : undefined;
        const format = cellFormat(grids, y, x);
        if (!content && !format.formatted) continue;
        const cell = ws.getCell(top + y, x + 1);
        const style = format.style;
        if (content) {
          if (content.date && !isDateFormat(style.numFmt)) style.numFmt = FALLBACK_DATE_FORMAT;
          if (content.formulaLikeText && style.numFmt === undefined) style.numFmt = "@";
          if (content.truncated) {
            ctx.skipped.push({
              kind: "cell",
              sheet: name,
              where: cellA1(top + y, x + 1),
              reason: `text cut to Excel's ${EXCEL_MAX_TEXT} characters`,
            });
          }
          cell.value = content.value;
          cells++;
        }
        cell.style = style;
        if (format.note) cell.note = format.note;
      }
    }

    const dvs = block.getDataValidations();
    const keys = dvs.map((row) =>
      row.map((dv) => {
        if (!dv) return undefined;
        const key = validationKey(dv);
        if (!samples.has(key)) samples.set(key, dv);
        return key;
      }),
    );
    rects.push(...rectsOf(keys, top));
  }
  return { cells, rects, samples };
}

function writeValidations(
  sheet: GSheet,
  ws: Worksheet,
  rects: Rect[],
  samples: Map<string, GValidation>,
  ctx: SheetContext,
): number {
  const name = sheet.getName();
  const failed = new Map<string, { reason: string; where: string[] }>();
  let written = 0;
  for (const r of mergeVertically(rects)) {
    const dv = samples.get(r.key)!;
    const where = rangeA1(r.r1, r.c1, r.r2, r.c2);
    const m = excelValidation(dv, cellA1(r.r1, r.c1), ctx);
    if (m.ok) {
      (ws as unknown as RangeValidations).dataValidations.add(where, m.validation);
      written++;
    } else {
      const f = failed.get(r.key) ?? { reason: m.reason, where: [] };
      f.where.push(where);
      failed.set(r.key, f);
    }
  }
  for (const f of failed.values()) {
    ctx.skipped.push({ kind: "data-validation", sheet: name, where: f.where.join(" "), reason: f.reason });
  }
  return written;
}

function writeConditionalFormats(sheet: GSheet, ws: Worksheet, ctx: SheetContext): number {
  const name = sheet.getName();
  let priority = 1;
  for (const rule of sheet.getConditionalFormatRules()) {
    const ranges = rule.getRanges().map((r) => r.getA1Notation());
    const where = ranges.join(" ");
    if (ranges.length === 0) {
      ctx.skipped.push({ kind: "conditional-format", sheet: name, reason: "the rule has no ranges" });
      continue;
    }
    const m = conditionalRule(rule, topLeftOf(ranges[0]!), priority, ctx, (member, lost) =>
      ctx.missing.note(member, lost),
    );
    if (m.ok) {
      ws.addConditionalFormatting({ ref: where, rules: [m.rule] });
      priority++;
    } else ctx.skipped.push({ kind: "conditional-format", sheet: name, where, reason: m.reason });
  }
  return priority - 1;
}

function writeLayout(sheet: GSheet, ws: Worksheet, ctx: SheetContext): void {
  const maxRows = sheet.getMaxRows();
  const maxCols = sheet.getMaxColumns();
  for (let c = 1; c <= maxCols; c++) {
    const column = ws.getColumn(c);
    column.width = pixelsToColumnWidth(sheet.getColumnWidth(c));
    if (sheet.isColumnHiddenByUser(c)) column.hidden = true;
  }
  for (let r = 1; r <= maxRows; r++) {
    const hidden = sheet.isRowHiddenByUser(r) || sheet.isRowHiddenByFilter(r);
    const px = sheet.getRowHeight(r);
    if (!hidden && px === DEFAULT_ROW_PX) continue;
    const row = ws.getRow(r);
    if (hidden) row.hidden = true;
    if (px !== DEFAULT_ROW_PX) row.height = pixelsToPoints(px);
  }
  const frozenRows = sheet.getFrozenRows();
  const frozenCols = sheet.getFrozenColumns();
  if (frozenRows > 0 || frozenCols > 0) {
    ws.views = [
      {
        state: "frozen",
        xSplit: frozenCols,
        ySplit: frozenRows,
        topLeftCell: cellA1(frozenRows + 1, frozenCols + 1),
      },
    ];
  }
  const filter = sheet.getFilter();
  if (filter) ws.autoFilter = filter.getRange().getA1Notation();
  const charts = sheet.getCharts().length;
  if (charts > 0) {
    ctx.skipped.push({
      kind: "chart",
      sheet: sheet.getName(),
      reason: `${charts} chart(s) not exported: exceljs cannot write charts`,
    });
  }
}

export function writeSheet(sheet: GSheet, ws: Worksheet, ctx: SheetContext): SheetCounts {
  const { cells, rects, samples } = writeCells(sheet, ws, ctx);
  writeLayout(sheet, ws, ctx);
  const rules = writeConditionalFormats(sheet, ws, ctx);
  const validations = writeValidations(sheet, ws, rects, samples, ctx);
  return { cells, rules, validations };
}
