/**
 * Materialises a SheetTemplate (src/sheets/templates) with SpreadsheetApp. Idempotent:
 * - the user's inputs (filter choices, the sync stamp) are read before and written back after;
 * - the managed rectangle is cleared and rewritten, values in blocks (setValues, every string
 *   apostrophe-prefixed so CRM text never becomes a formula) and formulas in blocks (setFormulas);
 * - conditional rules: setConditionalFormatRules replaces the sheet's whole list [doc], so the
 *   rules a user added outside the managed rectangle are kept and ours replace the ones inside it
 *   — a rebuild never duplicates them;
 * - our warning-only protection is found by its description and replaced.
 */
import { type CellValue, toEnteredCell } from "../../sheets/cells";
import { ruleFormula } from "../../sheets/templates/rules";
import { intersects, type Rect, type SheetTemplate, type ValidationRule } from "../../sheets/templates/spec";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface WriteStats {
  sheet: string;
  created: boolean;
  keptInputs: number;
  rules: number;
  keptUserRules: number;
}

function grow(sh: Sheet, rows: number, cols: number): void {
  const maxRows = sh.getMaxRows();
  const maxCols = sh.getMaxColumns();
  if (maxRows < rows) sh.insertRowsAfter(maxRows, rows - maxRows);
  if (maxCols < cols) sh.insertColumnsAfter(maxCols, cols - maxCols);
}

function rangeOf(sh: Sheet, r: Rect): GoogleAppsScript.Spreadsheet.Range {
  return sh.getRange(r.row, r.col, r.rows, r.cols);
}

function validation(
  rule: ValidationRule,
  help: string | undefined,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const b = SpreadsheetApp.newDataValidation();
  switch (rule.kind) {
    case "list":
      // An empty list is refused by Sheets [assumed]; no list = no drop-down.
      if (rule.values.length === 0) return null;
      b.requireValueInList(rule.values, true);
      break;
    case "date":
      b.requireDate();
      break;
    case "number":
      b.requireNumberBetween(rule.min, rule.max);
      break;
  }
  b.setAllowInvalid(false);
  if (help) b.setHelpText(help);
  return b.build();
}

/** Same rectangle of cells (a rule's range read back from the sheet vs ours). */
function rectOfRange(r: GoogleAppsScript.Spreadsheet.Range): Rect {
  return { row: r.getRow(), col: r.getColumn(), rows: r.getNumRows(), cols: r.getNumColumns() };
}

export function writeTemplate(ss: Spreadsheet, t: SheetTemplate): WriteStats {
  let sh = ss.getSheetByName(t.name);
  const created = sh === null;
  if (!sh) sh = ss.insertSheet(t.name);
  // Sheets refuses to freeze rows the grid does not have: grow first.
  grow(sh, Math.max(t.rows, sh.getLastRow()), t.cols);

  // The user's inputs, kept across a rebuild (a new sheet gets the template's initial values).
  const kept = new Map<string, CellValue>();
  if (!created) {
    for (const input of t.inputs) {
      const v = sh.getRange(input.row, input.col).getValue() as CellValue;
      if (v !== "" && v !== null) kept.set(`${input.row}:${input.col}`, v);
    }
  }

  // Clear what we own: the managed rectangle, down to whatever an earlier, longer build wrote.
  const managed: Rect = { ...t.managed, rows: Math.max(t.managed.rows, sh.getLastRow() - t.managed.row + 1) };
  const area = rangeOf(sh, managed);
  area.clear();
  area.clearDataValidations();

  for (const b of t.values) {
    const v = b.values.map((row) => row.map((c) => toEnteredCell(c)));
    sh.getRange(b.row, b.col, v.length, v[0]!.length).setValues(v);
  }
  // Inputs: the user's choice, else the template's initial value. Written before the formulas,
  // so that the first recalculation of a formula that reads them (the board's KPI_MATRIX) is
  // already for the kept filters, not for a cleared row.
  for (const input of t.inputs) {
    const v = kept.get(`${input.row}:${input.col}`) ?? input.initial;
    sh.getRange(input.row, input.col).setValue(toEnteredCell(v));
  }
  for (const b of t.formulas)
    sh.getRange(b.row, b.col, b.formulas.length, b.formulas[0]!.length).setFormulas(b.formulas);

  for (const f of t.formats) {
    const r = rangeOf(sh, f.rect);
    if (f.numberFormat) r.setNumberFormat(f.numberFormat);
    if (f.bold) r.setFontWeight("bold");
    if (f.italic) r.setFontStyle("italic");
    if (f.background) r.setBackground(f.background);
    if (f.fontColor) r.setFontColor(f.fontColor);
    if (f.fontSize) r.setFontSize(f.fontSize);
    if (f.wrap) r.setWrap(true);
  }
  for (const w of t.columnWidths) sh.setColumnWidth(w.col, w.width);
  // One call per run of adjacent columns (the board hides J:V).
  const hidden = [...t.hiddenColumns].sort((a, b) => a - b);
  for (let i = 0; i < hidden.length; ) {
    let n = 1;
    while (i + n < hidden.length && hidden[i + n] === hidden[i]! + n) n++;
    sh.hideColumns(hidden[i]!, n);
    i += n;
  }
  sh.setFrozenRows(t.frozenRows);

  for (const v of t.validations) {
    const rule = validation(v.rule, v.help);
    if (rule) rangeOf(sh, v.rect).setDataValidation(rule);
  }

  const userRules = sh
    .getConditionalFormatRules()
    .filter((rule) => rule.getRanges().every((r) => !intersects(rectOfRange(r), managed)));
  const ours = t.rules.map((r) => {
    const b = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(ruleFormula(r))
      .setBackground(r.background)
      .setRanges([rangeOf(sh!, r.range)]);
    if (r.fontColor) b.setFontColor(r.fontColor);
    return b.build();
  });
  sh.setConditionalFormatRules([...userRules, ...ours]);

  for (const n of t.namedRanges) ss.setNamedRange(n.name, rangeOf(sh, n.rect));

  for (const p of sh.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
    if (p.getDescription() === t.protection) p.remove();
  }
  // Warning-only: a user who edits a generated cell is warned, not stopped [doc: setWarningOnly].
  const protection = sh.protect().setDescription(t.protection).setWarningOnly(true);
  if (t.unprotected.length > 0) protection.setUnprotectedRanges(t.unprotected.map((r) => rangeOf(sh!, r)));

  return {
    sheet: t.name,
    created,
    keptInputs: kept.size,
    rules: ours.length,
    keptUserRules: userRules.length,
  };
}

/** Writes a block of server values (literal text never parsed) at row, col. */
export function writeValues(sh: Sheet, row: number, col: number, values: CellValue[][]): void {
  if (values.length === 0) return;
  sh.getRange(row, col, values.length, values[0]!.length).setValues(
    values.map((r) => r.map((c) => toEnteredCell(c))),
  );
}
