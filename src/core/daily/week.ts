/**
 * Week rows of amo_daily (docs/daily.md "Week rows"): the day rows of one ISO week (Monday, in the
 * account calendar's days) × manager × source × segment × class × pipeline merged into one row that
 * holds the week's totals and, in `week_days`, each day's own parts. A period of whole days reads
 * the totals of the weeks inside it and the breakdown only of the weeks it cuts, so the sums stay
 * those of the day rows: exact. A group with facts on one day of the week stays a day row (no
 * breakdown needed; it is also what a table built before week rows holds).
 *
 * `week_days`: "k|parts|frt|stages|stale~k|…" — one item per day that has any part, in day order:
 * k = days after the row's day (0–6); parts = "i:v,i:v" (i = position in DAILY_NUMBER_PART_IDS,
 * non-zero only, v as JavaScript writes the number, so it reads back to the same number); frt,
 * stages, stale = that day's packed texts (packed.ts). It starts with a digit: never a formula.
 */
import { formatDay, parseDay } from "../calendar-zone";
import { FRT_BUCKET_EDGES } from "./buckets";
import { dailyKey } from "./keys";
import { addPackedBuckets, forEachStageItem, packBuckets } from "./packed";
import { DAILY_NUMBER_PART_IDS, type DailyRecord, emptyDailyRecord } from "./parts";

const NPARTS = DAILY_NUMBER_PART_IDS.length;

/** One day of a week row's breakdown. */
export interface WeekDay {
  /** Days after the row's day, 0–6. */
  offset: number;
  /** By position in DAILY_NUMBER_PART_IDS. */
  parts: Float64Array;
  frt: string;
  stages: string;
  stale: string;
}

/** The Monday (ISO week start) of a day "yyyy-mm-dd". */
export function weekStart(day: string): string {
  const n = parseDay(day)!;
  return formatDay(n - ((((n + 3) % 7) + 7) % 7));
}

/** The day `k` days after `day`. */
export function addDays(day: string, k: number): string {
  return formatDay(parseDay(day)! + k);
}

/** One day's parts as a breakdown item (null when it has none). */
function encodeDay(offset: number, r: DailyRecord): string | null {
  let parts = "";
  for (let i = 0; i < NPARTS; i++) {
    const v = r[DAILY_NUMBER_PART_IDS[i]!];
    if (v !== 0) parts += `${parts === "" ? "" : ","}${i}:${v}`;
  }
  if (parts === "" && r.frt_buckets === "" && r.stage_parts === "" && r.stale_parts === "") return null;
  return `${offset}|${parts}|${r.frt_buckets}|${r.stage_parts}|${r.stale_parts}`;
}

/**
 * The breakdown's days; null when malformed. The days' packed texts are checked only with
 * `checkTexts` (a query checks those it reads, when it parses them).
 */
export function decodeWeekDays(text: string, checkTexts = true): WeekDay[] | null {
  if (text === "") return [];
  const out: WeekDay[] = [];
  let last = -1;
  for (const item of text.split("~")) {
    const f = item.split("|");
    if (f.length !== 5 || !/^[0-6]$/.test(f[0]!)) return null;
    const offset = Number(f[0]);
    if (offset <= last) return null;
    last = offset;
    const parts = new Float64Array(NPARTS);
    if (f[1] !== "") {
      for (const p of f[1]!.split(",")) {
        const colon = p.indexOf(":");
        const i = Number(p.slice(0, colon));
        const v = Number(p.slice(colon + 1));
        if (colon <= 0 || !Number.isInteger(i) || i < 0 || i >= NPARTS || p.slice(colon + 1) === "")
          return null;
        if (!Number.isFinite(v)) return null;
        parts[i] = v;
      }
    }
    const ok = (t: string) => forEachStageItem(t, () => {});
    if (checkTexts && (!addPackedBuckets(f[2]!, []) || !ok(f[3]!) || !ok(f[4]!))) return null;
    out.push({ offset, parts, frt: f[2]!, stages: f[3]!, stale: f[4]! });
  }
  return out;
}

/** Merges stage texts item by item (same head: parts summed), items in the order met. */
function mergeStageTexts(texts: readonly string[]): string {
  const some = texts.filter((t) => t !== "");
  if (some.length <= 1) return some[0] ?? "";
  const num = new Map<string, number>();
  const den = new Map<string, number>();
  for (const t of some) {
    for (const item of t === "" ? [] : t.split(";")) {
      const eq = item.lastIndexOf("=");
      const slash = item.lastIndexOf("/");
      const head = item.slice(0, eq);
      num.set(head, (num.get(head) ?? 0) + Number(item.slice(eq + 1, slash)));
      den.set(head, (den.get(head) ?? 0) + Number(item.slice(slash + 1)));
    }
  }
  // First entries before re-entries, as in a day row (row-book.ts).
  const heads = [...num.keys()];
  const ordered = [...heads.filter((h) => !h.includes("@")), ...heads.filter((h) => h.includes("@"))];
  return ordered.map((h) => `${h}=${num.get(h)}/${den.get(h)}`).join(";");
}

/**
 * Day rows (buildDailyRows's grain, any order) → week rows: one per week × dimensions, in day
 * order. A group with one day keeps its day row as it is.
 */
export function packWeeks(days: readonly DailyRecord[]): DailyRecord[] {
  const groups = new Map<string, DailyRecord[]>();
  // Per distinct day (a year has 366): its Monday and its place in the week.
  const monday = new Map<string, string>();
  const offset = new Map<string, number>();
  for (const r of days) {
    let w = monday.get(r.day);
    if (w === undefined) {
      w = weekStart(r.day);
      monday.set(r.day, w);
      offset.set(r.day, parseDay(r.day)! - parseDay(w)!);
    }
    // The day row's key with the week's Monday for its day (keys.ts: the day leads the key).
    const k = w + r.key.slice(r.day.length);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [r]);
    else g.push(r);
  }
  const out: DailyRecord[] = [];
  for (const [key, g] of groups) {
    if (g.length === 1) {
      out.push(g[0]!.week_days === "" ? g[0]! : { ...g[0]!, week_days: "" });
      continue;
    }
    g.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const first = g[0]!;
    const w = monday.get(first.day)!;
    // The week's row: the first day's dimensions under the week's key and Monday.
    const row: DailyRecord = emptyDailyRecord({ ...first, key, day: w });
    const buckets = new Array<number>(FRT_BUCKET_EDGES.length).fill(0);
    const items: string[] = [];
    for (const d of g) {
      row.first_response_sum_min += d.first_response_sum_min;
      row.first_response_count += d.first_response_count;
      row.first_response_censored += d.first_response_censored;
      row.sla_met += d.sla_met;
      row.sla_due += d.sla_due;
      row.sla_pending += d.sla_pending;
      row.overdue_count += d.overdue_count;
      row.due_count += d.due_count;
      row.overdue_pending += d.overdue_pending;
      row.touches_to_win_sum += d.touches_to_win_sum;
      row.won_count += d.won_count;
      row.lost_count += d.lost_count;
      row.revenue_sum += d.revenue_sum;
      if (d.frt_buckets !== "") addPackedBuckets(d.frt_buckets, buckets);
      // The totals' snapshot is the week's latest (days sorted): what a person reading the row sees.
      if (d.next_step_open > 0 || d.stale_parts !== "") {
        row.next_step_with = d.next_step_with;
        row.next_step_open = d.next_step_open;
        row.stale_parts = d.stale_parts;
      }
      const item = encodeDay(offset.get(d.day)!, d);
      if (item !== null) items.push(item);
    }
    row.frt_buckets = packBuckets(buckets);
    row.stage_parts = mergeStageTexts(g.map((d) => d.stage_parts));
    row.week_days = items.join("~");
    out.push(row);
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Week rows → their day rows (day rows pass as they are); for the snapshot history. */
export function unpackWeeks(rows: readonly DailyRecord[]): DailyRecord[] {
  const out: DailyRecord[] = [];
  for (const r of rows) {
    if (r.week_days === "") {
      out.push(r);
      continue;
    }
    for (const d of decodeWeekDays(r.week_days)!) out.push(dayRecord(r, d));
  }
  return out;
}

/** A day of a week row as a day row of its own. */
export function dayRecord(r: DailyRecord, d: WeekDay): DailyRecord {
  const day = addDays(r.day, d.offset);
  const out: DailyRecord = {
    ...r,
    key: dailyKey(day, r.manager_id, r.source, r.segment, r.lead_class, r.pipeline_id),
    day,
    frt_buckets: d.frt,
    stage_parts: d.stages,
    stale_parts: d.stale,
    week_days: "",
  };
  for (let i = 0; i < NPARTS; i++) out[DAILY_NUMBER_PART_IDS[i]!] = d.parts[i]!;
  return out;
}
