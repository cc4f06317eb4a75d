/**
 * Summing amo_daily rows for metricsFromDaily: the sums of an output row (the department or a
 * group), the stages met in packed texts (numbered, so a stage's sums are array slots rather than
 * map entries), and the packed texts parsed once per distinct text.
 */
import type { MetricId } from "../metrics/types";
import { FRT_BUCKET_EDGES } from "./buckets";
import { addPackedBuckets, forEachStageItem } from "./packed";
import type { DailyNumberPartId } from "./parts";

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
export const NP = PERIOD_PARTS.length;
export const AT = Object.fromEntries(PERIOD_PARTS.map((id, k) => [id, k])) as Record<PeriodPart, number>;
/**
 * Parts that make a row count in a period (leads created, closed; tasks due; pending included),
 * with the metrics whose facts they count (a group appears when a fact of an asked metric does).
 */
const PRESENCE: Partial<Record<PeriodPart, readonly MetricId[]>> = {
  first_response_count: ["first_response"],
  sla_due: ["sla_share"],
  sla_pending: ["sla_share"],
  due_count: ["overdue_share"],
  overdue_pending: ["overdue_share"],
  // The won deals are the facts of touches_per_won and revenue too.
  won_count: ["win_rate", "touches_per_won", "revenue"],
  lost_count: ["win_rate"],
};

/** Per period part: does it make a row count, given the metrics asked for. */
export function countingParts(wanted: ReadonlySet<MetricId>): boolean[] {
  return PERIOD_PARTS.map((id) => (PRESENCE[id] ?? []).some((m) => wanted.has(m)));
}

/** The stages met in the packed texts of one query, numbered in the order met. */
export class StageBook {
  readonly keys: string[] = [];
  readonly pipelineId: number[] = [];
  readonly statusId: number[] = [];
  /** The stage's position in its pipeline, as the first item naming it says. */
  readonly order: number[] = [];
  private readonly byKey = new Map<string, number>();

  of(key: string, pipelineId: number, statusId: number, order: number): number {
    let s = this.byKey.get(key);
    if (s === undefined) {
      s = this.keys.length;
      this.byKey.set(key, s);
      this.keys.push(key);
      this.pipelineId.push(pipelineId);
      this.statusId.push(statusId);
      this.order.push(order);
    }
    return s;
  }

  /** Stage numbers in the engine's display order: pipeline, position in it, status. */
  ordered(): number[] {
    return this.keys
      .map((_, s) => s)
      .sort(
        (a, b) =>
          this.pipelineId[a]! - this.pipelineId[b]! ||
          this.order[a]! - this.order[b]! ||
          this.statusId[a]! - this.statusId[b]!,
      );
  }
}

/** Per-stage sums by stage number; a stage with no item added stays unseen (not listed). */
export class StageSums {
  readonly num: number[] = [];
  readonly den: number[] = [];
  readonly seen: boolean[] = [];

  add(stage: number, num: number, den: number): void {
    while (this.seen.length <= stage) {
      this.num.push(0);
      this.den.push(0);
      this.seen.push(false);
    }
    this.num[stage]! += num;
    this.den[stage]! += den;
    this.seen[stage] = true;
  }
}

/** The sums of one output row. */
export class Sums {
  readonly period = new Float64Array(NP);
  readonly buckets: number[] = new Array<number>(FRT_BUCKET_EDGES.length).fill(0);
  readonly conversion = new StageSums();
  /** A row of its group counted something in the period (a group with none is not listed). */
  present = false;
  // The snapshot parts, of the day `snapshotDay`.
  nextStepWith = 0;
  nextStepOpen = 0;
  stale = new StageSums();
  /** A row of its group held open deals or stale parts on that day (it is listed then too). */
  snapshotPresent = false;
  private snapshotDay: string | null = null;

  /** The snapshot parts are those of `day` from now on: an older day's are dropped. */
  snapshotOn(day: string | null): void {
    if (day === this.snapshotDay) return;
    this.snapshotDay = day;
    this.nextStepWith = 0;
    this.nextStepOpen = 0;
    this.stale = new StageSums();
    this.snapshotPresent = false;
  }
}

/** The items of a packed stage text, as parallel arrays (prevDay null: a first entry). */
export interface StageItems {
  stage: number[];
  prevDay: (string | null)[];
  num: number[];
  den: number[];
}

/**
 * Packed texts parsed once per distinct text: the same few texts ("3:1", "100:11#1=0/1") fill most
 * rows, so a query parses hundreds, not hundreds of thousands. null = malformed.
 */
export class PackedCache {
  private readonly bucketTexts = new Map<string, number[] | null>();
  private readonly stageTexts = new Map<string, StageItems | null>();

  constructor(private readonly stages: StageBook) {}

  buckets(text: string): number[] | null {
    let v = this.bucketTexts.get(text);
    if (v === undefined) {
      const counts = new Array<number>(FRT_BUCKET_EDGES.length).fill(0);
      v = addPackedBuckets(text, counts) ? counts : null;
      this.bucketTexts.set(text, v);
    }
    return v;
  }

  stageItems(text: string): StageItems | null {
    let v = this.stageTexts.get(text);
    if (v === undefined) {
      const items: StageItems = { stage: [], prevDay: [], num: [], den: [] };
      const ok = forEachStageItem(text, (key, pipelineId, statusId, order, prevDay, num, den) => {
        items.stage.push(this.stages.of(key, pipelineId, statusId, order));
        items.prevDay.push(prevDay);
        items.num.push(num);
        items.den.push(den);
      });
      v = ok ? items : null;
      this.stageTexts.set(text, v);
    }
    return v;
  }
}
