/**
 * The writers' texts for the user, in both locales. Kept here rather than in core/i18n.ts (another
 * helper's file); they can move there unchanged. The name of the repair action must match the
 * sidebar's / menu's label.
 */
import type { Locale } from "../core/i18n";

export const REBUILD_ACTION: Record<Locale, string> = { ru: "Пересоздать листы", en: "Rebuild sheets" };

function quoteList(items: readonly string[], locale: Locale): string {
  const q = locale === "ru" ? items.map((s) => `«${s}»`) : items.map((s) => `'${s}'`);
  return q.join(", ");
}

export function missingColumnsMessage(sheet: string, headers: readonly string[], locale: Locale): string {
  const list = quoteList(headers, locale);
  const action = REBUILD_ACTION[locale];
  if (locale === "ru") {
    return headers.length === 1
      ? `На листе ${sheet} нет столбца ${list}. Восстановите заголовок столбца ${list} на листе ${sheet} ` +
          `или выполните «${action}». Данные не записаны.`
      : `На листе ${sheet} нет столбцов ${list}. Восстановите заголовки этих столбцов на листе ${sheet} ` +
          `или выполните «${action}». Данные не записаны.`;
  }
  return headers.length === 1
    ? `Sheet ${sheet} has no column ${list}. Restore the column header ${list} in sheet ${sheet} ` +
        `or use '${action}'. Nothing was written.`
    : `Sheet ${sheet} has no columns ${list}. Restore these column headers in sheet ${sheet} ` +
        `or use '${action}'. Nothing was written.`;
}

export function duplicatesMessage(
  sheet: string,
  ids: readonly string[],
  rows: number,
  locale: Locale,
): string {
  const shown = ids.slice(0, 5).join(", ") + (ids.length > 5 ? "…" : "");
  return locale === "ru"
    ? `На листе ${sheet} повторялись строки с одинаковым ID (${shown}): оставлена первая, удалено строк: ${rows}.`
    : `Sheet ${sheet} had rows with the same ID (${shown}): kept the first, removed ${rows} row(s).`;
}

export function orphanRowsMessage(sheet: string, rows: number, locale: Locale): string {
  return locale === "ru"
    ? `На листе ${sheet} строк без ID: ${rows}. Они оставлены как есть (в них могут быть ваши данные).`
    : `Sheet ${sheet} has ${rows} row(s) without an ID; they were left as they are (they may hold your data).`;
}

export function restoredColumnsMessage(sheet: string, headers: readonly string[], locale: Locale): string {
  const list = quoteList(headers, locale);
  return locale === "ru"
    ? `На лист ${sheet} добавлены недостающие столбцы (справа): ${list}.`
    : `Added the missing column(s) to the right of sheet ${sheet}: ${list}.`;
}

export function duplicatedHeadersMessage(sheet: string, headers: readonly string[], locale: Locale): string {
  const list = quoteList(headers, locale);
  return locale === "ru"
    ? `На листе ${sheet} столбцы ${list} встречаются дважды: обновляется левый, копия не меняется.`
    : `Sheet ${sheet} has the column(s) ${list} twice: the leftmost is updated, the copy is left alone.`;
}
