/** Turning Apps Script criteria values into Excel formula text. */
import { formulaString } from "./a1";
import { isDate, wallDate } from "./dates";
import { renameSheetRefs } from "./sheet-names";

export interface FormulaContext {
  /** The spreadsheet's time zone (dates are compared on its wall clock). */
  tz: string;
  /** Google sheet name → new Excel name, for sheets that had to be renamed. */
  renames: Map<string, string>;
}

/** A Google formula ("=A1>2") as Excel formula text ("A1>2"), with renamed sheets rewritten. */
export function formulaBody(formula: string, ctx: FormulaContext): string {
  const body = formula.trim().startsWith("=") ? formula.trim().slice(1) : formula.trim();
  return renameSheetRefs(excelSeparators(body), ctx.renames);
}

/**
 * Formula text in a Russian-locale spreadsheet may separate arguments with ";" and write decimals
 * with "," ("=ROUND(A1*0,5; 2)"); the .xlsx format stores formulas in the invariant syntax (","
 * and "."). A formula with a ";" outside strings and quoted sheet names is read as locale syntax:
 * its "digit,digit" decimals become "." and its ";" become ",". Other formulas are unchanged.
 */
export function excelSeparators(body: string): string {
  const parts = body.split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/);
  const code = parts.filter((_, i) => i % 2 === 0);
  if (!code.some((p) => p.includes(";"))) return body;
  return parts
    .map((p, i) => (i % 2 === 1 ? p : p.replace(/(\d),(\d)/g, "$1.$2").replace(/;/g, ",")))
    .join("");
}

function isFormulaText(v: unknown): v is string {
  return typeof v === "string" && v.trim().startsWith("=");
}

/** A calendar-day expression for a Date or one of Apps Script's RelativeDate names. */
export function dateOperand(v: unknown, ctx: FormulaContext): string | undefined {
  if (isDate(v)) {
    const w = wallDate(v, ctx.tz);
    return w ? `DATE(${w.y},${w.m},${w.d})` : undefined;
  }
  if (isFormulaText(v)) return formulaBody(v, ctx);
  switch (String(v)) {
    case "TODAY":
      return "TODAY()";
    case "TOMORROW":
      return "TODAY()+1";
    case "YESTERDAY":
      return "TODAY()-1";
    case "PAST_WEEK":
      return "TODAY()-7";
    case "PAST_MONTH":
      return "EDATE(TODAY(),-1)";
    case "PAST_YEAR":
      return "EDATE(TODAY(),-12)";
    default:
      return undefined;
  }
}

/** A number operand: 5, "5", "=B1" (a formula), or a date. */
export function numberOperand(v: unknown, ctx: FormulaContext): string | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isDate(v)) return dateOperand(v, ctx);
  if (isFormulaText(v)) return formulaBody(v, ctx);
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return String(Number(v));
  return undefined;
}

/** A text operand: a quoted constant, or a formula when the value starts with "=". */
export function textOperand(v: unknown, ctx: FormulaContext): string {
  if (isFormulaText(v)) return formulaBody(v, ctx);
  return formulaString(v === null || v === undefined ? "" : String(v));
}
