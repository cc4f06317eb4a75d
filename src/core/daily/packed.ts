/**
 * The text-packed parts of a daily row (parts.ts DAILY_TEXT_PART_IDS). Packing keeps the table
 * narrow — a bucket or a stage costs nothing on the many rows that do not have it — and one row
 * per day × manager × source × segment × class × pipeline, instead of a row per stage.
 *
 * - frt_buckets: "lo:count;lo:count" — leads per first-response bucket, named by its lower edge
 *   in minutes (buckets.ts), non-empty buckets only, in bucket order. "" = none.
 * - stage_parts / stale_parts: "pipelineId:statusId#order[@prevDay]=num/den;…" — one item per
 *   stage (and, for stage_parts, per day of the previous entry into it; build.ts). `order` is the
 *   stage's position in its pipeline, so readers list stages in pipeline order without the stage
 *   directory. num/den: converted/entered, or stale/open.
 * The texts start with a digit and hold no "=" at the start, so they can never become a formula.
 */
import { FRT_BUCKET_EDGES } from "./buckets";

const BUCKET_OF_EDGE = new Map<number, number>(FRT_BUCKET_EDGES.map((e, b) => [e, b]));

/** Non-zero bucket counts (by bucket index, from `offset` in `counts`) → "lo:count;…". */
export function packBuckets(counts: readonly number[], offset = 0): string {
  let out = "";
  for (let b = 0; b < FRT_BUCKET_EDGES.length; b++) {
    const c = counts[offset + b] ?? 0;
    if (c === 0) continue;
    out += `${out === "" ? "" : ";"}${FRT_BUCKET_EDGES[b]}:${c}`;
  }
  return out;
}

/** Adds a packed frt_buckets text to `into` (by bucket index); false when the text is malformed. */
export function addPackedBuckets(text: string, into: number[]): boolean {
  if (text === "") return true;
  for (const item of text.split(";")) {
    const colon = item.indexOf(":");
    const b = BUCKET_OF_EDGE.get(digits(item.slice(0, colon)));
    const c = digits(item.slice(colon + 1));
    if (colon <= 0 || b === undefined || Number.isNaN(c)) return false;
    into[b] = (into[b] ?? 0) + c;
  }
  return true;
}

/** The head of a stage item: "pipelineId:statusId#order" plus "@prevDay" for a re-entry. */
export function stageItemHead(stageKey: string, order: number, prevDay: string | null): string {
  return prevDay === null ? `${stageKey}#${order}` : `${stageKey}#${order}@${prevDay}`;
}

/**
 * Visits each item of a packed stage text with its parts (no object per item: the readers sum
 * hundreds of thousands of them); false when the text is malformed.
 */
export type StageItemVisitor = (
  key: string,
  pipelineId: number,
  statusId: number,
  order: number,
  prevDay: string | null,
  num: number,
  den: number,
) => void;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A non-negative whole number written in digits only, else NaN. */
function digits(text: string): number {
  if (text === "") return Number.NaN;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 48 || ch > 57) return Number.NaN;
  }
  return Number(text);
}

export function forEachStageItem(text: string, visit: StageItemVisitor): boolean {
  if (text === "") return true;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(";", start);
    if (end < 0) end = text.length;
    const colon = text.indexOf(":", start);
    const hash = text.indexOf("#", start);
    const eq = text.indexOf("=", start);
    const slash = text.indexOf("/", start);
    if (!(start < colon && colon < hash && hash < eq && eq < slash && slash < end)) return false;
    const at = text.indexOf("@", hash);
    const hasPrev = at >= 0 && at < eq;
    const pipelineId = digits(text.slice(start, colon));
    const statusId = digits(text.slice(colon + 1, hash));
    const order = digits(text.slice(hash + 1, hasPrev ? at : eq));
    const prevDay = hasPrev ? text.slice(at + 1, eq) : null;
    const num = digits(text.slice(eq + 1, slash));
    const den = digits(text.slice(slash + 1, end));
    if (Number.isNaN(pipelineId + statusId + order + num + den) || (prevDay !== null && !DAY.test(prevDay))) {
      return false;
    }
    visit(text.slice(start, hash), pipelineId, statusId, order, prevDay, num, den);
    start = end + 1;
  }
  return true;
}
