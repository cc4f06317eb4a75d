/**
 * The rows of buildDailyRows as they are summed: found by a numeric key (day, manager, the lead's
 * slicing values), their number parts in flat columns, their stage items in linked lists; the
 * record objects, all of one shape, are made once at the end.
 */
import { filled } from "../metrics/columns";
import type { FactBase } from "../metrics/facts";
import { type Dataset, NONE } from "../model";
import { FRT_BUCKET_EDGES } from "./buckets";
import { dailyKey } from "./keys";
import { packBuckets, stageItemHead } from "./packed";
import { DAILY_NUMBER_PART_IDS, type DailyNumberPartId, type DailyRecord } from "./parts";

/** Names for the name columns (the sync's dataset); without it they are "". */
export type DailyDirectory = Pick<Dataset, "users" | "stages">;

export const P = DAILY_NUMBER_PART_IDS.length;
export const PART = Object.fromEntries(DAILY_NUMBER_PART_IDS.map((id, k) => [id, k])) as Record<
  DailyNumberPartId,
  number
>;
export const B = FRT_BUCKET_EDGES.length;

/** A lead's slicing values, shared by all leads with the same ones. */
interface Combo {
  source: string;
  segment: string;
  leadClass: string;
  pipelineId: number | null;
}

const NO_LEAD: Combo = { source: NONE, segment: NONE, leadClass: NONE, pipelineId: null };

/** The rows by their dimensions, created on first use; their parts in flat columns. */
export class RowBook {
  /** Row by numeric key (day index, manager index, combo). */
  private readonly byKey = new Map<number, number>();
  private readonly dayIndex = new Map<string, number>();
  private readonly days: string[] = [];
  private size = 0;
  private rowDay: number[] = [];
  private rowManager: number[] = [];
  private rowCombo: number[] = [];
  private parts: number[] = [];
  buckets: number[] = [];
  readonly conversion = new StageItems();
  readonly stale = new StageItems();
  /** Stage position inside its pipeline, by stage ordinal. */
  private readonly stageOrder: number[] = [];
  /** Item heads of first entries by stage ordinal (made once, not per fact). */
  private readonly heads: string[] = [];
  private readonly comboOfLead: number[];
  private readonly combos: Combo[] = [];
  private readonly comboCount: number;
  private readonly managerCount: number;
  private readonly userNames = new Map<number, string>();
  private readonly pipelineNames = new Map<number, string>();

  constructor(
    private readonly base: FactBase,
    directory: DailyDirectory | undefined,
  ) {
    const d = base.dimensions;
    const comboIndex = new Map<string, number>();
    const n = base.leadId.length;
    this.comboOfLead = filled(n, 0);
    for (let i = 0; i < n; i++) {
      const parts = `${d.source.of[i]},${d.segment.of[i]},${d.leadClass.of[i]},${d.pipeline.of[i]}`;
      let c = comboIndex.get(parts);
      if (c === undefined) {
        c = this.combos.length;
        const pipeline = d.pipeline.values[d.pipeline.of[i]!]!;
        this.combos.push({
          source: String(d.source.values[d.source.of[i]!]),
          segment: String(d.segment.values[d.segment.of[i]!]),
          leadClass: String(d.leadClass.values[d.leadClass.of[i]!]),
          pipelineId: typeof pipeline === "number" ? pipeline : null,
        });
        comboIndex.set(parts, c);
      }
      this.comboOfLead[i] = c;
    }
    // One more combo for "no lead" (a task without one).
    this.comboCount = this.combos.length + 1;
    this.managerCount = base.managers.size + 1;
    for (const u of directory?.users ?? []) this.userNames.set(u.id, u.name);
    for (const s of directory?.stages ?? []) {
      if (!this.pipelineNames.has(s.pipelineId)) this.pipelineNames.set(s.pipelineId, s.pipelineName);
    }
    // The engine's display order of stages (pipeline, then its own order), numbered per pipeline.
    const stages = base.data.stages;
    const ordinals = stages.all.map((s) => s.ordinal).sort(stages.compareOrdinals);
    let pipeline: number | null = null;
    let k = 0;
    for (const o of ordinals) {
      const p = stages.all[o]!.pipelineId;
      if (p !== pipeline) {
        pipeline = p;
        k = 0;
      }
      this.stageOrder[o] = k++;
    }
  }

  /** The row of a fact: its day, manager index and lead index (-1: a task without a lead). */
  row(day: string, manager: number, lead: number): number {
    let d = this.dayIndex.get(day);
    if (d === undefined) {
      d = this.days.length;
      this.days.push(day);
      this.dayIndex.set(day, d);
    }
    const combo = lead < 0 ? this.combos.length : this.comboOfLead[lead]!;
    const key = (d * this.managerCount + manager) * this.comboCount + combo;
    let row = this.byKey.get(key);
    if (row === undefined) {
      row = this.size++;
      this.byKey.set(key, row);
      this.rowDay.push(d);
      this.rowManager.push(manager);
      this.rowCombo.push(combo);
      for (let k = 0; k < P; k++) this.parts.push(0);
      for (let k = 0; k < B; k++) this.buckets.push(0);
      this.conversion.addRow();
      this.stale.addRow();
    }
    return row;
  }

  add(row: number, part: number, value: number): void {
    this.parts[row * P + part]! += value;
  }

  /** The packed item head of a stage entry (packed.ts). */
  head(ordinal: number, prevDay: string | null): string {
    if (prevDay !== null) {
      return stageItemHead(this.base.data.stages.all[ordinal]!.key, this.stageOrder[ordinal]!, prevDay);
    }
    let h = this.heads[ordinal];
    if (h === undefined) {
      h = stageItemHead(this.base.data.stages.all[ordinal]!.key, this.stageOrder[ordinal]!, null);
      this.heads[ordinal] = h;
    }
    return h;
  }

  /** The records, in day order (then in the order their rows were first met). */
  records(): DailyRecord[] {
    const order = Array.from({ length: this.size }, (_, r) => r);
    order.sort((a, b) => {
      const da = this.days[this.rowDay[a]!]!;
      const db = this.days[this.rowDay[b]!]!;
      return da < db ? -1 : da > db ? 1 : a - b;
    });
    return order.map((r) => this.record(r));
  }

  private record(r: number): DailyRecord {
    const day = this.days[this.rowDay[r]!]!;
    const c = this.rowCombo[r]! < this.combos.length ? this.combos[this.rowCombo[r]!]! : NO_LEAD;
    const managerId = this.base.managers.values[this.rowManager[r]!]!;
    const v = (id: DailyNumberPartId) => this.parts[r * P + PART[id]]!;
    // One literal with every column: one object shape for all records.
    return {
      key: dailyKey(day, managerId, c.source, c.segment, c.leadClass, c.pipelineId),
      day,
      span_days: 1,
      manager_id: managerId,
      manager: this.userNames.get(managerId) ?? "",
      source: c.source,
      segment: c.segment,
      lead_class: c.leadClass,
      pipeline_id: c.pipelineId,
      pipeline: c.pipelineId === null ? NONE : (this.pipelineNames.get(c.pipelineId) ?? ""),
      first_response_sum_min: v("first_response_sum_min"),
      first_response_count: v("first_response_count"),
      first_response_censored: v("first_response_censored"),
      sla_met: v("sla_met"),
      sla_due: v("sla_due"),
      sla_pending: v("sla_pending"),
      next_step_with: v("next_step_with"),
      next_step_open: v("next_step_open"),
      overdue_count: v("overdue_count"),
      due_count: v("due_count"),
      overdue_pending: v("overdue_pending"),
      touches_to_win_sum: v("touches_to_win_sum"),
      won_count: v("won_count"),
      lost_count: v("lost_count"),
      revenue_sum: v("revenue_sum"),
      frt_buckets: packBuckets(this.buckets, r * B),
      stage_parts: this.conversion.packed(r),
      stale_parts: this.stale.packed(r),
      by_day: "",
    };
  }
}

/**
 * Stage items of all rows in flat columns, each row's items a linked list (a row has one to three:
 * a map per row would be hundreds of thousands of maps).
 */
class StageItems {
  private readonly first: number[] = [];
  private readonly head: string[] = [];
  private readonly num: number[] = [];
  private readonly den: number[] = [];
  private readonly next: number[] = [];

  addRow(): void {
    this.first.push(-1);
  }

  add(row: number, head: string, num: number): void {
    let last = -1;
    for (let k = this.first[row]!; k >= 0; k = this.next[k]!) {
      if (this.head[k] === head) {
        this.num[k]! += num;
        this.den[k]! += 1;
        return;
      }
      last = k;
    }
    const k = this.head.length;
    this.head.push(head);
    this.num.push(num);
    this.den.push(1);
    this.next.push(-1);
    if (last < 0) this.first[row] = k;
    else this.next[last] = k;
  }

  /**
   * "head=num/den;…" in the order the items were met, first entries before re-entries ("@", which
   * a query can then skip when none of them counts: scan.ts countedStageText).
   */
  packed(row: number): string {
    let out = "";
    for (const reentries of [false, true]) {
      for (let k = this.first[row]!; k >= 0; k = this.next[k]!) {
        if (this.head[k]!.includes("@") !== reentries) continue;
        out += `${out === "" ? "" : ";"}${this.head[k]}=${this.num[k]}/${this.den[k]}`;
      }
    }
    return out;
  }
}
