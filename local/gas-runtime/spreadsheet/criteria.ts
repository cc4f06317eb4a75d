/**
 * Boolean conditions shared by conditional-format rules and filter criteria (Google's
 * BooleanCriteria), and the evaluation a filter needs to decide which rows to hide.
 * CUSTOM_FORMULA and relative-date conditions cannot be evaluated without a formula engine: they
 * are stored and returned, and a filter treats them as "show" (documented approximation).
 */
import type { Scalar } from "./number-format";

export const BOOLEAN_CRITERIA = [
  "CELL_EMPTY",
  "CELL_NOT_EMPTY",
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_EQUAL_TO",
  "DATE_AFTER_RELATIVE",
  "DATE_BEFORE_RELATIVE",
  "DATE_EQUAL_TO_RELATIVE",
  "NUMBER_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "NUMBER_NOT_BETWEEN",
  "NUMBER_NOT_EQUAL_TO",
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_EQUAL_TO",
  "TEXT_STARTS_WITH",
  "TEXT_ENDS_WITH",
  "CUSTOM_FORMULA",
] as const;

export type BooleanCriteriaName = (typeof BOOLEAN_CRITERIA)[number];

export interface ConditionSpec {
  type: BooleanCriteriaName;
  values: unknown[];
}

/** Whether a cell meets the condition; undefined when it cannot be decided here. */
export function meets(cond: ConditionSpec, value: Scalar | undefined, display: string): boolean | undefined {
  const [a, b] = cond.values;
  const num = typeof value === "number" ? value : undefined;
  const text = display.toLowerCase();
  const arg = String(a ?? "").toLowerCase();
  switch (cond.type) {
    case "CELL_EMPTY":
      return value === undefined || value === "";
    case "CELL_NOT_EMPTY":
      return !(value === undefined || value === "");
    case "NUMBER_GREATER_THAN":
      return num !== undefined && num > Number(a);
    case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
      return num !== undefined && num >= Number(a);
    case "NUMBER_LESS_THAN":
      return num !== undefined && num < Number(a);
    case "NUMBER_LESS_THAN_OR_EQUAL_TO":
      return num !== undefined && num <= Number(a);
    case "NUMBER_EQUAL_TO":
      return num !== undefined && num === Number(a);
    case "NUMBER_NOT_EQUAL_TO":
      return num === undefined || num !== Number(a);
    case "NUMBER_BETWEEN":
      return (
        num !== undefined && num >= Math.min(Number(a), Number(b)) && num <= Math.max(Number(a), Number(b))
      );
    case "NUMBER_NOT_BETWEEN":
      return (
        num === undefined || num < Math.min(Number(a), Number(b)) || num > Math.max(Number(a), Number(b))
      );
    case "TEXT_CONTAINS":
      return text.includes(arg);
    case "TEXT_DOES_NOT_CONTAIN":
      return !text.includes(arg);
    case "TEXT_EQUAL_TO":
      return text === arg;
    case "TEXT_STARTS_WITH":
      return text.startsWith(arg);
    case "TEXT_ENDS_WITH":
      return text.endsWith(arg);
    default:
      return undefined;
  }
}

/** The names of those shared methods (the protected `when` is not among them). */
export type BooleanConditionMethod = keyof BooleanConditionBuilder<unknown>;

/**
 * The `when…` methods ConditionalFormatRuleBuilder and FilterCriteriaBuilder share in Apps Script:
 * each records one boolean condition through the subclass's own `when`.
 */
export abstract class BooleanConditionBuilder<B> {
  protected abstract when(type: BooleanCriteriaName, values: unknown[]): B;

  whenCellEmpty(): B {
    return this.when("CELL_EMPTY", []);
  }
  whenCellNotEmpty(): B {
    return this.when("CELL_NOT_EMPTY", []);
  }
  whenDateAfter(date: unknown): B {
    return this.when("DATE_AFTER", [date]);
  }
  whenDateBefore(date: unknown): B {
    return this.when("DATE_BEFORE", [date]);
  }
  whenDateEqualTo(date: unknown): B {
    return this.when("DATE_EQUAL_TO", [date]);
  }
  whenFormulaSatisfied(formula: string): B {
    return this.when("CUSTOM_FORMULA", [String(formula)]);
  }
  whenNumberBetween(start: number, end: number): B {
    return this.when("NUMBER_BETWEEN", [start, end]);
  }
  whenNumberEqualTo(number: number): B {
    return this.when("NUMBER_EQUAL_TO", [number]);
  }
  whenNumberGreaterThan(number: number): B {
    return this.when("NUMBER_GREATER_THAN", [number]);
  }
  whenNumberGreaterThanOrEqualTo(number: number): B {
    return this.when("NUMBER_GREATER_THAN_OR_EQUAL_TO", [number]);
  }
  whenNumberLessThan(number: number): B {
    return this.when("NUMBER_LESS_THAN", [number]);
  }
  whenNumberLessThanOrEqualTo(number: number): B {
    return this.when("NUMBER_LESS_THAN_OR_EQUAL_TO", [number]);
  }
  whenNumberNotBetween(start: number, end: number): B {
    return this.when("NUMBER_NOT_BETWEEN", [start, end]);
  }
  whenNumberNotEqualTo(number: number): B {
    return this.when("NUMBER_NOT_EQUAL_TO", [number]);
  }
  whenTextContains(text: string): B {
    return this.when("TEXT_CONTAINS", [text]);
  }
  whenTextDoesNotContain(text: string): B {
    return this.when("TEXT_DOES_NOT_CONTAIN", [text]);
  }
  whenTextEndsWith(text: string): B {
    return this.when("TEXT_ENDS_WITH", [text]);
  }
  whenTextEqualTo(text: string): B {
    return this.when("TEXT_EQUAL_TO", [text]);
  }
  whenTextStartsWith(text: string): B {
    return this.when("TEXT_STARTS_WITH", [text]);
  }
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.BooleanCriteria, args: unknown[]): B {
    return this.when(String(criteria) as BooleanCriteriaName, [...args]);
  }
}
