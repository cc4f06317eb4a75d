/**
 * The hot loop of metricsFromDaily: one pass over rows of cells (a sheet range: a custom function
 * over a year of a 50-manager team gets ~50 k of them) adding each counted row's parts to the
 * department's sums and its group's, and finding the snapshot day on the way.
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
import { type DayItem, firstOffset, lastOffset, latestSnapshotItem } from "./by-day";
import { DAILY_NUMBER_PART_IDS, type DailyColumnId } from "./parts";
import { cellError, isEmpty, slowPart } from "./read";
import {
  addCounts,
  countedStageText,
  type DayShift,
  type Days,
  itemsIn,
  missing,
  offsetIn,
  optionalNumber,
  packedText,
  spanOf,
  text,
} from "./scan-cells";
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

/** Positions in DayItem.parts (DAILY_NUMBER_PART_IDS) of the period parts and the snapshot's. */
const PERIOD_AT = PERIOD_PARTS.map((id) => DAILY_NUMBER_PART_IDS.indexOf(id));
const WITH = DAILY_NUMBER_PART_IDS.indexOf("next_step_with");
const OPEN = DAILY_NUMBER_PART_IDS.indexOf("next_step_open");

/**
 * One pass over the rows. Every day is checked (a bad one is an error wherever it is); other cells
 * only where a row is read.
 *
 * The snapshot parts (next_step_coverage, stale_share) come from one day: the latest day ≤ `to`
 * holding a snapshot (open deals or stale parts) in any row, before filters, so that every group
 * reads the same one. The pass keeps the latest seen so far: a row holding it adds its snapshot, a
 * later one replaces it (sums.ts Sums.snapshotOn drops what an output row holds of an older day).
 * A row of several days keeps its latest snapshot in its totals (month-rows.ts), so one without any
 * is passed over at the cost of two cells.
 */
export function scanDaily(input: ScanInput, stages: StageBook, shift: DayShift, days: Days): ScanResult {
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
  const snapshot = input.snapshot;
  const cWith = index.next_step_with;
  const cOpen = index.next_step_open;
  const cStale = index.stale_parts;
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
  let counted = 0;
  let group: Sums | null = null;
  /** The latest snapshot day met so far. */
  let best: string | null = null;
  // For a row of several days from that day and span: inside the period, outside it (rows come
  // sorted by day, and months repeat the same few spans).
  let spanDay = "";
  let lastSpan = 0;
  let spanInside = false;
  let spanOutside = false;

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
  /** Adds one day's snapshot (the day `best`) to the department and the row's group. */
  const addSnapshot = (
    withStep: number,
    open: number,
    stale: string,
    r: number,
    column: DailyColumnId,
    cell: unknown,
  ): void => {
    const g = group;
    department.snapshotOn(best!);
    department.nextStepWith += withStep;
    department.nextStepOpen += open;
    if (g !== null) {
      g.snapshotOn(best!);
      g.nextStepWith += withStep;
      g.nextStepOpen += open;
      if (open > 0) g.snapshotPresent = true;
    }
    if (stale === "") return;
    const items = cache.stageItems(stale);
    if (items === null) throw cellError("daily.badPacked", column, r, cell);
    for (let k = 0; k < items.stage.length; k++) {
      department.stale.add(items.stage[k]!, items.num[k]!, items.den[k]!);
      if (g !== null) {
        g.stale.add(items.stage[k]!, items.num[k]!, items.den[k]!);
        if (items.den[k]! > 0) g.snapshotPresent = true;
      }
    }
  };
  /** One day of a row's breakdown, in the period (the same parts as a day row's cells). */
  const addDay = (d: DayItem, r: number, cell: unknown): void => {
    const gp2 = group === null ? null : group.period;
    for (let k = 0; k < NP; k++) {
      const v = d.parts[PERIOD_AT[k]!]!;
      if (v === 0) continue;
      dp[k]! += v;
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
    const dayCell = row[cDay];
    if (dayCell !== lastDay || r === 0) {
      day = days.check(dayCell, r);
      lastDay = dayCell;
      inPeriod = (from === null || day >= from) && (to === null || day < to);
    }
    // A day row covers its day. A row of several days covers span_days from its day
    // (month-rows.ts; 7 in a table of week rows), but holds facts only from its breakdown's first
    // day to its last, which the text tells without decoding it: a period that cuts the span but
    // not those days reads the totals.
    const byDayCell = cByDay < 0 ? "" : row[cByDay];
    const byDay = byDayCell === "" || byDayCell === undefined || byDayCell === null ? "" : String(byDayCell);
    let totals = false;
    let partial = false;
    let span = 1;
    if (byDay === "") {
      totals = inPeriod;
      // A day row's span is 1 (or empty): anything else is an error (spanOf says which).
      if (cSpan >= 0 && row[cSpan] !== 1 && !isEmpty(row[cSpan])) spanOf(row, cSpan, byDay, r);
    } else {
      span = spanOf(row, cSpan, byDay, r);
      if (span !== lastSpan || day !== spanDay) {
        const end = shift.at(day, span);
        spanInside = (from === null || day >= from) && (to === null || end <= to);
        spanOutside = (to !== null && day >= to) || (from !== null && end <= from);
        lastSpan = span;
        spanDay = day;
      }
      if (spanInside) {
        totals = true;
      } else if (!spanOutside) {
        const firstK = offsetIn(firstOffset(byDay), span, r, byDayCell);
        const lastK = offsetIn(lastOffset(byDay), span, r, byDayCell);
        if (lastK < firstK) throw cellError("daily.badPacked", "by_day", r, byDayCell);
        const firstDay = shift.at(day, firstK);
        const lastDataDay = shift.at(day, lastK);
        totals = (from === null || firstDay >= from) && (to === null || lastDataDay < to);
        partial = !totals && !((to !== null && firstDay >= to) || (from !== null && lastDataDay < from));
      }
    }

    // The snapshot this row holds on the latest snapshot day so far (or a later one), if any.
    let snapDay = false;
    let snapItem: DayItem | null = null;
    if (snapshot && (to === null || day <= to)) {
      const ov = cOpen < 0 ? undefined : row[cOpen];
      const hasOpen = typeof ov === "number" ? ov > 0 : slowPart(ov, "next_step_open", r) > 0;
      if (hasOpen || packedText(cStale < 0 ? undefined : row[cStale]) !== "") {
        if (byDay === "") {
          if (best === null || day >= best) {
            best = day;
            snapDay = true;
          }
        } else {
          const lastK = offsetIn(lastOffset(byDay), span, r, byDayCell);
          if (best === null || shift.at(day, lastK) >= best) {
            const after = best === null ? -1 : shift.offset(day, best) - 1;
            const upTo = to === null ? span - 1 : Math.min(span - 1, shift.offset(day, to));
            const d = latestSnapshotItem(byDay, span, after, upTo);
            if (d === false) throw cellError("daily.badPacked", "by_day", r, byDayCell);
            if (d !== null) {
              best = shift.at(day, d.offset);
              snapDay = true;
              snapItem = d;
            }
          }
        }
      }
    }
    if (!totals && !partial && !snapDay) continue;

    const mv = row[cManager];
    const managerId =
      typeof mv === "number" && mv - mv === 0 ? mv : (optionalNumber(mv, "manager_id", r) ?? missing(r));
    let source: string | null = null;
    let segment: string | null = null;
    let leadClass: string | null = null;
    let pipelineId: number | null | undefined;
    if (filter !== null) {
      if (filter.managers !== null && !filter.managers.has(managerId)) continue;
      if (filter.sources !== null) {
        source = text(cSource < 0 ? undefined : row[cSource]);
        if (!filter.sources.has(source)) continue;
      }
      if (filter.segments !== null) {
        segment = text(cSegment < 0 ? undefined : row[cSegment]);
        if (!filter.segments.has(segment)) continue;
      }
      if (filter.pipelines !== null) {
        pipelineId = optionalNumber(cPipeline < 0 ? undefined : row[cPipeline], "pipeline_id", r);
        if (pipelineId === null || !filter.pipelines.has(pipelineId)) continue;
      }
      if (filter.classes !== null) {
        leadClass = text(cClass < 0 ? undefined : row[cClass]);
        if (!filter.classes.has(leadClass)) continue;
      }
    }
    if (groupBy !== "none") {
      const key: GroupKey =
        groupBy === "manager"
          ? managerId
          : groupBy === "source"
            ? (source ?? text(cSource < 0 ? undefined : row[cSource]))
            : groupBy === "segment"
              ? (segment ?? text(cSegment < 0 ? undefined : row[cSegment]))
              : groupBy === "leadClass"
                ? (leadClass ?? text(cClass < 0 ? undefined : row[cClass]))
                : ((pipelineId === undefined
                    ? optionalNumber(cPipeline < 0 ? undefined : row[cPipeline], "pipeline_id", r)
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
    } else if (partial) {
      const lo = from === null ? 0 : shift.offset(day, from);
      const hi = to === null ? span : shift.offset(day, to);
      for (const d of itemsIn(byDay, span, lo, hi, r, byDayCell)) addDay(d, r, byDayCell);
    }
    if (snapDay) {
      if (snapItem !== null) {
        addSnapshot(snapItem.parts[WITH]!, snapItem.parts[OPEN]!, snapItem.stale, r, "by_day", byDayCell);
      } else {
        const wv = cWith < 0 ? undefined : row[cWith];
        const ov = row[cOpen];
        const withStep = typeof wv === "number" && wv - wv === 0 ? wv : slowPart(wv, "next_step_with", r);
        const open = typeof ov === "number" && ov - ov === 0 ? ov : slowPart(ov, "next_step_open", r);
        const sv = cStale < 0 ? undefined : row[cStale];
        addSnapshot(withStep, open, packedText(sv), r, "stale_parts", sv);
      }
    }
    if (counted > 0 && group !== null) group.present = true;
  }
  // Output rows that hold an older day's snapshot than the one found: none of it counts.
  department.snapshotOn(best);
  for (const g of groups.values()) g.snapshotOn(best);
  return { department, groups, stages };
}
