/**
 * Data validation: Google rules → Excel ones. Lists (requireValueInList) become an inline list
 * ("a,b,c"), ranges (requireValueInRange) a list over 'Sheet'!$A$1:$A$9; number, date, text and
 * custom-formula rules get Excel's decimal / date / custom types. Checkbox, e-mail and URL rules
 * have no Excel equivalent and are reported.
 *
 * Google's "show a warning" (allowInvalid) accepts any value, so Excel shows no error box for it;
 * "reject input" becomes Excel's stop box. The help text becomes the input prompt and the error.
 */
import type { DataValidation } from "exceljs";
import { absoluteA1, formulaString, sheetPrefix } from "./a1";
import { isDate, wallClockAsUtc } from "./dates";
import { type FormulaContext, formulaBody, numberOperand, textOperand } from "./formula";

type GValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GRange = GoogleAppsScript.Spreadsheet.Range;

export type ValidationMapping = { ok: true; validation: DataValidation } | { ok: false; reason: string };

/** Excel's limit for an inline list, and for prompt/error texts. */
const LIST_MAX = 255;
const TEXT_MAX = 255;

function isRange(v: unknown): v is GRange {
  return (
    !!v &&
    typeof v === "object" &&
    typeof (v as GRange).getA1Notation === "function" &&
    typeof (v as GRange).getSheet === "function"
  );
}

function describe(v: unknown): unknown {
  if (isRange(v)) return `${v.getSheet().getName()}!${v.getA1Notation()}`;
  if (isDate(v)) return `date:${v.getTime()}`;
  if (Array.isArray(v)) return v.map(describe);
  return v;
}

/** Cells whose rules have the same key get one Excel rule. */
export function validationKey(dv: GValidation): string {
  return JSON.stringify([
    String(dv.getCriteriaType()),
    describe(dv.getCriteriaValues()),
    dv.getAllowInvalid(),
    dv.getHelpText() ?? "",
  ]);
}

function rangeReference(range: GRange, ctx: FormulaContext): string {
  const name = range.getSheet().getName();
  const excelName = ctx.renames.get(name) ?? name;
  const ref = absoluteA1(range.getRow(), range.getColumn(), range.getLastRow(), range.getLastColumn());
  return sheetPrefix(excelName) + ref;
}

const NUMBER_OPERATORS: Record<string, NonNullable<DataValidation["operator"]>> = {
  NUMBER_BETWEEN: "between",
  NUMBER_NOT_BETWEEN: "notBetween",
  NUMBER_EQUAL_TO: "equal",
  NUMBER_NOT_EQUAL_TO: "notEqual",
  NUMBER_GREATER_THAN: "greaterThan",
  NUMBER_GREATER_THAN_OR_EQUAL_TO: "greaterThanOrEqual",
  NUMBER_LESS_THAN: "lessThan",
  NUMBER_LESS_THAN_OR_EQUAL_TO: "lessThanOrEqual",
};

const DATE_OPERATORS: Record<string, NonNullable<DataValidation["operator"]>> = {
  DATE_BETWEEN: "between",
  DATE_NOT_BETWEEN: "notBetween",
  DATE_EQUAL_TO: "equal",
  DATE_AFTER: "greaterThan",
  DATE_ON_OR_AFTER: "greaterThanOrEqual",
  DATE_BEFORE: "lessThan",
  DATE_ON_OR_BEFORE: "lessThanOrEqual",
};

function criteria(
  type: string,
  values: unknown[],
  cell: string,
  ctx: FormulaContext,
): Pick<DataValidation, "type" | "operator" | "formulae"> | string {
  const [a, b] = values;
  switch (type) {
    case "VALUE_IN_LIST": {
      const items = (Array.isArray(a) ? a : []).map((x) => String(x));
      if (items.some((x) => x.includes(",")))
        return "a list item contains a comma, which an Excel list cannot hold";
      const list = items.join(",");
      if (list.length > LIST_MAX) return `the list is longer than Excel's ${LIST_MAX} characters`;
      return { type: "list", formulae: [formulaString(list)] };
    }
    case "VALUE_IN_RANGE":
      if (!isRange(a)) return "the rule has no source range";
      return { type: "list", formulae: [rangeReference(a, ctx)] };
    case "CUSTOM_FORMULA":
      if (typeof a !== "string" || a.trim() === "") return "no formula";
      return { type: "custom", formulae: [formulaBody(a, ctx)] };
    case "TEXT_CONTAINS":
      return { type: "custom", formulae: [`ISNUMBER(SEARCH(${textOperand(a, ctx)},${cell}))`] };
    case "TEXT_DOES_NOT_CONTAIN":
      return { type: "custom", formulae: [`ISERROR(SEARCH(${textOperand(a, ctx)},${cell}))`] };
    case "TEXT_EQUAL_TO":
      return { type: "custom", formulae: [`EXACT(${cell},${textOperand(a, ctx)})`] };
    case "DATE_IS_VALID_DATE":
      return { type: "date", operator: "greaterThanOrEqual", formulae: [new Date(Date.UTC(1900, 0, 1))] };
    default:
      break;
  }
  const numberOp = NUMBER_OPERATORS[type];
  if (numberOp) {
    const count = numberOp === "between" || numberOp === "notBetween" ? 2 : 1;
    const formulae = [a, b].slice(0, count).map((v) => numberOperand(v, ctx));
    if (formulae.some((f) => f === undefined)) return `cannot read the value(s) ${JSON.stringify(values)}`;
    return { type: "decimal", operator: numberOp, formulae };
  }
  const dateOp = DATE_OPERATORS[type];
  if (dateOp) {
    const count = dateOp === "between" || dateOp === "notBetween" ? 2 : 1;
    // exceljs writes a date formula as the serial of the Date's UTC fields: pass the wall clock.
    const formulae = [a, b].slice(0, count).map((v) => (isDate(v) ? wallClockAsUtc(v, ctx.tz) : undefined));
    if (formulae.some((f) => f === undefined)) return `cannot read the date(s) ${JSON.stringify(values)}`;
    return { type: "date", operator: dateOp, formulae };
  }
  if (type === "CHECKBOX") return "Excel has no checkbox validation (the TRUE/FALSE values are kept)";
  return "no Excel equivalent";
}

/** The Excel rule for a rectangle whose top-left cell is `cell` (relative A1). */
export function excelValidation(dv: GValidation, cell: string, ctx: FormulaContext): ValidationMapping {
  const type = String(dv.getCriteriaType());
  const c = criteria(type, dv.getCriteriaValues(), cell, ctx);
  if (typeof c === "string") return { ok: false, reason: `${type}: ${c}` };
  const validation: DataValidation = { ...c, allowBlank: true };
  if (!dv.getAllowInvalid()) {
    validation.showErrorMessage = true;
    validation.errorStyle = "stop";
  }
  const help = (dv.getHelpText() ?? "").slice(0, TEXT_MAX);
  if (help) {
    validation.showInputMessage = true;
    validation.prompt = help;
    validation.error = help;
  }
  return { ok: true, validation };
}
