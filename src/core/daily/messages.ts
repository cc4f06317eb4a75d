/** Texts of the daily table's input errors (Russian by default, English). */
import { defineMessages, type Locale } from "../i18n";

export const dailyText = defineMessages({
  "daily.badDay": {
    ru: "amo_daily, строка данных {row}, столбец {column}: «{value}» — не дата вида гггг-мм-дд",
    en: "amo_daily, data row {row}, column {column}: '{value}' is not a date yyyy-mm-dd",
  },
  "daily.badNumber": {
    ru: "amo_daily, строка данных {row}, столбец {column}: «{value}» — не число",
    en: "amo_daily, data row {row}, column {column}: '{value}' is not a number",
  },
  "daily.badPacked": {
    ru: "amo_daily, строка данных {row}, столбец {column}: «{value}» — не в формате таблицы (docs/daily.md)",
    en: "amo_daily, data row {row}, column {column}: '{value}' is not in the table's format (docs/daily.md)",
  },
  "daily.badSpan": {
    ru: "amo_daily, строка данных {row}, столбец {column}: «{value}» — не число дней строки (1 без разбивки по дням, иначе до 31)",
    en: "amo_daily, data row {row}, column {column}: '{value}' is not the row's number of days (1 without a by-day breakdown, else up to 31)",
  },
  "daily.missing": {
    ru: "amo_daily, строка данных {row}: пустой столбец {column}",
    en: "amo_daily, data row {row}: column {column} is empty",
  },
  "daily.badPeriod": {
    ru: "период для amo_daily: {bound} = «{value}» — не дата вида гггг-мм-дд",
    en: "period over amo_daily: {bound} = '{value}' is not a date yyyy-mm-dd",
  },
});

export type DailyMessageId = Parameters<typeof dailyText>[1];

/**
 * Bad input to metricsFromDaily: what and where (data row numbers count from 1, the header not
 * included). `message` is English; text(locale) gives the user's language.
 */
export class DailyInputError extends Error {
  constructor(
    readonly id: DailyMessageId,
    readonly vars: Record<string, string | number>,
  ) {
    super(dailyText("en", id, vars));
    this.name = "DailyInputError";
  }

  text(locale: Locale): string {
    return dailyText(locale, this.id, this.vars);
  }
}
