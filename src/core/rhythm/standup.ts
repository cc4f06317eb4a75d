/**
 * The daily stand-up list: the 3–5 open deals with the highest severity score (severity.ts), each
 * with its reasons and a link to the deal in amoCRM.
 */
import { createCalendar } from "../calendar";
import type { WorkCalendar } from "../calendar-types";
import { type EnrichedData, type EnrichedLead, isTaskDoneAt } from "../enrich";
import type { Settings } from "../settings";
import {
  budgetWeight,
  FRESH_WORKING_DAYS,
  POINTS,
  positiveMedian,
  type StandupReason,
  stalePoints,
} from "./severity";

export interface StandupCard {
  leadId: number;
  name: string;
  /** The responsible user now. */
  managerId: number;
  price: number;
  reasons: StandupReason[];
  /** Σ reason points (before the budget weight). */
  points: number;
  weight: number;
  score: number;
  /** The deal in amoCRM, or null when the account address is unknown. */
  url: string | null;
}

export interface StandupOptions {
  /** "https://<sub>.amocrm.ru" (normalised); the cards' urls are built from it. */
  accountBaseUrl?: string | null;
  /** Default: built from settings.calendar. */
  calendar?: WorkCalendar;
}

/** Checks that data was enriched at `now` (its snapshot facts — next step, stale — are as of then). */
export function assertSameNow(data: EnrichedData, now: number, what: string): void {
  if (data.now !== now) {
    throw new Error(
      `${what}: the data was enriched at ${new Date(data.now).toISOString()} but now is ${new Date(now).toISOString()}; enrich at the same now`,
    );
  }
}

/** Every open deal with a positive score, most severe first (ties: lower lead id first). */
export function scoreOpenDeals(
  data: EnrichedData,
  settings: Settings,
  now: number,
  opts: StandupOptions = {},
): StandupCard[] {
  assertSameNow(data, now, "stand-up");
  const calendar = opts.calendar ?? createCalendar(settings.calendar);
  const dayMinutes = workingDayMinutes(settings);
  const overdue = overdueOpenTasks(data, now);
  const open = data.leads.filter((l) => l.isOpenAtNow);
  const median = positiveMedian(open.map((l) => l.price));
  const cards: StandupCard[] = [];
  for (const lead of open) {
    const reasons = reasonsOf(lead, calendar, now, dayMinutes, overdue.get(lead.id));
    if (reasons.length === 0) continue;
    const points = reasons.reduce((a, r) => a + r.points, 0);
    const weight = budgetWeight(lead.price, median);
    cards.push({
      leadId: lead.id,
      name: lead.name,
      managerId: lead.responsibleUserId,
      price: lead.price,
      reasons,
      points,
      weight,
      score: points * weight,
      url: opts.accountBaseUrl ? dealUrl(opts.accountBaseUrl, lead.id) : null,
    });
  }
  cards.sort((a, b) => b.score - a.score || a.leadId - b.leadId);
  return cards;
}

/** The stand-up list: the `n` most severe open deals (default 5). */
export function pickStandup(
  data: EnrichedData,
  settings: Settings,
  now: number,
  n = 5,
  opts: StandupOptions = {},
): StandupCard[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`stand-up: n must be a positive whole number, got ${n}`);
  return scoreOpenDeals(data, settings, now, opts).slice(0, n);
}

/** The deal's page (the same shape as src/sheets/rows.ts leadUrl; core must not import sheets). */
export function dealUrl(accountBaseUrl: string, id: number): string {
  return `${accountBaseUrl.replace(/\/+$/, "")}/leads/detail/${id}`;
}

function workingDayMinutes(settings: Settings): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return minutes(settings.calendar.workEnd) - minutes(settings.calendar.workStart);
}

function reasonsOf(
  lead: EnrichedLead,
  calendar: WorkCalendar,
  now: number,
  dayMinutes: number,
  overdue: { count: number; oldestDueAt: number } | undefined,
): StandupReason[] {
  const reasons: StandupReason[] = [];
  if (lead.slaStatus === "breached") {
    const fresh = calendar.businessMinutes(lead.createdAt, now) <= FRESH_WORKING_DAYS * dayMinutes;
    if (fresh) {
      const code = lead.answered ? "sla_late" : "sla_unanswered";
      reasons.push({ code, points: POINTS[code], slaDeadline: lead.slaDeadline });
    }
  }
  if (!lead.hasNextStep) reasons.push({ code: "no_next_step", points: POINTS.no_next_step });
  if (lead.isStale) {
    reasons.push({
      code: "stale",
      points: stalePoints(lead.daysInStage, lead.controlPeriodDays),
      daysInStage: lead.daysInStage,
      controlPeriodDays: lead.controlPeriodDays,
    });
  }
  if (overdue) {
    reasons.push({
      code: "overdue_task",
      points: POINTS.overdue_task,
      overdueTasks: overdue.count,
      oldestDueAt: overdue.oldestDueAt,
    });
  }
  return reasons;
}

/** Per lead id: open tasks (not completed by now) whose deadline has passed. */
export function overdueOpenTasks(
  data: EnrichedData,
  now: number,
): Map<number, { count: number; oldestDueAt: number }> {
  const out = new Map<number, { count: number; oldestDueAt: number }>();
  const t = data.tasks;
  for (let r = 0; r < t.items.length; r++) {
    const li = t.lead[r]!;
    if (li < 0) continue;
    const task = t.items[r]!;
    if (isTaskDoneAt(task, now) || !(task.dueAt < now)) continue;
    const id = data.leads[li]!.id;
    const seen = out.get(id);
    if (seen) {
      seen.count++;
      seen.oldestDueAt = Math.min(seen.oldestDueAt, task.dueAt);
    } else out.set(id, { count: 1, oldestDueAt: task.dueAt });
  }
  return out;
}
