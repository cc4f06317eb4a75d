/**
 * Installable triggers as data, and the scheduler that fires the time-driven ones on the
 * runtime's clock. Apps Script jitters clock triggers within their period ("a 9 a.m. daily
 * trigger fires between 9 and 10" [doc]); here they fire exactly on schedule, so tests are
 * deterministic. Missed periods are not caught up after a long run (Apps Script doesn't either).
 * One-time triggers (at/after) stay in the list after firing, counting toward the 20-trigger
 * limit until deleted [assumed from common reports].
 */
import type { RuntimeEnv } from "../env";
import { MSG } from "../errors";
import { localToUtc, wallClock } from "../spreadsheet/time-zone";

export type TriggerEventType = "CLOCK" | "ON_OPEN" | "ON_EDIT" | "ON_CHANGE" | "ON_FORM_SUBMIT";

export type Schedule =
  | { kind: "every"; periodMs: number; everyMinutes?: number; everyHours?: number }
  | { kind: "days"; days: number; hour: number; minute: number; tz: string }
  | { kind: "weeks"; weeks: number; weekday: number; hour: number; minute: number; tz: string }
  | { kind: "month-day"; day: number; hour: number; minute: number; tz: string }
  | { kind: "once"; at: number };

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: TriggerEventType;
  source: "CLOCK" | "SPREADSHEETS";
  sourceId: string | null;
  schedule?: Schedule;
  /** Next time a clock trigger fires; undefined once a one-time trigger has fired. */
  nextRunAt?: number;
  createdAt: number;
  user: string;
}

export interface TriggerRun {
  triggerId: string;
  handler: string;
  scheduledAt: number;
  startedAt: number;
  durationMs: number;
  error?: string;
}

const DAY = 86_400_000;

/** The next wall-clock hh:mm in tz strictly after `after`, on a day accepted by `dayOk`. */
function nextWallTime(
  after: number,
  tz: string,
  hour: number,
  minute: number,
  dayOk: (w: ReturnType<typeof wallClock>) => boolean,
): number {
  const w = wallClock(after, tz);
  for (let d = 0; d < 400; d++) {
    const local = Date.UTC(w.year, w.month - 1, w.day + d, hour, minute);
    const at = localToUtc(local, tz);
    if (at > after && dayOk(wallClock(at, tz))) return at;
  }
  return after + DAY;
}

export function firstRun(s: Schedule, now: number): number {
  switch (s.kind) {
    case "every":
      return now + s.periodMs;
    case "days":
      return nextWallTime(now, s.tz, s.hour, s.minute, () => true);
    case "weeks":
      return nextWallTime(now, s.tz, s.hour, s.minute, (w) => w.weekday === s.weekday);
    case "month-day":
      return nextWallTime(now, s.tz, s.hour, s.minute, (w) => w.day === s.day);
    case "once":
      return s.at;
  }
}

function following(s: Schedule, last: number): number | undefined {
  switch (s.kind) {
    case "every":
      return last + s.periodMs;
    case "days":
      return nextWallTime(last + (s.days - 1) * DAY, s.tz, s.hour, s.minute, () => true);
    case "weeks":
      return nextWallTime(
        last + (s.weeks - 1) * 7 * DAY,
        s.tz,
        s.hour,
        s.minute,
        (w) => w.weekday === s.weekday,
      );
    case "month-day":
      return nextWallTime(last, s.tz, s.hour, s.minute, (w) => w.day === s.day);
    case "once":
      return undefined;
  }
}

/** Runs one trigger's handler as its own execution; returns the error message if it failed. */
export type RunHandler = (t: TriggerRecord, event: Record<string, unknown>) => string | undefined;

export class TriggerStore {
  readonly triggers: TriggerRecord[] = [];
  readonly runs: TriggerRun[] = [];
  private nextId = 1;
  private windowStart = Number.NEGATIVE_INFINITY;
  private usedToday = 0;

  constructor(private readonly env: RuntimeEnv) {}

  add(t: Omit<TriggerRecord, "id" | "createdAt" | "user">): TriggerRecord {
    const now = this.env.clock.now();
    // Apps Script ids are long decimal strings.
    const record: TriggerRecord = {
      ...t,
      id: String(7_000_000_000_000_000 + this.nextId++),
      createdAt: now,
      user: this.env.userEmail,
    };
    if (record.schedule) record.nextRunAt = firstRun(record.schedule, now);
    this.triggers.push(record);
    return record;
  }

  remove(id: string): void {
    const i = this.triggers.findIndex((t) => t.id === id);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  /**
   * Fires every clock trigger due up to `untilMs`, earliest first, each as a separate execution,
   * moving the clock to its time; then moves the clock to `untilMs`.
   */
  fireDue(untilMs: number, run: RunHandler): TriggerRun[] {
    const fired: TriggerRun[] = [];
    for (;;) {
      const due = this.triggers
        .filter((t) => t.eventType === "CLOCK" && t.nextRunAt !== undefined && t.nextRunAt <= untilMs)
        .sort((a, b) => a.nextRunAt! - b.nextRunAt! || Number(a.id) - Number(b.id))[0];
      if (!due) break;
      const scheduledAt = due.nextRunAt!;
      this.env.clock.advanceTo(scheduledAt);
      due.nextRunAt = following(due.schedule!, scheduledAt);
      const startedAt = this.env.clock.now();
      const record: TriggerRun = {
        triggerId: due.id,
        handler: due.handler,
        scheduledAt,
        startedAt,
        durationMs: 0,
      };
      if (this.overDailyRuntime(startedAt)) record.error = MSG.tooMuchComputerTime;
      else {
        const error = run(due, clockEvent(due, startedAt));
        record.durationMs = this.env.clock.now() - startedAt;
        this.usedToday += record.durationMs;
        this.env.quota.triggerRuntimeMs += record.durationMs;
        if (error !== undefined) record.error = error;
      }
      // No catch-up burst for periods missed while the handler ran.
      while (due.nextRunAt !== undefined && due.nextRunAt <= this.env.clock.now()) {
        due.nextRunAt = following(due.schedule!, due.nextRunAt);
      }
      fired.push(record);
      this.runs.push(record);
    }
    this.env.clock.advanceTo(untilMs);
    return fired;
  }

  /** 90 min of trigger runtime per day (consumer) [doc]; the window resets 24 h after it opens. */
  private overDailyRuntime(now: number): boolean {
    if (now - this.windowStart >= DAY) {
      this.windowStart = now;
      this.usedToday = 0;
    }
    return this.usedToday >= this.env.limits.triggerRuntimeMsPerDay;
  }
}

/** The event object of a time-driven trigger; its date fields are in UTC [doc: timezone "UTC"]. */
function clockEvent(t: TriggerRecord, at: number): Record<string, unknown> {
  const d = new Date(at);
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((at - startOfYear) / DAY + new Date(startOfYear).getUTCDay() + 1) / 7);
  return {
    authMode: "FULL",
    triggerUid: t.id,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    "day-of-month": d.getUTCDate(),
    "day-of-week": d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    "week-of-year": week,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: "UTC",
  };
}
