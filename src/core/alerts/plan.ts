/**
 * One breach check, planned then finished: `planBreachCheck` says which breaches are due and the
 * mails that tell them; the caller sends the mails; `finishBreachCheck` records what was told and
 * where the next check starts. Pure, so every rule is unit-tested without Apps Script.
 *
 * Window (docs/alerts.md): deadlines in (from, to], `to` = the instant the synced data describes.
 * - First check ever (or after alerts were off): from = to − one schedule period — turning alerts
 *   on does not mail the whole history.
 * - Later: from = the previous check's `to` − OVERLAP_MS (a lead that reached amoCRM late is still
 *   found; the told log keeps the overlap from mailing twice), but never more than MAX_LOOKBACK_MS
 *   back (after a long outage, yesterday's breaches are news to nobody).
 * - Quiet hours: no check at all, and `checkedTo` stays put, so the first check after them covers
 *   the whole quiet time and tells what is still unanswered in one digest.
 * - Breaches left out because the day's mail quota ran short (or a send failed) are not recorded
 *   as told, and `checkedTo` stops just before the oldest of them, so the next check retries them.
 */
import type { Locale } from "../i18n";
import type { AlertSettings } from "../settings";
import { type CheckWindow, dueBreaches } from "./breaches";
import { type ComposeContext, composeBreachMails } from "./compose";
import { isQuietAt } from "./quiet-hours";
import type { ToldLog } from "./told-log";
import type { AlertLead, AlertState, Breach, PlannedMail } from "./types";

export const OVERLAP_MS = 60 * 60_000;
export const MAX_LOOKBACK_MS = 24 * 60 * 60_000;

export interface BreachCheckInput {
  /** Wall-clock now (quiet hours are judged by it). */
  now: number;
  /** The instant the synced data describes (the sync run's "now"). */
  dataAt: number;
  /** The schedule's period: how far back the first check looks. */
  periodMs: number;
  alerts: AlertSettings;
  locale: Locale;
  timezone: string;
  leads: readonly AlertLead[];
  emails: ReadonlyMap<number, string>;
  state: AlertState;
  told: ToldLog;
  /** MailApp.getRemainingDailyQuota(): recipients left today. */
  remainingRecipients: number;
}

export interface BreachCheckPlan {
  quiet: boolean;
  /** The window this check covers (in quiet hours: would have covered). */
  window: CheckWindow | null;
  breaches: Breach[];
  /** Breaches nobody can be told about (no sales head set, manager's e-mail unknown or off). */
  unreachable: string[];
  mails: PlannedMail[];
}

export function checkWindow(state: AlertState, dataAt: number, periodMs: number): CheckWindow {
  const from =
    state.checkedTo === null
      ? dataAt - periodMs
      : Math.max(state.checkedTo - OVERLAP_MS, dataAt - MAX_LOOKBACK_MS);
  return { from, to: dataAt };
}

export function planBreachCheck(input: BreachCheckInput): BreachCheckPlan {
  const window = checkWindow(input.state, input.dataAt, input.periodMs);
  if (isQuietAt(input.now, input.alerts.quietHours, input.timezone)) {
    return { quiet: true, window, breaches: [], unreachable: [], mails: [] };
  }
  const breaches = window.from < window.to ? dueBreaches(input.leads, window, input.told) : [];
  const ctx: ComposeContext = {
    locale: input.locale,
    timezone: input.timezone,
    emails: input.emails,
    salesHeadEmails: input.alerts.salesHeadEmails,
    notifyManagers: input.alerts.notifyManagers,
  };
  const unreachable = breaches
    .filter(
      (b) =>
        input.alerts.salesHeadEmails.length === 0 &&
        !(
          input.alerts.notifyManagers &&
          b.lead.responsibleId !== null &&
          input.emails.get(b.lead.responsibleId)
        ),
    )
    .map((b) => b.key);
  const held = input.state.heldSince !== null ? input.alerts.quietHours : null;
  const mails = composeBreachMails(breaches, ctx, {
    digest: input.alerts.digest,
    held,
    remainingRecipients: input.remainingRecipients,
  });
  return { quiet: false, window, breaches, unreachable, mails };
}

/** The state after the check; `told` gains the keys of the mails that went out and is pruned. */
export function finishBreachCheck(
  state: AlertState,
  told: ToldLog,
  plan: BreachCheckPlan,
  sentKeys: ReadonlySet<string>,
  now: number,
): AlertState {
  if (plan.window === null) return state;
  if (plan.quiet) {
    // A first check that falls in quiet hours still fixes where checking starts.
    return { ...state, checkedTo: state.checkedTo ?? plan.window.from, heldSince: state.heldSince ?? now };
  }
  for (const k of sentKeys) told.add(k);
  const unreachable = new Set(plan.unreachable);
  const retry = plan.breaches.filter((b) => !sentKeys.has(b.key) && !unreachable.has(b.key));
  const checkedTo =
    retry.length > 0
      ? retry.reduce((m, b) => Math.min(b.deadline, m), Number.POSITIVE_INFINITY) - 1
      : plan.window.to;
  // The next window starts no earlier than checkedTo − OVERLAP_MS: older keys are never needed.
  told.prune(Math.min(checkedTo, plan.window.to) - OVERLAP_MS);
  return { ...state, checkedTo, heldSince: null };
}
