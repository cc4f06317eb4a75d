/**
 * RangeList (Sheet.getRangeList): several ranges of one sheet treated as one for formatting and
 * clearing. Each method applies the Range method of the same name to every range, which is what
 * Google documents the RangeList methods to do.
 */
import { type ExtraMembers, gas, INTERNAL, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GRangeList = GoogleAppsScript.Spreadsheet.RangeList;
const RANGE_LIST = meta("spreadsheet", "RangeList");

export class FakeRangeList
  implements
    Pick<
      GRangeList,
      | "getRanges"
      | "setNumberFormat"
      | "setBackground"
      | "setFontColor"
      | "setFontWeight"
      | "setHorizontalAlignment"
      | "setWrap"
      | "clearContent"
      | "clearFormat"
    >
{
  readonly [FAKE] = RANGE_LIST;
  readonly [INTERNAL]: { ranges: GRange[] };

  constructor(ranges: GRange[]) {
    this[INTERNAL] = { ranges };
  }

  private each(fn: (r: GRange) => unknown): GRangeList {
    for (const r of this[INTERNAL].ranges) fn(r);
    return gas<GRangeList>(this);
  }
  getRanges(): GRange[] {
    return [...this[INTERNAL].ranges];
  }
  setNumberFormat(format: string): GRangeList {
    return this.each((r) => r.setNumberFormat(format));
  }
  setBackground(color: string | null): GRangeList {
    return this.each((r) => r.setBackground(color));
  }
  setFontColor(color: string | null): GRangeList {
    return this.each((r) => r.setFontColor(color as string));
  }
  setFontWeight(weight: GoogleAppsScript.Spreadsheet.FontWeight | null): GRangeList {
    return this.each((r) => r.setFontWeight(weight));
  }
  setHorizontalAlignment(alignment: "left" | "center" | "normal" | "right" | null): GRangeList {
    return this.each((r) => r.setHorizontalAlignment(alignment));
  }
  setWrap(isWrapEnabled: boolean): GRangeList {
    return this.each((r) => r.setWrap(isWrapEnabled));
  }
  clearContent(): GRangeList {
    return this.each((r) => r.clearContent());
  }
  clearFormat(): GRangeList {
    return this.each((r) => r.clearFormat());
  }
}

export type _FakeRangeListCheck = NoExtraMembers<ExtraMembers<FakeRangeList, GRangeList>>;
