/**
 * Who may call the API: the long-lived token, access tokens issued by the token endpoint, their
 * refresh tokens and the authorization codes (amocrm-api.md §2). Lifetimes run on the sandbox clock.
 */
import { jwtShapedToken, opaqueToken } from "./jwt";

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** Access token life: 24 h (`expires_in: 86400`) [DOC]. */
export const ACCESS_TTL_SEC = 86_400;
/** Refresh token life: 3 months [DOC]. */
export const REFRESH_TTL_MS = 90 * 86_400_000;
/** Authorization code life: 20 minutes [DOC] (oauth/oauth). */
export const CODE_TTL_MS = 20 * 60_000;
/** The long-lived token's `exp` claim: the longest validity the UI offers, 5 years [DOC]. */
const LONG_LIVED_TTL_SEC = 5 * 365 * 86_400;

export interface TokenPair {
  token_type: "Bearer";
  expires_in: number;
  server_time: number;
  access_token: string;
  refresh_token: string;
}

/** A refused grant: the status and the `hint` of the OAuth problem body. Never contains a token. */
export interface GrantError {
  status: 400 | 401;
  hint: string;
}

interface CodeRecord {
  clientId: string;
  expiresAtMs: number;
  used: boolean;
}

interface RefreshRecord {
  clientId: string;
  expiresAtMs: number;
  revoked: boolean;
  /** The refresh token this one replaced; with the Kommo grace it stays usable until this one is used. */
  parent?: string;
}

export interface TokenStoreOptions {
  clock: () => number;
  clients: OAuthClient[];
  longLivedToken?: string;
  /**
   * Kommo: "the old refresh token keeps working until the new one is used" [DOC] (Kommo oauth-20).
   * amoCRM RU: a refresh token "can be exchanged only once" [DOC] — the default (false). "Used" is read
   * as "exchanged at the token endpoint" [BELIEF].
   */
  refreshGrace: boolean;
  accountId: number;
  userId: number;
}

export class TokenStore {
  readonly longLivedToken: string;
  private readonly access = new Map<string, number>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly clients: Map<string, OAuthClient>;

  constructor(private readonly opts: TokenStoreOptions) {
    this.clients = new Map(opts.clients.map((c) => [c.clientId, c]));
    const nowSec = Math.floor(opts.clock() / 1000);
    this.longLivedToken =
      opts.longLivedToken ??
      jwtShapedToken({
        aud: "sandbox-private-integration",
        iat: nowSec,
        exp: nowSec + LONG_LIVED_TTL_SEC,
        sub: String(opts.userId),
        account_id: opts.accountId,
      });
  }

  /** The long-lived token is always valid; access tokens until 24 h after issue [DOC]. */
  isValid(token: string): boolean {
    if (token === this.longLivedToken) return true;
    const expiresAtMs = this.access.get(token);
    return expiresAtMs !== undefined && this.opts.clock() < expiresAtMs;
  }

  issueCode(clientId: string): string {
    if (!this.clients.has(clientId))
      throw new Error(`unknown OAuth client "${clientId}": pass it in oauthClients`);
    const code = opaqueToken(64);
    this.codes.set(code, { clientId, expiresAtMs: this.opts.clock() + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * Client checks first. A wrong secret or redirect_uri is a 400 [DOC] ("Errors: 400 with details");
   * league/oauth2-server would say 401 for a bad secret [BELIEF], the reference's 400 is kept.
   */
  private checkClient(params: Record<string, string>): OAuthClient | GrantError {
    const client = this.clients.get(params["client_id"] ?? "");
    if (!client || client.clientSecret !== params["client_secret"]) {
      return { status: 400, hint: "Client authentication failed" };
    }
    if (params["redirect_uri"] !== client.redirectUri) return { status: 400, hint: "Redirect URI mismatch" };
    return client;
  }

  exchangeCode(params: Record<string, string>): TokenPair | GrantError {
    const client = this.checkClient(params);
    if ("status" in client) return client;
    const record = this.codes.get(params["code"] ?? "");
    if (!record || record.clientId !== client.clientId) {
      return { status: 400, hint: "Cannot decrypt the authorization code" };
    }
    if (record.used) return { status: 400, hint: "Authorization code has been revoked" };
    if (this.opts.clock() >= record.expiresAtMs)
      return { status: 400, hint: "Authorization code has expired" };
    record.used = true;
    return this.issuePair(client.clientId);
  }

  /**
   * A refresh token that was already exchanged answers 401 `"hint":"Token has been revoked"` [ISSUE]
   * amocrm-api-php#123, #315 (a maintainer: it happens when a used refresh token is sent again).
   */
  refresh(params: Record<string, string>): TokenPair | GrantError {
    const client = this.checkClient(params);
    if ("status" in client) return client;
    const token = params["refresh_token"] ?? "";
    const record = this.refreshTokens.get(token);
    if (!record || record.clientId !== client.clientId) {
      return { status: 400, hint: "Cannot decrypt the refresh token" };
    }
    if (record.revoked) return { status: 401, hint: "Token has been revoked" };
    if (this.opts.clock() >= record.expiresAtMs) return { status: 400, hint: "Token has expired" };
    if (this.opts.refreshGrace) {
      // Using the new token retires the one it replaced.
      if (record.parent) this.revoke(record.parent);
    } else {
      record.revoked = true;
    }
    return this.issuePair(client.clientId, token);
  }

  private revoke(token: string): void {
    const record = this.refreshTokens.get(token);
    if (record) record.revoked = true;
  }

  private issuePair(clientId: string, parent?: string): TokenPair {
    const nowMs = this.opts.clock();
    const nowSec = Math.floor(nowMs / 1000);
    const accessToken = jwtShapedToken({
      aud: clientId,
      iat: nowSec,
      exp: nowSec + ACCESS_TTL_SEC,
      sub: String(this.opts.userId),
      account_id: this.opts.accountId,
    });
    this.access.set(accessToken, nowMs + ACCESS_TTL_SEC * 1000);
    const refreshToken = opaqueToken(128);
    const record: RefreshRecord = { clientId, expiresAtMs: nowMs + REFRESH_TTL_MS, revoked: false };
    if (parent !== undefined) record.parent = parent;
    this.refreshTokens.set(refreshToken, record);
    // Key order of oauth_token_response.json [DOC].
    return {
      token_type: "Bearer",
      expires_in: ACCESS_TTL_SEC,
      server_time: nowSec,
      access_token: accessToken,
      refresh_token: refreshToken,
    };
  }
}
