/** The pure core's public API: model, settings, calendar, enrichment and the metric engine. */
export { createCalendar } from "./calendar";
export type { WorkCalendar } from "./calendar-types";
export {
  type EnrichedData,
  type EnrichedLead,
  enrichDataset,
  enrichLeads,
  isLeadInScope,
  isTaskDoneAt,
  type SlaStatus,
  type StageEntry,
  stageEntriesOf,
  TASK_DUE_STATUSES,
  TASK_ON_TIME,
  TASK_OVERDUE,
  TASK_PENDING,
  type TaskDueStatus,
  type TaskTable,
  taskDueStatus,
} from "./enrich";
export { classifyLead, createLeadClassifier, type LeadClassifier } from "./lead-class";
export * from "./metrics/index";
export * from "./model";
export * from "./settings";
export { isCountedTouch } from "./touches";
