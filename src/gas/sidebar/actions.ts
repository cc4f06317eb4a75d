/** The sidebar's actions on the sync and the settings, with results the sidebar can show. */
import { loadState } from "../../sync/state";
import { loadConnection } from "../connection";
import { applySettings } from "../settings-service";
import type { Result, SaveSettingsResult, SyncRunView } from "../sidebar-api-types";
import { documentStore } from "../stores";
import { rebuildAndSync, type SyncSummary, syncOnce } from "../sync-service";
import { sidebarError, toSidebarError } from "./errors";
import { progressOf } from "./state";

function view(s: SyncSummary): SyncRunView {
  return { ...s, progress: progressOf(loadState(documentStore()).run) };
}

/** One execution of the sync; the sidebar calls again while the run is "partial". */
export function runSync(full: boolean): Result<{ run: SyncRunView }> {
  if (!loadConnection()) return { ok: false, error: sidebarError("not_connected") };
  try {
    return { ok: true, run: view(syncOnce({ full: full === true })) };
  } catch (e) {
    return { ok: false, error: toSidebarError(e) };
  }
}

export function rebuild(): Result<{ run: SyncRunView }> {
  if (!loadConnection()) return { ok: false, error: sidebarError("not_connected") };
  try {
    const { restored: _restored, ...summary } = rebuildAndSync();
    return { ok: true, run: view(summary) };
  } catch (e) {
    return { ok: false, error: toSidebarError(e) };
  }
}

/** Validated by the same zod schema as everywhere; errors come back by dotted field path. */
export function saveSidebarSettings(input: unknown): SaveSettingsResult {
  return applySettings(input);
}
