/**
 * Reading amo_daily rows of cells in the scan's hot loop (scan.ts): cells tested with `typeof`
 * inline (an odd one goes through read.ts), days checked once per distinct text, days after a day
 * remembered, a row's span and the parts of its breakdown it needs, and the part of a stage text a
 * period can count.
 */
import { NONE } from "../model";
import { type DayItem, decodeDaysIn, rowSpan } from "./by-day";
import { isDayText } from "./keys";
import { DailyInputError } from "./messages";
import { addDays, daysBetween } from "./month-rows";
import type { DailyColumnId } from "./parts";
import { cellError, isEmpty, slowPart } from "./read";

export function text(v: unknown): string {
  return typeof v === "string" && v !== "" ? v : isEmpty(v) ? NONE : String(v);
}

export function packedText(v: unknown): string {
  return typeof v === "string" ? v : isEmpty(v) ? "" : String(v);
}

export function optionalNumber(v: unknown, column: DailyColumnId, r: number): number | null {
  if (typeof v === "number" && v - v === 0) return v;
  return isEmpty(v) ? null : slowPart(v, column, r);
}

/** Checks days once per distinct text (a table has a few hundred). */
export class Days {
  private readonly good = new Set<string>();

  check(v: unknown, r: number): string {
    if (typeof v === "string" && this.good.has(v)) return v;
    if (isDayText(v)) {
      this.good.add(v);
      return v;
    }
    throw cellError("daily.badDay", "day", r, v);
  }
}

/** Days after a day, remembered per distinct day (a table has a few hundred). */
export class DayShift {
  private readonly memo = new Map<string, string[]>();
  private readonly offsets = new Map<string, Map<string, number>>();

  /** The day `k` (0–31) days after `day`. */
  at(day: string, k: number): string {
    let m = this.memo.get(day);
    if (m === undefined) {
      m = [];
      this.memo.set(day, m);
    }
    let d = m[k];
    if (d === undefined) {
      d = addDays(day, k);
      m[k] = d;
    }
    return d;
  }

  /** Days from `day` to `later` (`later` − `day`), remembered per pair (a query has a few `later`s). */
  offset(day: string, later: string): number {
    let byDay = this.offsets.get(later);
    if (byDay === undefined) {
      byDay = new Map();
      this.offsets.set(later, byDay);
    }
    let k = byDay.get(day);
    if (k === undefined) {
      k = daysBetween(day, later);
      byDay.set(day, k);
    }
    return k;
  }
}

/** A row's span (by-day.ts rowSpan) from its cells; `cSpan` < 0: the column is absent. */
export function spanOf(row: readonly unknown[], cSpan: number, byDayText: string, r: number): number {
  const v = cSpan < 0 ? undefined : row[cSpan];
  const cell = typeof v === "number" || v === undefined ? v : isEmpty(v) ? null : slowPart(v, "span_days", r);
  const span = rowSpan(cell, byDayText);
  if (Number.isNaN(span)) throw cellError("daily.badSpan", "span_days", r, v);
  return span;
}

/** The breakdown's days in [lo, hi) (offsets), decoded; the others only checked. */
export function itemsIn(
  text: string,
  span: number,
  lo: number,
  hi: number,
  r: number,
  cell: unknown,
): DayItem[] {
  const days = decodeDaysIn(text, span, lo, hi);
  if (days === null) throw cellError("daily.badPacked", "by_day", r, cell);
  return days;
}

/** A breakdown's first or last offset, checked against the row's span. */
export function offsetIn(k: number, span: number, r: number, cell: unknown): number {
  if (k < 0 || k >= span) throw cellError("daily.badPacked", "by_day", r, cell);
  return k;
}

/**
 * The part of a stage text that can count from `from`. A re-entry ("@prevDay") counts only when
 * prevDay < from, so when none does and they all follow the first entries (as buildDailyRows writes
 * them), the text without them: a few thousand texts of first entries fill most rows, while the
 * re-entries' days make nearly every text distinct, and parsing those is what a query would spend
 * its time on (measured, bench/daily-metrics.ts). Any other text is read whole.
 */
export function countedStageText(st: string, from: string | null): string {
  const at = st.indexOf("@");
  if (at < 0) return st;
  const cut = st.lastIndexOf(";", at);
  let items = 1;
  let reentries = 0;
  for (let i = cut + 1; i < st.length; i++) {
    const ch = st.charCodeAt(i);
    if (ch === 64 /* @ */) {
      reentries++;
      if (from !== null && st.slice(i + 1, i + 11) < from) return st;
    } else if (ch === 59 /* ; */) items++;
  }
  if (reentries !== items) return st;
  return cut < 0 ? "" : st.slice(0, cut);
}

export function missing(r: number): never {
  throw new DailyInputError("daily.missing", { row: r + 1, column: "manager_id" });
}

export function addCounts(into: number[], counts: readonly number[]): void {
  for (let b = 0; b < counts.length; b++) into[b]! += counts[b]!;
}
