/**
 * The alert part of a scheduled run: read amo_leads (as the sync just left it), plan the breach
 * check and the end-of-day check (src/core/alerts), send with MailApp, store what was told.
 */
import type { AmoClient } from "../../amo/client";
import { composeEndOfDayMails } from "../../core/alerts/compose";
import { dealsWithoutNextStep, endOfDayDue } from "../../core/alerts/end-of-day";
import { finishBreachCheck, planBreachCheck } from "../../core/alerts/plan";
import { isQuietAt } from "../../core/alerts/quiet-hours";
import type { AlertLead, PlannedMail } from "../../core/alerts/types";
import { createCalendar } from "../../core/calendar";
import type { Settings } from "../../core/settings";
import { loadAlertState, loadToldLog, saveAlertState, saveToldLog } from "./alert-store";
import { readAlertLeads } from "./leads-sheet";
import { userEmails } from "./user-emails";

export interface AlertRunReport {
  quiet: boolean;
  breaches: number;
  mailsSent: number;
  recipients: number;
  endOfDay: { deals: number; mailsSent: number } | null;
  errors: string[];
}

const SENDER_NAME = "KPI amoCRM";

/**
 * Sends each mail; a failed one is reported (never with a token: MailApp's texts carry none).
 * `onSent` runs right after each mail, so what was told is stored before the next send: an
 * execution killed mid-way (the 6-minute limit) does not tell the same breach again.
 */
function send(
  mails: readonly PlannedMail[],
  errors: string[],
  onSent: (m: PlannedMail) => void = () => {},
): { sentKeys: Set<string>; sent: number; recipients: number } {
  const sentKeys = new Set<string>();
  let sent = 0;
  let recipients = 0;
  for (const m of mails) {
    try {
      MailApp.sendEmail({
        to: m.to.join(","),
        ...(m.cc.length > 0 ? { cc: m.cc.join(",") } : {}),
        subject: m.subject,
        body: m.body,
        name: SENDER_NAME,
      });
      sent++;
      recipients += m.to.length + m.cc.length;
      for (const k of m.keys) sentKeys.add(k);
      onSent(m);
    } catch (e) {
      errors.push(`mail to ${m.to.join(", ")}: ${(e as Error).message}`);
    }
  }
  return { sentKeys, sent, recipients };
}

export function runAlerts(opts: {
  settings: Settings;
  now: number;
  /** The instant the synced data describes (syncStatus().syncedTo of a finished run). */
  dataAt: number;
  periodMs: number;
  client: () => AmoClient;
  /** The connected account (names the cached e-mails). */
  accountBaseUrl: string;
}): AlertRunReport {
  const { settings, now, dataAt } = opts;
  const alerts = settings.alerts;
  const timezone = settings.calendar.timezone;
  const errors: string[] = [];
  let leads: AlertLead[] | null = null;
  let emails: Map<number, string> | null = null;
  const leadsOnce = () => (leads ??= readAlertLeads(settings.locale));
  const emailsOnce = () =>
    (emails ??= alerts.notifyManagers ? userEmails(opts.client, opts.accountBaseUrl) : new Map());

  // In quiet hours the plan sends nothing: skip reading the sheet and the users.
  const quiet = isQuietAt(now, alerts.quietHours, timezone);
  const state = loadAlertState();
  const told = loadToldLog();
  const plan = planBreachCheck({
    now,
    dataAt,
    periodMs: opts.periodMs,
    alerts,
    locale: settings.locale,
    timezone,
    leads: quiet ? [] : leadsOnce(),
    emails: quiet ? new Map() : emailsOnce(),
    state,
    told,
    remainingRecipients: MailApp.getRemainingDailyQuota(),
  });
  const breachSend = send(plan.mails, errors, (m) => {
    if (m.keys.length === 0) return;
    for (const k of m.keys) told.add(k);
    saveToldLog(told);
  });
  let next = finishBreachCheck(state, told, plan, breachSend.sentKeys, now);
  saveToldLog(told);

  let endOfDay: AlertRunReport["endOfDay"] = null;
  const calendar = createCalendar(settings.calendar);
  const eod = endOfDayDue(now, alerts, calendar, next.endOfDayDate);
  if (eod.due) {
    const deals = dealsWithoutNextStep(leadsOnce(), dataAt);
    const mails = composeEndOfDayMails(
      deals,
      {
        locale: settings.locale,
        timezone,
        emails: emailsOnce(),
        salesHeadEmails: alerts.salesHeadEmails,
        notifyManagers: alerts.notifyManagers,
      },
      { dataAt, remainingRecipients: MailApp.getRemainingDailyQuota() },
    );
    const r = send(mails, errors);
    endOfDay = { deals: deals.length, mailsSent: r.sent };
    breachSend.recipients += r.recipients;
    // Done for the day once it was attempted: a list that failed to send is not repeated hourly.
    next = { ...next, endOfDayDate: eod.date };
  }
  saveAlertState(next);
  return {
    quiet: plan.quiet,
    breaches: plan.breaches.length,
    mailsSent: breachSend.sent,
    recipients: breachSend.recipients,
    endOfDay,
    errors,
  };
}
