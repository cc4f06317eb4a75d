/**
 * Summing amo_daily rows for metricsFromDaily: the sums of an output row (the department or a
 * group), and the reader that adds one data row's counted parts to them.
 */
import { FRT_BUCKET_EDGES } from "./buckets";
import { addPackedBuckets, forEachStageItem } from "./packed";
import type { DailyNumberPartId } from "./parts";
import type { DailyCells } from "./read";

/** Number parts summed when the row's day is in the period. */
export const PERIOD_PARTS = [
  "first_response_sum_min",
  "first_response_count",
  "first_response_censored",
  "sla_met",
  "sla_due",
  "sla_pending",
  "overdue_count",
  "due_count",
  "overdue_pending",
  "touches_to_win_sum",
  "won_count",
  "lost_count",
  "revenue_sum",
] as const satisfies readonly DailyNumberPartId[];
export type PeriodPart = (typeof PERIOD_PARTS)[number];
const NP = PERIOD_PARTS.length;
export const AT = Object.fromEntries(PERIOD_PARTS.map((id, k) => [id, k])) as Record<PeriodPart, number>;
/** Parts that make a row count in a period (leads created, closed; tasks due; pending included). */
const PRESENCE: readonly PeriodPart[] = [
  "first_response_count",
  "sla_due",
  "sla_pending",
  "due_count",
  "overdue_pending",
  "won_count",
  "lost_count",
];
const COUNTS: readonly boolean[] = PERIOD_PARTS.map((id) => PRESENCE.includes(id));

export interface StageSums {
  num: number;
  den: number;
  pipelineId: number;
  statusId: number;
  order: number;
}

/** The sums of one output row. */
export class Sums {
  readonly period: number[] = new Array<number>(NP).fill(0);
  readonly buckets: number[] = new Array<number>(FRT_BUCKET_EDGES.length).fill(0);
  nextStepWith = 0;
  nextStepOpen = 0;
  readonly conversion = new Map<string, StageSums>();
  readonly stale = new Map<string, StageSums>();
  /** A row of its group counted something (a group with none is not listed). */
  present = false;
}

/** A stage item as parsed once per distinct packed text. */
interface Item {
  key: string;
  pipelineId: number;
  statusId: number;
  order: number;
  prevDay: string | null;
  num: number;
  den: number;
}

/**
 * Packed texts parsed once per distinct text: the same few texts ("3:1", "100:11#1=0/1") fill most
 * rows, so a query parses hundreds, not hundreds of thousands. null = malformed.
 */
class PackedCache {
  private readonly bucketTexts = new Map<string, number[] | null>();
  private readonly stageTexts = new Map<string, Item[] | null>();

  buckets(text: string): number[] | null {
    let v = this.bucketTexts.get(text);
    if (v === undefined) {
      const counts = new Array<number>(FRT_BUCKET_EDGES.length).fill(0);
      v = addPackedBuckets(text, counts) ? counts : null;
      this.bucketTexts.set(text, v);
    }
    return v;
  }

  stages(text: string): Item[] | null {
    let v = this.stageTexts.get(text);
    if (v === undefined) {
      const items: Item[] = [];
      const ok = forEachStageItem(text, (key, pipelineId, statusId, order, prevDay, num, den) => {
        items.push({ key, pipelineId, statusId, order, prevDay, num, den });
      });
      v = ok ? items : null;
      this.stageTexts.set(text, v);
    }
    return v;
  }
}

/** Adds the current row's counted parts to the department and to its group, reading each once. */
export class RowReader {
  private readonly cache = new PackedCache();
  /** Where each period part is in a row (looked up once, not per cell). */
  private readonly periodAt: (string | number)[];

  constructor(
    private readonly c: DailyCells,
    private readonly from: string | null,
  ) {
    this.periodAt = PERIOD_PARTS.map((id) => c.position(id));
  }

  /** True when the row counts something (leads, tasks, entries, open deals; pending ones too). */
  add(inPeriod: boolean, isSnapshot: boolean, dept: Sums, group: Sums | null): boolean {
    const c = this.c;
    let counted = 0;
    if (inPeriod) {
      for (let k = 0; k < NP; k++) {
        const v = c.partAt(this.periodAt[k]!, PERIOD_PARTS[k]!);
        if (v === 0) continue;
        dept.period[k]! += v;
        if (group) group.period[k]! += v;
        if (COUNTS[k]) counted += v;
      }
      const frt = c.packed("frt_buckets");
      if (frt !== "") {
        const counts = this.cache.buckets(frt);
        if (counts === null) throw c.badPacked("frt_buckets");
        addCounts(dept.buckets, counts);
        if (group) addCounts(group.buckets, counts);
      }
      const stages = c.packed("stage_parts");
      if (stages !== "") {
        const items = this.cache.stages(stages);
        if (items === null) throw c.badPacked("stage_parts");
        for (const item of items) {
          // The engine's rule: an entry counts when the deal's previous entry into the stage is
          // before the period; with no lower bound only first entries count.
          if (item.prevDay !== null && (this.from === null || item.prevDay >= this.from)) continue;
          counted += item.den;
          addStage(dept.conversion, item);
          if (group) addStage(group.conversion, item);
        }
      }
    }
    if (isSnapshot) {
      const withStep = c.part("next_step_with");
      const open = c.part("next_step_open");
      dept.nextStepWith += withStep;
      dept.nextStepOpen += open;
      if (group) {
        group.nextStepWith += withStep;
        group.nextStepOpen += open;
      }
      counted += open;
      const stale = c.packed("stale_parts");
      if (stale !== "") {
        const items = this.cache.stages(stale);
        if (items === null) throw c.badPacked("stale_parts");
        for (const item of items) {
          counted += item.den;
          addStage(dept.stale, item);
          if (group) addStage(group.stale, item);
        }
      }
    }
    return counted > 0;
  }
}

function addCounts(into: number[], counts: readonly number[]): void {
  for (let b = 0; b < counts.length; b++) into[b]! += counts[b]!;
}

function addStage(map: Map<string, StageSums>, item: Item): void {
  let s = map.get(item.key);
  if (s === undefined) {
    s = { num: 0, den: 0, pipelineId: item.pipelineId, statusId: item.statusId, order: item.order };
    map.set(item.key, s);
  }
  s.num += item.num;
  s.den += item.den;
}
