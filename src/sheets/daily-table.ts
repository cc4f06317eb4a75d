/**
 * amo_daily: the compact daily facts table (docs/daily.md) as a sheet — one row per calendar month
 * (or day, when the month has facts on one day only) × manager × source × segment × lead class ×
 * pipeline, holding each metric's additive parts (the per-bucket and per-stage ones packed in text
 * columns) and a month row's per-day breakdown. Column ids come from the core (src/core/daily/parts.ts), which
 * builds and reads the rows; this file gives them headers in both languages and number formats.
 * The custom functions tell this table from amo_leads by its headers (findColumns).
 */
import type { DailyColumnId } from "../core/daily/parts";
import { type ColumnDef, col, type RowOf, type TableDef } from "./tables";

const FMT_ID = "0";
const FMT_INT = "0";
const FMT_DEC1 = "0.0";
const FMT_MONEY = "#,##0.##";

type DailyColumnDef = ColumnDef & { readonly id: DailyColumnId };

const number = (id: DailyColumnId, ru: string, en: string, numberFormat: string) =>
  col(id, "number", ru, en, { numberFormat });
const count = (id: DailyColumnId, ru: string, en: string) => number(id, ru, en, FMT_INT);

const COLUMNS: readonly DailyColumnDef[] = [
  col("key", "text", "Ключ строки", "Row key"),
  // A day as text "yyyy-mm-dd" (not a date cell): the core compares days as texts, and a date cell
  // would be shifted by the spreadsheet's timezone when it differs from the account's.
  // On a month row the day is the month's first, and span_days says how many days the row covers.
  col("day", "text", "День", "Day"),
  count("span_days", "Дней в строке", "Days in row"),
  number("manager_id", "ID менеджера", "Manager ID", FMT_ID),
  col("manager", "crm_text", "Менеджер", "Manager"),
  col("source", "crm_text", "Источник", "Source"),
  col("segment", "crm_text", "Сегмент", "Segment"),
  col("lead_class", "text", "Класс лида", "Lead class"),
  number("pipeline_id", "ID воронки", "Pipeline ID", FMT_ID),
  col("pipeline", "crm_text", "Воронка", "Pipeline"),
  number("first_response_sum_min", "Первый ответ, сумма минут", "First response, total min", FMT_DEC1),
  count("first_response_count", "Первый ответ, лидов", "First response, leads"),
  count("first_response_censored", "Первый ответ, без ответа", "First response, unanswered"),
  count("sla_met", "SLA, в нормативе", "SLA, met"),
  count("sla_due", "SLA, срок наступил", "SLA, due"),
  count("sla_pending", "SLA, срок впереди", "SLA, pending"),
  count("next_step_with", "Открытых сделок со следующим шагом", "Open deals with a next step"),
  count("next_step_open", "Открытых сделок", "Open deals"),
  count("overdue_count", "Задач просрочено", "Tasks overdue"),
  count("due_count", "Задач со сроком", "Tasks due"),
  count("overdue_pending", "Задач со сроком впереди", "Tasks not yet due"),
  count("touches_to_win_sum", "Касаний до успеха, сумма", "Touches to win, total"),
  count("won_count", "Успешных сделок", "Deals won"),
  count("lost_count", "Проигранных сделок", "Deals lost"),
  number("revenue_sum", "Выручка", "Revenue", FMT_MONEY),
  // Packed parts (src/core/daily/packed.ts): our own text, starting with a digit.
  col("frt_buckets", "text", "Первый ответ по интервалам", "First response by interval"),
  col("stage_parts", "text", "Конверсия по этапам (части)", "Stage conversion (parts)"),
  col("stale_parts", "text", "Зависшие по этапам (части)", "Stale by stage (parts)"),
  // A month row's per-day breakdown (src/core/daily/by-day.ts); empty on a day row. The former
  // headers are those of a table of week rows (before month rows), read as rows of 7 days.
  col("by_day", "text", "По дням (части)", "By day (parts)", {
    formerHeaders: ["Неделя с «Дня»: по дням (части)", "Week from Day: by day (parts)", "week_days"],
  }),
];

export const DAILY: TableDef<readonly DailyColumnDef[]> = { id: "amo_daily", key: "key", columns: COLUMNS };

export type DailyRow = RowOf<typeof DAILY>;
