/** The schedule's own texts (ru default, en): what the sidebar shows about freshness. */
import { defineMessages } from "../../core/i18n";

export const tSchedule = defineMessages({
  "freshness.none": {
    ru: "Расписание не установлено: данные обновляются только по кнопке «Синхронизировать».",
    en: "No schedule: data is refreshed only when you press Sync now.",
  },
  "freshness.addon": {
    ru: "Надстройка: Google запускает её по расписанию не чаще раза в час — данные отстают до ~{minutes} мин (плюс разброс Google до часа).",
    en: "Add-on: Google runs it at most hourly — data can be up to ~{minutes} min old (plus Google's jitter within the hour).",
  },
  "freshness.bound": {
    ru: "Скрипт таблицы: синхронизация каждые {every} мин — данные отстают не больше чем на ~{minutes} мин.",
    en: "Spreadsheet script: sync every {every} min — data is at most ~{minutes} min old.",
  },
  "error.option": {
    ru: "Период расписания {every} мин недоступен в этом режиме ({mode}); можно: {options}.",
    en: "A {every}-minute schedule is not available in this mode ({mode}); choose one of: {options}.",
  },
  "error.notConnected": {
    ru: "amoCRM не подключена: сначала подключите аккаунт в боковой панели.",
    en: "amoCRM is not connected: connect an account in the sidebar first.",
  },
  "error.writeBackOff": {
    ru: "Создание задач «следующий шаг» выключено: включите его в настройках (writeBack.enabled).",
    en: "Creating next-step tasks is off: turn it on in the settings (writeBack.enabled).",
  },
  "error.leadIds": {
    ru: "Ожидался список ID сделок (целые положительные числа), получено: {got}.",
    en: "Expected a list of deal IDs (positive integers), got: {got}.",
  },
  "writeBack.notCandidate": {
    ru: "не открытая сделка без следующего шага (по данным листа amo_leads)",
    en: "not an open deal without a next step (per the amo_leads sheet)",
  },
  "writeBack.hasTaskNow": {
    ru: "в amoCRM у сделки уже есть открытая задача #{taskId}",
    en: "the deal already has an open task #{taskId} in amoCRM",
  },
});
