/**
 * Data-validation rules (SpreadsheetApp.newDataValidation()). Stored on cells and returned by
 * getDataValidation(s). Not enforced on writes from the script [assumed: whether Apps Script
 * rejects a script's setValue on a "reject input" cell is not established], so an add-on must not
 * rely on validation to keep bad values out.
 */
import { fail } from "../errors";
import { type ExtraMembers, gas, INTERNAL, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import type { ValidationSpec } from "./model";

type GValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type GCriteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

const VALIDATION = meta("spreadsheet", "DataValidation");
const BUILDER = meta("spreadsheet", "DataValidationBuilder");

export class FakeDataValidation
  implements
    Pick<GValidation, "copy" | "getAllowInvalid" | "getCriteriaType" | "getCriteriaValues" | "getHelpText">
{
  readonly [FAKE] = VALIDATION;
  readonly [INTERNAL]: ValidationSpec;
  constructor(spec: ValidationSpec) {
    this[INTERNAL] = spec;
  }
  static specOf(rule: GValidation): ValidationSpec {
    return (rule as unknown as FakeDataValidation)[INTERNAL];
  }
  copy(): GBuilder {
    return gas(new FakeDataValidationBuilder({ ...this[INTERNAL], values: [...this[INTERNAL].values] }));
  }
  getAllowInvalid(): boolean {
    return this[INTERNAL].allowInvalid;
  }
  getCriteriaType(): GCriteria {
    return this[INTERNAL].criteria as unknown as GCriteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this[INTERNAL].values];
  }
  getHelpText(): string {
    return this[INTERNAL].helpText;
  }
}

type BuilderMethods =
  | "build"
  | "copy"
  | "getAllowInvalid"
  | "getCriteriaType"
  | "getCriteriaValues"
  | "getHelpText"
  | "requireCheckbox"
  | "requireDate"
  | "requireDateAfter"
  | "requireDateBefore"
  | "requireDateBetween"
  | "requireFormulaSatisfied"
  | "requireNumberBetween"
  | "requireNumberEqualTo"
  | "requireNumberGreaterThan"
  | "requireNumberGreaterThanOrEqualTo"
  | "requireNumberLessThan"
  | "requireNumberLessThanOrEqualTo"
  | "requireNumberNotBetween"
  | "requireNumberNotEqualTo"
  | "requireTextContains"
  | "requireTextDoesNotContain"
  | "requireTextEqualTo"
  | "requireTextIsEmail"
  | "requireTextIsUrl"
  | "requireValueInList"
  | "requireValueInRange"
  | "setAllowInvalid"
  | "setHelpText"
  | "withCriteria";

export class FakeDataValidationBuilder implements Pick<GBuilder, BuilderMethods> {
  readonly [FAKE] = BUILDER;
  readonly [INTERNAL]: ValidationSpec;

  /** allowInvalid defaults to true ("show a warning"), as in Sheets [doc: setAllowInvalid]. */
  constructor(spec?: ValidationSpec) {
    this[INTERNAL] = spec ?? { criteria: "", values: [], allowInvalid: true, helpText: "" };
  }

  private require(criteria: string, values: unknown[]): GBuilder {
    this[INTERNAL].criteria = criteria;
    this[INTERNAL].values = values;
    return gas(this);
  }

  build(): GValidation {
    const s = this[INTERNAL];
    if (!s.criteria) fail("A data validation rule needs a criteria before build()."); // [assumed]
    return gas(new FakeDataValidation({ ...s, values: [...s.values] }));
  }
  copy(): GBuilder {
    return gas(new FakeDataValidationBuilder({ ...this[INTERNAL], values: [...this[INTERNAL].values] }));
  }
  getAllowInvalid(): boolean {
    return this[INTERNAL].allowInvalid;
  }
  getCriteriaType(): GCriteria {
    return (this[INTERNAL].criteria || null) as unknown as GCriteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this[INTERNAL].values];
  }
  getHelpText(): string | null {
    return this[INTERNAL].helpText || null;
  }
  setAllowInvalid(allowInvalidData: boolean): GBuilder {
    this[INTERNAL].allowInvalid = !!allowInvalidData;
    return gas(this);
  }
  setHelpText(helpText: string): GBuilder {
    this[INTERNAL].helpText = str(helpText);
    return gas(this);
  }
  /** getCriteriaValues() then returns [values, showDropdown] as in Apps Script. */
  requireValueInList(values: string[], showDropdown?: boolean): GBuilder {
    return this.require("VALUE_IN_LIST", [[...values], showDropdown !== false]);
  }
  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown?: boolean): GBuilder {
    return this.require("VALUE_IN_RANGE", [range, showDropdown !== false]);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): GBuilder {
    const values =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this.require("CHECKBOX", values);
  }
  requireDate(): GBuilder {
    return this.require("DATE_IS_VALID_DATE", []);
  }
  requireDateAfter(date: GoogleAppsScript.Base.Date): GBuilder {
    return this.require("DATE_AFTER", [date]);
  }
  requireDateBefore(date: GoogleAppsScript.Base.Date): GBuilder {
    return this.require("DATE_BEFORE", [date]);
  }
  requireDateBetween(start: GoogleAppsScript.Base.Date, end: GoogleAppsScript.Base.Date): GBuilder {
    return this.require("DATE_BETWEEN", [start, end]);
  }
  requireFormulaSatisfied(formula: string): GBuilder {
    return this.require("CUSTOM_FORMULA", [formula]);
  }
  requireNumberBetween(start: number, end: number): GBuilder {
    return this.require("NUMBER_BETWEEN", [start, end]);
  }
  requireNumberEqualTo(number: number): GBuilder {
    return this.require("NUMBER_EQUAL_TO", [number]);
  }
  requireNumberGreaterThan(number: number): GBuilder {
    return this.require("NUMBER_GREATER_THAN", [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): GBuilder {
    return this.require("NUMBER_GREATER_THAN_OR_EQUAL_TO", [number]);
  }
  requireNumberLessThan(number: number): GBuilder {
    return this.require("NUMBER_LESS_THAN", [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): GBuilder {
    return this.require("NUMBER_LESS_THAN_OR_EQUAL_TO", [number]);
  }
  requireNumberNotBetween(start: number, end: number): GBuilder {
    return this.require("NUMBER_NOT_BETWEEN", [start, end]);
  }
  requireNumberNotEqualTo(number: number): GBuilder {
    return this.require("NUMBER_NOT_EQUAL_TO", [number]);
  }
  requireTextContains(text: string): GBuilder {
    return this.require("TEXT_CONTAINS", [text]);
  }
  requireTextDoesNotContain(text: string): GBuilder {
    return this.require("TEXT_DOES_NOT_CONTAIN", [text]);
  }
  requireTextEqualTo(text: string): GBuilder {
    return this.require("TEXT_EQUAL_TO", [text]);
  }
  requireTextIsEmail(): GBuilder {
    return this.require("TEXT_IS_VALID_EMAIL", []);
  }
  requireTextIsUrl(): GBuilder {
    return this.require("TEXT_IS_VALID_URL", []);
  }
  withCriteria(criteria: GCriteria, args: unknown[]): GBuilder {
    return this.require(String(criteria), [...args]);
  }
}

export type _FakeDataValidationCheck = NoExtraMembers<ExtraMembers<FakeDataValidation, GValidation>>;
export type _FakeDataValidationBuilderCheck = NoExtraMembers<
  ExtraMembers<FakeDataValidationBuilder, GBuilder>
>;
