/**
 * "Rebuild sheets" (the action a SheetLayoutError points to): put back the headers of our columns
 * that a user deleted or renamed — appended to the right, so nothing of the user's moves — and make
 * the next run a full sync, which fills the restored columns again by id.
 */
import type { Locale } from "../core/i18n";
import type { SheetPort } from "../sheets/port";
import { TABLES } from "../sheets/tables";
import { addMissingColumns } from "../sheets/upsert";
import type { KeyValueStore } from "./ports";
import { loadState, saveState } from "./state";

export function repairSheets(
  sheets: SheetPort,
  store: KeyValueStore,
  locale: Locale,
): Record<string, string[]> {
  const restored: Record<string, string[]> = {};
  for (const t of TABLES) {
    const added = addMissingColumns(sheets, t, locale);
    if (added.length > 0) restored[t.id] = added;
  }
  // Forget the cursor and any run in progress: the next run re-reads everything.
  const state = loadState(store);
  state.syncedTo = null;
  state.run = null;
  saveState(store, state);
  return restored;
}
