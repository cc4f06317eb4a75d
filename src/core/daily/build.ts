/**
 * buildDailyRows: the engine's facts (src/core/metrics/facts.ts — the very rows every metric is
 * sliced from) summed per local day × manager × source × segment × lead class × pipeline (and
 * per stage, inside the row's packed stage texts, for the per-stage metrics). Because the parts
 * are the facts' own num / den, every additive metric over whole days is the same sum whether
 * read from here or from the raw tables. One pass over the facts; row-book.ts keeps the rows.
 *
 * - A fact's day is the local day (calendar's timezone) of the instant that puts it in a period
 *   (creation, closing, due date, stage entry); snapshot facts (next_step_coverage, stale_share)
 *   go on the day of `now` (the snapshot day).
 * - stage_conversion counts a deal once per stage per period, judged from its first entry in the
 *   period. An entry counts in a period exactly when it is in the period and the deal's previous
 *   entry into that stage is before the period (StageEntryTable.previousAt). For periods of whole
 *   days that is "the previous entry's day is before the first day", so a re-entry is kept as an
 *   item of its own carrying that day (packed.ts "@prevDay") and the sum stays exact; an entry
 *   whose previous entry was the same day can never count and is left out.
 */
import type { WorkCalendar } from "../calendar-types";
import type { EnrichedData } from "../enrich";
import { FLAG_ABSENT, FLAG_CENSORED, FLAG_NONE, FLAG_PENDING, factBaseOf } from "../metrics/facts";
import { METRICS } from "../metrics/registry";
import type { MetricId } from "../metrics/types";
import { frtBucketOf } from "./buckets";
import { packMonths } from "./month-rows";
import type { DailyRecord } from "./parts";
import { B, type DailyDirectory, PART, RowBook } from "./row-book";

export type { DailyDirectory } from "./row-book";

/** How one fact of a metric adds to its row (num and flag as in facts.ts; absent facts never come). */
type PartWriter = (book: RowBook, row: number, num: number, flag: number, stageHead: string) => void;

const WRITERS: Record<MetricId, PartWriter> = {
  first_response(book, row, num, flag) {
    book.add(row, PART.first_response_sum_min, num);
    book.add(row, PART.first_response_count, 1);
    if (flag === FLAG_CENSORED) book.add(row, PART.first_response_censored, 1);
    book.buckets[row * B + frtBucketOf(num)]! += 1;
  },
  sla_share(book, row, num, flag) {
    if (flag === FLAG_PENDING) book.add(row, PART.sla_pending, 1);
    else {
      book.add(row, PART.sla_met, num);
      book.add(row, PART.sla_due, 1);
    }
  },
  next_step_coverage(book, row, num) {
    book.add(row, PART.next_step_with, num);
    book.add(row, PART.next_step_open, 1);
  },
  overdue_share(book, row, num, flag) {
    if (flag === FLAG_PENDING) book.add(row, PART.overdue_pending, 1);
    else {
      book.add(row, PART.overdue_count, num);
      book.add(row, PART.due_count, 1);
    }
  },
  // Its denominator, the won deals, is win_rate's numerator (won_count): the same deals.
  touches_per_won(book, row, num) {
    book.add(row, PART.touches_to_win_sum, num);
  },
  stage_conversion(book, row, num, _flag, head) {
    book.conversion.add(row, head, num);
  },
  win_rate(book, row, num) {
    book.add(row, PART.won_count, num);
    book.add(row, PART.lost_count, 1 - num);
  },
  stale_share(book, row, num, _flag, head) {
    book.stale.add(row, head, num);
  },
  // Its denominator (won deals) is won_count as well.
  revenue(book, row, num) {
    book.add(row, PART.revenue_sum, num);
  },
};

/** The rows: day rows merged into month rows (month-rows.ts, docs/daily.md "Month rows"). */
export function buildDailyRows(
  data: EnrichedData,
  calendar: WorkCalendar,
  directory?: DailyDirectory,
): DailyRecord[] {
  return packMonths(buildDayRows(data, calendar, directory));
}

/** One row per day × dimensions (the grain before month rows; kept for the benchmark and tests). */
export function buildDayRows(
  data: EnrichedData,
  calendar: WorkCalendar,
  directory?: DailyDirectory,
): DailyRecord[] {
  const base = factBaseOf(data, METRICS);
  const book = new RowBook(base, directory);
  const snapshotDay = calendar.localDate(data.now);
  for (const spec of METRICS) {
    const t = base.tables.get(spec.id)!;
    const write = WRITERS[spec.id];
    const { lead, manager, managerOfLead, at, num, flag, stage, previousAt } = t;
    for (let r = 0; r < t.size; r++) {
      const f = flag === null ? FLAG_NONE : flag[r]!;
      if (f === FLAG_ABSENT) continue;
      const day = at === null ? snapshotDay : calendar.localDate(at[r]!);
      let prevDay: string | null = null;
      if (previousAt !== null && previousAt[r] !== Number.NEGATIVE_INFINITY) {
        prevDay = calendar.localDate(previousAt[r]!);
        // Its previous entry, the same day, is always in any whole-day period that holds this one.
        if (prevDay === day) continue;
      }
      const li = lead === null ? r : lead[r]!;
      const m = manager === null ? managerOfLead![li]! : manager[r]!;
      const head = stage === null ? "" : book.head(stage[r]!, prevDay);
      write(book, book.row(day, m, li), num[r]!, f, head);
    }
  }
  return book.records();
}
