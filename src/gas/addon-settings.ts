/**
 * The spreadsheet's settings: one JSON document property validated by the shared zod schema
 * (src/core/settings.ts). Missing → defaults; the account's timezone and a guess of the source /
 * segment / channel fields are filled in when the account is connected (connectAccount).
 */
import { defaultSettings, parseSettings, type Settings, type SettingsError } from "../core/settings";
import { documentStore } from "./stores";

const SETTINGS_KEY = "amo_settings";

export function loadSettings(): Settings {
  const text = documentStore().get(SETTINGS_KEY);
  if (!text) return defaultSettings();
  const parsed = parseSettings(JSON.parse(text));
  // A stored value that no longer validates (edited by hand, older version) falls back to the
  // defaults rather than stopping every sync; the sidebar shows the errors when it loads them.
  return parsed.ok ? parsed.settings : defaultSettings();
}

export function saveSettings(
  input: unknown,
): { ok: true; settings: Settings } | { ok: false; errors: SettingsError[] } {
  const parsed = parseSettings(input);
  if (parsed.ok) documentStore().set(SETTINGS_KEY, JSON.stringify(parsed.settings));
  return parsed;
}

export function hasSavedSettings(): boolean {
  return documentStore().get(SETTINGS_KEY) !== null;
}
