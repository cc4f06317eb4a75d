/** Conversions between Range facades and the anchors that follow row/column edits. */
import { gas, INTERNAL } from "../facade";
import type { Book } from "./book";
import { Anchor, type SheetModel } from "./model";
import { FakeRange } from "./range";

type GRange = GoogleAppsScript.Spreadsheet.Range;

export function rangeInternal(range: GRange): FakeRange[typeof INTERNAL] {
  return (range as unknown as FakeRange)[INTERNAL];
}

/** A new (untracked) anchor covering the range. */
export function anchorOf(range: GRange): { sheet: SheetModel; anchor: Anchor } {
  const r = rangeInternal(range);
  return { sheet: r.sheet, anchor: new Anchor(r.r, r.c, r.r + r.nr - 1, r.c + r.nc - 1) };
}

/** The Range an anchor covers now. */
export function rangeAt(book: Book, sheet: SheetModel, a: Anchor): GRange {
  return gas(new FakeRange(book, sheet, a.r1, a.c1, a.r2 - a.r1 + 1, a.c2 - a.c1 + 1));
}
