/**
 * The compact daily facts table amo_daily (docs/daily.md): build its rows from enriched data, and
 * read the nine metrics back from them over whole-day periods.
 */
export {
  type BucketMedian,
  FRT_BUCKET_EDGES,
  type FrtBucketEdge,
  frtBucketOf,
  frtBucketWidth,
  medianErrorBound,
  medianFromBuckets,
} from "./buckets";
export { buildDailyRows, buildDayRows, type DailyDirectory } from "./build";
export { type DayItem, decodeByDay, encodeDayItem } from "./by-day";
export { keepSnapshotHistory } from "./history";
export { dailyKey, isDayText } from "./keys";
export { DailyInputError, type DailyMessageId, dailyText } from "./messages";
export { daysInMonth, monthStart, packMonths, unpackRows } from "./month-rows";
export {
  addPackedBuckets,
  forEachStageItem,
  packBuckets,
  type StageItemVisitor,
  stageItemHead,
} from "./packed";
export {
  DAILY_COLUMN_IDS,
  DAILY_DIMENSION_IDS,
  DAILY_NUMBER_PART_IDS,
  DAILY_TEXT_PART_IDS,
  type DailyColumnId,
  type DailyDimensionId,
  type DailyDimensions,
  type DailyInputRow,
  type DailyNumberPartId,
  type DailyRecord,
  type DailyTextPartId,
} from "./parts";
export { type DailyQuery, metricsFromDaily, metricsFromDailyCells } from "./query";
