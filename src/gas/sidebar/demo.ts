/**
 * "Try it with demo data": before any account is connected, the seeded demo team (the sandbox's
 * generator, run inside the add-on, src/demo) becomes this user's connection of kind "demo", and
 * the ordinary sync fills the raw sheets from it — same client, mapping, engine and continuation.
 * "Remove demo data" empties the raw sheets, forgets the sync state and the demo connection, and
 * the settings too when the demo was what filled them.
 *
 * The marker lives in document properties (the data is the spreadsheet's), so removal can never
 * clear the sheets of a real account: without the marker it clears nothing.
 */

import { DEMO_BASE_URL } from "../../demo/demo-http";
import { TABLES } from "../../sheets/tables";
import { STATE_KEY } from "../../sync/state";
import { hasSavedSettings } from "../addon-settings";
import { type Connection, clearConnection, clientFor, loadConnection, saveConnection } from "../connection";
import type { DemoView, Result } from "../sidebar-api-types";
import { documentStore } from "../stores";
import { removeContinuation } from "../sync-service";
import { inspectAccount, saveAccountView } from "./account";
import { sidebarError, toSidebarError } from "./errors";

const DEMO_KEY = "amo_demo";
/** addon-settings.ts keeps the settings under this key (not exported there). */
const SETTINGS_KEY = "amo_settings";
export const DEMO_SEED = 1;
export const DEMO_SCENARIOS = ["default", "small"] as const;

interface DemoMarker extends DemoView {
  /** The settings were saved by the demo (none existed before): removal deletes them again. */
  settingsFromDemo: boolean;
}

export function loadDemo(): DemoMarker | null {
  const text = documentStore().get(DEMO_KEY);
  return text ? (JSON.parse(text) as DemoMarker) : null;
}

export function startDemo(scenario: string): Result<{ demo: DemoView }> {
  if (!(DEMO_SCENARIOS as readonly string[]).includes(scenario))
    return { ok: false, error: sidebarError("unknown", `unknown demo scenario "${scenario}"`) };
  const current = loadConnection();
  if (current && current.kind !== "demo") return { ok: false, error: sidebarError("already_connected") };
  const previous = loadDemo();
  // Raw sheets that hold an account's rows (synced before a disconnect) are never mixed with demo
  // rows, and "remove demo data" could not tell them apart: refuse instead.
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!previous && TABLES.some((t) => (ss.getSheetByName(t.id)?.getLastRow() ?? 0) > 1))
    return { ok: false, error: sidebarError("sheets_not_empty") };
  const settingsFromDemo = previous?.settingsFromDemo ?? !hasSavedSettings();
  const c: Connection = { kind: "demo", baseUrl: DEMO_BASE_URL, demo: { seed: DEMO_SEED, scenario } };
  try {
    const view = inspectAccount(clientFor(c), c, null);
    saveConnection(c, "");
    saveAccountView(view);
  } catch (e) {
    return { ok: false, error: toSidebarError(e) };
  }
  const store = documentStore();
  // A full sync from scratch: the previous demo's cursors must not make this run incremental.
  store.delete(STATE_KEY);
  const demo: DemoMarker = { seed: DEMO_SEED, scenario, loadedAt: Date.now(), settingsFromDemo };
  store.set(DEMO_KEY, JSON.stringify(demo));
  return { ok: true, demo: { seed: demo.seed, scenario: demo.scenario, loadedAt: demo.loadedAt } };
}

/** Empties the raw sheets the demo filled (headers too: the next sync lays them out again). */
export function removeDemo(): boolean {
  const demo = loadDemo();
  if (!demo) return false;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  for (const t of TABLES) ss.getSheetByName(t.id)?.clear();
  const store = documentStore();
  store.delete(STATE_KEY);
  store.delete(DEMO_KEY);
  if (demo.settingsFromDemo) store.delete(SETTINGS_KEY);
  if (loadConnection()?.kind === "demo") {
    clearConnection();
    removeContinuation();
  }
  return true;
}
