/**
 * Snapshot history across syncs. A sync rebuilds amo_daily from the raw tables (buildDailyRows):
 * period parts of past days change as things happen later (a lead answered, a deal converting or
 * won), so they are recomputed every time. Snapshot parts cannot be: the next-step coverage and
 * stale deals of a past day are gone from the raw data. keepSnapshotHistory carries them over from
 * the table as it was: the fresh rows, plus the previous rows' snapshot parts of every day before
 * the fresh snapshot day (merged into the fresh row with the same key, or as a row of their own).
 * It works on day rows (week rows unpacked, week.ts) and packs the result into week rows again.
 */
import { dailyKey } from "./keys";
import { DailyInputError } from "./messages";
import { type DailyInputRow, type DailyRecord, emptyDailyRecord } from "./parts";
import { DailyCells, ROW_OBJECT } from "./read";
import { PART } from "./row-book";
import { addDays, decodeWeekDays, packWeeks, unpackWeeks } from "./week";

/** A previous row's snapshot: its day (a week row has one per day of its breakdown). */
interface PastSnapshot {
  day: string;
  withStep: number;
  open: number;
  stale: string;
}

/**
 * `fresh` (buildDailyRows at `snapshotDay`, the local day of its now) with the snapshots of the
 * days before it taken from `previous` (the table before this sync). Rows in day order.
 */
export function keepSnapshotHistory(
  previous: readonly DailyInputRow[],
  fresh: readonly DailyRecord[],
  snapshotDay: string,
): DailyRecord[] {
  const byKey = new Map(unpackWeeks(fresh).map((r) => [r.key, { ...r }]));
  const c = new DailyCells(ROW_OBJECT);
  previous.forEach((row, i) => {
    c.at(row, i);
    const rowDay = c.day("day");
    const week = c.packed("week_days");
    let snapshots: PastSnapshot[];
    if (week === "") {
      snapshots = [
        {
          day: rowDay,
          withStep: c.part("next_step_with"),
          open: c.part("next_step_open"),
          stale: c.packed("stale_parts"),
        },
      ];
    } else {
      const days = decodeWeekDays(week);
      if (days === null) throw c.badPacked("week_days");
      snapshots = days.map((d) => ({
        day: addDays(rowDay, d.offset),
        withStep: d.parts[PART.next_step_with]!,
        open: d.parts[PART.next_step_open]!,
        stale: d.stale,
      }));
    }
    for (const snap of snapshots) carry(c, i, snap, week !== "");
  });
  return packWeeks([...byKey.values()]);

  function carry(c: DailyCells, i: number, snap: PastSnapshot, isWeek: boolean): void {
    const { day, withStep, open, stale } = snap;
    if (day >= snapshotDay) return;
    if (open === 0 && stale === "") return;
    const stored = c.optionalText("key");
    if (stored === null) throw new DailyInputError("daily.missing", { row: i + 1, column: "key" });
    // A week row's key names its Monday; each of its days is keyed as a day row would be.
    const key = isWeek
      ? dailyKey(
          day,
          c.number("manager_id"),
          c.text("source"),
          c.text("segment"),
          c.text("lead_class"),
          c.optionalNumber("pipeline_id"),
        )
      : stored;
    let target = byKey.get(key);
    if (target === undefined) {
      target = emptyDailyRecord({
        key,
        day,
        manager_id: c.number("manager_id"),
        manager: c.optionalText("manager") ?? "",
        source: c.text("source"),
        segment: c.text("segment"),
        lead_class: c.text("lead_class"),
        pipeline_id: c.optionalNumber("pipeline_id"),
        pipeline: c.text("pipeline"),
      });
      byKey.set(key, target);
    }
    target.next_step_with = withStep;
    target.next_step_open = open;
    target.stale_parts = stale;
  }
}
