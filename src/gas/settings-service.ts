/**
 * Saving settings, as the menu's entry point and the sidebar both do it: validate and store; then,
 * without any amoCRM request, rewrite the Settings sheet's threshold cells (the board's colours
 * follow them), recompute every lead's derived columns from the raw sheets, and refresh what
 * follows a heavy pass (amo_daily, the board's written cells, the rhythm sheets).
 *
 * The recompute is skipped — and says so — while a sync holds the lock: that sync's own heavy pass
 * notices the changed settings (their hash is part of the sync state) and does the same work.
 */

import type { Settings, SettingsError } from "../core/settings";
import { recomputeDerived } from "../sync/engine";
import { saveSettings } from "./addon-settings";
import { afterEnrichment } from "./after-sync";
import { loadConnection } from "./connection";
import { documentSyncLock } from "./runtime-ports";
import { GasSheetPort } from "./sheet-port";
import { documentStore } from "./stores";
import { writeThresholdCells } from "./templates/settings-cells";

export type ApplySettingsResult =
  | {
      ok: true;
      settings: Settings;
      /** "done": derived columns recomputed; "busy": a sync is running and will do it; "skipped": no data yet. */
      recompute: "done" | "busy" | "skipped";
      /** What failed after the recompute (amo_daily, board, rhythm), in plain words; null when all went well. */
      warning: string | null;
    }
  | { ok: false; errors: SettingsError[] };

export function applySettings(input: unknown): ApplySettingsResult {
  const saved = saveSettings(input);
  if (!saved.ok) return saved;
  const settings = saved.settings;
  try {
    writeThresholdCells(settings);
  } catch {
    // No Settings sheet yet (the board is not built): nothing to re-colour.
  }
  const sheets = new GasSheetPort();
  if (!sheets.hasSheet("amo_leads")) return { ok: true, settings, recompute: "skipped", warning: null };
  const baseUrl = loadConnection()?.baseUrl ?? null;
  const r = recomputeDerived({
    sheets,
    store: documentStore(),
    lock: documentSyncLock(),
    clock: { now: () => Date.now() },
    settings,
    afterEnrichment: (data, info) => {
      afterEnrichment(data, info.now, { settings, accountBaseUrl: baseUrl, port: sheets });
    },
  });
  return { ok: true, settings, recompute: r.status, warning: r.hookError?.message ?? null };
}
