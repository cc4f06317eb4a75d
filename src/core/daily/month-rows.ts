/**
 * Month rows of amo_daily (docs/daily.md "Month rows"): the day rows of one calendar month (the
 * account calendar's days) × manager × source × segment × class × pipeline merged into one row
 * that holds the month's totals and, in `by_day` (by-day.ts), each day's own parts. A period of
 * whole days reads the totals of the months inside it and the breakdown only of the rows it cuts,
 * so the sums stay those of the day rows: exact. A group with facts on one day of the month stays
 * a day row (span 1, no breakdown).
 *
 * Why a month and not a week: the rows' count is what a custom function pays for (every cell is
 * handed to it), and a year of a 50-manager team is 127 k week rows against 52 k month rows (the
 * per-day facts are the same, only packed into fewer rows; measured, bench/daily-metrics.ts).
 */
import { formatDay, parseDay } from "../calendar-zone";
import { FRT_BUCKET_EDGES } from "./buckets";
import { type DayItem, decodeByDay, encodeDayItem } from "./by-day";
import { dailyKey } from "./keys";
import { addPackedBuckets, packBuckets } from "./packed";
import { DAILY_NUMBER_PART_IDS, type DailyRecord, emptyDailyRecord } from "./parts";

const NPARTS = DAILY_NUMBER_PART_IDS.length;
/** The number parts a month row sums over its days (the snapshot's are the latest day's). */
const SUMMED = DAILY_NUMBER_PART_IDS.filter((id) => id !== "next_step_with" && id !== "next_step_open");

/** The first day of a day's month. */
export function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** The days in the month of `day` (28–31). */
export function daysInMonth(day: string): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The day `k` days after `day`. */
export function addDays(day: string, k: number): string {
  return formatDay(parseDay(day)! + k);
}

/** Days from `day` to `later` (whole days; negative when `later` is earlier). */
export function daysBetween(day: string, later: string): number {
  return parseDay(later)! - parseDay(day)!;
}

/** Merges stage texts item by item (same head: parts summed), items in the order met. */
function mergeStageTexts(texts: readonly string[]): string {
  const some = texts.filter((t) => t !== "");
  if (some.length <= 1) return some[0] ?? "";
  const num = new Map<string, number>();
  const den = new Map<string, number>();
  for (const t of some) {
    for (const item of t.split(";")) {
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

function byDay(a: DailyRecord, b: DailyRecord): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : 0;
}

/** Day rows of one month × dimensions (two or more), sorted by day → their month row. */
function monthRow(key: string, g: readonly DailyRecord[]): DailyRecord {
  const first = g[0]!;
  const start = monthStart(first.day);
  const row = emptyDailyRecord({ ...first, key, day: start, span_days: daysInMonth(start) });
  const buckets = new Array<number>(FRT_BUCKET_EDGES.length).fill(0);
  const items: string[] = [];
  for (const d of g) {
    for (const id of SUMMED) row[id] += d[id];
    if (d.frt_buckets !== "") addPackedBuckets(d.frt_buckets, buckets);
    // The totals' snapshot is the month's latest (days sorted): what a person reading the row
    // sees, and what a query looking for a snapshot tests first (scan.ts).
    if (d.next_step_open > 0 || d.stale_parts !== "") {
      row.next_step_with = d.next_step_with;
      row.next_step_open = d.next_step_open;
      row.stale_parts = d.stale_parts;
    }
    const item = encodeDayItem(Number(d.day.slice(8, 10)) - 1, d);
    if (item !== null) items.push(item);
  }
  row.frt_buckets = packBuckets(buckets);
  row.stage_parts = mergeStageTexts(g.map((d) => d.stage_parts));
  row.by_day = items.join("~");
  return row;
}

/**
 * Day rows (buildDayRows's grain, any order) → month rows: one per month × dimensions, in day
 * order. A group with one day keeps its day row as it is.
 */
export function packMonths(days: readonly DailyRecord[]): DailyRecord[] {
  const groups = new Map<string, DailyRecord[]>();
  for (const r of days) {
    // The day row's key with the month's first day for its day (keys.ts: the day leads the key).
    const k = `${r.day.slice(0, 8)}01${r.key.slice(r.day.length)}`;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [r]);
    else g.push(r);
  }
  const out: DailyRecord[] = [];
  for (const [key, g] of groups) {
    if (g.length === 1) {
      const r = g[0]!;
      out.push(r.by_day === "" && r.span_days === 1 ? r : { ...r, span_days: 1, by_day: "" });
      continue;
    }
    out.push(monthRow(key, g.sort(byDay)));
  }
  return out.sort(byDay);
}

/** Rows of several days → their day rows (day rows pass as they are); for the snapshot history. */
export function unpackRows(rows: readonly DailyRecord[]): DailyRecord[] {
  const out: DailyRecord[] = [];
  for (const r of rows) {
    if (r.by_day === "") {
      out.push(r);
      continue;
    }
    for (const d of decodeByDay(r.by_day, r.span_days)!) out.push(dayRecord(r, d));
  }
  return out;
}

/** A day of a row's breakdown as a day row of its own. */
export function dayRecord(r: DailyRecord, d: DayItem): DailyRecord {
  const day = addDays(r.day, d.offset);
  const out: DailyRecord = {
    ...r,
    key: dailyKey(day, r.manager_id, r.source, r.segment, r.lead_class, r.pipeline_id),
    day,
    span_days: 1,
    frt_buckets: d.frt,
    stage_parts: d.stages,
    stale_parts: d.stale,
    by_day: "",
  };
  for (let i = 0; i < NPARTS; i++) out[DAILY_NUMBER_PART_IDS[i]!] = d.parts[i]!;
  return out;
}
