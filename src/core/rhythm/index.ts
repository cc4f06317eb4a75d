/** The management rhythm's pure logic: stand-up, 1:1, monthly review, history, data hygiene. */
export { HISTORY_WINDOW_DAYS, type HistoryRow, historyRows } from "./history";
export {
  HYGIENE_LISTS,
  type Hygiene,
  type HygieneDirectories,
  type HygieneList,
  hygiene,
  type JunkStage,
} from "./hygiene";
export { type LossReasonChange, type MonthlyOptions, type MonthlyReview, monthlyReview } from "./monthly";
export { type OneOnOne, type OneOnOneRow, oneOnOne, oneOnOneAll, type RhythmOptions } from "./one-on-one";
export * from "./periods";
export { LeadLookup, problemLeadIds } from "./problem-leads";
export { type SettingEntry, settingsInForce } from "./settings-in-force";
export * from "./severity";
export {
  assertSameNow,
  dealUrl,
  overdueOpenTasks,
  pickStandup,
  type StandupCard,
  type StandupOptions,
  scoreOpenDeals,
} from "./standup";
export { isSnapshotMetric, type Target, targetOf } from "./targets";
