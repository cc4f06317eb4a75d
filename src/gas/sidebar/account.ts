/**
 * Reads what the sidebar shows about an account (name, users, pipelines with stages, lead fields)
 * and, on the first connection of this spreadsheet, fills the settings from it (timezone, the
 * source / segment / channel fields) exactly as the sync service's connect does.
 */
import type { AmoClient } from "../../amo/client";
import { AmoForbiddenError } from "../../amo/errors";
import { detectFieldMapping } from "../../sync/field-mapping";
import { hasSavedSettings, loadSettings, saveSettings } from "../addon-settings";
import { ACCOUNT_VIEW_KEY, type Connection } from "../connection";
import type { AccountView } from "../sidebar-api-types";
import { userStore } from "../stores";

/** "••••1234": enough to recognise a secret, never enough to use it. Short secrets show no tail. */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length >= 16 ? `••••${secret.slice(-4)}` : "••••";
}

export function inspectAccount(client: AmoClient, c: Connection, secretMask: string | null): AccountView {
  const account = client.getAccount();
  const pipelines = client.listPipelines();
  const fields = client.listLeadCustomFields();
  let users: AccountView["users"];
  try {
    users = client.listUsers().map((u) => ({ id: u.id, name: String(u.name ?? "") }));
  } catch (e) {
    // Not an administrator: syncing still works without the user list (src/sync/engine.ts); the
    // sidebar says why the list is missing.
    if (!(e instanceof AmoForbiddenError)) throw e;
    users = null;
  }
  const timezone = account._embedded?.datetime_settings?.timezone ?? null;
  if (!hasSavedSettings()) {
    const s = loadSettings();
    saveSettings({
      ...s,
      ...detectFieldMapping(fields),
      calendar: { ...s.calendar, ...(timezone ? { timezone } : {}) },
    });
  }
  return {
    kind: c.kind,
    accountName: String(account.name ?? ""),
    baseUrl: c.baseUrl,
    timezone,
    users,
    pipelines: pipelines.map((p) => ({
      id: p.id,
      name: p.name,
      stages: (p._embedded?.statuses ?? []).map((st) => ({ id: st.id, name: String(st.name ?? "") })),
    })),
    fields: fields.map((f) => ({ id: f.id, name: String(f.name ?? "") })),
    connectedAt: Date.now(),
    clientId: c.clientId ?? null,
    secretMask,
  };
}

export function saveAccountView(v: AccountView): void {
  userStore().set(ACCOUNT_VIEW_KEY, JSON.stringify(v));
}

export function loadAccountView(): AccountView | null {
  const text = userStore().get(ACCOUNT_VIEW_KEY);
  return text ? (JSON.parse(text) as AccountView) : null;
}
