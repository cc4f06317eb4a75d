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
import { isDayText } from "./keys";
import { DailyInputError } from "./messages";
import type { DailyColumnId } from "./parts";
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

/** The latest day ≤ `to` holding open deals of a snapshot, over all rows (every day checked); null when none. */
export function findSnapshotDay(
  rows: readonly (readonly unknown[])[],
  index: ColumnIndex,
  to: string | null,
  days: Days,
): string | null {
  const cDay = index.day;
  const cOpen = index.next_step_open;
  const cStale = index.stale_parts;
  let best: string | null = null;
  let last: unknown;
  let lastCandidate = false;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const v = cellOf(row, cDay);
    if (v !== last || r === 0) {
      const day = days.check(v, r);
      last = v;
      lastCandidate = (to === null || day <= to) && (best === null || day > best);
    }
    if (!lastCandidate) continue;
    const open = cellOf(row, cOpen);
    const hasOpen = typeof open === "number" ? open > 0 : slowPart(open, "next_step_open", r) > 0;
    if (hasOpen || packedText(cellOf(row, cStale)) !== "") {
      best = v as string;
      lastCandidate = false;
    }
  }
  return best;
}

export function newDays(): Days {
  return new Days();
}

export function scanDaily(input: ScanInput, snapshotDay: string | null, stages: StageBook): ScanResult {
  const { rows, index, from, to, filter, groupBy } = input;
  const cDay = index.day;
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
  let inPeriod = false;
  let isSnapshot = false;
  let lastKey: GroupKey | undefined;
  let group: Sums | null = null;
  let lastFrt = "";
  let lastCounts: number[] | null = null;
  let lastStageText = "";
  let lastStageItems: StageItems | null = null;

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const dayCell = cellOf(row, cDay);
    if (dayCell !== lastDay || r === 0) {
      // Checked by findSnapshotDay already.
      const day = dayCell as string;
      lastDay = dayCell;
      inPeriod = (from === null || day >= from) && (to === null || day < to);
      isSnapshot = day === snapshotDay;
    }
    if (!inPeriod && !isSnapshot) continue;

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
    let counted = 0;

    if (inPeriod) {
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
            lastStageItems = cache.stageItems(st);
            if (lastStageItems === null) throw cellError("daily.badPacked", "stage_parts", r, row[cStages]);
            lastStageText = st;
          }
          const items = lastStageItems!;
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
        }
      }
    }
    if (isSnapshot && input.snapshot) {
      const wv = cellOf(row, cWith);
      const ov = cellOf(row, cOpen);
      const withStep = typeof wv === "number" && wv - wv === 0 ? wv : slowPart(wv, "next_step_with", r);
      const open = typeof ov === "number" && ov - ov === 0 ? ov : slowPart(ov, "next_step_open", r);
      department.nextStepWith += withStep;
      department.nextStepOpen += open;
      if (group !== null) {
        group.nextStepWith += withStep;
        group.nextStepOpen += open;
      }
      counted += open;
      const stale = packedText(cellOf(row, cStale));
      if (stale !== "") {
        const items = cache.stageItems(stale);
        if (items === null) throw cellError("daily.badPacked", "stale_parts", r, row[cStale]);
        for (let k = 0; k < items.stage.length; k++) {
          counted += items.den[k]!;
          department.stale.add(items.stage[k]!, items.num[k]!, items.den[k]!);
          if (group !== null) group.stale.add(items.stage[k]!, items.num[k]!, items.den[k]!);
        }
      }
    }
    if (counted > 0 && group !== null) group.present = true;
  }
  return { department, groups, stages };
}

function missing(r: number): never {
  throw new DailyInputError("daily.missing", { row: r + 1, column: "manager_id" });
}

function addCounts(into: number[], counts: readonly number[]): void {
  for (let b = 0; b < counts.length; b++) into[b]! += counts[b]!;
}
