/**
 * Snapshot history across syncs. A sync rebuilds amo_daily from the raw tables (buildDailyRows):
 * period parts of past days change as things happen later (a lead answered, a deal converting or
 * won), so they are recomputed every time. Snapshot parts cannot be: the next-step coverage and
 * stale deals of a past day are gone from the raw data. keepSnapshotHistory carries them over from
 * the table as it was: the fresh rows, plus the previous rows' snapshot parts of every day before
 * the fresh snapshot day (merged into the fresh row with the same key, or as a row of their own).
 * It works on day rows (rows of several days unpacked, month-rows.ts) and packs the result into
 * month rows again. A previous table of week rows (before month rows) is read the same way.
 */

import { decodeByDay } from "./by-day";
import { dailyKey } from "./keys";
import { DailyInputError } from "./messages";
import { addDays, packMonths, unpackRows } from "./month-rows";
import { type DailyInputRow, type DailyRecord, emptyDailyRecord } from "./parts";
import { DailyCells, ROW_OBJECT } from "./read";
import { PART } from "./row-book";

/** A previous row's snapshot: its day (a row of several days has one per day of its breakdown). */
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
  const byKey = new Map(unpackRows(fresh).map((r) => [r.key, { ...r }]));
  const c = new DailyCells(ROW_OBJECT);
  previous.forEach((row, i) => {
    c.at(row, i);
    const rowDay = c.day("day");
    const breakdown = c.packed("by_day");
    const span = c.span(breakdown);
    let snapshots: PastSnapshot[];
    if (breakdown === "") {
      snapshots = [
        {
          day: rowDay,
          withStep: c.part("next_step_with"),
          open: c.part("next_step_open"),
          stale: c.packed("stale_parts"),
        },
      ];
    } else {
      const days = decodeByDay(breakdown, span);
      if (days === null) throw c.badPacked("by_day");
      snapshots = days.map((d) => ({
        day: addDays(rowDay, d.offset),
        withStep: d.parts[PART.next_step_with]!,
        open: d.parts[PART.next_step_open]!,
        stale: d.stale,
      }));
    }
    for (const snap of snapshots) carry(c, i, snap, breakdown !== "");
  });
  return packMonths([...byKey.values()]);

  function carry(c: DailyCells, i: number, snap: PastSnapshot, severalDays: boolean): void {
    const { day, withStep, open, stale } = snap;
    if (day >= snapshotDay) return;
    if (open === 0 && stale === "") return;
    const stored = c.optionalText("key");
    if (stored === null) throw new DailyInputError("daily.missing", { row: i + 1, column: "key" });
    // A row of several days is keyed by its first day; each of its days as a day row would be.
    const key = severalDays
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
        span_days: 1,
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
