/**
 * First-response time buckets and the median read from them.
 *
 * The median is not additive: the daily table cannot keep every lead's minutes, so it keeps how
 * many leads fell in each bucket [edge_i, edge_i+1) of business minutes. The median of a period is
 * then found bucket by bucket: the middle order statistic(s) (the engine's definition: the middle
 * value, or the mean of the two middle values for an even count) lie in a known bucket, and inside
 * it the values are assumed evenly spread: the k-th of c values in [lo, hi) is read as
 * lo + (k + ½) / c × (hi − lo).
 *
 * Error bound: a middle value and its estimate lie in the same bucket [lo, hi), so each is off by
 * less than the bucket's width hi − lo; for an even count the mean of two estimates is off by less
 * than the wider of the two buckets. So |estimate − exact median| < the width of the (widest)
 * bucket holding the middle value(s) (medianErrorBound):
 *   < 3 min below 6 min, < 4 min below 10, < 5 below 20, < 10 below 30, < 15 below 60,
 *   < 30 below 120, < 60 below 240, < 120 below 360, < 180 below 540 (one working day),
 *   < 540 below 1080, < 1620 below 2700 (five working days of 9 hours).
 * The last bucket [2700, ∞) has no upper edge: a median there is reported as 2700 (a lower bound;
 * the team then leaves half its leads unanswered for a working week, the figure's exact size no
 * longer matters).
 */

/** Lower edges of the buckets, in business minutes; the last bucket is open-ended. */
export const FRT_BUCKET_EDGES = [
  0, 3, 6, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 540, 1080, 2700,
] as const;

export type FrtBucketEdge = (typeof FRT_BUCKET_EDGES)[number];

const LAST = FRT_BUCKET_EDGES.length - 1;

/** The bucket of a lead's minutes (negative or NaN minutes cannot happen; they go to bucket 0). */
export function frtBucketOf(minutes: number): number {
  let b = 0;
  while (b < LAST && minutes >= FRT_BUCKET_EDGES[b + 1]!) b++;
  return b;
}

/** Width of bucket b; Infinity for the open-ended last one. */
export function frtBucketWidth(b: number): number {
  return b >= LAST ? Number.POSITIVE_INFINITY : FRT_BUCKET_EDGES[b + 1]! - FRT_BUCKET_EDGES[b]!;
}

/** The k-th smallest (0-based) value estimated from bucket counts, and the bucket it lies in. */
function orderStatistic(counts: readonly number[], k: number): { value: number; bucket: number } {
  let before = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b]!;
    if (k < before + c) {
      const lo = FRT_BUCKET_EDGES[b]!;
      if (b >= LAST) return { value: lo, bucket: b };
      return { value: lo + ((k - before + 0.5) / c) * frtBucketWidth(b), bucket: b };
    }
    before += c;
  }
  throw new Error(`frt buckets: order statistic ${k} beyond the ${before} counted values`);
}

export interface BucketMedian {
  /** null when no lead is counted. */
  median: number | null;
  /** The bound on |median − exact median| (see above); Infinity in the open-ended bucket; 0 when null. */
  maxError: number;
}

/** The median of the values counted in `counts` (one count per bucket, FRT_BUCKET_EDGES order). */
export function medianFromBuckets(counts: readonly number[]): BucketMedian {
  let n = 0;
  for (const c of counts) n += c;
  if (n === 0) return { median: null, maxError: 0 };
  const mid = Math.floor(n / 2);
  if (n % 2 === 1) {
    const m = orderStatistic(counts, mid);
    return { median: m.value, maxError: frtBucketWidth(m.bucket) };
  }
  const a = orderStatistic(counts, mid - 1);
  const b = orderStatistic(counts, mid);
  return {
    median: (a.value + b.value) / 2,
    maxError: Math.max(frtBucketWidth(a.bucket), frtBucketWidth(b.bucket)),
  };
}

/** The bound for an exact median's middle value(s): the width of the widest bucket holding them. */
export function medianErrorBound(middleValues: readonly number[]): number {
  let w = 0;
  for (const v of middleValues) w = Math.max(w, frtBucketWidth(frtBucketOf(v)));
  return w;
}
