/**
 * UI and sheet texts in Russian (the default) and English. One dictionary, keyed by message id, so
 * a missing translation is a type error rather than a blank label.
 */
export type Locale = "ru" | "en";

const MESSAGES = {
  "menu.title": { ru: "KPI amoCRM", en: "amoCRM KPI" },
  "menu.syncNow": { ru: "Синхронизировать сейчас", en: "Sync now" },
  "menu.rebuildSheets": { ru: "Пересоздать листы", en: "Rebuild sheets" },
  "menu.buildBoard": { ru: "Построить доску и листы KPI", en: "Build the board and KPI sheets" },
  "menu.shareBoard": {
    ru: "Поделиться доской (копия только для чтения)",
    en: "Share the board (read-only copy)",
  },
  "menu.about": { ru: "О надстройке", en: "About" },
  "about.title": { ru: "KPI отдела продаж для amoCRM", en: "Sales-team KPI for amoCRM" },
  "about.body": {
    ru: "Матрица KPI менеджеров, доска отклонений и алерты SLA по данным amoCRM (Kommo). Версия {version}.",
    en: "Manager KPI matrix, deviation board and SLA alerts from amoCRM (Kommo) data. Version {version}.",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageId = keyof typeof MESSAGES;

/** The message in the locale, with `{name}` placeholders filled from `vars`. */
export function t(locale: Locale, id: MessageId, vars: Record<string, string | number> = {}): string {
  return MESSAGES[id][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Sheets' and amoCRM's locale strings ("ru_RU", "en", "en_US", "uk") → our two locales. */
export function toLocale(text: string | null | undefined): Locale {
  return text && /^en/i.test(text) ? "en" : "ru";
}

/**
 * A dictionary of its own for one area (board, sidebar, alerts...), with the same `{name}`
 * placeholders: `const tb = defineMessages({...}); tb("ru", "board.title")`. A missing translation
 * is a type error, as for the main dictionary.
 */
export function defineMessages<const M extends Record<string, Record<Locale, string>>>(messages: M) {
  return (locale: Locale, id: keyof M & string, vars: Record<string, string | number> = {}): string =>
    messages[id]![locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
}
