/** NamedRange: a name on an anchor, so it follows row and column inserts/deletes. */
import { fail, MSG } from "../errors";
import { type ExtraMembers, gas, INTERNAL, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import type { Book } from "./book";
import type { NamedRangeSpec } from "./model";
import { anchorOf, rangeAt } from "./rects";

type GNamedRange = GoogleAppsScript.Spreadsheet.NamedRange;
const NAMED_RANGE = meta("spreadsheet", "NamedRange");

export class FakeNamedRange
  implements Pick<GNamedRange, "getName" | "getRange" | "remove" | "setName" | "setRange">
{
  readonly [FAKE] = NAMED_RANGE;
  readonly [INTERNAL]: { book: Book; spec: NamedRangeSpec };

  constructor(book: Book, spec: NamedRangeSpec) {
    this[INTERNAL] = { book, spec };
  }

  getName(): string {
    return this[INTERNAL].spec.name;
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const { book, spec } = this[INTERNAL];
    return rangeAt(book, spec.sheet, spec.anchor);
  }
  remove(): void {
    const { book, spec } = this[INTERNAL];
    spec.sheet.untrack(spec.anchor);
    book.model.namedRanges.delete(spec.name);
  }
  setName(name: string): GNamedRange {
    const { book, spec } = this[INTERNAL];
    const next = str(name);
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(next)) fail(MSG.badNamedRangeName(next));
    book.model.namedRanges.delete(spec.name);
    spec.name = next;
    book.model.namedRanges.set(next, spec);
    return gas(this);
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range): GNamedRange {
    const { spec } = this[INTERNAL];
    const { sheet, anchor } = anchorOf(range);
    spec.sheet.untrack(spec.anchor);
    spec.sheet = sheet;
    spec.anchor = sheet.track(anchor);
    this[INTERNAL].book.model.formulas?.namesChanged();
    return gas(this);
  }
}

export type _FakeNamedRangeCheck = NoExtraMembers<ExtraMembers<FakeNamedRange, GNamedRange>>;
