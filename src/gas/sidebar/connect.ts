/**
 * Connecting an account from the sidebar: a long-lived token, or OAuth 2.0 through Apps Script's
 * /usercallback with a state token.
 *
 * A new connection is checked before it replaces the old one: the client is built with the new
 * secret in memory, the account is read, and only then are the connection and the secret stored
 * (user properties). Secrets never go back to the browser; the sidebar gets a mask.
 *
 * OAuth [DOC amocrm-api.md §2.2]: the user opens `https://www.amocrm.ru/oauth?client_id&state&mode`
 * (Kommo: www.kommo.com) in a new window (a sidebar may not navigate itself [DOC apps-script.md
 * §8]); after "Allow" amoCRM redirects to the redirect URI with `code`, `referer` (the account
 * host) and our `state`. The redirect URI of a script is `https://script.google.com/macros/d/
 * {SCRIPT_ID}/usercallback` [DOC apps-script.md §6.1]; Apps Script routes it by the state token to
 * `authCallback`. The code lives 20 minutes [DOC]; the state token at most an hour [DOC].
 *
 * Local runs (the sandbox and the runtime on loopback) set two script properties, which real
 * deployments leave unset: AMO_OAUTH_AUTHORIZE_URL (the consent page) and AMO_OAUTH_REDIRECT_URI.
 */
import { normalizeAccountUrl } from "../../core/account-url";
import {
  type Connection,
  clearConnection,
  clientFor,
  OAUTH_PENDING_KEY,
  OAUTH_PENDING_SECRET_KEY,
  saveConnection,
} from "../connection";
import type { AccountView, OAuthPendingView, OAuthStart, Result, SidebarError } from "../sidebar-api-types";
import { userStore, userTokenStore } from "../stores";
import { removeContinuation } from "../sync-service";
import { inspectAccount, maskSecret, saveAccountView } from "./account";
import { loadDemo, removeDemo } from "./demo";
import { sidebarError, toSidebarError } from "./errors";

export const AUTH_CALLBACK = "authCallback";
/** The longest a state token may live [DOC StateTokenBuilder.withTimeout]. */
const STATE_TIMEOUT_S = 3600;

/** Replace whatever this user had (a demo too) by a checked connection. */
function adopt(c: Connection, secret: string, view: AccountView): void {
  if (loadDemo()) removeDemo();
  clearConnection();
  removeContinuation();
  saveConnection(c, secret);
  saveAccountView(view);
}

export function connectByToken(domain: string, token: string): Result<{ account: AccountView }> {
  const url = normalizeAccountUrl(String(domain ?? ""));
  if (!url.ok) return { ok: false, error: sidebarError("bad_domain", String(domain ?? "")) };
  const secret = String(token ?? "").trim();
  if (secret === "") return { ok: false, error: sidebarError("empty_token") };
  const c: Connection = { kind: "long_lived", baseUrl: url.baseUrl };
  try {
    const view = inspectAccount(clientFor(c, secret), c, maskSecret(secret));
    adopt(c, secret, view);
    return { ok: true, account: view };
  } catch (e) {
    return { ok: false, error: toSidebarError(e) };
  }
}

interface Pending {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  nonce: string;
  startedAt: number;
  error: SidebarError | null;
}

function scriptProperty(name: string): string | null {
  const v = PropertiesService.getScriptProperties().getProperty(name);
  return v && v.trim() !== "" ? v.trim() : null;
}

export function redirectUri(): string {
  return (
    scriptProperty("AMO_OAUTH_REDIRECT_URI") ??
    `https://script.google.com/macros/d/${ScriptApp.getScriptId()}/usercallback`
  );
}

/** amoCRM's consent page for .ru accounts; Kommo's for kommo.com and the old amocrm.com [DOC]. */
function authorizeUrl(baseUrl: string): string {
  const own = scriptProperty("AMO_OAUTH_AUTHORIZE_URL");
  if (own) return own;
  return /\.amocrm\.ru$/.test(baseUrl) ? "https://www.amocrm.ru/oauth" : "https://www.kommo.com/oauth";
}

function loadPending(): Pending | null {
  const text = userStore().get(OAUTH_PENDING_KEY);
  return text ? (JSON.parse(text) as Pending) : null;
}

export function pendingView(): OAuthPendingView | null {
  const p = loadPending();
  return p ? { baseUrl: p.baseUrl, clientId: p.clientId, startedAt: p.startedAt, error: p.error } : null;
}

export function startOAuth(domain: string, clientId: string, clientSecret: string): Result<OAuthStart> {
  const url = normalizeAccountUrl(String(domain ?? ""));
  if (!url.ok) return { ok: false, error: sidebarError("bad_domain", String(domain ?? "")) };
  const id = String(clientId ?? "").trim();
  const secret = String(clientSecret ?? "").trim();
  if (id === "" || secret === "") return { ok: false, error: sidebarError("empty_client") };
  const nonce = Utilities.getUuid();
  const pending: Pending = {
    baseUrl: url.baseUrl,
    clientId: id,
    redirectUri: redirectUri(),
    nonce,
    startedAt: Date.now(),
    error: null,
  };
  const s = userStore();
  s.set(OAUTH_PENDING_KEY, JSON.stringify(pending));
  s.set(OAUTH_PENDING_SECRET_KEY, secret);
  const state = ScriptApp.newStateToken()
    .withMethod(AUTH_CALLBACK)
    .withArgument("nonce", nonce)
    .withTimeout(STATE_TIMEOUT_S)
    .createToken();
  const query = [
    ["client_id", id],
    ["state", state],
    ["mode", "popup"],
  ]
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join("&");
  return {
    ok: true,
    authorizationUrl: `${authorizeUrl(url.baseUrl)}?${query}`,
    redirectUri: pending.redirectUri,
  };
}

/**
 * The account host from the redirect's `referer` ("x.amocrm.ru"; the sandbox: "127.0.0.1:PORT"):
 * the user may pick another account on the consent page, and the code is exchanged on the host
 * that issued it [DOC]. Falls back to the address typed in the sidebar.
 */
function accountFromReferer(referer: string | undefined, fallback: string): string {
  if (!referer) return fallback;
  const direct = normalizeAccountUrl(referer);
  if (direct.ok) return direct.baseUrl;
  const loopback = normalizeAccountUrl(`http://${referer}`);
  return loopback.ok && loopback.baseUrl.startsWith("http://") ? loopback.baseUrl : fallback;
}

export type CallbackOutcome = { ok: true; account: AccountView } | { ok: false; error: SidebarError };

/** The /usercallback request: exchange the code, read the account, store the connection. */
export function completeOAuth(parameter: Record<string, string | undefined>): CallbackOutcome {
  const pending = loadPending();
  if (!pending) return { ok: false, error: sidebarError("oauth_expired") };
  const fail = (error: SidebarError): CallbackOutcome => {
    userStore().set(OAUTH_PENDING_KEY, JSON.stringify({ ...pending, error }));
    return { ok: false, error };
  };
  // The state token already proves the redirect belongs to this script and user [DOC]; the nonce
  // ties it to the latest attempt, so an old consent window cannot complete a newer one.
  if (parameter["nonce"] !== pending.nonce) return fail(sidebarError("oauth_expired"));
  if (parameter["error"]) return fail(sidebarError("oauth_denied", String(parameter["error"])));
  const code = parameter["code"];
  if (!code) return fail(sidebarError("oauth_failed", "the redirect carried no authorization code"));
  const secret = userStore().get(OAUTH_PENDING_SECRET_KEY) ?? "";
  const c: Connection = {
    kind: "oauth",
    baseUrl: accountFromReferer(parameter["referer"], pending.baseUrl),
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
  };
  const tokens = userTokenStore();
  try {
    // The exchange writes the first pair into the user's token store; a previous connection's
    // pair is replaced, which is what connecting again means.
    tokens.clear();
    const client = clientFor(c, secret);
    client.exchangeAuthorizationCode(code);
    const view = inspectAccount(client, c, maskSecret(secret));
    const pair = tokens.load();
    adopt(c, secret, view);
    if (pair) tokens.save(pair);
    return { ok: true, account: view };
  } catch (e) {
    tokens.clear();
    const error = toSidebarError(e, "oauth_failed");
    return fail(error.code === "bad_token" ? { ...error, code: "oauth_failed" } : error);
  }
}
