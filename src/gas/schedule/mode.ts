/**
 * Add-on or spreadsheet-bound script? The two differ in what Google allows a clock trigger to do:
 * a published editor add-on at most hourly and one clock trigger per user per document [DOC
 * apps-script.md §3]; a script bound to one spreadsheet (deployed with clasp) every 1, 5, 10, 15
 * or 30 minutes.
 *
 * How the code tells: `ScriptApp.getInstallationSource()` — NONE for a bound script,
 * WEB_STORE_ADD_ON / APPS_MARKETPLACE_DOMAIN_ADD_ON for an installed add-on [DOC ScriptApp]. An
 * add-on run as a *test deployment* may also report NONE [ASSUMED]; installSchedule therefore
 * also treats Google's refusal of a sub-hourly add-on trigger as "add-on" and falls back to hourly
 * (see triggers.ts), and remembers that in a document property.
 */
import { documentStore } from "../stores";

export type ScheduleMode = "addon" | "bound";

/** Set when Google refused a sub-hourly trigger although the installation source said "bound". */
export const FORCED_ADDON_KEY = "schedule_forced_addon";

export function scheduleMode(): ScheduleMode {
  if (documentStore().get(FORCED_ADDON_KEY) === "1") return "addon";
  return String(ScriptApp.getInstallationSource()) === "NONE" ? "bound" : "addon";
}

/**
 * Periods offered, in minutes. Add-on: hourly only (the decision: "that is what it
 * installs"). Bound: Apps Script's everyMinutes values 1, 5, 10, 15, 30 [DOC] and hourly.
 */
export function scheduleOptions(mode: ScheduleMode): number[] {
  return mode === "addon" ? [60] : [1, 5, 10, 15, 30, 60];
}
