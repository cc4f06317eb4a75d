/** Everything the sidebar shows when it opens or refreshes, from properties only (no amoCRM call). */
import { parseSettings, type SettingsError } from "../../core/settings";
import { loadState, type RunState, STEPS } from "../../sync/state";
import { loadSettings } from "../addon-settings";
import { loadConnection } from "../connection";
import type { SidebarState, StatusView, SyncProgressView } from "../sidebar-api-types";
import { documentStore } from "../stores";
import { loadAccountView } from "./account";
import { pendingView } from "./connect";
import { loadDemo } from "./demo";

export function progressOf(run: RunState | null): SyncProgressView | null {
  if (!run) return null;
  return {
    step: run.step,
    stepIndex: STEPS.indexOf(run.step),
    stepCount: STEPS.length,
    pagesDone: run.pagesDone,
    executions: run.executions,
    startedAt: run.startedAt,
    full: run.full,
  };
}

export function statusView(): StatusView {
  const s = loadState(documentStore());
  return { syncedTo: s.syncedTo, running: progressOf(s.run), last: s.last };
}

/**
 * A published add-on may run its schedule at most hourly; a script bound to the spreadsheet may
 * run every 1, 5, 10, 15 or 30 minutes [DOC apps-script.md §3]. ScriptApp.getInstallationSource()
 * tells them apart: NONE for a bound or standalone script [DOC].
 */
export function installMode(): "addon" | "bound" {
  return String(ScriptApp.getInstallationSource()) === "NONE" ? "bound" : "addon";
}

/** The stored settings' own errors, when they no longer validate (loadSettings used defaults). */
function storedSettingsErrors(): SettingsError[] {
  const text = documentStore().get("amo_settings");
  if (!text) return [];
  try {
    const r = parseSettings(JSON.parse(text));
    return r.ok ? [] : r.errors;
  } catch {
    return [{ path: "", message: "the saved settings are not valid JSON" }];
  }
}

export function sidebarState(): SidebarState {
  const settings = loadSettings();
  const connection = loadConnection();
  const demo = loadDemo();
  return {
    locale: settings.locale,
    mode: installMode(),
    account: connection ? loadAccountView() : null,
    oauthPending: pendingView(),
    status: statusView(),
    settings,
    settingsErrors: storedSettingsErrors(),
    demo: demo ? { seed: demo.seed, scenario: demo.scenario, loadedAt: demo.loadedAt } : null,
  };
}
