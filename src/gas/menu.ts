/**
 * The add-on menu. In AuthMode.NONE (installed, not yet enabled in this file) only menu calls are
 * allowed, so the menu must be built from constants and the UI locale, never from properties
 * (apps-script.md §2.3).
 */
import { t, toLocale } from "../core/i18n";
import { ts } from "./sidebar/messages";
import { VERSION } from "./version";

export function buildMenu(): void {
  const locale = toLocale(Session.getActiveUserLocale());
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(ts(locale, "menu.openSidebar"), "showSidebar")
    .addItem(t(locale, "menu.syncNow"), "syncNow")
    .addItem(t(locale, "menu.rebuildSheets"), "rebuildSheets")
    .addSeparator()
    .addItem(t(locale, "menu.buildBoard"), "buildBoardSheets")
    .addItem(t(locale, "menu.shareBoard"), "shareBoard")
    .addSeparator()
    .addItem(t(locale, "menu.about"), "showAbout")
    .addToUi();
}

export function showAboutDialog(): void {
  const locale = toLocale(Session.getActiveUserLocale());
  const ui = SpreadsheetApp.getUi();
  ui.alert(t(locale, "about.title"), t(locale, "about.body", { version: VERSION }), ui.ButtonSet.OK);
}
