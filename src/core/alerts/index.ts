/** SLA alerts and the end-of-day check: pure planning (docs/alerts.md). */
export { type CheckWindow, dueBreaches, isOpenAt } from "./breaches";
export { composeBreachMails, composeEndOfDayMails, oneLine, recipientsOf } from "./compose";
export { dealsWithoutNextStep, endOfDayDue } from "./end-of-day";
export { formatLocal, hhmmToMinutes, wallTime } from "./local-time";
export { tAlerts } from "./messages";
export {
  type BreachCheckInput,
  type BreachCheckPlan,
  checkWindow,
  finishBreachCheck,
  MAX_LOOKBACK_MS,
  OVERLAP_MS,
  planBreachCheck,
} from "./plan";
export { isQuietAt } from "./quiet-hours";
export { breachKey, ToldLog } from "./told-log";
export * from "./types";
