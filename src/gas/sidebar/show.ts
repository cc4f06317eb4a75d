/** Opening the sidebar, and the page the OAuth redirect lands on. */
import { toLocale } from "../../core/i18n";
import { hasSavedSettings, loadSettings } from "../addon-settings";
import { type CallbackOutcome, completeOAuth } from "./connect";
import { ts } from "./messages";

/** build/Sidebar.html: one self-contained file (local/build/sidebar.ts inlines its JS and CSS). */
export const SIDEBAR_FILE = "Sidebar";

function locale() {
  return hasSavedSettings() ? loadSettings().locale : toLocale(Session.getActiveUserLocale());
}

export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(ts(locale(), "sidebar.title"));
  SpreadsheetApp.getUi().showSidebar(html);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function callbackPage(outcome: CallbackOutcome): GoogleAppsScript.HTML.HtmlOutput {
  const l = locale();
  const text = outcome.ok
    ? ts(l, "callback.ok", { account: outcome.account.accountName })
    : ts(l, "callback.fail", {
        reason:
          outcome.error.code === "oauth_expired"
            ? ts(l, "callback.expired")
            : outcome.error.code === "oauth_denied"
              ? ts(l, "callback.denied")
              : (outcome.error.detail ?? outcome.error.code),
      });
  const body =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(ts(l, "callback.title"))}</title></head>` +
    `<body style="font-family:Arial,sans-serif;padding:24px">` +
    `<p id="callback-result" data-ok="${outcome.ok}">${escapeHtml(text)}</p>` +
    // Google's sample closes the window from the callback page [apps-script.md §6.1].
    `<button onclick="window.top.close()">${escapeHtml(ts(l, "callback.close"))}</button></body></html>`;
  return HtmlService.createHtmlOutput(body).setTitle(ts(l, "callback.title"));
}

/** `authCallback(request)` as /usercallback calls it. */
export function handleAuthCallback(request: { parameter?: Record<string, string> }) {
  return callbackPage(completeOAuth(request?.parameter ?? {}));
}
