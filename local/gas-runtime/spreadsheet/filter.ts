/**
 * The sheet's basic filter and its criteria. Setting criteria hides the rows below the filter's
 * header row that fail them (isRowHiddenByFilter), as Sheets does when a filter is applied; like
 * Sheets, later edits do not re-filter until criteria are set again. Hidden/visible values compare
 * with the cell's displayed text.
 */
import { fail } from "../errors";
import { type ExtraMembers, gas, INTERNAL, integer, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";
import type { Book } from "./book";
import { cellScalar, compareForSort, displayCell } from "./cells";
import {
  BooleanConditionBuilder,
  type BooleanConditionMethod,
  type BooleanCriteriaName,
  type ConditionSpec,
  meets,
} from "./criteria";
import type { FilterCriteriaSpec, SheetModel } from "./model";
import { rangeAt } from "./rects";

type GFilter = GoogleAppsScript.Spreadsheet.Filter;
type GCriteria = GoogleAppsScript.Spreadsheet.FilterCriteria;
type GBuilder = GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder;
type GBooleanCriteria = GoogleAppsScript.Spreadsheet.BooleanCriteria;

const FILTER = meta("spreadsheet", "Filter");
const CRITERIA = meta("spreadsheet", "FilterCriteria");
const BUILDER = meta("spreadsheet", "FilterCriteriaBuilder");

/** Recomputes which rows the filter hides. */
export function applyFilter(book: Book, sheet: SheetModel): void {
  for (const row of sheet.rows) if (row) row.hiddenByFilter = false;
  const f = sheet.filter;
  if (!f) return;
  for (let r = f.anchor.r1 + 1; r <= f.anchor.r2; r++) {
    let hidden = false;
    for (const [col, spec] of f.criteria) {
      if (!shows(spec, cellScalar(book.env, sheet, r, col), displayCell(book.env, sheet, r, col)))
        hidden = true;
    }
    if (hidden) sheet.rowForWrite(r).hiddenByFilter = true;
  }
}

function shows(spec: FilterCriteriaSpec, value: ReturnType<typeof cellScalar>, display: string): boolean {
  if (spec.hiddenValues?.includes(display)) return false;
  if (spec.visibleValues && !spec.visibleValues.includes(display)) return false;
  if (spec.condition && meets(spec.condition, value, display) === false) return false;
  return true;
}

export class FakeFilter
  implements
    Pick<
      GFilter,
      | "getColumnFilterCriteria"
      | "getRange"
      | "remove"
      | "removeColumnFilterCriteria"
      | "setColumnFilterCriteria"
      | "sort"
    >
{
  readonly [FAKE] = FILTER;
  readonly [INTERNAL]: { book: Book; sheet: SheetModel };

  constructor(book: Book, sheet: SheetModel) {
    this[INTERNAL] = { book, sheet };
  }

  private spec() {
    const f = this[INTERNAL].sheet.filter;
    if (!f) fail("This filter has been removed."); // [assumed]
    return f;
  }

  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const { book, sheet } = this[INTERNAL];
    return rangeAt(book, sheet, this.spec().anchor);
  }
  getColumnFilterCriteria(columnPosition: number): GCriteria | null {
    const spec = this.spec().criteria.get(
      integer(columnPosition, "SpreadsheetApp.Filter.getColumnFilterCriteria"),
    );
    return spec ? gas(new FakeFilterCriteria(spec)) : null;
  }
  setColumnFilterCriteria(columnPosition: number, filterCriteria: GCriteria | null): GFilter {
    const { book, sheet } = this[INTERNAL];
    const col = integer(columnPosition, "SpreadsheetApp.Filter.setColumnFilterCriteria");
    if (filterCriteria)
      this.spec().criteria.set(col, (filterCriteria as unknown as FakeFilterCriteria)[INTERNAL]);
    else this.spec().criteria.delete(col);
    applyFilter(book, sheet);
    return gas(this);
  }
  removeColumnFilterCriteria(columnPosition: number): GFilter {
    return this.setColumnFilterCriteria(columnPosition, null);
  }
  /** Sorts the rows under the header, moving the filter range's cells. */
  sort(columnPosition: number, ascending: boolean): GFilter {
    const { book, sheet } = this[INTERNAL];
    const a = this.spec().anchor;
    const col = integer(columnPosition, "SpreadsheetApp.Filter.sort");
    const first = a.r1 + 1;
    const keys = Array.from({ length: a.r2 - first + 1 }, (_, y) =>
      cellScalar(book.env, sheet, first + y, col),
    );
    const order = keys.map((_, y) => y);
    order.sort((x, y) => compareForSort(keys[x], keys[y], ascending !== false) || x - y);
    sheet.permuteRows(first, a.c1, a.c2, order);
    applyFilter(book, sheet);
    return gas(this);
  }
  remove(): void {
    const { sheet } = this[INTERNAL];
    const f = sheet.filter;
    if (!f) return;
    sheet.untrack(f.anchor);
    sheet.filter = undefined;
    for (const row of sheet.rows) if (row) row.hiddenByFilter = false;
  }
}

export class FakeFilterCriteria
  implements
    Pick<GCriteria, "copy" | "getCriteriaType" | "getCriteriaValues" | "getHiddenValues" | "getVisibleValues">
{
  readonly [FAKE] = CRITERIA;
  readonly [INTERNAL]: FilterCriteriaSpec;
  constructor(spec: FilterCriteriaSpec) {
    this[INTERNAL] = spec;
  }
  copy(): GBuilder {
    return gas(new FakeFilterCriteriaBuilder({ ...this[INTERNAL] }));
  }
  getCriteriaType(): GBooleanCriteria {
    return (this[INTERNAL].condition?.type ?? null) as unknown as GBooleanCriteria;
  }
  getCriteriaValues(): unknown[] {
    return this[INTERNAL].condition?.values ?? [];
  }
  getHiddenValues(): string[] {
    return this[INTERNAL].hiddenValues ?? [];
  }
  getVisibleValues(): string[] {
    return this[INTERNAL].visibleValues ?? [];
  }
}

type BuilderMethods =
  | "build"
  | "copy"
  | "getCriteriaType"
  | "getCriteriaValues"
  | "getHiddenValues"
  | "getVisibleValues"
  | "setHiddenValues"
  | "setVisibleValues"
  | BooleanConditionMethod;

export class FakeFilterCriteriaBuilder
  extends BooleanConditionBuilder<GBuilder>
  implements Pick<GBuilder, BuilderMethods>
{
  readonly [FAKE] = BUILDER;
  readonly [INTERNAL]: FilterCriteriaSpec;
  constructor(spec: FilterCriteriaSpec = {}) {
    super();
    this[INTERNAL] = spec;
  }
  protected override when(type: BooleanCriteriaName, values: unknown[]): GBuilder {
    this[INTERNAL].condition = { type, values } satisfies ConditionSpec;
    return gas(this);
  }
  build(): GCriteria {
    return gas(new FakeFilterCriteria({ ...this[INTERNAL] }));
  }
  copy(): GBuilder {
    return gas(new FakeFilterCriteriaBuilder({ ...this[INTERNAL] }));
  }
  getCriteriaType(): GBooleanCriteria {
    return (this[INTERNAL].condition?.type ?? null) as unknown as GBooleanCriteria;
  }
  getCriteriaValues(): unknown[] {
    return this[INTERNAL].condition?.values ?? [];
  }
  getHiddenValues(): string[] {
    return this[INTERNAL].hiddenValues ?? [];
  }
  getVisibleValues(): string[] {
    return this[INTERNAL].visibleValues ?? [];
  }
  setHiddenValues(values: string[]): GBuilder {
    this[INTERNAL].hiddenValues = values.map(String);
    return gas(this);
  }
  setVisibleValues(values: string[]): GBuilder {
    this[INTERNAL].visibleValues = values.map(String);
    return gas(this);
  }
}

export type _FakeFilterCheck = NoExtraMembers<ExtraMembers<FakeFilter, GFilter>>;
export type _FakeFilterCriteriaCheck = NoExtraMembers<ExtraMembers<FakeFilterCriteria, GCriteria>>;
export type _FakeFilterCriteriaBuilderCheck = NoExtraMembers<
  ExtraMembers<FakeFilterCriteriaBuilder, GBuilder>
>;
