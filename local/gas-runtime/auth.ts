/**
 * What each authorization mode lets a script call — the table in apps-script.md §2.3 [V-doc,
 * editor-auth-lifecycle] turned into a check. It matters because an add-on's onOpen runs in NONE
 * (installed, not enabled) or LIMITED, and the bundle's global statements run in that same mode.
 *
 *              NONE        LIMITED             CUSTOM_FUNCTION        FULL
 *  document    no          yes                 read-only              yes
 *  UI          menus       menus               no                     yes
 *  Properties  no          yes                 yes                    yes
 *  UrlFetch    no          no                  yes                    yes
 *  other       Logger,     services without    services without       all
 *              Utilities   user data           user data
 *
 * Our reading of "services without user data": Cache, Lock, Utilities, Logger, HtmlService
 * (generation only), Charts; Session gives the locale (and script time zone) only. Mail, trigger
 * management and the advanced Sheets service need FULL. Sidebars and dialogs need FULL ("Add-ons
 * can't open sidebars or dialogs while executing in AuthMode.LIMITED" [V-doc]).
 */
import { MSG } from "./errors";
import type { FakeMeta } from "./realm";

export type AuthMode = "NONE" | "LIMITED" | "CUSTOM_FUNCTION" | "FULL";

const MENU_METHODS = new Set([
  "createAddonMenu",
  "createMenu",
  "addItem",
  "addSeparator",
  "addSubMenu",
  "addToUi",
]);

/** Calls that change a document; refused to custom functions (read-only Spreadsheet service). */
const MUTATING =
  /^(set|insert|delete|clear|append|sort|hide|show|unhide|protect|remove|add|create|rename|move|copy|merge|break|auto|activate|flush|toast|duplicate|update|trim|randomize|check|uncheck|expand|collapse|shift|apply|splitText|open)/;

/** Returns the refusal message, or null when the call is allowed. */
export function authDenial(mode: AuthMode, m: FakeMeta, method: string): string | null {
  if (mode === "FULL") return null;
  const what = `${m.cls}.${method}`;
  const allowed = isAllowed(mode, m, method);
  return allowed ? null : MSG.noPermission(what);
}

function isAllowed(mode: Exclude<AuthMode, "FULL">, m: FakeMeta, method: string): boolean {
  switch (m.service) {
    case "logger":
    case "utilities":
    case "base":
      return true;
    case "session":
      return method === "getActiveUserLocale" || method === "getScriptTimeZone";
    case "ui":
      return mode !== "CUSTOM_FUNCTION" && (MENU_METHODS.has(method) || m.cls === "Menu");
    case "spreadsheet":
      if (method === "getUi") return mode !== "CUSTOM_FUNCTION";
      if (mode === "NONE") return false;
      if (mode === "CUSTOM_FUNCTION") return !MUTATING.test(method);
      return true;
    case "properties":
    case "cache":
    case "lock":
    case "html":
    case "charts":
      return mode !== "NONE";
    case "urlfetch":
      return mode === "CUSTOM_FUNCTION";
    case "script":
      // ScriptApp.getAuthorizationInfo is how add-on triggers check their authorization [V-doc].
      return method === "getAuthorizationInfo" || method === "getAuthorizationStatus";
    default:
      return false;
  }
}
