/**
 * The monthly review: the department's metrics month over month (the last `months` calendar
 * months, the current one to date), each manager this month vs last month, the loss-reason
 * distribution of both months and its change, the deals lost without a reason, and the settings
 * in force (what the numbers were measured against).
 */
import { createCalendar } from "../calendar";
import type { EnrichedData } from "../enrich";
import type { MetricsRow } from "../metrics/aggregate";
import { computeMetricsFromEnriched } from "../metrics/compute";
import type { Settings } from "../settings";
import type { RhythmOptions } from "./one-on-one";
import { addMonths, monthOf, monthPeriod, type Period } from "./periods";
import { type SettingEntry, settingsInForce } from "./settings-in-force";
import { assertSameNow } from "./standup";

export interface LossReasonChange {
  /** null = lost without a reason. */
  reasonId: number | null;
  /** Lost deals closed in the previous month / this month with this reason. */
  previous: number;
  current: number;
  /** Shares of each month's lost deals (null when the month has none). */
  previousShare: number | null;
  currentShare: number | null;
  /** current − previous (deals). */
  change: number;
}

export interface MonthlyReview {
  /** "YYYY-MM", oldest first; the last is the current month (to date). */
  months: string[];
  periods: Period[];
  /** The department per month, same order. */
  department: MetricsRow[];
  /** Per manager: the previous and the current month (rows with key = manager id). */
  byManager: { managerId: number; previous: MetricsRow["metrics"]; current: MetricsRow["metrics"] }[];
  /** Reasons by deals this month, then last month, then id; "no reason" last. */
  lossReasons: LossReasonChange[];
  /** Deals lost in the previous or the current month without a reason, newest closing first. */
  lostWithoutReason: number[];
  settings: SettingEntry[];
}

export interface MonthlyOptions extends RhythmOptions {
  /** How many months to compare (default 6, at least 2). */
  months?: number;
}

export function monthlyReview(
  data: EnrichedData,
  settings: Settings,
  now: number,
  opts: MonthlyOptions = {},
): MonthlyReview {
  assertSameNow(data, now, "monthly review");
  const count = opts.months ?? 6;
  if (!Number.isInteger(count) || count < 2)
    throw new Error(`monthly review: months must be a whole number ≥ 2, got ${count}`);
  const calendar = opts.calendar ?? createCalendar(settings.calendar);
  const current = monthOf(calendar, now);
  const months = Array.from({ length: count }, (_, i) => addMonths(current, i - count + 1));
  const periods = months.map((m) => monthPeriod(calendar, m));
  const department = periods.map(
    (p) => computeMetricsFromEnriched(data, { from: p.from, to: p.to }).rows[0]!,
  );
  const prevP = periods[count - 2]!;
  const curP = periods[count - 1]!;
  const prevByManager = computeMetricsFromEnriched(data, {
    from: prevP.from,
    to: prevP.to,
    groupBy: "manager",
  });
  const curByManager = computeMetricsFromEnriched(data, { from: curP.from, to: curP.to, groupBy: "manager" });
  const ids = new Set<number>();
  for (const t of [prevByManager, curByManager])
    for (const r of t.rows) if (typeof r.key === "number") ids.add(r.key);
  const byManager = [...ids]
    .sort((a, b) => a - b)
    .map((managerId) => ({
      managerId,
      previous: prevByManager.rows.find((r) => r.key === managerId)?.metrics ?? {},
      current: curByManager.rows.find((r) => r.key === managerId)?.metrics ?? {},
    }));
  const { reasons, withoutReason } = lossReasons(data, prevP, curP);
  return {
    months,
    periods,
    department,
    byManager,
    lossReasons: reasons,
    lostWithoutReason: withoutReason,
    settings: settingsInForce(settings),
  };
}

/** Lost deals (status 143, closed by now) closed in each month, by reason. Same population as win_rate's lost. */
function lossReasons(
  data: EnrichedData,
  prev: Period,
  cur: Period,
): { reasons: LossReasonChange[]; withoutReason: number[] } {
  const counts = new Map<number | null, { previous: number; current: number }>();
  let prevTotal = 0;
  let curTotal = 0;
  const without: { id: number; at: number }[] = [];
  for (const l of data.leads) {
    if (!l.isLostAtNow || l.closedAt === null) continue;
    const inPrev = l.closedAt >= prev.from && l.closedAt < prev.to;
    const inCur = l.closedAt >= cur.from && l.closedAt < cur.to;
    if (!inPrev && !inCur) continue;
    const c = counts.get(l.lossReasonId) ?? { previous: 0, current: 0 };
    counts.set(l.lossReasonId, c);
    if (inPrev) {
      c.previous++;
      prevTotal++;
    } else {
      c.current++;
      curTotal++;
    }
    if (l.lossReasonId === null) without.push({ id: l.id, at: l.closedAt });
  }
  const share = (n: number, total: number) => (total === 0 ? null : n / total);
  const reasons = [...counts.entries()]
    .map(([reasonId, c]) => ({
      reasonId,
      previous: c.previous,
      current: c.current,
      previousShare: share(c.previous, prevTotal),
      currentShare: share(c.current, curTotal),
      change: c.current - c.previous,
    }))
    .sort((a, b) => {
      if ((a.reasonId === null) !== (b.reasonId === null)) return a.reasonId === null ? 1 : -1;
      return b.current - a.current || b.previous - a.previous || (a.reasonId ?? 0) - (b.reasonId ?? 0);
    });
  without.sort((a, b) => b.at - a.at || a.id - b.id);
  return { reasons, withoutReason: without.map((w) => w.id) };
}
