/** The alerts' own dictionary (ru default, en): subjects and bodies of the mails. */
import { defineMessages } from "../i18n";

export const tAlerts = defineMessages({
  "breach.subject": {
    ru: "SLA нарушен: «{name}» ({manager})",
    en: "SLA breached: “{name}” ({manager})",
  },
  "breach.intro": {
    ru: "Лид не получил ответа в срок SLA и до сих пор без касания.",
    en: "This lead was not answered within its SLA and still has no touch.",
  },
  "digest.subject": {
    ru: "SLA нарушен: {count} лид(ов) без ответа",
    en: "SLA breached: {count} lead(s) without an answer",
  },
  "digest.intro": {
    ru: "Эти лиды не получили ответа в срок SLA и до сих пор без касания:",
    en: "These leads were not answered within their SLA and still have no touch:",
  },
  "digest.held": {
    ru: "Письма были отложены на тихие часы ({start}–{end}); здесь всё, что за это время осталось без ответа.",
    en: "Mail was held during quiet hours ({start}–{end}); this lists every breach still unanswered since.",
  },
  "line.deal": { ru: "Сделка: {name}", en: "Deal: {name}" },
  "line.manager": { ru: "Ответственный: {manager}", en: "Responsible: {manager}" },
  "line.class": { ru: "Класс лида: {class}", en: "Lead class: {class}" },
  "line.deadline": { ru: "Срок ответа: {deadline} ({timezone})", en: "Answer due: {deadline} ({timezone})" },
  "line.link": { ru: "Открыть в amoCRM: {url}", en: "Open in amoCRM: {url}" },
  "line.item": {
    ru: "• {name} — {manager}, {class}, срок {deadline}{link}",
    en: "• {name} — {manager}, {class}, due {deadline}{link}",
  },
  "eod.subject": {
    ru: "Конец дня: {count} открытых сделок без следующего шага",
    en: "End of day: {count} open deals without a next step",
  },
  "eod.intro": {
    ru: "У этих открытых сделок нет ни одной открытой задачи (данные на {at}, {timezone}):",
    en: "These open deals have no open task (data as of {at}, {timezone}):",
  },
  "eod.item": { ru: "• {name} — {manager}{link}", en: "• {name} — {manager}{link}" },
  footer: {
    ru: "— Надстройка «KPI amoCRM» для Google Таблиц. Настройки алертов — в боковой панели.",
    en: "— The amoCRM KPI add-on for Google Sheets. Alert settings are in the sidebar.",
  },
  "class.hot": { ru: "горячий", en: "hot" },
  "class.warm": { ru: "тёплый", en: "warm" },
  "class.cold": { ru: "холодный", en: "cold" },
  "unknown.manager": { ru: "(не назначен)", en: "(unassigned)" },
});
