/**
 * Every name Apps Script must see, and nothing else (the google/aside rule: this file only exposes
 * globals; the logic lives in modules). The build turns each `export function` below, with the
 * JSDoc right above it, into a top-level declaration in build/Code.js — keep each signature on one
 * line with simple parameter types (local/build/entry-points.ts explains why).
 */
import { loadSettings, saveSettings } from "./addon-settings";
import { clearConnection } from "./connection";
import { buildMenu, showAboutDialog } from "./menu";
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
 * @param {Object} settings the settings object (see src/core/settings.ts)
 */
export function updateSettings(settings: unknown): unknown {
  return saveSettings(settings);
}

// ---- custom functions (KPI_*): add above this line ----

// ---- board, templates and sharing: add above this line ----

// ---- sidebar and connection: add above this line ----

// ---- schedule, alerts and write-back: add above this line ----
