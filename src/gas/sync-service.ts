/**
 * The add-on's sync as Apps Script runs it: wires the amoCRM client, the sheets, the stores, the
 * lock and the clock into src/sync, and keeps a run going across executions with a one-off
 * continuation trigger (a first sync larger than one 6-minute execution continues by itself).
 */
import { normalizeAccountUrl } from "../core/account-url";
import { runSync, type SyncOutcome } from "../sync/engine";
import { repairSheets } from "../sync/repair";
import { loadState } from "../sync/state";
import { loadSettings } from "./addon-settings";
import { afterEnrichment } from "./after-sync";
import { clearConnection, clientFor, loadConnection, saveConnection } from "./connection";
import { documentSyncLock } from "./runtime-ports";
import { GasSheetPort } from "./sheet-port";
import { inspectAccount } from "./sidebar/account";
import { documentStore } from "./stores";
import { writeLastSync } from "./templates/settings-cells";

/** Apps Script stops an execution at 6 minutes [apps-script.md §3]; keep a minute for the rest. */
export const EXECUTION_BUDGET_MS = 5 * 60_000;
export const CONTINUE_HANDLER = "onSyncContinue";
const CONTINUE_AFTER_MS = 60_000;

export interface SyncSummary {
  status: SyncOutcome["status"];
  step: string | null;
  executions: number;
  pages: number;
  rowsWritten: number;
  message: string | null;
}

export interface AccountSummary {
  accountName: string;
  baseUrl: string;
  timezone: string | null;
  users: number;
  pipelines: { id: number; name: string }[];
}

/**
 * Connect with a long-lived token: check it against the account (GET /account, /leads/pipelines),
 * store it for this user, and on first connection fill the settings from the account.
 */
export function connectWithLongLivedToken(domain: string, token: string): AccountSummary {
  const url = normalizeAccountUrl(domain);
  if (!url.ok)
    throw new Error(`"${domain}" is not an amoCRM or Kommo account address (e.g. mycompany.amocrm.ru)`);
  const connection = { baseUrl: url.baseUrl, kind: "long_lived" as const };
  saveConnection(connection, token.trim());
  try {
    const view = inspectAccount(clientFor(connection), connection, null);
    return {
      accountName: view.accountName,
      baseUrl: view.baseUrl,
      timezone: view.timezone,
      // Not an administrator: the user list is refused; syncing still works and the sidebar says so.
      users: view.users?.length ?? 0,
      pipelines: view.pipelines.map((p) => ({ id: p.id, name: p.name })),
    };
  } catch (e) {
    clearConnection();
    throw e;
  }
}

/** One execution of the sync (manual or trigger); schedules its own continuation when cut short. */
export function syncOnce(opts: { full?: boolean } = {}): SyncSummary {
  const connection = loadConnection();
  if (!connection) throw new Error("amoCRM is not connected: open the sidebar and connect an account first");
  const settings = loadSettings();
  const sheets = new GasSheetPort();
  const outcome = runSync(
    {
      client: clientFor(connection),
      sheets,
      store: documentStore(),
      lock: documentSyncLock(),
      clock: { now: () => Date.now() },
      settings,
      accountBaseUrl: connection.baseUrl,
      budgetMs: EXECUTION_BUDGET_MS,
      afterEnrichment: (data, info) => {
        afterEnrichment(data, info.now, { settings, accountBaseUrl: connection.baseUrl, port: sheets });
      },
    },
    opts,
  );
  if (outcome.status === "done") {
    // The cell every KPI_* formula names as its last argument: changing it makes Sheets recompute them.
    try {
      writeLastSync(loadState(documentStore()).syncedTo ?? Date.now());
    } catch {
      // no Settings sheet yet (the board is not built): nothing refers to the cell
    }
  }
  if (outcome.status === "partial" || (outcome.status === "error" && isTransient(outcome.error?.name))) {
    ensureContinuation();
  } else if (outcome.status === "done") {
    removeContinuation();
  }
  return {
    status: outcome.status,
    step: outcome.step,
    executions: outcome.executions,
    pages: outcome.pagesThisExecution,
    rowsWritten: outcome.writes.rowsWritten,
    message: outcome.error?.message ?? outcome.hookError?.message ?? null,
  };
}

/** Restore deleted or renamed columns of the raw sheets, then re-read the whole account. */
export function rebuildAndSync(): SyncSummary & { restored: Record<string, string[]> } {
  const restored = repairSheets(new GasSheetPort(), documentStore(), loadSettings().locale);
  return { ...syncOnce({ full: true }), restored };
}

export function syncStatus(): {
  syncedTo: number | null;
  running: boolean;
  last: { status: string; at: number; message: string | null } | null;
} {
  const s = loadState(documentStore());
  return { syncedTo: s.syncedTo, running: s.run !== null, last: s.last };
}

/**
 * Errors a retry a minute later cannot fix — a revoked token, an unpaid account, amoCRM's block for
 * rate abuse (retrying would prolong it [DOC]), a damaged sheet layout — wait for the user instead.
 */
const NEEDS_THE_USER = new Set([
  "AmoReconnectNeededError",
  "AmoBlockedError",
  "AmoPaymentRequiredError",
  "AmoForbiddenError",
  "SheetLayoutError",
  "SheetCapacityError",
]);

function isTransient(errorName: string | undefined): boolean {
  return errorName === undefined || !NEEDS_THE_USER.has(errorName);
}

function continuationTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === CONTINUE_HANDLER);
}

/**
 * One pending one-off trigger at most: a run cut short continues a minute later. A one-off trigger
 * that has fired stays in getProjectTriggers() until deleted [BELIEF: widely reported; Google's
 * docs do not say], so the one that started this execution is still listed: replace it rather than
 * trusting its presence, or a run needing three executions would stop after two.
 */
function ensureContinuation(): void {
  removeContinuation();
  try {
    ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(CONTINUE_AFTER_MS).create();
  } catch {
    // Whether a published add-on may create a one-off trigger a minute ahead is not documented
    // [BELIEF: the hourly rule applies to recurring triggers]. If refused, the hourly schedule
    // continues the run from its checkpoint.
  }
}

export function removeContinuation(): void {
  for (const t of continuationTriggers()) ScriptApp.deleteTrigger(t);
}
