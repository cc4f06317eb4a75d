/**
 * The other injected environment pieces. In Apps Script: `Date.now` + `Utilities.sleep`,
 * `LockService.getDocumentLock()` (or the user lock), user properties for tokens, `console`.
 * On Node: local/http-sync's sleep, an in-process lock, a file or memory store.
 */

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Blocks for `ms` milliseconds (Utilities.sleep in Apps Script). */
  sleep(ms: number): void;
}

/**
 * Mutual exclusion across executions (LockService: waitLock + releaseLock in a finally).
 * `fn` runs while no other holder of the same lock runs; throws if the lock cannot be taken.
 */
export interface Lock {
  withLock<T>(fn: () => T): T;
}

/** An OAuth token pair as persisted by the add-on (user properties in Apps Script). */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, epoch ms (server_time/now + expires_in). */
  expiresAt: number;
  /**
   * Set (epoch ms) just before a refresh request is sent and cleared by saving the new pair.
   * Found set later, it means a refresh token was sent and its answer lost: it may have been
   * spent, and it is never sent again (refresh tokens work once [DOC]); the user reconnects.
   */
  refreshStartedAt?: number | null;
  /** Set when the tokens are known to be dead; the UI reads it (see readAuthState). */
  reconnectNeeded?: { reason: ReconnectReason; at: number } | null;
}

export type ReconnectReason =
  | "not_connected"
  | "token_rejected"
  | "refresh_rejected"
  | "refresh_interrupted"
  | "refresh_malformed";

export interface TokenStore {
  load(): StoredTokens | null;
  save(tokens: StoredTokens): void;
  clear(): void;
}

/**
 * Where the client reports what it does. It is only ever given messages and plain fields that
 * the client built itself: never a token, a secret, a header, a request body or a query string.
 */
export interface Logger {
  info(message: string, fields?: Record<string, string | number | boolean | null>): void;
  warn(message: string, fields?: Record<string, string | number | boolean | null>): void;
}

export const silentLogger: Logger = {
  info() {},
  warn() {},
};
