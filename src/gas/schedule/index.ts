/** The schedule: one trigger handler for sync, alerts and the end-of-day check (docs/alerts.md). */
export { lastScheduleRun, runSchedule, type ScheduleRunReport } from "./on-schedule";
export {
  getScheduleInfo,
  installSchedule,
  removeSchedule,
  SCHEDULE_HANDLER,
  type ScheduleInfo,
} from "./triggers";
