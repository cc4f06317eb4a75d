/**
 * Every name Apps Script must see, and nothing else (the google/aside rule: this file only exposes
 * globals; the logic lives in modules). The build turns each `export function` below, with the
 * JSDoc right above it, into a top-level declaration in build/Code.js — keep each signature on one
 * line with simple parameter types (local/build/entry-points.ts explains why).
 */
import { loadSettings } from "./addon-settings";
import { clearConnection } from "./connection";
import { matrixFunction, metricFunction } from "./custom-functions";
import { buildMenu, showAboutDialog } from "./menu";
import { applySettings } from "./settings-service";
import {
  connectWithLongLivedToken,
  rebuildAndSync,
  removeContinuation,
  syncOnce,
  syncStatus,
} from "./sync-service";

/**
 * Builds the add-on menu when the spreadsheet opens.
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e the open event
 */
export function onOpen(e: unknown): void {
  void e;
  buildMenu();
}

/**
 * Runs once when the add-on is installed: the document is already open, so build the menu now.
 * @param {GoogleAppsScript.Events.AddonOnInstall} e the install event
 */
export function onInstall(e: unknown): void {
  onOpen(e);
}

/** Menu item: shows what the add-on is and its version. */
export function showAbout(): void {
  showAboutDialog();
}

/**
 * Sidebar: connect an amoCRM / Kommo account with a long-lived token. Returns the account's name,
 * timezone, user count and pipelines; the token is stored for this user and never sent back.
 * @param {string} domain the account address, e.g. mycompany.amocrm.ru
 * @param {string} token the long-lived token from the account's private integration
 */
export function connectAmo(domain: string, token: string): unknown {
  return connectWithLongLivedToken(domain, token);
}

/** Sidebar: forget this user's amoCRM connection and every stored secret. */
export function disconnectAmo(): void {
  clearConnection();
  removeContinuation();
}

/**
 * Menu and sidebar: sync now (continues a run in progress; the first run is a full sync).
 * @param {boolean} full start a full re-read of the account instead of an incremental sync
 */
export function syncNow(full: boolean): unknown {
  return syncOnce({ full: full === true });
}

/**
 * Menu and sidebar ("Rebuild sheets"): puts back the headers of raw-sheet columns a user deleted or
 * renamed (at the right end; the user's own columns stay), then re-reads the whole account.
 */
export function rebuildSheets(): unknown {
  return rebuildAndSync();
}

/**
 * Trigger handler: continues a sync run that an earlier execution had to stop.
 * @param {GoogleAppsScript.Events.TimeDriven} e the trigger event
 */
export function onSyncContinue(e: unknown): unknown {
  void e;
  return syncOnce();
}

/** Sidebar: the last sync, and whether a run is in progress. */
export function getSyncStatus(): unknown {
  return syncStatus();
}

/** Sidebar: the settings in force (defaults where none were saved). */
export function getSettings(): unknown {
  return loadSettings();
}

/**
 * Sidebar: validate and save settings; returns the errors by field when they do not validate.
 * Saved settings are applied at once, without any amoCRM request: threshold cells, derived
 * columns, amo_daily, the board and the rhythm sheets are recomputed from the raw sheets.
 * @param {Object} settings the settings object (see src/core/settings.ts)
 */
export function updateSettings(settings: unknown): unknown {
  return applySettings(settings);
}

/**
 * KPI по менеджерам: таблица «менеджер × метрика» со строкой отдела. Для amo_leads просроченные задачи
 * и конверсия по этапам требуют amo_tasks, amo_stage_moves и amo_stages.
 * KPI per manager: a manager × metric table with a department row. Over amo_leads, overdue tasks and
 * stage conversion need amo_tasks, amo_stage_moves and amo_stages.
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @param {Array<Array<*>>} tasks только для amo_leads: диапазон amo_tasks (просроченные задачи) / amo_leads only: the amo_tasks range (overdue tasks)
 * @param {Array<Array<*>>} stage_moves только для amo_leads: диапазон amo_stage_moves (конверсия по этапам) / amo_leads only: the amo_stage_moves range (stage conversion)
 * @param {Array<Array<*>>} stages только для amo_leads: диапазон amo_stages / amo_leads only: the amo_stages range
 * @param {boolean} ids ИСТИНА — добавить последним столбец ID менеджера (для поиска по ID) / TRUE adds the manager's ID as the last column (for lookups by ID)
 * @return таблица KPI / the KPI table
 * @customfunction
 */
export function KPI_MATRIX(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
  tasks?: unknown,
  stage_moves?: unknown,
  stages?: unknown,
  ids?: unknown,
): unknown {
  return matrixFunction({
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
    tasks,
    stageMoves: stage_moves,
    stages,
    ids,
  });
}

/**
 * Среднее время первого ответа, рабочих минут (по лидам, созданным в периоде).
 * Mean first response time in business minutes (leads created in the period).
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_FIRST_RESPONSE(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
): unknown {
  return metricFunction("first_response", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
  });
}

/**
 * Доля лидов, отвеченных в норматив SLA, 0–1 (лиды, созданные в периоде).
 * Share of leads answered within the SLA, 0–1 (leads created in the period).
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_SLA_SHARE(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
): unknown {
  return metricFunction("sla_share", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
  });
}

/**
 * Доля открытых сделок с незавершённой задачей, 0–1 (срез на последнюю синхронизацию).
 * Share of open deals with an open task, 0–1 (snapshot at the last sync).
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_NEXT_STEP_COVERAGE(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
): unknown {
  return metricFunction("next_step_coverage", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
  });
}

/**
 * Доля просроченных задач среди задач со сроком в периоде, 0–1.
 * Share of overdue tasks among tasks due in the period, 0–1.
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @param {Array<Array<*>>} tasks только для amo_leads: диапазон amo_tasks (просроченные задачи) / amo_leads only: the amo_tasks range (overdue tasks)
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_OVERDUE_SHARE(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
  tasks?: unknown,
): unknown {
  return metricFunction("overdue_share", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
    tasks,
  });
}

/**
 * Среднее число касаний до успеха по сделкам, выигранным в периоде.
 * Mean touches to the win over deals won in the period.
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_TOUCHES_PER_WON(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
): unknown {
  return metricFunction("touches_per_won", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
  });
}

/**
 * Конверсия по этапам, 0–1: вошедшие в этап в периоде и перешедшие дальше ÷ вошедшие.
 * Stage conversion, 0–1: deals that entered a stage in the period and moved on ÷ deals that entered.
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @param {Array<Array<*>>} stage_moves только для amo_leads: диапазон amo_stage_moves (конверсия по этапам) / amo_leads only: the amo_stage_moves range (stage conversion)
 * @param {Array<Array<*>>} stages только для amo_leads: диапазон amo_stages / amo_leads only: the amo_stages range
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_STAGE_CONVERSION(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
  stage_moves?: unknown,
  stages?: unknown,
): unknown {
  return metricFunction("stage_conversion", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
    stageMoves: stage_moves,
    stages,
  });
}

/**
 * Конверсия в успешную сделку, 0–1: выигранные ÷ закрытые в периоде.
 * Win rate, 0–1: won ÷ closed in the period.
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_WIN_RATE(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
): unknown {
  return metricFunction("win_rate", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
  });
}

/**
 * Доля зависших открытых сделок (дольше контрольного срока на этапе), 0–1, срез.
 * Share of stale open deals (past their stage's control period), 0–1, snapshot.
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_STALE_SHARE(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
): unknown {
  return metricFunction("stale_share", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
  });
}

/**
 * Выручка: сумма бюджетов сделок, выигранных в периоде.
 * Revenue: the sum of budgets of deals won in the period.
 * @param {Array<Array<*>>} data таблица с заголовками: именованный диапазон amo_daily или amo_leads / the amo_daily or amo_leads named range, header row included
 * @param {Date|string} from начало периода (дата или ГГГГ-ММ-ДД; пусто — без границы) / period start (a date or YYYY-MM-DD; empty = none)
 * @param {Date|string} to конец периода включительно / period end, inclusive
 * @param {string|number} manager менеджер: имя или ID (пусто — отдел) / manager name or ID (empty = the department)
 * @param {string} source источник лида (пусто — все) / lead source (empty = all)
 * @param {string} segment сегмент (пусто — все) / segment (empty = all)
 * @param {string|number} pipeline воронка: название или ID (пусто — все) / pipeline name or ID (empty = all)
 * @param {Date} last_sync ячейка amo_last_sync: пересчёт после синхронизации; для amo_leads — момент среза / the amo_last_sync cell: recalculates after a sync; for amo_leads, the snapshot time
 * @return значение (пусто — нет данных) / the value (empty = no data)
 * @customfunction
 */
export function KPI_REVENUE(
  data: unknown,
  from?: unknown,
  to?: unknown,
  manager?: unknown,
  source?: unknown,
  segment?: unknown,
  pipeline?: unknown,
  last_sync?: unknown,
): unknown {
  return metricFunction("revenue", {
    data,
    from,
    to,
    manager,
    source,
    segment,
    pipeline,
    lastSync: last_sync,
  });
}

// ---- custom functions (KPI_*): add above this line ----

// The board's imports sit in its section so each area edits only its own part of this file.
import { buildBoardSheets as buildBoardSheetsNow, refreshBoardSnapshot } from "./templates/build";
import { shareBoard as shareBoardCopy } from "./templates/share";

/**
 * Menu and sidebar ("Build the board"): (re)builds the Settings, Board, KPI matrix, Stages and
 * Sources sheets from their templates and fills the values the server computes. Keeps the board's
 * filter choices; thresholds typed into the Settings sheet are adopted into the settings.
 */
export function buildBoardSheets(): unknown {
  return buildBoardSheetsNow();
}

/** Rewrites the board's server-computed cells (stale deals, Stages, Sources) for its current filters. */
export function refreshBoard(): unknown {
  return refreshBoardSnapshot();
}

/**
 * Menu and sidebar ("Share the board"): copies the board (values, formats and colours; no
 * formulas, raw data or script) into a separate spreadsheet and returns its link; re-running
 * updates the same copy.
 */
export function shareBoard(): string {
  return shareBoardCopy().url;
}

// ---- board, templates and sharing: add above this line ----

// The sidebar's imports sit in its section so each area edits only its own part of this file.
import { handleAuthCallback, openSidebar, sidebarApi } from "./sidebar/index";
import type {
  AccountView,
  CallbackRequest,
  DemoView,
  OAuthStart,
  Result,
  SaveSettingsResult,
  SidebarState,
  SyncRunView,
} from "./sidebar-api-types";

/** Menu item "Open sidebar": connection, settings, status and actions, demo data. */
export function showSidebar(): void {
  openSidebar();
}

/** Sidebar: everything it shows (connection, status, settings, demo), read from properties only. */
export function getSidebarState(): SidebarState {
  return sidebarApi.getSidebarState();
}

/**
 * Sidebar: connect with a long-lived token; checks it against the account before storing it.
 * @param {string} domain the account address, e.g. mycompany.amocrm.ru
 * @param {string} token the long-lived token (stored for this user, never sent back)
 */
export function sidebarConnectToken(domain: string, token: string): Result<{ account: AccountView }> {
  return sidebarApi.sidebarConnectToken(domain, token);
}

/**
 * Sidebar: start connecting by OAuth; returns the amoCRM consent URL to open in a new window.
 * @param {string} domain the account address
 * @param {string} clientId the integration id
 * @param {string} clientSecret the integration secret (stored for this user, never sent back)
 */
export function sidebarStartOAuth(
  domain: string,
  clientId: string,
  clientSecret: string,
): Result<OAuthStart> {
  return sidebarApi.sidebarStartOAuth(domain, clientId, clientSecret);
}

/**
 * OAuth redirect target (/usercallback, routed here by the state token): exchanges the code.
 * @param {Object} request the callback request with its parameters (code, state, referer)
 */
export function authCallback(request: CallbackRequest): GoogleAppsScript.HTML.HtmlOutput {
  return handleAuthCallback(request);
}

/** Sidebar: disconnect — deletes this user's stored tokens and secrets (and the demo, if loaded). */
export function sidebarDisconnect(): SidebarState {
  return sidebarApi.sidebarDisconnect();
}

/**
 * Sidebar: validate and save settings; errors come back by field path.
 * @param {Object} settings the settings object (src/core/settings.ts)
 */
export function sidebarSaveSettings(settings: unknown): SaveSettingsResult {
  return sidebarApi.sidebarSaveSettings(settings);
}

/**
 * Sidebar: one execution of the sync, with the run's progress.
 * @param {boolean} full start a full re-read instead of an incremental sync
 */
export function sidebarSync(full: boolean): Result<{ run: SyncRunView }> {
  return sidebarApi.sidebarSync(full);
}

/** Sidebar: rebuild the raw sheets' headers, then re-read the whole account. */
export function sidebarRebuild(): Result<{ run: SyncRunView }> {
  return sidebarApi.sidebarRebuild();
}

/**
 * Sidebar: load the seeded demo team (before any account is connected); the sync then fills the sheets.
 * @param {string} scenario "default" (18 managers, 6 months) or "small"
 */
export function sidebarStartDemo(scenario: string): Result<{ demo: DemoView }> {
  return sidebarApi.sidebarStartDemo(scenario);
}

/** Sidebar: remove the demo data (raw sheets emptied, demo connection and sync state forgotten). */
export function sidebarRemoveDemo(): SidebarState {
  return sidebarApi.sidebarRemoveDemo();
}

// ---- sidebar and connection: add above this line ----

import {
  installSchedule as installScheduleTrigger,
  removeSchedule as removeScheduleTrigger,
  runSchedule,
  getScheduleInfo as scheduleInfo,
} from "./schedule/index";
import {
  confirmWriteBack as confirmWriteBackTasks,
  previewWriteBack as previewWriteBackTasks,
} from "./write-back/index";

/**
 * Sidebar: install the schedule (sync, SLA alerts, end-of-day check) — every N minutes in a script
 * bound to the spreadsheet (1, 5, 10, 15, 30 or 60), hourly as an add-on (Google's limit).
 * @param {number} everyMinutes the period in minutes
 */
export function installSchedule(everyMinutes: number): unknown {
  return installScheduleTrigger(everyMinutes);
}

/** Sidebar: remove the schedule trigger. */
export function removeSchedule(): void {
  removeScheduleTrigger();
}

/** Sidebar: add-on or bound mode, whether a schedule is installed, its period, the periods offered and how fresh the data can be. */
export function getScheduleInfo(): unknown {
  return scheduleInfo();
}

/**
 * Trigger handler of the schedule: sync, then SLA alerts and the end-of-day check.
 * @param {GoogleAppsScript.Events.TimeDriven} e the trigger event
 */
export function onSchedule(e: unknown): unknown {
  void e;
  return runSchedule();
}

/** Sidebar: the open deals without a next step that confirmWriteBack would create tasks for (no amoCRM call). */
export function previewWriteBack(): unknown {
  return previewWriteBackTasks();
}

/**
 * Sidebar: create a "next step" task in amoCRM for each of these deals that is still open without
 * one; refuses while write-back is off in the settings. Failures are reported by deal id.
 * @param {number[]} leadIds the deal ids chosen from the preview
 */
export function confirmWriteBack(leadIds: number[]): unknown {
  return confirmWriteBackTasks(leadIds);
}

// ---- schedule, alerts and write-back: add above this line ----
