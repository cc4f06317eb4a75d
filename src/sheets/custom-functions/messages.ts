/**
 * The texts the KPI_* custom functions put in a cell: errors (short, prefixed "#KPI:" so a user
 * and a formula can tell them from a value) and the matrix's labels. Russian and English; the
 * language follows `data`'s headers (locale.ts).
 */
import { defineMessages } from "../../core/i18n";

export const ERROR_PREFIX = "#KPI: ";

export const tk = defineMessages({
  "err.dataNotRange": {
    ru: "data — передайте всю таблицу amo_leads или amo_daily с заголовками, а не одну ячейку",
    en: "data — pass the whole amo_leads or amo_daily table with its header row, not a single cell",
  },
  "err.dataUnknown": {
    ru: "в data не найдены заголовки amo_leads или amo_daily (первая строка диапазона)",
    en: "data's first row holds neither amo_leads nor amo_daily headers",
  },
  "err.missingColumns": {
    ru: "в {arg} ({table}) нет столбцов {columns}",
    en: "{arg} ({table}) lacks the columns {columns}",
  },
  "err.notTable": {
    ru: "{arg} — передайте всю таблицу {table} с заголовками",
    en: "{arg} — pass the whole {table} table with its header row",
  },
  "err.wrongTable": {
    ru: "{arg} — это не таблица {table} (не найдены её заголовки)",
    en: "{arg} is not the {table} table (its headers were not found)",
  },
  "err.badDate": {
    ru: "{arg}: «{value}» — нужна дата или текст ГГГГ-ММ-ДД",
    en: "{arg}: '{value}' — expected a date or YYYY-MM-DD text",
  },
  "err.fromAfterTo": {
    ru: "период пуст: from ({from}) позже to ({to})",
    en: "empty period: from ({from}) is after to ({to})",
  },
  "err.badFilter": {
    ru: "{arg}: «{value}» — нужен текст или число",
    en: "{arg}: '{value}' — expected text or a number",
  },
  "err.unknownManager": { ru: "неизвестный менеджер «{value}»", en: "unknown manager '{value}'" },
  "err.unknownSource": { ru: "неизвестный источник «{value}»", en: "unknown source '{value}'" },
  "err.unknownSegment": { ru: "неизвестный сегмент «{value}»", en: "unknown segment '{value}'" },
  "err.unknownPipeline": { ru: "неизвестная воронка «{value}»", en: "unknown pipeline '{value}'" },
  "err.needsTable": {
    ru: "для «{metric}» по amo_leads передайте {table} (параметр {arg}) или возьмите amo_daily",
    en: "'{metric}' over amo_leads needs {table} (parameter {arg}), or use amo_daily",
  },
  "err.dailyUnavailable": {
    ru: "расчёт по amo_daily пока недоступен в этой версии надстройки",
    en: "amo_daily is not supported by this version of the add-on yet",
  },
  "err.badIds": {
    ru: "ids: «{value}» — нужно ИСТИНА / TRUE (столбец ID) или пусто",
    en: "ids: '{value}' — expected TRUE (an ID column) or empty",
  },
  "err.internal": {
    ru: "внутренняя ошибка: {message}",
    en: "internal error: {message}",
  },
  "matrix.manager": { ru: "Менеджер", en: "Manager" },
  "matrix.department": { ru: "Отдел", en: "Department" },
  "matrix.managerId": { ru: "ID {id}", en: "ID {id}" },
  "matrix.idColumn": { ru: "ID", en: "ID" },
  "matrix.needs": { ru: "{title} (нужен {table})", en: "{title} (needs {table})" },
  "unit.minutes": { ru: "мин", en: "min" },
});

/** A bad argument: the function returns `#KPI: <message>` in the cell. */
export class KpiArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KpiArgumentError";
  }
}

/** A value from a cell, made short and safe to quote in a message (CRM text never grows a cell). */
export function quoteValue(v: unknown): string {
  const s = v instanceof Date ? v.toISOString() : String(v);
  const flat = s.replace(/[\s\u0000-\u001f]+/g, " ").trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}
