/**
 * The one schedule handler: sync, then the SLA alerts and the end-of-day check, each within what
 * is left of the execution (docs/alerts.md).
 *
 * - The sync is `syncOnce` (5-minute budget, continues a run in progress from its checkpoint).
 * - Alerts run only when the sync finished ("done"): amo_leads' derived columns are then those of
 *   a complete run at its "now", so "no touch yet" is true. On a partial run (a long first sync),
 *   "busy" (a manual sync holds the lock) or an error, they wait: their window is kept, so the next
 *   finished run tells every breach since — late, never lost, never twice.
 * - They need ALERTS_RESERVE_MS left before Apps Script's 6-minute limit.
 * - The day's trigger runtime is watched (quota.ts): near the limit the schedule slows, then stops.
 */
import { loadSettings } from "../addon-settings";
import { clientFor, loadConnection } from "../connection";
import { documentStore } from "../stores";
import { type SyncSummary, syncOnce, syncStatus } from "../sync-service";
import { resetAlertState } from "./alert-store";
import { type AlertRunReport, runAlerts } from "./alerts-run";
import { beginRun, endRun, type QuotaDecision } from "./quota";
import { scheduledEveryMinutes } from "./triggers";

/** Apps Script stops an execution at 6 minutes [DOC apps-script.md §3]. */
export const EXECUTION_LIMIT_MS = 6 * 60_000;
/** Reading amo_leads, the users and sending a few mails: well under this [measured in the runtime]. */
export const ALERTS_RESERVE_MS = 45_000;
const LAST_KEY = "schedule_last_run";

export interface ScheduleRunReport {
  at: number;
  decision: QuotaDecision;
  sync: SyncSummary | null;
  syncError: string | null;
  alerts: AlertRunReport | null;
  /** Why the alerts did not run (null when they did or are off). */
  alertsWaiting: string | null;
  durationMs: number;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export function runSchedule(): ScheduleRunReport {
  const started = Date.now();
  const report: ScheduleRunReport = {
    at: started,
    decision: "run",
    sync: null,
    syncError: null,
    alerts: null,
    alertsWaiting: null,
    durationMs: 0,
  };
  try {
    report.decision = beginRun(started).decision;
    if (report.decision !== "run") return report;
    const connection = loadConnection();
    if (!connection) {
      report.syncError = "not connected";
      return report;
    }
    try {
      report.sync = syncOnce();
    } catch (e) {
      report.syncError = errorText(e);
    }
    const settings = loadSettings();
    if (!settings.alerts.enabled) {
      resetAlertState();
      return report;
    }
    const syncedTo = syncStatus().syncedTo;
    if (report.sync?.status !== "done" || syncedTo === null) {
      report.alertsWaiting = `sync ${report.sync?.status ?? "failed"}`;
      return report;
    }
    if (Date.now() - started > EXECUTION_LIMIT_MS - ALERTS_RESERVE_MS) {
      report.alertsWaiting = "no time left in this execution";
      return report;
    }
    try {
      report.alerts = runAlerts({
        settings,
        now: Date.now(),
        dataAt: syncedTo,
        periodMs: (scheduledEveryMinutes() ?? 60) * 60_000,
        client: () => clientFor(connection),
        accountBaseUrl: connection.baseUrl,
      });
    } catch (e) {
      report.alertsWaiting = errorText(e);
    }
    return report;
  } finally {
    const end = Date.now();
    report.durationMs = end - started;
    endRun(started, end);
    // The last run, for the sidebar and for support (small: no deal data, errors shortened).
    let json = JSON.stringify(report);
    if (json.length > 8000 && report.alerts) {
      json = JSON.stringify({
        ...report,
        alerts: { ...report.alerts, errors: report.alerts.errors.slice(0, 3) },
      });
    }
    if (json.length <= 8000) documentStore().set(LAST_KEY, json);
  }
}

export function lastScheduleRun(): ScheduleRunReport | null {
  const text = documentStore().get(LAST_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as ScheduleRunReport;
  } catch {
    return null;
  }
}
