/** The sidebar's texts, Russian first (the default) and English (settings → language). */
import { defineMessages, type Locale } from "../src/core/i18n";

const tx = defineMessages({
  title: { ru: "KPI отдела продаж", en: "Sales-team KPI" },
  "mode.addon": {
    ru: "Надстройка: автообновление не чаще раза в час",
    en: "Add-on: automatic sync at most hourly",
  },
  "mode.bound": {
    ru: "Скрипт таблицы: автообновление каждые 1/5/10/15 мин",
    en: "Bound script: automatic sync every 1/5/10/15 min",
  },
  "fresh.never": { ru: "Данных ещё нет", en: "No data yet" },
  "fresh.at": { ru: "Данные на {time}", en: "Data as of {time}" },
  "conn.title": { ru: "Подключение amoCRM / Kommo", en: "amoCRM / Kommo connection" },
  "conn.domain": { ru: "Адрес аккаунта", en: "Account address" },
  "conn.domainHint": { ru: "например, mycompany.amocrm.ru", en: "e.g. mycompany.kommo.com" },
  "conn.token": { ru: "Долгосрочный токен", en: "Long-lived token" },
  "conn.byToken": { ru: "По токену", en: "By token" },
  "conn.byOAuth": { ru: "OAuth", en: "OAuth" },
  "conn.clientId": { ru: "ID интеграции", en: "Integration ID" },
  "conn.clientSecret": { ru: "Секретный ключ", en: "Secret key" },
  "conn.connect": { ru: "Подключить", en: "Connect" },
  "conn.connecting": { ru: "Проверяем доступ…", en: "Checking access…" },
  "conn.openAuth": { ru: "Открыть окно авторизации amoCRM", en: "Open the amoCRM authorization window" },
  "conn.redirect": {
    ru: "Redirect URI интеграции (должен совпадать точно): {uri}",
    en: "The integration's redirect URI (must match exactly): {uri}",
  },
  "conn.waiting": { ru: "Ждём разрешения в amoCRM…", en: "Waiting for access to be allowed in amoCRM…" },
  "conn.connected": { ru: "Подключено: {name}", en: "Connected: {name}" },
  "conn.kind.long_lived": { ru: "долгосрочный токен", en: "long-lived token" },
  "conn.kind.oauth": { ru: "OAuth", en: "OAuth" },
  "conn.kind.demo": { ru: "демо-данные", en: "demo data" },
  "conn.secret": { ru: "Секрет: {mask}", en: "Secret: {mask}" },
  "conn.users": { ru: "Пользователи ({n})", en: "Users ({n})" },
  "conn.noUsers": {
    ru: "Список пользователей недоступен: токен выдан не администратором аккаунта. Синхронизация работает, но подключать лучше от администратора.",
    en: "The user list is not available: the token was not issued by an account administrator. Syncing works, but connect as an administrator.",
  },
  "conn.pipelines": { ru: "Воронки ({n})", en: "Pipelines ({n})" },
  "conn.disconnect": { ru: "Отключить и удалить токены", en: "Disconnect and delete tokens" },
  "err.bad_domain": {
    ru: "Это не адрес аккаунта amoCRM или Kommo. Пример: mycompany.amocrm.ru",
    en: "This is not an amoCRM or Kommo account address. Example: mycompany.amocrm.ru",
  },
  "err.empty_token": { ru: "Вставьте долгосрочный токен.", en: "Paste the long-lived token." },
  "err.empty_client": {
    ru: "Укажите ID интеграции и секретный ключ.",
    en: "Enter the integration ID and the secret key.",
  },
  "err.bad_token": {
    ru: "amoCRM не принял токен: он неверный, отозван или истёк, или адрес аккаунта другой.",
    en: "amoCRM rejected the token: it is wrong, revoked or expired, or the account address differs.",
  },
  "err.no_rights": {
    ru: "У пользователя токена нет прав на это действие. Подключите аккаунт от администратора.",
    en: "The token's user has no rights for this. Connect the account as an administrator.",
  },
  "err.blocked": {
    ru: "amoCRM заблокировал доступ к API за превышение числа запросов. Обратитесь в поддержку amoCRM.",
    en: "amoCRM blocked API access for exceeding the request rate. Contact amoCRM support.",
  },
  "err.payment_required": {
    ru: "Аккаунт amoCRM не оплачен: API недоступен до оплаты.",
    en: "The amoCRM account is not paid: the API is unavailable until it is.",
  },
  "err.unreachable": {
    ru: "Сервер аккаунта не отвечает. Проверьте адрес аккаунта.",
    en: "The account's server does not answer. Check the account address.",
  },
  "err.oauth_denied": { ru: "Доступ не разрешён в окне amoCRM.", en: "Access was not allowed in amoCRM." },
  "err.oauth_failed": {
    ru: "amoCRM не выдал токены (проверьте ID, секрет и Redirect URI интеграции).",
    en: "amoCRM issued no tokens (check the integration's ID, secret and redirect URI).",
  },
  "err.oauth_expired": {
    ru: "Ссылка авторизации устарела. Начните подключение заново.",
    en: "The authorization link has expired. Start connecting again.",
  },
  "err.not_connected": { ru: "Сначала подключите аккаунт.", en: "Connect an account first." },
  "err.already_connected": {
    ru: "Аккаунт уже подключён: демо-данные доступны только до подключения.",
    en: "An account is connected: demo data is only available before connecting.",
  },
  "err.sheets_not_empty": {
    ru: "В листах уже есть данные аккаунта: демо-данные загружаются только в пустую таблицу.",
    en: "The sheets already hold an account's data: demo data loads into an empty spreadsheet only.",
  },
  "err.busy": {
    ru: "Синхронизация уже идёт в другом запуске. Статус обновится сам.",
    en: "A sync is already running in another execution. The status updates by itself.",
  },
  "err.unknown": { ru: "Ошибка: {detail}", en: "Error: {detail}" },
  "err.server": { ru: "Сервер ответил ошибкой: {detail}", en: "The server answered with an error: {detail}" },
  "demo.title": { ru: "Попробовать на демо-данных", en: "Try it with demo data" },
  "demo.hint": {
    ru: "Заполнить таблицу данными демо-отдела продаж, чтобы сразу увидеть доску. Одна кнопка убирает их.",
    en: "Fill the spreadsheet with a demo sales team to see the board at once. One click removes it.",
  },
  "demo.default": { ru: "Отдел из 18 менеджеров, 6 месяцев", en: "18 managers, 6 months" },
  "demo.small": { ru: "Отдел из 4 менеджеров, 2 месяца (быстро)", en: "4 managers, 2 months (quick)" },
  "demo.load": { ru: "Загрузить демо-данные", en: "Load demo data" },
  "demo.loaded": {
    ru: "Загружены демо-данные (сценарий «{scenario}»).",
    en: "Demo data is loaded (scenario “{scenario}”).",
  },
  "demo.remove": { ru: "Удалить демо-данные", en: "Remove demo data" },
  "status.title": { ru: "Синхронизация", en: "Sync" },
  "status.last": { ru: "Последняя синхронизация: {time}", en: "Last sync: {time}" },
  "status.none": { ru: "Синхронизаций ещё не было", en: "No sync yet" },
  "status.lastError": { ru: "Последняя ошибка: {message}", en: "Last error: {message}" },
  "status.running": {
    ru: "Идёт синхронизация: шаг {step} из {count} ({name}), страниц: {pages}, запусков: {runs}",
    en: "Sync in progress: step {step} of {count} ({name}), pages: {pages}, executions: {runs}",
  },
  "status.done": {
    ru: "Готово: записано строк {rows}, запусков {runs}",
    en: "Done: {rows} rows written in {runs} executions",
  },
  "status.partial": {
    ru: "Продолжение: шаг {step} из {count} ({name}), страниц {pages}",
    en: "Continuing: step {step} of {count} ({name}), {pages} pages",
  },
  "action.sync": { ru: "Синхронизировать сейчас", en: "Sync now" },
  "action.rebuild": { ru: "Пересоздать листы", en: "Rebuild sheets" },
  "schedule.title": { ru: "Расписание", en: "Schedule" },
  "schedule.installed": { ru: "Включено: каждые {n} мин", en: "On: every {n} min" },
  "schedule.off": { ru: "Расписание выключено", en: "The schedule is off" },
  "schedule.install": { ru: "Включить расписание", en: "Install schedule" },
  "schedule.remove": { ru: "Выключить расписание", en: "Remove schedule" },
  "schedule.every": { ru: "каждые {n} мин", en: "every {n} min" },
  "schedule.missing": {
    ru: "Расписание недоступно в этой версии надстройки.",
    en: "The schedule is not available in this version of the add-on.",
  },
  "settings.title": { ru: "Настройки", en: "Settings" },
  "settings.save": { ru: "Сохранить настройки", en: "Save settings" },
  "settings.saved": { ru: "Настройки сохранены", en: "Settings saved" },
  "settings.invalid": {
    ru: "Исправьте поля, отмеченные красным",
    en: "Fix the fields marked in red",
  },
  "settings.storedInvalid": {
    ru: "Сохранённые настройки не проходят проверку — действуют значения по умолчанию",
    en: "The saved settings do not validate — the defaults are in force",
  },
  "s.locale": { ru: "Язык", en: "Language" },
  "s.pipelines": { ru: "Воронки для анализа (пусто = все)", en: "Pipelines to analyse (none = all)" },
  "s.pipelineIds": {
    ru: "ID воронок через запятую (пусто = все)",
    en: "Pipeline ids, comma-separated (empty = all)",
  },
  "s.sourceField": { ru: "Поле «Источник»", en: "Source field" },
  "s.segmentField": { ru: "Поле «Сегмент»", en: "Segment field" },
  "s.channelField": { ru: "Поле «Канал»", en: "Channel field" },
  "s.fieldNone": { ru: "— нет —", en: "— none —" },
  "s.fieldId": { ru: "ID поля (пусто = нет)", en: "Field id (empty = none)" },
  "s.classRules": { ru: "Класс лида", en: "Lead class" },
  "s.rule.field": { ru: "По", en: "By" },
  "s.rule.values": { ru: "значения через запятую", en: "values, comma-separated" },
  "s.rule.add": { ru: "+ правило", en: "+ rule" },
  "s.rule.remove": { ru: "удалить", en: "remove" },
  "s.defaultClass": { ru: "Класс по умолчанию", en: "Default class" },
  "s.class.hot": { ru: "горячий", en: "hot" },
  "s.class.warm": { ru: "тёплый", en: "warm" },
  "s.class.cold": { ru: "холодный", en: "cold" },
  "s.field.channel": { ru: "каналу", en: "channel" },
  "s.field.source": { ru: "источнику", en: "source" },
  "s.sla": { ru: "Нормативы SLA", en: "SLA norms" },
  "s.sla.hot": { ru: "Горячий, рабочих минут", en: "Hot, business minutes" },
  "s.sla.warm": { ru: "Тёплый, рабочих минут", en: "Warm, business minutes" },
  "s.sla.cold": { ru: "Холодный, рабочих дней", en: "Cold, working days" },
  "s.calendar": { ru: "Рабочее время", en: "Working time" },
  "s.tz": { ru: "Часовой пояс", en: "Timezone" },
  "s.days": { ru: "Рабочие дни", en: "Working days" },
  "s.start": { ru: "Начало дня", en: "Day starts" },
  "s.end": { ru: "Конец дня", en: "Day ends" },
  "s.holidays": { ru: "Праздники (ГГГГ-ММ-ДД, по одному в строке)", en: "Holidays (YYYY-MM-DD, one a line)" },
  "s.extraDays": {
    ru: "Рабочие выходные (ГГГГ-ММ-ДД, по одному в строке)",
    en: "Working weekend days (YYYY-MM-DD, one a line)",
  },
  "s.control": { ru: "Контрольный срок этапа, дней", en: "Stage control period, days" },
  "s.controlDefault": { ru: "Для остальных этапов", en: "Any other stage" },
  "s.thresholds": { ru: "Пороги", en: "Thresholds" },
  "s.t.firstResponseMinutes": { ru: "Первый ответ, мин (не больше)", en: "First response, min (at most)" },
  "s.t.slaShare": { ru: "Доля в SLA (0–1, не меньше)", en: "SLA share (0–1, at least)" },
  "s.t.nextStepCoverage": { ru: "Покрытие задачами (0–1)", en: "Next-step coverage (0–1)" },
  "s.t.overdueShare": { ru: "Доля просрочек (0–1, не больше)", en: "Overdue share (0–1, at most)" },
  "s.t.touchesPerWonMin": { ru: "Касаний на сделку, от", en: "Touches per won deal, from" },
  "s.t.touchesPerWonMax": { ru: "Касаний на сделку, до", en: "Touches per won deal, to" },
  "s.t.staleShare": { ru: "Доля зависших (0–1)", en: "Stale share (0–1)" },
  "s.t.winRateGapPp": { ru: "Отставание win rate, п.п.", en: "Win-rate gap, pp" },
  "s.t.stageConversionGapPp": { ru: "Отставание конверсии, п.п.", en: "Stage conversion gap, pp" },
  "s.alerts": { ru: "Оповещения", en: "Alerts" },
  "s.alerts.enabled": { ru: "Включены", en: "On" },
  "s.alerts.emails": {
    ru: "Получатели (e-mail, по одному в строке)",
    en: "Recipients (e-mail, one a line)",
  },
  "s.alerts.notifyManagers": { ru: "Писать менеджерам", en: "Notify managers" },
  "s.alerts.quietStart": { ru: "Тихие часы с", en: "Quiet hours from" },
  "s.alerts.quietEnd": { ru: "до", en: "to" },
  "s.alerts.digest": { ru: "Сводка вместо отдельных писем", en: "Digest instead of single e-mails" },
  "s.alerts.endOfDayCheck": { ru: "Проверка в конце дня", en: "End-of-day check" },
  "s.alerts.endOfDayAt": { ru: "Время проверки", en: "Check at" },
  "day.1": { ru: "Пн", en: "Mon" },
  "day.2": { ru: "Вт", en: "Tue" },
  "day.3": { ru: "Ср", en: "Wed" },
  "day.4": { ru: "Чт", en: "Thu" },
  "day.5": { ru: "Пт", en: "Fri" },
  "day.6": { ru: "Сб", en: "Sat" },
  "day.7": { ru: "Вс", en: "Sun" },
  "step.dictionaries": { ru: "справочники", en: "dictionaries" },
  "step.leads": { ru: "сделки", en: "deals" },
  "step.deleted_leads": { ru: "удалённые сделки", en: "deleted deals" },
  "step.tasks": { ru: "задачи", en: "tasks" },
  "step.lead_calls": { ru: "звонки по сделкам", en: "calls on deals" },
  "step.contact_calls": { ru: "звонки по контактам", en: "calls on contacts" },
  "step.events": { ru: "события", en: "events" },
  "step.contact_chats": { ru: "чаты контактов", en: "contact chats" },
  "step.apply": { ru: "расчёт", en: "computing" },
});

export type TextId = Parameters<typeof tx>[1];

let current: Locale = "ru";

export function setLocale(l: Locale): void {
  current = l;
}

export function locale(): Locale {
  return current;
}

export function t(id: TextId, vars: Record<string, string | number> = {}): string {
  return tx(current, id, vars);
}

/** A text id built at run time (error codes, step names): falls back to the raw key. */
export function tKey(id: string, vars: Record<string, string | number> = {}): string {
  try {
    return tx(current, id as TextId, vars);
  } catch {
    return id;
  }
}

let zone: string | undefined;

/** Times are shown in the account's working timezone (settings), not the browser's. */
export function setTimeZone(tz: string | undefined): void {
  zone = tz;
}

export function formatTime(ms: number): string {
  const opts: Intl.DateTimeFormatOptions = { dateStyle: "short", timeStyle: "short" };
  try {
    return new Date(ms).toLocaleString(current === "ru" ? "ru-RU" : "en-GB", { ...opts, timeZone: zone });
  } catch {
    return new Date(ms).toLocaleString(current === "ru" ? "ru-RU" : "en-GB", opts);
  }
}

/**
 * The settings schema's messages are English (src/core/settings.ts and zod's own); the Russian
 * sidebar shows them translated: the schema's own texts word for word, zod's by their pattern.
 */
const SCHEMA_RU: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /^working hours must end after they start/,
    () => "конец рабочего дня должен быть позже начала (в тот же день)",
  ],
  [/^expected HH:MM/, () => "нужно время ЧЧ:ММ (00:00–23:59)"],
  [/^expected YYYY-MM-DD/, () => "нужна дата ГГГГ-ММ-ДД"],
  [/^unknown IANA timezone/, () => "неизвестный часовой пояс (пример: Europe/Moscow)"],
  [/Too big: expected (?:number|array|string) to (?:be|have) <(=?)(\S+)/, (m) => `не больше ${m[2]}`],
  [/Too small: expected (?:number|array|string) to (?:be|have) >(=?)(\S+)/, (m) => `не меньше ${m[2]}`],
  [/^Invalid input: expected number/, () => "нужно число"],
  [/^Invalid input: expected int/, () => "нужно целое число"],
  [/^Invalid option/, () => "недопустимое значение"],
];

export function schemaMessage(message: string): string {
  if (current !== "ru") return message;
  for (const [re, ru] of SCHEMA_RU) {
    const m = message.match(re);
    if (m) return ru(m);
  }
  return message;
}
