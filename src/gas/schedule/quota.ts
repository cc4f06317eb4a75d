/**
 * Trigger runtime per day: Apps Script allows 90 minutes a day of trigger runtime on consumer
 * accounts (6 h on Workspace) [DOC apps-script.md §3]; past it triggers fail with "Service using
 * too much computer time for one day". The account type cannot be asked, so the conservative
 * consumer figure is used. The window, like Google's quotas, starts with the first run and resets
 * 24 h later [DOC quotas: "reset 24 h after the first request"].
 *
 * Policy (docs/alerts.md): each run adds its duration; at SLOW_SHARE of the budget the schedule
 * slows to hourly (runs less than SLOW_GAP_MS after the last full run return at once); at
 * STOP_SHARE it stops until the window resets, leaving the rest for manual syncs and continuations.
 * A run killed at the 6-minute limit never reaches its `finally`; its start is recorded first and
 * counted as a whole execution by the next run.
 */
import { documentStore } from "../stores";

export const DAILY_TRIGGER_BUDGET_MS = 90 * 60_000;
export const SLOW_SHARE = 0.7;
export const STOP_SHARE = 0.9;
export const SLOW_GAP_MS = 55 * 60_000;
const DAY_MS = 86_400_000;
/** What an execution killed by the limit is counted as. */
const KILLED_RUN_MS = 6 * 60_000;
const KEY = "schedule_quota";

export interface QuotaState {
  windowStart: number;
  usedMs: number;
  /** Start of the run in progress (cleared at its end); set = the last run never finished. */
  runningSince: number | null;
  lastFullRunAt: number | null;
}

export type QuotaDecision = "run" | "slow-skip" | "stop";

function load(): QuotaState | null {
  const text = documentStore().get(KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as QuotaState;
  } catch {
    return null;
  }
}

function save(s: QuotaState): void {
  documentStore().set(KEY, JSON.stringify(s));
}

/** Pure: the decision for a run starting at `now`, and the state to save before it. */
export function decide(prev: QuotaState | null, now: number): { decision: QuotaDecision; state: QuotaState } {
  let s: QuotaState = prev ?? { windowStart: now, usedMs: 0, runningSince: null, lastFullRunAt: null };
  if (s.runningSince !== null) s = { ...s, usedMs: s.usedMs + KILLED_RUN_MS, runningSince: null };
  if (now - s.windowStart >= DAY_MS) s = { ...s, windowStart: now, usedMs: 0 };
  const share = s.usedMs / DAILY_TRIGGER_BUDGET_MS;
  let decision: QuotaDecision = "run";
  if (share >= STOP_SHARE) decision = "stop";
  else if (share >= SLOW_SHARE && s.lastFullRunAt !== null && now - s.lastFullRunAt < SLOW_GAP_MS)
    decision = "slow-skip";
  if (decision === "run") s = { ...s, runningSince: now, lastFullRunAt: now };
  return { decision, state: s };
}

export function beginRun(now: number): { decision: QuotaDecision; state: QuotaState } {
  const r = decide(load(), now);
  save(r.state);
  return r;
}

/** Adds this run's duration; call in `finally`. */
export function endRun(startedAt: number, now: number): QuotaState {
  const s = load() ?? { windowStart: startedAt, usedMs: 0, runningSince: null, lastFullRunAt: null };
  const next = { ...s, usedMs: s.usedMs + Math.max(0, now - startedAt), runningSince: null };
  save(next);
  return next;
}

export function quotaState(): QuotaState | null {
  return load();
}
