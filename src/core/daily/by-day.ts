/**
 * The per-day breakdown of a row covering several days (amo_daily's `by_day`, docs/daily.md
 * "Month rows"): "k|parts|frt|stages|stale~k|…", one item per day that has any part, in day order.
 * - k: days after the row's day (0 … span_days − 1);
 * - parts: "i:v,i:v", i = position in DAILY_NUMBER_PART_IDS, non-zero parts only, v as JavaScript
 *   writes the number (so it reads back to the same number);
 * - frt, stages, stale: that day's packed texts (packed.ts).
 * It starts with a digit: never a formula.
 *
 * Readers decode as little as they can: the first and last item's days say whether a period cuts
 * the row at all, and a snapshot day's item is found from the end without decoding the others.
 */
import { addPackedBuckets, forEachStageItem } from "./packed";
import { DAILY_NUMBER_PART_IDS, type DailyRecord } from "./parts";

const NPARTS = DAILY_NUMBER_PART_IDS.length;

/**
 * The span of a row with a breakdown in a table written before span_days existed: those were
 * week rows (Monday + 6 days), so such a table reads exactly until the next heavy sync rewrites it.
 */
export const LEGACY_SPAN = 7;

/**
 * A row's span from its span_days cell and breakdown: a whole number of days from 1 to 31, and 1
 * when there is no breakdown; NaN when the cell is wrong (or empty on a row with a breakdown).
 * `undefined` = no such column (a table of week rows, LEGACY_SPAN); null = an empty cell.
 */
export function rowSpan(cell: number | null | undefined, byDayText: string): number {
  if (cell === undefined) return byDayText === "" ? 1 : LEGACY_SPAN;
  if (cell === null) return byDayText === "" ? 1 : Number.NaN;
  if (!Number.isInteger(cell) || cell < 1 || cell > 31 || (byDayText === "" && cell !== 1)) return Number.NaN;
  return cell;
}

/** One day of a row's breakdown. */
export interface DayItem {
  /** Days after the row's day. */
  offset: number;
  /** By position in DAILY_NUMBER_PART_IDS. */
  parts: Float64Array;
  frt: string;
  stages: string;
  stale: string;
}

/** One day's parts as a breakdown item (null when it has none). */
export function encodeDayItem(offset: number, r: DailyRecord): string | null {
  let parts = "";
  for (let i = 0; i < NPARTS; i++) {
    const v = r[DAILY_NUMBER_PART_IDS[i]!];
    if (v !== 0) parts += `${parts === "" ? "" : ","}${i}:${v}`;
  }
  if (parts === "" && r.frt_buckets === "" && r.stage_parts === "" && r.stale_parts === "") return null;
  return `${offset}|${parts}|${r.frt_buckets}|${r.stage_parts}|${r.stale_parts}`;
}

/** The offset an item starting at `start` names (one or two digits before "|"); -1 when malformed. */
function offsetAt(text: string, start: number): number {
  const a = text.charCodeAt(start) - 48;
  if (!(a >= 0 && a <= 9)) return -1;
  const b = text.charCodeAt(start + 1);
  if (b === 124 /* | */) return a;
  const d = b - 48;
  if (!(d >= 0 && d <= 9) || text.charCodeAt(start + 2) !== 124) return -1;
  return a * 10 + d;
}

/** The first item's offset; -1 when malformed. */
export function firstOffset(text: string): number {
  return offsetAt(text, 0);
}

/** The last item's offset; -1 when malformed. */
export function lastOffset(text: string): number {
  return offsetAt(text, text.lastIndexOf("~") + 1);
}

/** One item "k|parts|frt|stages|stale"; null when malformed or k ≥ span. */
function decodeItem(item: string, span: number, checkTexts: boolean): DayItem | null {
  // Fields by their bars, no split (a query decodes every day of the month rows a period cuts).
  const b1 = item.indexOf("|");
  const b2 = item.indexOf("|", b1 + 1);
  const b3 = item.indexOf("|", b2 + 1);
  const b4 = item.indexOf("|", b3 + 1);
  if (b1 < 0 || b2 < 0 || b3 < 0 || b4 < 0 || item.indexOf("|", b4 + 1) >= 0) return null;
  const offset = offsetAt(item, 0);
  if (offset < 0 || offset >= span) return null;
  const parts = new Float64Array(NPARTS);
  // "i:v,i:v": i one or two digits, v a number as JavaScript writes it.
  if (b2 > b1 + 1 && item.charCodeAt(b2 - 1) === 44 /* , */) return null;
  let p = b1 + 1;
  while (p < b2) {
    let comma = item.indexOf(",", p);
    if (comma < 0 || comma > b2) comma = b2;
    const colon = item.indexOf(":", p);
    if (colon <= p || colon >= comma - 1 || colon - p > 2) return null;
    let i = 0;
    for (let k = p; k < colon; k++) {
      const d = item.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return null;
      i = i * 10 + d;
    }
    const v = Number(item.slice(colon + 1, comma));
    if (i >= NPARTS || !Number.isFinite(v)) return null;
    parts[i] = v;
    p = comma + 1;
  }
  const frt = item.slice(b2 + 1, b3);
  const stages = item.slice(b3 + 1, b4);
  const stale = item.slice(b4 + 1);
  if (checkTexts && (!addPackedBuckets(frt, []) || !validStages(stages) || !validStages(stale))) return null;
  return { offset, parts, frt, stages, stale };
}

function validStages(text: string): boolean {
  return forEachStageItem(text, () => {});
}

/**
 * The breakdown's days (offsets rising, each < span); null when malformed. The days' packed texts
 * are checked only with `checkTexts` (a query checks those it reads, when it parses them).
 */
export function decodeByDay(text: string, span: number, checkTexts = true): DayItem[] | null {
  if (text === "") return [];
  const out: DayItem[] = [];
  let last = -1;
  for (const item of text.split("~")) {
    const d = decodeItem(item, span, checkTexts);
    if (d === null || d.offset <= last) return null;
    last = d.offset;
    out.push(d);
  }
  return out;
}

/**
 * The days of the breakdown with lo ≤ offset < hi, decoded (the others are only checked to rise):
 * a period that cuts a month row reads the days inside it. null when malformed.
 */
export function decodeDaysIn(text: string, span: number, lo: number, hi: number): DayItem[] | null {
  const out: DayItem[] = [];
  let last = -1;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("~", start);
    if (end < 0) end = text.length;
    const k = offsetAt(text, start);
    if (k <= last || k >= span) return null;
    last = k;
    if (k >= lo && k < hi) {
      const d = decodeItem(text.slice(start, end), span, false);
      if (d === null) return null;
      out.push(d);
    }
    start = end + 1;
  }
  return out;
}

const OPEN = DAILY_NUMBER_PART_IDS.indexOf("next_step_open");

/**
 * The latest day of the breakdown in (`after`, `upTo`] (offsets) holding a snapshot (open deals
 * or stale parts), decoded, looked for from the last item back (a snapshot is usually a row's
 * latest day): null when none, false when an item on the way is malformed.
 */
export function latestSnapshotItem(
  text: string,
  span: number,
  after: number,
  upTo: number,
): DayItem | null | false {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf("~", end - 1) + 1;
    const k = offsetAt(text, start);
    if (k < 0) return false;
    if (k <= after) return null;
    if (k <= upTo) {
      const d = decodeItem(text.slice(start, end), span, false);
      if (d === null) return false;
      if (d.parts[OPEN]! > 0 || d.stale !== "") return d;
    }
    end = start - 1;
  }
  return null;
}
