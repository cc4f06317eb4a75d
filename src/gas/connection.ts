/**
 * The connection to amoCRM: which account, and how this user authenticates. Non-secret parts in
 * one user property; the token / client secret in their own, never returned to the browser.
 *
 * A third kind, "demo", is no account at all: the seeded demo team generated inside the add-on
 * (src/demo) answers the same API in memory, so the demo data goes through the real client,
 * mapping and sync engine.
 */

import type { AmoAuthConfig } from "../amo/auth";
import { type AmoClient, createAmoClient } from "../amo/client";
import { demoHttpPort } from "../demo/demo-http";
import { urlFetchPort } from "./http-port";
import { gasClock, userLock } from "./runtime-ports";
import { SECRET_KEYS, userStore, userTokenStore } from "./stores";

const CONNECTION_KEY = "amo_connection";
/** An OAuth attempt between "Connect" and the /usercallback redirect (sidebar/oauth). */
export const OAUTH_PENDING_KEY = "amo_oauth_pending";
export const OAUTH_PENDING_SECRET_KEY = "amo_oauth_pending_secret";
/** The non-secret summary the sidebar shows (account name, users, pipelines, fields). */
export const ACCOUNT_VIEW_KEY = "amo_account_view";

export interface Connection {
  /** https://<sub>.amocrm.ru (or the local sandbox's loopback URL, or the demo's address). */
  baseUrl: string;
  kind: "long_lived" | "oauth" | "demo";
  clientId?: string;
  redirectUri?: string;
  /** kind "demo": which generated account. */
  demo?: { seed: number; scenario: string };
}

export function loadConnection(): Connection | null {
  const text = userStore().get(CONNECTION_KEY);
  return text ? (JSON.parse(text) as Connection) : null;
}

export function saveConnection(c: Connection, secret: string): void {
  const s = userStore();
  s.set(CONNECTION_KEY, JSON.stringify(c));
  if (c.kind === "demo") return;
  s.set(c.kind === "long_lived" ? SECRET_KEYS.longLivedToken : SECRET_KEYS.clientSecret, secret);
}

/** Forget the connection and every secret of this user (the sidebar's "Disconnect"). */
export function clearConnection(): void {
  const s = userStore();
  for (const k of [
    CONNECTION_KEY,
    SECRET_KEYS.longLivedToken,
    SECRET_KEYS.clientSecret,
    SECRET_KEYS.tokens,
    OAUTH_PENDING_KEY,
    OAUTH_PENDING_SECRET_KEY,
    ACCOUNT_VIEW_KEY,
  ])
    s.delete(k);
}

/** `secret`: a token or client secret not stored yet (a connection being checked before it is saved). */
function authConfig(c: Connection, secret?: string): AmoAuthConfig {
  const s = userStore();
  if (c.kind === "long_lived")
    return { kind: "long_lived", token: secret ?? s.get(SECRET_KEYS.longLivedToken) ?? "" };
  if (c.kind === "demo") return { kind: "long_lived", token: "demo" };
  return {
    kind: "oauth",
    clientId: c.clientId ?? "",
    clientSecret: secret ?? s.get(SECRET_KEYS.clientSecret) ?? "",
    redirectUri: c.redirectUri ?? "",
    store: userTokenStore(),
    // The user lock, not the document lock the sync holds (src/amo/README.md).
    lock: userLock(),
  };
}

export function clientFor(c: Connection, secret?: string): AmoClient {
  if (c.kind === "demo") {
    const demo = c.demo ?? { seed: 1, scenario: "default" };
    return createAmoClient({
      baseUrl: c.baseUrl,
      http: demoHttpPort(demo.seed, demo.scenario, gasClock.sleep),
      clock: gasClock,
      auth: authConfig(c),
      // Nothing leaves the execution: no rate limit to keep, no page to prefetch in parallel.
      maxRps: 1_000,
      prefetch: false,
    });
  }
  return createAmoClient({
    baseUrl: c.baseUrl,
    http: urlFetchPort,
    clock: gasClock,
    auth: authConfig(c, secret),
  });
}
