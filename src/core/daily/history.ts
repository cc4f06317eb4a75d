/**
 * Snapshot history across syncs. A sync rebuilds amo_daily from the raw tables (buildDailyRows):
 * period parts of past days change as things happen later (a lead answered, a deal converting or
 * won), so they are recomputed every time. Snapshot parts cannot be: the next-step coverage and
 * stale deals of a past day are gone from the raw data. keepSnapshotHistory carries them over from
 * the table as it was: the fresh rows, plus the previous rows' snapshot parts of every day before
 * the fresh snapshot day (merged into the fresh row with the same key, or as a row of their own).
 */
import { DailyInputError } from "./messages";
import type { DailyInputRow, DailyRecord } from "./parts";
import { DailyCells, ROW_OBJECT } from "./read";

/**
 * `fresh` (buildDailyRows at `snapshotDay`, the local day of its now) with the snapshots of the
 * days before it taken from `previous` (the table before this sync). Rows in day order.
 */
export function keepSnapshotHistory(
  previous: readonly DailyInputRow[],
  fresh: readonly DailyRecord[],
  snapshotDay: string,
): DailyRecord[] {
  const byKey = new Map(fresh.map((r) => [r.key, { ...r }]));
  const c = new DailyCells(ROW_OBJECT);
  previous.forEach((row, i) => {
    c.at(row, i);
    const day = c.day("day");
    if (day >= snapshotDay) return;
    const withStep = c.part("next_step_with");
    const open = c.part("next_step_open");
    const stale = c.packed("stale_parts");
    if (open === 0 && stale === "") return;
    const key = c.optionalText("key");
    if (key === null) throw new DailyInputError("daily.missing", { row: i + 1, column: "key" });
    let target = byKey.get(key);
    if (target === undefined) {
      target = {
        key,
        day,
        manager_id: c.number("manager_id"),
        manager: c.optionalText("manager") ?? "",
        source: c.text("source"),
        segment: c.text("segment"),
        lead_class: c.text("lead_class"),
        pipeline_id: c.optionalNumber("pipeline_id"),
        pipeline: c.text("pipeline"),
        first_response_sum_min: 0,
        first_response_count: 0,
        first_response_censored: 0,
        sla_met: 0,
        sla_due: 0,
        sla_pending: 0,
        next_step_with: 0,
        next_step_open: 0,
        overdue_count: 0,
        due_count: 0,
        overdue_pending: 0,
        touches_to_win_sum: 0,
        won_count: 0,
        lost_count: 0,
        revenue_sum: 0,
        frt_buckets: "",
        stage_parts: "",
        stale_parts: "",
      };
      byKey.set(key, target);
    }
    target.next_step_with = withStep;
    target.next_step_open = open;
    target.stale_parts = stale;
  });
  return [...byKey.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
