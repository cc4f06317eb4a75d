/**
 * A bucket sums the facts of one metric for one row (the department or one group value) and
 * turns the sums into a MetricResult.
 */
import { FLAG_CENSORED, FLAG_PENDING } from "./facts";
import type { MetricResult, MetricSpec, StageResult } from "./types";

class StageBucket {
  num = 0;
  den = 0;
  leadIds: number[] = [];
  // -1 = "no lead": never listed.
  lastLeadId = -1;

  add(num: number, leadId: number): void {
    this.num += num;
    this.den += 1;
    if (leadId !== this.lastLeadId && leadId >= 0) {
      this.leadIds.push(leadId);
      this.lastLeadId = leadId;
    }
  }

  result(): StageResult {
    return {
      value: ratio(this.num, this.den),
      numerator: this.num,
      denominator: this.den,
      leadIds: this.leadIds,
    };
  }
}

export class Bucket {
  num = 0;
  den = 0;
  leadIds: number[] = [];
  // Facts of one lead are consecutive (task facts are built in lead order), so comparing with the
  // last id keeps leadIds unique without a set. -1 = "no lead" (a task without one): never listed.
  private lastLeadId = -1;
  taskIds: number[] | null;
  samples: number[] | null;
  censored: number[] | null;
  pending: number[] = [];
  /** By stage ordinal (sparse). */
  stages: StageBucket[] | null;

  constructor(private readonly spec: MetricSpec) {
    this.taskIds = spec.tasks ? [] : null;
    this.samples = spec.median ? [] : null;
    this.censored = spec.median ? [] : null;
    this.stages = spec.perStage ? [] : null;
  }

  /**
   * One fact (a counted one adds num and 1): leadId / taskId -1 when absent (ids are positive),
   * stage -1 when not per stage.
   */
  add(num: number, flag: number, leadId: number, taskId: number, stage: number): void {
    if (flag === FLAG_PENDING) {
      const id = this.taskIds ? taskId : leadId;
      if (id >= 0) this.pending.push(id);
      return;
    }
    this.num += num;
    this.den += 1;
    if (leadId !== this.lastLeadId && leadId >= 0) {
      this.leadIds.push(leadId);
      this.lastLeadId = leadId;
    }
    if (this.taskIds) this.taskIds.push(taskId);
    if (this.samples) {
      this.samples.push(num);
      if (flag === FLAG_CENSORED) this.censored!.push(leadId);
    }
    if (this.stages && stage >= 0) {
      let s = this.stages[stage];
      if (!s) {
        s = new StageBucket();
        this.stages[stage] = s;
      }
      s.add(num, leadId);
    }
  }

  /**
   * The bucket of the union of disjoint parts (the department from its groups): sums added, lists
   * concatenated part after part. Only for parts that share no lead (every lead metric: a lead
   * has one manager and one value per dimension), so no lead is listed twice.
   */
  static merge(spec: MetricSpec, parts: readonly Bucket[]): Bucket {
    const b = new Bucket(spec);
    const cat = (pick: (p: Bucket) => number[] | null): number[] =>
      ([] as number[]).concat(...parts.map(pick).filter((l) => l !== null));
    for (const p of parts) {
      b.num += p.num;
      b.den += p.den;
    }
    b.leadIds = cat((p) => p.leadIds);
    b.pending = cat((p) => p.pending);
    if (b.taskIds) b.taskIds = cat((p) => p.taskIds);
    if (b.samples) b.samples = cat((p) => p.samples);
    if (b.censored) b.censored = cat((p) => p.censored);
    if (b.stages) {
      // Per stage: sum, and gather the lists to concatenate each stage's once.
      const lists: number[][][] = [];
      for (const p of parts) {
        p.stages!.forEach((s, ordinal) => {
          let t = b.stages![ordinal];
          if (!t) {
            t = new StageBucket();
            b.stages![ordinal] = t;
            lists[ordinal] = [];
          }
          t.num += s.num;
          t.den += s.den;
          lists[ordinal]!.push(s.leadIds);
        });
      }
      lists.forEach((l, ordinal) => {
        b.stages![ordinal]!.leadIds = ([] as number[]).concat(...l);
      });
    }
    return b;
  }

  /** `stageKeys` / `compareStages` map stage ordinals to keys and pipeline order. */
  result(
    stageKeys: (ordinal: number) => string,
    compareStages: (a: number, b: number) => number,
  ): MetricResult {
    const spec = this.spec;
    const r: MetricResult = {
      value: spec.value === "sum" ? this.num : ratio(this.num, this.den),
      numerator: this.num,
      denominator: this.den,
      leadIds: this.leadIds,
    };
    if (this.taskIds) r.taskIds = this.taskIds;
    if (spec.pending) {
      if (this.taskIds) r.pendingTaskIds = this.pending;
      else r.pendingLeadIds = this.pending;
    }
    if (this.samples) {
      r.median = median(this.samples);
      r.censoredLeadIds = this.censored!;
    }
    if (this.stages) {
      const byStage: Record<string, StageResult> = {};
      const ordinals: number[] = [];
      this.stages.forEach((_, ordinal) => {
        ordinals.push(ordinal);
      });
      for (const o of ordinals.sort(compareStages)) byStage[stageKeys(o)] = this.stages[o]!.result();
      r.byStage = byStage;
    }
    return r;
  }
}

/** No data (null) rather than 0 or NaN when the denominator is empty. */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

// Working space for medians, kept between calls so each bucket does not allocate its own (a typed
// array lives outside V8's heap, see columns.ts).
let space = new Float64Array(1024);

/** Median; for an even count the mean of the two middle values; null when empty. */
export function median(values: readonly number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  if (space.length < n) space = new Float64Array(Math.max(n, 2 * space.length));
  const a = space.subarray(0, n);
  for (let i = 0; i < n; i++) a[i] = values[i]!;
  const mid = n >> 1;
  if (n % 2 === 1) return select(a, mid);
  // select() leaves every value right of mid − 1 no smaller: the upper middle is their minimum.
  const lower = select(a, mid - 1);
  let upper = a[mid]!;
  for (let i = mid + 1; i < n; i++) if (a[i]! < upper) upper = a[i]!;
  return (lower + upper) / 2;
}

/**
 * The k-th smallest value (quickselect, linear on average instead of a sort's n log n); reorders
 * `a` so that values left of k are <= it and values right of k are >= it.
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const x = a[lo]!;
    const y = a[(lo + hi) >> 1]!;
    const z = a[hi]!;
    // The median of the three.
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    // Hoare partition: stops on values equal to the pivot, so long runs of equal values split evenly.
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
