/**
 * Every name Apps Script must see, and nothing else (the google/aside rule: this file only exposes
 * globals; the logic lives in modules). The build turns each `export function` below, with the
 * JSDoc right above it, into a top-level declaration in build/Code.js — keep each signature on one
 * line with simple parameter types (local/build/entry-points.ts explains why).
 */
import { buildMenu, showAboutDialog } from "./menu";

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
