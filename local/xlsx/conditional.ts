/**
 * Conditional-format rules: Google's BooleanCondition → Excel cellIs / containsText / expression,
 * and GradientCondition → colorScale. Each rule keeps its ranges (Excel's sqref, in Google's
 * order, so a custom formula stays relative to the same top-left cell) and Google's precedence
 * (the first rule in the list gets priority 1). Fill and font colour, bold, italic, underline and
 * strikethrough become the rule's differential format.
 *
 * Semantics kept as Excel's: a cellIs rule compares text as well (Excel counts text as greater
 * than any number), where Google's "greater than" only matches numbers.
 */
import type { ConditionalFormattingRule, Cvfo, Style } from "exceljs";
import { toArgb } from "./color";
import { dateOperand, type FormulaContext, formulaBody, numberOperand, textOperand } from "./formula";
import { optionalMethod } from "./host";

type GRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GCondition = GoogleAppsScript.Spreadsheet.BooleanCondition;
type GGradient = GoogleAppsScript.Spreadsheet.GradientCondition;

export type RuleMapping = { ok: true; rule: ConditionalFormattingRule } | { ok: false; reason: string };

/** Operators Excel's cellIs accepts (exceljs types only a few of them). */
type CellIsOperator =
  | "equal"
  | "notEqual"
  | "greaterThan"
  | "greaterThanOrEqual"
  | "lessThan"
  | "lessThanOrEqual"
  | "between"
  | "notBetween";

const NUMBER_OPERATORS: Record<string, CellIsOperator> = {
  NUMBER_GREATER_THAN: "greaterThan",
  NUMBER_GREATER_THAN_OR_EQUAL_TO: "greaterThanOrEqual",
  NUMBER_LESS_THAN: "lessThan",
  NUMBER_LESS_THAN_OR_EQUAL_TO: "lessThanOrEqual",
  NUMBER_EQUAL_TO: "equal",
  NUMBER_NOT_EQUAL_TO: "notEqual",
  NUMBER_BETWEEN: "between",
  NUMBER_NOT_BETWEEN: "notBetween",
};

/** The differential format of a boolean rule. */
export function conditionStyle(c: GCondition): Partial<Style> | undefined {
  const style: Partial<Style> = {};
  const bg = toArgb(c.getBackground());
  if (bg) {
    // Excel reads a conditional solid fill from bgColor, other readers from fgColor: set both.
    style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: bg }, bgColor: { argb: bg } };
  }
  const font: NonNullable<Style["font"]> = {};
  const color = toArgb(c.getFontColor());
  if (color) font.color = { argb: color };
  if (c.getBold()) font.bold = true;
  if (c.getItalic()) font.italic = true;
  if (c.getUnderline()) font.underline = true;
  if (c.getStrikethrough()) font.strike = true;
  if (Object.keys(font).length > 0) style.font = font;
  return Object.keys(style).length > 0 ? style : undefined;
}

function withStyle(
  rule: Record<string, unknown>,
  style: Partial<Style> | undefined,
  priority: number,
): RuleMapping {
  const out = { ...rule, priority, ...(style ? { style } : {}) };
  return { ok: true, rule: out as unknown as ConditionalFormattingRule };
}

const DATE_COMPARE: Record<string, string> = {
  DATE_BEFORE: "<",
  DATE_BEFORE_RELATIVE: "<",
  DATE_AFTER: ">",
  DATE_AFTER_RELATIVE: ">",
  DATE_EQUAL_TO: "=",
  DATE_EQUAL_TO_RELATIVE: "=",
};

function dateExpression(type: string, value: unknown, cell: string, ctx: FormulaContext): string | undefined {
  const day = `INT(${cell})`;
  const isPast = value === "PAST_WEEK" || value === "PAST_MONTH" || value === "PAST_YEAR";
  const operand = dateOperand(value, ctx);
  if (operand === undefined) return undefined;
  const op = DATE_COMPARE[type]!;
  // "Date is in the past week/month/year" is a span ending today, not a single day.
  const test = op === "=" && isPast ? `${day}>=${operand},${day}<=TODAY()` : `${day}${op}${operand}`;
  return `AND(ISNUMBER(${cell}),${test})`;
}

/**
 * A boolean rule for ranges whose first range starts at `cell` (relative A1, e.g. "B2"): Excel
 * evaluates a rule's formulas relative to that cell, as Google does.
 */
export function booleanRule(c: GCondition, cell: string, priority: number, ctx: FormulaContext): RuleMapping {
  const type = String(c.getCriteriaType());
  const values = c.getCriteriaValues();
  const style = conditionStyle(c);
  const unsupported = (why: string): RuleMapping => ({ ok: false, reason: `${type}: ${why}` });

  const op = NUMBER_OPERATORS[type];
  if (op) {
    const count = op === "between" || op === "notBetween" ? 2 : 1;
    const formulae = values.slice(0, count).map((v) => numberOperand(v, ctx));
    if (formulae.length < count || formulae.some((f) => f === undefined))
      return unsupported(`cannot read the value(s) ${JSON.stringify(values)}`);
    return withStyle({ type: "cellIs", operator: op, formulae }, style, priority);
  }

  const text = values[0];
  switch (type) {
    case "TEXT_CONTAINS":
      return withStyle(
        {
          type: "containsText",
          operator: "containsText",
          text: String(text ?? ""),
          formulae: [`NOT(ISERROR(SEARCH(${textOperand(text, ctx)},${cell})))`],
        },
        style,
        priority,
      );
    case "TEXT_DOES_NOT_CONTAIN":
      // exceljs cannot write Excel's notContainsText type; the same test as an expression.
      return withStyle(
        { type: "expression", formulae: [`ISERROR(SEARCH(${textOperand(text, ctx)},${cell}))`] },
        style,
        priority,
      );
    case "TEXT_STARTS_WITH": {
      const t = textOperand(text, ctx);
      return withStyle(
        {
          type: "containsText",
          operator: "beginsWith",
          text: String(text ?? ""),
          formulae: [`LEFT(${cell},LEN(${t}))=${t}`],
        },
        style,
        priority,
      );
    }
    case "TEXT_ENDS_WITH": {
      const t = textOperand(text, ctx);
      return withStyle(
        {
          type: "containsText",
          operator: "endsWith",
          text: String(text ?? ""),
          formulae: [`RIGHT(${cell},LEN(${t}))=${t}`],
        },
        style,
        priority,
      );
    }
    case "TEXT_EQUAL_TO":
      return withStyle(
        { type: "cellIs", operator: "equal", formulae: [textOperand(text, ctx)] },
        style,
        priority,
      );
    case "CELL_EMPTY":
      return withStyle({ type: "expression", formulae: [`LEN(${cell})=0`] }, style, priority);
    case "CELL_NOT_EMPTY":
      return withStyle({ type: "expression", formulae: [`LEN(${cell})>0`] }, style, priority);
    case "CUSTOM_FORMULA": {
      if (typeof text !== "string" || text.trim() === "") return unsupported("no formula");
      return withStyle({ type: "expression", formulae: [formulaBody(text, ctx)] }, style, priority);
    }
    case "DATE_BEFORE":
    case "DATE_AFTER":
    case "DATE_EQUAL_TO":
    case "DATE_BEFORE_RELATIVE":
    case "DATE_AFTER_RELATIVE":
    case "DATE_EQUAL_TO_RELATIVE": {
      const f = dateExpression(type, values[0], cell, ctx);
      if (f === undefined) return unsupported(`cannot read the date ${JSON.stringify(values[0])}`);
      return withStyle({ type: "expression", formulae: [f] }, style, priority);
    }
    default:
      return unsupported("no Excel equivalent");
  }
}

const CFVO_TYPES: Record<string, Cvfo["type"]> = {
  NUMBER: "num",
  PERCENT: "percent",
  PERCENTILE: "percentile",
  MIN: "min",
  MAX: "max",
};

function cfvo(
  type: unknown,
  value: string,
  fallback: Cvfo["type"],
  ctx: FormulaContext,
): { type: Cvfo["type"]; value?: number | string } | undefined {
  const t = type === null || type === undefined ? fallback : CFVO_TYPES[String(type)];
  if (!t) return undefined;
  if (t === "min" || t === "max") return { type: t };
  const v = String(value ?? "").trim();
  if (v.startsWith("=")) return { type: "formula", value: formulaBody(v, ctx) };
  if (v === "" || !Number.isFinite(Number(v))) return undefined;
  return { type: t, value: Number(v) };
}

/** A gradient (colour scale) with two or three points. */
export function gradientRule(g: GGradient, priority: number, ctx: FormulaContext): RuleMapping {
  const points: { cfvo: ReturnType<typeof cfvo>; color: string | undefined }[] = [
    { cfvo: cfvo(g.getMinType(), g.getMinValue(), "min", ctx), color: toArgb(g.getMinColor()) },
  ];
  const midColor = toArgb(g.getMidColor());
  if (midColor && g.getMidType() !== null) {
    points.push({ cfvo: cfvo(g.getMidType(), g.getMidValue(), "percentile", ctx), color: midColor });
  }
  points.push({ cfvo: cfvo(g.getMaxType(), g.getMaxValue(), "max", ctx), color: toArgb(g.getMaxColor()) });
  if (points.some((p) => !p.cfvo || !p.color)) {
    return { ok: false, reason: "gradient: a point has an unreadable type, value or colour" };
  }
  const rule = {
    type: "colorScale",
    priority,
    cfvo: points.map((p) => p.cfvo),
    color: points.map((p) => ({ argb: p.color })),
  };
  return { ok: true, rule: rule as unknown as ConditionalFormattingRule };
}

/** Maps one Google rule; `cell` is the top-left cell of its first range. */
export function conditionalRule(
  rule: GRule,
  cell: string,
  priority: number,
  ctx: FormulaContext,
  onMissing: (member: string, lost: string) => void,
): RuleMapping {
  const condition = rule.getBooleanCondition();
  if (condition) return booleanRule(condition, cell, priority, ctx);
  const getGradient = optionalMethod(rule, "getGradientCondition");
  if (!getGradient) {
    onMissing("ConditionalFormatRule.getGradientCondition", "gradient (colour-scale) rules");
    return {
      ok: false,
      reason:
        "not a boolean rule (a gradient?): the spreadsheet host has no ConditionalFormatRule.getGradientCondition",
    };
  }
  const gradient = getGradient() as GGradient | null;
  if (gradient) return gradientRule(gradient, priority, ctx);
  return { ok: false, reason: "the rule has neither a boolean nor a gradient condition" };
}
