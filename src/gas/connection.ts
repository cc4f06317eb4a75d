/**
 * The connection to amoCRM: which account, and how this user authenticates. Non-secret parts in
 * one user property; the token / client secret in their own, never returned to the browser.
 */

import type { AmoAuthConfig } from "../amo/auth";
import { type AmoClient, createAmoClient } from "../amo/client";
import { urlFetchPort } from "./http-port";
import { gasClock, userLock } from "./runtime-ports";
import { SECRET_KEYS, userStore, userTokenStore } from "./stores";

const CONNECTION_KEY = "amo_connection";

export interface Connection {
  /** https://<sub>.amocrm.ru (or the local sandbox's loopback URL). */
  baseUrl: string;
  kind: "long_lived" | "oauth";
  clientId?: string;
  redirectUri?: string;
}

export function loadConnection(): Connection | null {
  const text = userStore().get(CONNECTION_KEY);
  return text ? (JSON.parse(text) as Connection) : null;
}

export function saveConnection(c: Connection, secret: string): void {
  const s = userStore();
  s.set(CONNECTION_KEY, JSON.stringify(c));
  s.set(c.kind === "long_lived" ? SECRET_KEYS.longLivedToken : SECRET_KEYS.clientSecret, secret);
}

/** Forget the connection and every secret of this user (the sidebar's "Disconnect"). */
export function clearConnection(): void {
  const s = userStore();
  for (const k of [CONNECTION_KEY, SECRET_KEYS.longLivedToken, SECRET_KEYS.clientSecret, SECRET_KEYS.tokens])
    s.delete(k);
}

function authConfig(c: Connection): AmoAuthConfig {
  const s = userStore();
  if (c.kind === "long_lived") return { kind: "long_lived", token: s.get(SECRET_KEYS.longLivedToken) ?? "" };
  return {
    kind: "oauth",
    clientId: c.clientId ?? "",
    clientSecret: s.get(SECRET_KEYS.clientSecret) ?? "",
    redirectUri: c.redirectUri ?? "",
    store: userTokenStore(),
    // The user lock, not the document lock the sync holds (src/amo/README.md).
    lock: userLock(),
  };
}

export function clientFor(c: Connection): AmoClient {
  return createAmoClient({ baseUrl: c.baseUrl, http: urlFetchPort, clock: gasClock, auth: authConfig(c) });
}
