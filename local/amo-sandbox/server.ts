/**
 * The local stand-in for the amoCRM / Kommo REST API v4: an HTTP server on 127.0.0.1 serving one
 * account (AccountData) with the real API's envelopes, paging, filters, auth, rate limits and
 * injectable faults. Reference: shared/reference/amocrm-api.md (tags [DOC], [SDK], [ISSUE], [OBS],
 * [BELIEF] in comments say where each behaviour comes from).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccountData } from "./account-data";
import { type OAuthClient, TokenStore } from "./auth/tokens";
import { FaultInjector, type FaultSpec } from "./faults";
import { requestListener, type SandboxCore, type SandboxStats } from "./handle";
import { PageCursors } from "./page-cursors";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "./rate-limit";
import { apiRoutes } from "./routes/index";
import { AccountStore } from "./store";

export type { OAuthClient } from "./auth/tokens";
export type { FaultSpec } from "./faults";
export { parseFaultSpec } from "./faults";
export type { SandboxStats } from "./handle";
export type { RateLimitOptions } from "./rate-limit";

export interface SandboxOptions {
  data: AccountData;
  /** 0 (default) = a free port. */
  port?: number;
  /** The account's subdomain as served; default: the data's `account.subdomain`, else "sandbox". */
  subdomain?: string;
  /** A fixed long-lived token; default: a fresh JWT-shaped one. */
  longLivedToken?: string;
  /** ms; drives token expiry and the rate limiter, so tests can move time. Default Date.now. */
  clock?: () => number;
  /** Overrides of the rate rule (7/s, block after 50 429s in 60 s for 10 min); `false` switches it off. */
  rateLimit?: Partial<RateLimitOptions> | false;
  faults?: FaultSpec;
  oauthClients?: OAuthClient[];
  /** false emulates an account without API filtering: lead and contact filters are ignored [BELIEF]. */
  apiFilterEnabled?: boolean;
  /** Kommo's rule: an old refresh token works until the new one is used. Default false (amoCRM RU). */
  refreshGrace?: boolean;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT — the account host; the API is under /api/v4. */
  baseUrl: string;
  port: number;
  subdomain: string;
  longLivedToken: string;
  /** Issues an authorization code (20 min, single use) as the "Allow" redirect would carry it. */
  issueAuthorizationCode(clientId: string): string;
  /** Live counters. */
  stats: SandboxStats;
  /** Replaces the fault spec and restarts its random sequence. */
  setFaults(spec: FaultSpec): void;
  close(): Promise<void>;
}

export async function createSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const clock = opts.clock ?? Date.now;
  const store = new AccountStore(opts.data);
  const account = store.account;
  const subdomain =
    opts.subdomain ?? (typeof account["subdomain"] === "string" ? account["subdomain"] : "sandbox");
  const currentUser = account["current_user_id"];
  const tokenOptions: ConstructorParameters<typeof TokenStore>[0] = {
    clock,
    clients: opts.oauthClients ?? [],
    refreshGrace: opts.refreshGrace ?? false,
    accountId: store.accountId,
    userId: typeof currentUser === "number" ? currentUser : 0,
  };
  if (opts.longLivedToken !== undefined) tokenOptions.longLivedToken = opts.longLivedToken;
  const tokens = new TokenStore(tokenOptions);
  const rateLimit: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, ...(opts.rateLimit || {}) };
  const core: SandboxCore = {
    store,
    tokens,
    routes: apiRoutes(),
    limiter: opts.rateLimit === false ? null : new RateLimiter(rateLimit),
    rateLimit,
    faults: new FaultInjector(opts.faults ?? {}),
    clock,
    apiFilterEnabled: opts.apiFilterEnabled ?? true,
    subdomain,
    cursors: new PageCursors(),
    stats: {
      requests: 0,
      byStatus: {},
      byPath: {},
      faults: { error5xx: 0, malformed: 0, dropped: 0, delayed: 0 },
    },
  };

  let host = "127.0.0.1";
  const server = createServer(requestListener(core, () => host));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;

  return {
    baseUrl: `http://${host}`,
    port,
    subdomain,
    longLivedToken: tokens.longLivedToken,
    issueAuthorizationCode: (clientId) => tokens.issueCode(clientId),
    stats: core.stats,
    setFaults: (spec) => core.faults.set(spec),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
