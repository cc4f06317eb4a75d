/**
 * Installing and removing the one schedule trigger (`onSchedule`), and what the sidebar shows
 * about it. The period is kept in a document property: a Trigger object does not tell its period.
 */
import { loadSettings } from "../addon-settings";
import { documentStore } from "../stores";
import { CONTINUE_HANDLER } from "../sync-service";
import { tSchedule } from "./messages";
import { FORCED_ADDON_KEY, type ScheduleMode, scheduleMode, scheduleOptions } from "./mode";

export const SCHEDULE_HANDLER = "onSchedule";
const EVERY_KEY = "schedule_every_minutes";

export interface ScheduleInfo {
  mode: ScheduleMode;
  installed: boolean;
  everyMinutes: number | null;
  options: number[];
  freshness: string;
}

function scheduleTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === SCHEDULE_HANDLER);
}

/** Google's text when an add-on asks for a sub-hourly clock trigger [seen]. */
const ADDON_SUB_HOURLY = /more frequently than once per hour/i;

/**
 * Replace any schedule with one every `everyMinutes` (an add-on always gets hourly). Returns the
 * resulting info; throws a clear error for a period the mode does not offer.
 */
export function installSchedule(everyMinutes: number): ScheduleInfo {
  let mode = scheduleMode();
  const locale = loadSettings().locale;
  const options = scheduleOptions(mode);
  const wanted = mode === "addon" ? 60 : everyMinutes;
  if (!Number.isInteger(wanted) || !options.includes(wanted)) {
    throw new Error(
      tSchedule(locale, "error.option", { every: String(everyMinutes), mode, options: options.join(", ") }),
    );
  }
  removeSchedule();
  if (mode === "addon") {
    // One clock trigger per user per document [DOC]: a pending one-off continuation would make the
    // schedule's creation fail. The schedule continues an unfinished run from its checkpoint.
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getHandlerFunction() === CONTINUE_HANDLER) ScriptApp.deleteTrigger(t);
  }
  let every = wanted;
  try {
    createClock(every);
  } catch (e) {
    if (!(mode === "bound" && ADDON_SUB_HOURLY.test(String((e as Error).message)))) throw e;
    // Installed as an add-on after all (e.g. a test deployment reporting NONE [ASSUMED]).
    documentStore().set(FORCED_ADDON_KEY, "1");
    mode = "addon";
    every = 60;
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getHandlerFunction() === CONTINUE_HANDLER) ScriptApp.deleteTrigger(t);
    createClock(every);
  }
  documentStore().set(EVERY_KEY, String(every));
  return getScheduleInfo();
}

function createClock(everyMinutes: number): void {
  const builder = ScriptApp.newTrigger(SCHEDULE_HANDLER).timeBased();
  if (everyMinutes >= 60) builder.everyHours(everyMinutes / 60);
  else builder.everyMinutes(everyMinutes);
  builder.create();
}

export function removeSchedule(): void {
  for (const t of scheduleTriggers()) ScriptApp.deleteTrigger(t);
  documentStore().delete(EVERY_KEY);
}

/** The period in force (minutes), or null when no schedule trigger of this user exists. */
export function scheduledEveryMinutes(): number | null {
  if (scheduleTriggers().length === 0) return null;
  const v = Number(documentStore().get(EVERY_KEY));
  return Number.isFinite(v) && v > 0 ? v : 60;
}

export function getScheduleInfo(): ScheduleInfo {
  const mode = scheduleMode();
  const locale = loadSettings().locale;
  const every = scheduledEveryMinutes();
  let freshness: string;
  if (every === null) freshness = tSchedule(locale, "freshness.none");
  // Data is at most one period old, plus the run itself (a few minutes at most).
  else if (mode === "addon") freshness = tSchedule(locale, "freshness.addon", { minutes: every + 5 });
  else freshness = tSchedule(locale, "freshness.bound", { every, minutes: every + 5 });
  return { mode, installed: every !== null, everyMinutes: every, options: scheduleOptions(mode), freshness };
}
