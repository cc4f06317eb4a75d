/**
 * The hot loop of metricsFromDaily: one pass over rows of cells (a sheet range: a custom function
 * over a year of a 50-manager team gets ~300 k of them) adding each counted row's parts to the
 * department's sums and its group's.
 *
 * Kept cheap on purpose (measured, bench/daily-metrics.ts): columns are plain indexes looked up
 * once; a cell is tested with `typeof` inline and only an odd one (empty, a number typed as text,
 * garbage) goes through read.ts; slicing texts are read only when a filter or the grouping needs
 * them; the day's checks, the group and the packed texts are remembered from the previous row
 * (rows come sorted by day and the same few texts repeat); stage sums are array slots.
 */
import type { GroupKey } from "../metrics/group-keys";
import type { GroupBy } from "../metrics/types";
import { NONE } from "../model";
import {
  type DayItem,
  decodeByDay,
  findDayItem,
  firstOffset,
  lastOffset,
  latestSnapshotOffset,
  rowSpan,
} from "./by-day";
import { isDayText } from "./keys";
import { DailyInputError } from "./messages";
import { addDays, daysBetween } from "./month-rows";
import { DAILY_NUMBER_PART_IDS, type DailyColumnId } from "./parts";
import { cellError, isEmpty, slowPart } from "./read";
import { NP, PackedCache, PERIOD_PARTS, type StageBook, type StageItems, Sums } from "./sums";

/** Column index by column id (-1 = absent: read as empty). */
export type ColumnIndex = Readonly<Record<DailyColumnId, number>>;

/** The engine's slicing rules as a test on one row (query.ts compileFilters); null = no filter. */
export interface RowFilter {
  managers: ReadonlySet<number> | null;
  sources: ReadonlySet<string> | null;
  segments: ReadonlySet<string> | null;
  pipelines: ReadonlySet<number> | null;
  classes: ReadonlySet<string> | null;
}

export interface ScanInput {
  rows: readonly (readonly unknown[])[];
  index: ColumnIndex;
  from: string | null;
  to: string | null;
  filter: RowFilter | null;
  groupBy: GroupBy;
  /** Read the first-response buckets (the median); false when first_response is not asked for. */
  buckets: boolean;
  /** Read stage_parts / the snapshot parts; false when no metric asked for needs them. */
  conversion: boolean;
  snapshot: boolean;
  /** Per period part (sums.ts PERIOD_PARTS): does it make a row's group appear (countingParts). */
  counts: readonly boolean[];
}

export interface ScanResult {
  department: Sums;
  groups: Map<GroupKey, Sums>;
  stages: StageBook;
}

function cellOf(row: readonly unknown[], c: number): unknown {
  return c < 0 ? undefined : row[c];
}

function text(v: unknown): string {
  return typeof v === "string" && v !== "" ? v : isEmpty(v) ? NONE : String(v);
}

function packedText(v: unknown): string {
  return typeof v === "string" ? v : isEmpty(v) ? "" : String(v);
}

function optionalNumber(v: unknown, column: DailyColumnId, r: number): number | null {
  if (typeof v === "number" && v - v === 0) return v;
  return isEmpty(v) ? null : slowPart(v, column, r);
}

/** Checks days once per distinct text (a table has a few hundred). */
class Days {
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
  private readonly offsets = new Map<string, number>();

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

  /** Days from `day` to `later` (`later` − `day`), remembered per pair. */
  offset(day: string, later: string): number {
    const key = `${day}>${later}`;
    let k = this.offsets.get(key);
    if (k === undefined) {
      k = daysBetween(day, later);
      this.offsets.set(key, k);
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

function itemsOf(text: string, span: number, r: number, cell: unknown): DayItem[] {
  const days = decodeByDay(text, span, false);
  if (days === null) throw cellError("daily.badPacked", "by_day", r, cell);
  return days;
}

/** A breakdown's first or last offset, checked against the row's span. */
function offsetIn(k: number, span: number, r: number, cell: unknown): number {
  if (k < 0 || k >= span) throw cellError("daily.badPacked", "by_day", r, cell);
  return k;
}

/**
 * The latest day ≤ `to` holding open deals of a snapshot, over all rows (every day checked); null
 * when none. A row of several days keeps its latest snapshot in its totals (month-rows.ts): one
 * without any is skipped, one with is searched from its last day back (latestSnapshotOffset).
 */
export function findSnapshotDay(
  rows: readonly (readonly unknown[])[],
  index: ColumnIndex,
  to: string | null,
  days: Days,
  shift: DayShift,
): string | null {
  const cDay = index.day;
  const cSpan = index.span_days;
  const cOpen = index.next_step_open;
  const cStale = index.stale_parts;
  const cByDay = index.by_day;
  let best: string | null = null;
  let last: unknown;
  let day = "";
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const v = cellOf(row, cDay);
    if (v !== last || r === 0) {
      day = days.check(v, r);
      last = v;
    }
    if (to !== null && day > to) continue;
    // Most rows hold no snapshot (its totals hold a row's latest): tested first, and cheaply.
    const open = cellOf(row, cOpen);
    const hasOpen = typeof open === "number" ? open > 0 : slowPart(open, "next_step_open", r) > 0;
    if (!hasOpen && packedText(cellOf(row, cStale)) === "") continue;
    const byDay = packedText(cellOf(row, cByDay));
    const span = spanOf(row, cSpan, byDay, r);
    const lastDay = byDay === "" ? day : shift.at(day, offsetIn(lastOffset(byDay), span, r, byDay));
    if (best !== null && lastDay <= best) continue;
    if (byDay === "") {
      best = day;
      continue;
    }
    const after = best === null ? -1 : shift.offset(day, best);
    const upTo = to === null ? span - 1 : Math.min(span - 1, shift.offset(day, to));
    const k = latestSnapshotOffset(byDay, span, after, upTo);
    if (k === -2) throw cellError("daily.badPacked", "by_day", r, byDay);
    if (k >= 0) best = shift.at(day, k);
  }
  return best;
}

/** Positions in DayItem.parts (DAILY_NUMBER_PART_IDS) of the period parts and the snapshot's. */
const PERIOD_AT = PERIOD_PARTS.map((id) => DAILY_NUMBER_PART_IDS.indexOf(id));
const WITH = DAILY_NUMBER_PART_IDS.indexOf("next_step_with");
const OPEN = DAILY_NUMBER_PART_IDS.indexOf("next_step_open");

export function newDays(): Days {
  return new Days();
}

export function scanDaily(
  input: ScanInput,
  snapshotDay: string | null,
  stages: StageBook,
  shift: DayShift,
): ScanResult {
  const { rows, index, from, to, filter, groupBy } = input;
  const cDay = index.day;
  const cByDay = index.by_day;
  const cSpan = index.span_days;
  const cManager = index.manager_id;
  const cSource = index.source;
  const cSegment = index.segment;
  const cClass = index.lead_class;
  const cPipeline = index.pipeline_id;
  const cFrt = input.buckets ? index.frt_buckets : -1;
  const cStages = input.conversion ? index.stage_parts : -1;
  const cWith = input.snapshot ? index.next_step_with : -1;
  const cOpen = input.snapshot ? index.next_step_open : -1;
  const cStale = input.snapshot ? index.stale_parts : -1;
  // Period parts whose column is present, as (column, part slot) pairs.
  const partCol: number[] = [];
  const partSlot: number[] = [];
  for (let k = 0; k < NP; k++) {
    const c = index[PERIOD_PARTS[k]!];
    if (c >= 0) {
      partCol.push(c);
      partSlot.push(k);
    }
  }
  const nParts = partCol.length;
  const counts = input.counts;
  const cache = new PackedCache(stages);

  const department = new Sums();
  const groups = new Map<GroupKey, Sums>();
  const dp = department.period;
  let lastDay: unknown;
  let day = "";
  let inPeriod = false;
  let isSnapshot = false;
  let counted = 0;
  let group: Sums | null = null;
  // For a row of several days from that day and span: inside the period, outside it, holding the
  // snapshot day (rows come sorted by day, and months repeat the same few spans).
  let spanDay = "";
  let lastSpan = 0;
  let spanInside = false;
  let spanOutside = false;
  let spanSnapshot = false;

  /** Adds the stage items of a packed text that count in the period. */
  const addStages = (items: StageItems): void => {
    for (let k = 0; k < items.stage.length; k++) {
      // The engine's rule: an entry counts when the deal's previous entry into the stage is
      // before the period; with no lower bound only first entries count.
      const prev = items.prevDay[k]!;
      if (prev !== null && (from === null || prev >= from)) continue;
      const den = items.den[k]!;
      counted += den;
      department.conversion.add(items.stage[k]!, items.num[k]!, den);
      if (group !== null) group.conversion.add(items.stage[k]!, items.num[k]!, den);
    }
  };
  const addSnapshot = (
    withStep: number,
    open: number,
    stale: string,
    r: number,
    cell: unknown,
    column: DailyColumnId,
  ): void => {
    department.nextStepWith += withStep;
    department.nextStepOpen += open;
    if (group !== null) {
      group.nextStepWith += withStep;
      group.nextStepOpen += open;
    }
    counted += open;
    if (stale !== "") {
      const items = cache.stageItems(stale);
      if (items === null) throw cellError("daily.badPacked", column, r, cell);
      for (let k = 0; k < items.stage.length; k++) {
        counted += items.den[k]!;
        department.stale.add(items.stage[k]!, items.num[k]!, items.den[k]!);
        if (group !== null) group.stale.add(items.stage[k]!, items.num[k]!, items.den[k]!);
      }
    }
  };
  /** One day of a row's breakdown, in the period (the same parts as a day row's cells). */
  const addDay = (d: DayItem, r: number, cell: unknown): void => {
    const dp2 = department.period;
    const gp2 = group === null ? null : group.period;
    for (let k = 0; k < NP; k++) {
      const v = d.parts[PERIOD_AT[k]!]!;
      if (v === 0) continue;
      dp2[k]! += v;
      if (gp2 !== null) gp2[k]! += v;
      if (counts[k]) counted += v;
    }
    if (cFrt >= 0 && d.frt !== "") {
      const b = cache.buckets(d.frt);
      if (b === null) throw cellError("daily.badPacked", "by_day", r, cell);
      addCounts(department.buckets, b);
      if (group !== null) addCounts(group.buckets, b);
    }
    if (cStages >= 0 && d.stages !== "") {
      const items = cache.stageItems(countedStageText(d.stages, from));
      if (items === null) throw cellError("daily.badPacked", "by_day", r, cell);
      addStages(items);
    }
  };

  let lastKey: GroupKey | undefined;
  let lastFrt = "";
  let lastCounts: number[] | null = null;
  let lastStageText = "";
  let lastStageItems: StageItems | null = null;

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const dayCell = cellOf(row, cDay);
    if (dayCell !== lastDay || r === 0) {
      // Checked by findSnapshotDay already.
      day = dayCell as string;
      lastDay = dayCell;
      inPeriod = (from === null || day >= from) && (to === null || day < to);
      isSnapshot = day === snapshotDay;
    }
    // A day row covers its day. A row of several days covers span_days from its day
    // (month-rows.ts; 7 in a table of week rows), but holds facts only from its breakdown's first
    // day to its last, which the text tells without decoding it: a period that cuts the span but
    // not those days reads the totals.
    const byDayCell = cByDay < 0 ? "" : row[cByDay];
    const byDay = byDayCell === "" || byDayCell === undefined || byDayCell === null ? "" : String(byDayCell);
    let totals: boolean;
    let partial = false;
    let snapTotals = false;
    let snapDays = false;
    let span = 1;
    if (byDay === "") {
      totals = inPeriod;
      snapTotals = isSnapshot;
      if (!inPeriod && !isSnapshot) continue;
      // A day row's span is 1 (or empty): anything else is an error (spanOf says which).
      if (cSpan >= 0 && row[cSpan] !== 1 && !isEmpty(row[cSpan])) spanOf(row, cSpan, byDay, r);
    } else {
      span = spanOf(row, cSpan, byDay, r);
      if (span !== lastSpan || day !== spanDay) {
        const end = shift.at(day, span);
        spanInside = (from === null || day >= from) && (to === null || end <= to);
        spanOutside = (to !== null && day >= to) || (from !== null && end <= from);
        spanSnapshot = snapshotDay !== null && day <= snapshotDay && snapshotDay < end;
        lastSpan = span;
        spanDay = day;
      }
      if (spanInside && !spanSnapshot) {
        totals = true;
      } else if (spanOutside && !spanSnapshot) {
        continue;
      } else {
        const firstK = offsetIn(firstOffset(byDay), span, r, byDayCell);
        const lastK = offsetIn(lastOffset(byDay), span, r, byDayCell);
        if (lastK < firstK) throw cellError("daily.badPacked", "by_day", r, byDayCell);
        const firstDay = shift.at(day, firstK);
        const lastDataDay = shift.at(day, lastK);
        totals = (from === null || firstDay >= from) && (to === null || lastDataDay < to);
        const out = (to !== null && firstDay >= to) || (from !== null && lastDataDay < from);
        partial = !totals && !out;
        snapDays =
          input.snapshot && snapshotDay !== null && firstDay <= snapshotDay && snapshotDay <= lastDataDay;
      }
      if (!totals && !partial && !snapDays) continue;
    }

    const mv = cellOf(row, cManager);
    const managerId =
      typeof mv === "number" && mv - mv === 0 ? mv : (optionalNumber(mv, "manager_id", r) ?? missing(r));
    let source: string | null = null;
    let segment: string | null = null;
    let leadClass: string | null = null;
    let pipelineId: number | null | undefined;
    if (filter !== null) {
      if (filter.managers !== null && !filter.managers.has(managerId)) continue;
      if (filter.sources !== null) {
        source = text(cellOf(row, cSource));
        if (!filter.sources.has(source)) continue;
      }
      if (filter.segments !== null) {
        segment = text(cellOf(row, cSegment));
        if (!filter.segments.has(segment)) continue;
      }
      if (filter.pipelines !== null) {
        pipelineId = optionalNumber(cellOf(row, cPipeline), "pipeline_id", r);
        if (pipelineId === null || !filter.pipelines.has(pipelineId)) continue;
      }
      if (filter.classes !== null) {
        leadClass = text(cellOf(row, cClass));
        if (!filter.classes.has(leadClass)) continue;
      }
    }
    if (groupBy !== "none") {
      const key: GroupKey =
        groupBy === "manager"
          ? managerId
          : groupBy === "source"
            ? (source ?? text(cellOf(row, cSource)))
            : groupBy === "segment"
              ? (segment ?? text(cellOf(row, cSegment)))
              : groupBy === "leadClass"
                ? (leadClass ?? text(cellOf(row, cClass)))
                : ((pipelineId === undefined
                    ? optionalNumber(cellOf(row, cPipeline), "pipeline_id", r)
                    : pipelineId) ?? NONE);
      if (key !== lastKey || group === null) {
        group = groups.get(key) ?? null;
        if (group === null) {
          group = new Sums();
          groups.set(key, group);
        }
        lastKey = key;
      }
    }
    const gp = group === null ? null : group.period;
    counted = 0;

    if (totals) {
      for (let k = 0; k < nParts; k++) {
        let v = row[partCol[k]!];
        if (typeof v !== "number" || v - v !== 0) v = slowPart(v, PERIOD_PARTS[partSlot[k]!]!, r);
        if (v === 0) continue;
        const slot = partSlot[k]!;
        dp[slot]! += v as number;
        if (gp !== null) gp[slot]! += v as number;
        if (counts[slot]) counted += v as number;
      }
      if (cFrt >= 0) {
        const frt = packedText(row[cFrt]);
        if (frt !== "") {
          if (frt !== lastFrt) {
            lastCounts = cache.buckets(frt);
            if (lastCounts === null) throw cellError("daily.badPacked", "frt_buckets", r, row[cFrt]);
            lastFrt = frt;
          }
          addCounts(department.buckets, lastCounts!);
          if (group !== null) addCounts(group.buckets, lastCounts!);
        }
      }
      if (cStages >= 0) {
        const st = packedText(row[cStages]);
        if (st !== "") {
          if (st !== lastStageText) {
            lastStageItems = cache.stageItems(countedStageText(st, from));
            if (lastStageItems === null) throw cellError("daily.badPacked", "stage_parts", r, row[cStages]);
            lastStageText = st;
          }
          addStages(lastStageItems!);
        }
      }
    }
    if (partial) {
      for (const d of itemsOf(byDay, span, r, byDayCell)) {
        const dd = shift.at(day, d.offset);
        if ((from === null || dd >= from) && (to === null || dd < to)) addDay(d, r, byDayCell);
      }
    }
    if (snapDays) {
      const d = findDayItem(byDay, shift.offset(day, snapshotDay!), span);
      if (d === false) throw cellError("daily.badPacked", "by_day", r, byDayCell);
      if (d !== null) addSnapshot(d.parts[WITH]!, d.parts[OPEN]!, d.stale, r, byDayCell, "by_day");
    }
    if (snapTotals && input.snapshot) {
      const wv = cellOf(row, cWith);
      const ov = cellOf(row, cOpen);
      const withStep = typeof wv === "number" && wv - wv === 0 ? wv : slowPart(wv, "next_step_with", r);
      const open = typeof ov === "number" && ov - ov === 0 ? ov : slowPart(ov, "next_step_open", r);
      addSnapshot(withStep, open, packedText(cellOf(row, cStale)), r, cellOf(row, cStale), "stale_parts");
    }
    if (counted > 0 && group !== null) group.present = true;
  }
  return { department, groups, stages };
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

function missing(r: number): never {
  throw new DailyInputError("daily.missing", { row: r + 1, column: "manager_id" });
}

function addCounts(into: number[], counts: readonly number[]): void {
  for (let b = 0; b < counts.length; b++) into[b]! += counts[b]!;
}
