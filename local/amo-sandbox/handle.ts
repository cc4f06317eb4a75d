/**
 * One request through the sandbox, in the order a real front would take it:
 * route (404/405) → token endpoint, or bearer auth (401) → rate limit (403 block, 429) → faults
 * (drop, latency, 5xx) → the route's answer (possibly truncated by the malformed fault).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { tokenEndpoint } from "./auth/token-endpoint";
import type { TokenStore } from "./auth/tokens";
import type { Fate, FaultInjector } from "./faults";
import type { PageCursors } from "./page-cursors";
import {
  badJson,
  internalError,
  methodNotAllowed,
  nginxPage,
  notFound,
  serviceUnavailable,
  tooManyRequests,
  tooManyRequestsPlain,
  unauthorized,
  validationFailed,
} from "./problems";
import { FilterError, parseQuery } from "./query";
import type { RateLimiter, RateLimitOptions } from "./rate-limit";
import { HAL_JSON, type Reply } from "./reply";
import type { Router } from "./router";
import type { Handler, RequestContext } from "./routes/context";
import type { AccountStore } from "./store";

export interface SandboxStats {
  /** Every request received, answered or not. */
  requests: number;
  byStatus: Record<number, number>;
  /** Requests per path (without the query). */
  byPath: Record<string, number>;
  /** Requests a fault was injected into. */
  faults: { error5xx: number; malformed: number; dropped: number; delayed: number };
}

export interface SandboxCore {
  store: AccountStore;
  tokens: TokenStore;
  routes: Router<Handler>;
  /** null when the rate limit is switched off. */
  limiter: RateLimiter | null;
  rateLimit: RateLimitOptions;
  faults: FaultInjector;
  clock: () => number;
  apiFilterEnabled: boolean;
  subdomain: string;
  stats: SandboxStats;
  cursors: PageCursors;
}

const TOKEN_PATH = "/oauth2/access_token";
const MAX_BODY_BYTES = 20 * 1024 * 1024;

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  // Media types exactly as amoCRM names them (no charset parameter; bodies are UTF-8).
  if (reply.contentType) headers["Content-Type"] = reply.contentType;
  headers["Content-Length"] = Buffer.byteLength(reply.body);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}

/** 500/503 in problem form; 502/504 as the front proxy's HTML page [BELIEF]. */
function faultReply(status: 500 | 502 | 503 | 504): Reply {
  switch (status) {
    case 500:
      return internalError(randomUUID());
    case 502:
      return nginxPage(502, "Bad Gateway");
    case 503:
      return serviceUnavailable();
    case 504:
      return nginxPage(504, "Gateway Time-out");
  }
}

/** A 200 whose JSON stops half-way, as a cut connection through a proxy would leave it. */
function truncated(reply: Reply): Reply {
  const body = reply.body && reply.body.length > 1 ? reply.body : '{"_page":1,"_links":{"self":{"href":"';
  return {
    status: 200,
    contentType: HAL_JSON,
    body: body.slice(0, Math.max(1, Math.floor(body.length / 2))),
  };
}

function rateLimitReply(core: SandboxCore, token: string): Reply | null {
  if (!core.limiter) return null;
  const verdict = core.limiter.check(token, core.clock());
  if (verdict === "blocked") return nginxPage(403, "Forbidden");
  if (verdict === "limited") {
    return core.rateLimit.plain429 ? tooManyRequestsPlain() : tooManyRequests(core.rateLimit.retryAfterSec);
  }
  return null;
}

function runHandler(handler: Handler, ctx: RequestContext): Reply {
  try {
    return handler(ctx);
  } catch (error) {
    if (error instanceof FilterError) {
      // A bad query value: 400 in the shape of error_400_validation.json; the real body for query
      // errors is unpublished [BELIEF].
      return validationFailed([
        { request_id: "0", errors: [{ code: error.code, path: error.path, detail: error.detail }] },
      ]);
    }
    console.error("amo-sandbox: handler failed:", error instanceof Error ? error.message : error);
    return internalError(randomUUID());
  }
}

/** The answer to one request, or null when the drop fault destroyed the connection. */
async function answer(core: SandboxCore, req: IncomingMessage, fallbackHost: string): Promise<Reply | null> {
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? "" : url.slice(q + 1);
  core.stats.requests++;
  core.stats.byPath[pathname] = (core.stats.byPath[pathname] ?? 0) + 1;
  // Any Host is accepted; links lead back through the host the client used.
  const origin = `http://${req.headers.host ?? fallbackHost}`;

  if (pathname === TOKEN_PATH) {
    if (method !== "POST") return methodNotAllowed(["POST"]);
    const body = await readBody(req);
    return tokenEndpoint(core.tokens, req.headers["content-type"] ?? "", body ?? "");
  }

  const match = core.routes.match(method, pathname);
  if (match.kind === "none") return notFound(method, `${origin}${pathname}`);
  if (match.kind === "wrong-method") return methodNotAllowed(match.allow);

  const token = bearer(req.headers.authorization);
  if (!token || !core.tokens.isValid(token)) return unauthorized();
  const limited = rateLimitReply(core, token);
  if (limited) return limited;

  const { fate, latencyMs }: { fate: Fate; latencyMs: number } = core.faults.active
    ? core.faults.next()
    : { fate: { kind: "normal" }, latencyMs: 0 };
  if (fate.kind === "drop") {
    core.stats.faults.dropped++;
    req.socket.destroy();
    return null;
  }
  if (latencyMs > 0) {
    core.stats.faults.delayed++;
    await sleep(latencyMs);
  }
  if (fate.kind === "error") {
    core.stats.faults.error5xx++;
    return faultReply(fate.status);
  }

  let body: unknown;
  if (method === "POST") {
    const raw = await readBody(req);
    if (raw === null) return badJson();
    if (raw.trim() !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        return badJson();
      }
    }
  }
  const reply = runHandler(match.handler, {
    method,
    pathname: pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname,
    params: match.params,
    rawQuery,
    query: parseQuery(rawQuery),
    origin,
    store: core.store,
    nowMs: core.clock(),
    body,
    apiFilterEnabled: core.apiFilterEnabled,
    subdomain: core.subdomain,
    cursors: core.cursors,
  });
  if (fate.kind === "malformed") {
    core.stats.faults.malformed++;
    return truncated(reply);
  }
  return reply;
}

export function requestListener(core: SandboxCore, fallbackHost: () => string) {
  const reply = (res: ServerResponse, r: Reply) => {
    // Counted before sending, so a client that has its answer also sees it in the stats.
    core.stats.byStatus[r.status] = (core.stats.byStatus[r.status] ?? 0) + 1;
    send(res, r);
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    answer(core, req, fallbackHost()).then(
      (r) => {
        if (r) reply(res, r);
      },
      (error: unknown) => {
        console.error("amo-sandbox: request failed:", error instanceof Error ? error.message : error);
        if (!res.headersSent) reply(res, internalError(randomUUID()));
        else res.destroy();
      },
    );
  };
}
