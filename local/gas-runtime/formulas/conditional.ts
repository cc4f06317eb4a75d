/**
 * The format a cell shows after its sheet's conditional-format rules: the rules are tried in the
 * sheet's order and the first whose range covers the cell and whose condition holds gives its
 * format; later rules are not applied to that cell [assumed from Sheets' rule list, where the
 * rule on top takes precedence; not verified in Google's reference].
 *
 * Conditions: number (greater/less/between/equal and their negations), text (contains, starts,
 * ends, equals), empty / not empty, and custom formulas (whenFormulaSatisfied), whose relative
 * references move with the cell, counted from the top-left cell of the rule's first range
 * [assumed: how Sheets behaves in use; Excel documents the same rule]. A criteria value written
 * as a formula ("=Settings!$B$3") is evaluated the same way. Date conditions and gradients are not
 * evaluated here: they never match (the rule is still stored and exported).
 */
import type { RuntimeEnv } from "../env";
import { cellScalar, displayCell } from "../spreadsheet/cells";
import { meets } from "../spreadsheet/criteria";
import type { ConditionalRuleSpec, SheetModel } from "../spreadsheet/model";
import type { FormulaEngine } from "./engine";
import { evaluate, scalar } from "./evaluate";
import { FormulaError, isError, toBoolean } from "./values";

export interface EffectiveFormat {
  background: string;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  /** Index in getConditionalFormatRules() of the rule that applied, or null. */
  rule: number | null;
}

function ruleHolds(
  env: RuntimeEnv,
  engine: FormulaEngine,
  sheet: SheetModel,
  rule: ConditionalRuleSpec,
  r: number,
  c: number,
): boolean {
  const cond = rule.condition;
  if (!cond) return false;
  const first = rule.anchors[0]!;
  const host = engine.host(sheet, { rows: r - first.r1, cols: c - first.c1 });
  const formulaValue = (text: string): unknown => {
    const tree = engine.parse(text);
    if (tree instanceof FormulaError) return tree;
    return scalar(host, evaluate(host, tree));
  };
  if (cond.type === "CUSTOM_FORMULA") {
    const v = formulaValue(String(cond.values[0] ?? ""));
    if (isError(v)) return false;
    const b = toBoolean(v as Parameters<typeof toBoolean>[0]);
    return b === true;
  }
  const values = cond.values.map((v) =>
    typeof v === "string" && v.trim().startsWith("=") ? formulaValue(v) : v,
  );
  if (values.some(isError)) return false;
  const value = cellScalar(env, sheet, r, c);
  return meets({ type: cond.type, values }, value, displayCell(env, sheet, r, c)) === true;
}

export function effectiveFormat(
  env: RuntimeEnv,
  engine: FormulaEngine,
  sheet: SheetModel,
  r: number,
  c: number,
): EffectiveFormat {
  engine.flush();
  const style = sheet.style(r, c) ?? {};
  const out: EffectiveFormat = {
    background: style.background ?? "#ffffff",
    fontColor: style.fontColor ?? "#000000",
    bold: style.fontWeight === "bold",
    italic: style.fontStyle === "italic",
    underline: style.fontLine === "underline",
    strikethrough: style.fontLine === "line-through",
    rule: null,
  };
  for (const [i, rule] of sheet.cfRules.entries()) {
    const covers = rule.anchors.some((a) => r >= a.r1 && r <= a.r2 && c >= a.c1 && c <= a.c2);
    if (!covers || !ruleHolds(env, engine, sheet, rule, r, c)) continue;
    const f = rule.format;
    if (f.background !== undefined) out.background = f.background;
    if (f.fontColor !== undefined) out.fontColor = f.fontColor;
    if (f.bold !== undefined) out.bold = f.bold;
    if (f.italic !== undefined) out.italic = f.italic;
    if (f.underline !== undefined) out.underline = f.underline;
    if (f.strikethrough !== undefined) out.strikethrough = f.strikethrough;
    out.rule = i;
    break;
  }
  return out;
}
