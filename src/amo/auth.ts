/**
 * Access to amoCRM: a long-lived token, or OAuth 2.0 with rotating refresh tokens.
 *
 * Facts relied on:
 * - long-lived tokens are never refreshed; a 401 means revoked/expired [SDK LongLivedAccessToken, README];
 * - access tokens live 24 h; each refresh returns a new refresh token and a refresh token can be
 *   exchanged only once [DOC oauth/oauth, amoCRM RU]; Kommo keeps the old one valid until the new
 *   one is used [DOC Kommo] — we do not rely on that grace;
 * - the official client refreshes once after a 401 and gives up on a second 401 [SDK].
 *
 * OAuth rules kept here:
 * - refresh only under the Lock, re-reading the store inside it: another execution (the hourly
 *   trigger vs "Sync now") may have refreshed already, then its pair is used as is;
 * - mark the stored pair "refresh started" and save the new pair to the store before the new
 *   access token is used for anything: a pair that only lived in memory would be lost with the
 *   execution, and its refresh token is the only one that still works;
 * - a refresh token is never sent twice. If a refresh request got no usable answer and may have
 *   reached amoCRM (timeout, reset, 5xx), the flag stays set and the next refresh attempt asks
 *   the user to reconnect instead of re-sending it. Only a request that certainly did not leave
 *   (DNS / connection refused) or was answered 429 (rejected before processing [BELIEF]) clears it.
 */
import { classify, problemDetail } from "./classify";
import {
  AmoBlockedError,
  AmoHttpError,
  AmoMalformedResponseError,
  AmoReconnectNeededError,
  AmoRequestFailedError,
} from "./errors";
import { type HttpResponse, NetworkError } from "./http";
import type { Clock, Lock, Logger, ReconnectReason, StoredTokens, TokenStore } from "./ports";
import { backoffDelay, type RetryPolicy, retryAfterMs } from "./retry-policy";
import { type ApiTokenResponse, type TokenRequestBody, tokenResponseSchema } from "./schemas/auth";
import { schemaError } from "./schemas/validate";
import type { ClientStats } from "./stats";
import { TOKEN_ENDPOINT, type TokenPost } from "./token-endpoint";

export interface LongLivedAuthConfig {
  kind: "long_lived";
  token: string;
}

export interface OAuthConfig {
  kind: "oauth";
  clientId: string;
  clientSecret: string;
  /** Must equal the integration's redirect URI exactly [DOC]. */
  redirectUri: string;
  store: TokenStore;
  lock: Lock;
  /** Refresh this long before the stored expiry (default 5 min). */
  refreshMarginMs?: number;
}

export type AmoAuthConfig = LongLivedAuthConfig | OAuthConfig;

export type AuthState =
  | { status: "not_connected" }
  | { status: "connected"; kind: "long_lived" | "oauth"; expiresAt: number | null }
  | { status: "reconnect_needed"; reason: ReconnectReason; since: number; message: string };

/** What the transport needs from an auth method. */
export interface AuthSession {
  /** The bearer token to send now; refreshes first when it is about to expire. */
  accessToken(): string;
  /**
   * After a 401 answered to `rejected`: makes a new token ready (or finds one another request or
   * execution already got) and returns true; false when this method cannot renew (long-lived).
   * Throws AmoReconnectNeededError when renewal is impossible.
   */
  renewAfterUnauthorized(rejected: string): boolean;
  /** A 401 again after renewing: records that the user must reconnect. */
  markRejected(rejected: string): void;
  /** OAuth callback: trades the authorization code (valid 20 min [DOC]) for the first pair. */
  exchangeAuthorizationCode(code: string): void;
  state(): AuthState;
}

export interface AuthDeps {
  clock: Clock;
  logger: Logger;
  postToken: TokenPost;
  stats: ClientStats;
  retry: RetryPolicy;
  random: () => number;
}

const RECONNECT_MESSAGES: Record<ReconnectReason, string> = {
  not_connected: "amoCRM is not connected; connect it in the sidebar",
  token_rejected:
    "amoCRM rejected the access token (the integration was disabled or the token revoked or expired); reconnect amoCRM",
  refresh_rejected:
    "amoCRM refused to renew access (the refresh token expired or was revoked); reconnect amoCRM",
  refresh_interrupted:
    "a previous renewal of amoCRM access did not complete, so the saved refresh token may be spent; reconnect amoCRM",
  refresh_malformed: "amoCRM sent an unreadable answer while renewing access; reconnect amoCRM",
};

export function reconnectError(reason: ReconnectReason): AmoReconnectNeededError {
  return new AmoReconnectNeededError(reason, RECONNECT_MESSAGES[reason]);
}

/** What the UI shows about the connection, from the store alone (no request). */
export function readAuthState(store: TokenStore): AuthState {
  const t = store.load();
  if (!t) return { status: "not_connected" };
  if (t.reconnectNeeded) {
    const { reason, at } = t.reconnectNeeded;
    return { status: "reconnect_needed", reason, since: at, message: RECONNECT_MESSAGES[reason] };
  }
  return { status: "connected", kind: "oauth", expiresAt: t.expiresAt };
}

export function createAuthSession(config: AmoAuthConfig, deps: AuthDeps): AuthSession {
  return config.kind === "long_lived" ? longLivedSession(config) : oauthSession(config, deps);
}

function longLivedSession(config: LongLivedAuthConfig): AuthSession {
  const missing = config.token.trim() === "";
  return {
    accessToken: () => {
      if (missing) throw reconnectError("not_connected");
      return config.token;
    },
    renewAfterUnauthorized: () => false,
    markRejected: () => {},
    exchangeAuthorizationCode: () => {
      throw new Error("a long-lived token has no authorization code to exchange");
    },
    state: () =>
      missing ? { status: "not_connected" } : { status: "connected", kind: "long_lived", expiresAt: null },
  };
}

function tryJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function oauthSession(cfg: OAuthConfig, deps: AuthDeps): AuthSession {
  const margin = cfg.refreshMarginMs ?? 5 * 60_000;
  const { clock, stats } = deps;
  /** The pair in use; the store is re-read under the lock before any refresh. */
  let cached: StoredTokens | null = null;
  /** After a failed early refresh, the still-valid token is used until then without retrying. */
  let skipEarlyRefreshUntil = 0;

  const fresh = (t: StoredTokens) => clock.now() < t.expiresAt - margin;

  function load(): StoredTokens {
    const t = cfg.store.load();
    if (!t) throw reconnectError("not_connected");
    if (t.reconnectNeeded) throw reconnectError(t.reconnectNeeded.reason);
    return t;
  }

  function markReconnect(t: StoredTokens, reason: ReconnectReason): never {
    cfg.store.save({ ...t, reconnectNeeded: { reason, at: clock.now() } });
    cached = null;
    deps.logger.warn("amoCRM access must be reconnected", { reason });
    throw reconnectError(reason);
  }

  /** One token request; a 429 is answered before processing [BELIEF] so it may be sent again. */
  function send(body: TokenRequestBody): HttpResponse {
    for (let n = 1; ; n++) {
      const res = deps.postToken(body);
      if (res.status !== 429) return res;
      stats.status429++;
      if (n >= 3) return res;
      const wait = retryAfterMs(res, deps.retry) ?? backoffDelay(n, deps.retry, deps.random);
      clock.sleep(wait);
      stats.retryWaitMs += wait;
      stats.retries++;
    }
  }

  function toStored(r: ApiTokenResponse, requestedAt: number): StoredTokens {
    // Expiry on our clock from the moment the request left: never later than the server's.
    return {
      accessToken: r.access_token,
      refreshToken: r.refresh_token,
      expiresAt: requestedAt + r.expires_in * 1000,
      refreshStartedAt: null,
      reconnectNeeded: null,
    };
  }

  /** On a failed early refresh the current token is still good: keep using it for now. */
  function keepOrThrow(t: StoredTokens, early: boolean, error: Error): string {
    if (early && clock.now() < t.expiresAt) {
      deps.logger.warn("amoCRM token refresh failed; the current token is still valid and stays in use", {
        error: error.name,
      });
      cached = t;
      skipEarlyRefreshUntil = t.expiresAt;
      return t.accessToken;
    }
    throw error;
  }

  function refresh(stale: string, early: boolean): string {
    return cfg.lock.withLock(() => {
      const t = load();
      if (t.accessToken !== stale && fresh(t)) {
        cached = t; // renewed by another request or execution meanwhile
        return t.accessToken;
      }
      if (t.refreshStartedAt) markReconnect(t, "refresh_interrupted");
      const startedAt = clock.now();
      const pending: StoredTokens = { ...t, refreshStartedAt: startedAt };
      cfg.store.save(pending);
      let res: HttpResponse;
      try {
        res = send({
          client_id: cfg.clientId,
          client_secret: cfg.clientSecret,
          grant_type: "refresh_token",
          refresh_token: t.refreshToken,
          redirect_uri: cfg.redirectUri,
        });
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e;
        stats.networkErrors++;
        if (e.notSent) cfg.store.save({ ...t, refreshStartedAt: null });
        return keepOrThrow(
          t,
          early,
          new AmoRequestFailedError(TOKEN_ENDPOINT, `network error (${e.kind})`, 1),
        );
      }
      if (res.status === 200) {
        const raw = tryJson(res.body);
        const parsed = tokenResponseSchema.safeParse(raw);
        if (!parsed.success) markReconnect(pending, "refresh_malformed");
        const next = toStored(parsed.data, startedAt);
        cfg.store.save(next);
        cached = next;
        stats.tokenRefreshes++;
        deps.logger.info("amoCRM access token refreshed", { expiresAt: next.expiresAt });
        return next.accessToken;
      }
      const outcome = classify(res);
      if (outcome.kind === "blocked") {
        cfg.store.save({ ...t, refreshStartedAt: null });
        throw new AmoBlockedError(TOKEN_ENDPOINT);
      }
      if (outcome.kind === "rate_limited") {
        cfg.store.save({ ...t, refreshStartedAt: null });
        return keepOrThrow(t, early, new AmoRequestFailedError(TOKEN_ENDPOINT, 429, 3));
      }
      if (outcome.kind === "server_error") {
        return keepOrThrow(t, early, new AmoRequestFailedError(TOKEN_ENDPOINT, res.status, 1));
      }
      // 400/401/403: the refresh token is expired (3 months), revoked or already used.
      return markReconnect(pending, "refresh_rejected");
    });
  }

  return {
    accessToken() {
      const t = cached ?? load();
      cached = t;
      const now = clock.now();
      if (fresh(t) || (now < t.expiresAt && now < skipEarlyRefreshUntil)) return t.accessToken;
      return refresh(t.accessToken, now < t.expiresAt);
    },

    renewAfterUnauthorized(rejected) {
      if (cached && cached.accessToken !== rejected && fresh(cached)) return true;
      refresh(rejected, false);
      return true;
    },

    markRejected(rejected) {
      cfg.lock.withLock(() => {
        const t = cfg.store.load();
        if (t && t.accessToken === rejected && !t.reconnectNeeded) {
          cfg.store.save({ ...t, reconnectNeeded: { reason: "token_rejected", at: clock.now() } });
        }
      });
      cached = null;
    },

    exchangeAuthorizationCode(code) {
      cfg.lock.withLock(() => {
        const startedAt = clock.now();
        let res: HttpResponse;
        try {
          res = send({
            client_id: cfg.clientId,
            client_secret: cfg.clientSecret,
            grant_type: "authorization_code",
            code,
            redirect_uri: cfg.redirectUri,
          });
        } catch (e) {
          if (!(e instanceof NetworkError)) throw e;
          stats.networkErrors++;
          throw new AmoRequestFailedError(TOKEN_ENDPOINT, `network error (${e.kind})`, 1);
        }
        if (res.status !== 200) {
          if (classify(res).kind === "blocked") throw new AmoBlockedError(TOKEN_ENDPOINT);
          throw new AmoHttpError(TOKEN_ENDPOINT, res.status, problemDetail(res.body));
        }
        const raw = tryJson(res.body);
        const parsed = tokenResponseSchema.safeParse(raw);
        if (!parsed.success) {
          throw new AmoMalformedResponseError(
            TOKEN_ENDPOINT,
            schemaError("token response", raw, parsed.error.issues).message,
          );
        }
        const next = toStored(parsed.data, startedAt);
        cfg.store.save(next);
        cached = next;
        skipEarlyRefreshUntil = 0;
        deps.logger.info("amoCRM connected", { expiresAt: next.expiresAt });
      });
    },

    state: () => readAuthState(cfg.store),
  };
}
