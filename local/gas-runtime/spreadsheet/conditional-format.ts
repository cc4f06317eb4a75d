/**
 * Conditional-format rules: the builder, the built rule, and its BooleanCondition. Rules are
 * stored, not rendered. Once set on a sheet their ranges follow row/column edits. Like Sheets,
 * setConditionalFormatRules replaces the sheet's whole list.
 */
import { type ExtraMembers, gas, INTERNAL, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";
import type { Book } from "./book";
import {
  BooleanConditionBuilder,
  type BooleanConditionMethod,
  type BooleanCriteriaName,
  type ConditionSpec,
} from "./criteria";
import type { ConditionalRuleSpec, SheetModel } from "./model";
import { anchorOf, rangeAt } from "./rects";

type GRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type GCondition = GoogleAppsScript.Spreadsheet.BooleanCondition;
type GRange = GoogleAppsScript.Spreadsheet.Range;

const RULE = meta("spreadsheet", "ConditionalFormatRule");
const BUILDER = meta("spreadsheet", "ConditionalFormatRuleBuilder");
const CONDITION = meta("spreadsheet", "BooleanCondition");

/** A rule's content; ranges are live anchors once the rule sits on a sheet, facades before. */
interface RuleData {
  ranges: () => GRange[];
  condition?: ConditionSpec;
  format: ConditionalRuleSpec["format"];
  gradient?: Record<string, unknown>;
}

export class FakeConditionalFormatRule implements Pick<GRule, "copy" | "getBooleanCondition" | "getRanges"> {
  readonly [FAKE] = RULE;
  readonly [INTERNAL]: RuleData;

  /** A rule read back from a sheet (book+sheet+spec) or fresh from a builder (data). */
  constructor(book: Book, sheet: SheetModel, spec: ConditionalRuleSpec);
  constructor(data: RuleData);
  constructor(a: Book | RuleData, sheet?: SheetModel, spec?: ConditionalRuleSpec) {
    if (sheet && spec) {
      const book = a as Book;
      const data: RuleData = {
        ranges: () => spec.anchors.map((x) => rangeAt(book, sheet, x)),
        format: { ...spec.format },
      };
      if (spec.condition) data.condition = spec.condition;
      if (spec.gradient) data.gradient = spec.gradient;
      this[INTERNAL] = data;
    } else this[INTERNAL] = a as RuleData;
  }

  /** What the sheet stores for a rule: anchors tracked on that sheet. */
  static specFor(rule: GRule, sheet: SheetModel): ConditionalRuleSpec {
    const data = (rule as unknown as FakeConditionalFormatRule)[INTERNAL];
    const spec: ConditionalRuleSpec = {
      anchors: data.ranges().map((r) => sheet.track(anchorOf(r).anchor)),
      format: { ...data.format },
    };
    if (data.condition) spec.condition = data.condition;
    if (data.gradient) spec.gradient = data.gradient;
    return spec;
  }

  copy(): GBuilder {
    const d = this[INTERNAL];
    return gas(new FakeConditionalFormatRuleBuilder({ ...d, ranges: d.ranges, format: { ...d.format } }));
  }
  getBooleanCondition(): GCondition | null {
    const d = this[INTERNAL];
    return d.condition ? gas(new FakeBooleanCondition(d.condition, d.format)) : null;
  }
  getRanges(): GRange[] {
    return this[INTERNAL].ranges();
  }
}

export class FakeBooleanCondition
  implements
    Pick<
      GCondition,
      | "getBackground"
      | "getBold"
      | "getCriteriaType"
      | "getCriteriaValues"
      | "getFontColor"
      | "getItalic"
      | "getStrikethrough"
      | "getUnderline"
    >
{
  readonly [FAKE] = CONDITION;
  constructor(
    private readonly condition: ConditionSpec,
    private readonly format: ConditionalRuleSpec["format"],
  ) {}
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return this.condition.type as unknown as GoogleAppsScript.Spreadsheet.BooleanCriteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.condition.values];
  }
  getBackground(): string | null {
    return this.format.background ?? null;
  }
  getFontColor(): string | null {
    return this.format.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this.format.bold ?? null;
  }
  getItalic(): boolean | null {
    return this.format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this.format.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this.format.underline ?? null;
  }
}

type BuilderMethods =
  | "build"
  | "copy"
  | "getBooleanCondition"
  | "getRanges"
  | "setBackground"
  | "setBold"
  | "setFontColor"
  | "setGradientMaxpoint"
  | "setGradientMaxpointWithValue"
  | "setGradientMidpointWithValue"
  | "setGradientMinpoint"
  | "setGradientMinpointWithValue"
  | "setItalic"
  | "setRanges"
  | "setStrikethrough"
  | "setUnderline"
  | BooleanConditionMethod;

export class FakeConditionalFormatRuleBuilder
  extends BooleanConditionBuilder<GBuilder>
  implements Pick<GBuilder, BuilderMethods>
{
  readonly [FAKE] = BUILDER;
  readonly [INTERNAL]: RuleData;

  constructor(data?: RuleData) {
    super();
    this[INTERNAL] = data ?? { ranges: () => [], format: {} };
  }

  private self(): GBuilder {
    return gas(this);
  }
  protected override when(type: BooleanCriteriaName, values: unknown[]): GBuilder {
    this[INTERNAL].condition = { type, values };
    delete this[INTERNAL].gradient;
    return this.self();
  }
  private fmt(patch: ConditionalRuleSpec["format"]): GBuilder {
    const f = this[INTERNAL].format;
    for (const [k, v] of Object.entries(patch) as [keyof typeof f, never][]) {
      if (v === null || v === undefined) delete f[k];
      else f[k] = v;
    }
    return this.self();
  }
  private grad(key: string, value: unknown): GBuilder {
    delete this[INTERNAL].condition;
    this[INTERNAL].gradient = { ...this[INTERNAL].gradient, [key]: value };
    return this.self();
  }

  build(): GRule {
    const d = this[INTERNAL];
    const ranges = d.ranges();
    return gas(new FakeConditionalFormatRule({ ...d, ranges: () => ranges, format: { ...d.format } }));
  }
  copy(): GBuilder {
    const d = this[INTERNAL];
    return gas(new FakeConditionalFormatRuleBuilder({ ...d, format: { ...d.format } }));
  }
  getBooleanCondition(): GCondition | null {
    const d = this[INTERNAL];
    return d.condition ? gas(new FakeBooleanCondition(d.condition, d.format)) : null;
  }
  getRanges(): GRange[] {
    return this[INTERNAL].ranges();
  }
  setRanges(ranges: GRange[]): GBuilder {
    const copy = [...ranges];
    this[INTERNAL].ranges = () => copy;
    return this.self();
  }
  setBackground(color: string | null): GBuilder {
    return this.fmt({ background: color ?? undefined });
  }
  setFontColor(color: string | null): GBuilder {
    return this.fmt({ fontColor: color ?? undefined });
  }
  setBold(bold: boolean | null): GBuilder {
    return this.fmt({ bold: bold ?? undefined });
  }
  setItalic(italic: boolean | null): GBuilder {
    return this.fmt({ italic: italic ?? undefined });
  }
  setStrikethrough(strikethrough: boolean | null): GBuilder {
    return this.fmt({ strikethrough: strikethrough ?? undefined });
  }
  setUnderline(underline: boolean | null): GBuilder {
    return this.fmt({ underline: underline ?? undefined });
  }
  setGradientMinpoint(color: string): GBuilder {
    return this.grad("min", { color });
  }
  setGradientMaxpoint(color: string): GBuilder {
    return this.grad("max", { color });
  }
  setGradientMinpointWithValue(
    color: string,
    type: GoogleAppsScript.Spreadsheet.InterpolationType,
    value: string,
  ): GBuilder {
    return this.grad("min", { color, type: String(type), value });
  }
  setGradientMidpointWithValue(
    color: string,
    type: GoogleAppsScript.Spreadsheet.InterpolationType,
    value: string,
  ): GBuilder {
    return this.grad("mid", { color, type: String(type), value });
  }
  setGradientMaxpointWithValue(
    color: string,
    type: GoogleAppsScript.Spreadsheet.InterpolationType,
    value: string,
  ): GBuilder {
    return this.grad("max", { color, type: String(type), value });
  }
}

export type _FakeRuleCheck = NoExtraMembers<ExtraMembers<FakeConditionalFormatRule, GRule>>;
export type _FakeConditionCheck = NoExtraMembers<ExtraMembers<FakeBooleanCondition, GCondition>>;
export type _FakeRuleBuilderCheck = NoExtraMembers<ExtraMembers<FakeConditionalFormatRuleBuilder, GBuilder>>;
