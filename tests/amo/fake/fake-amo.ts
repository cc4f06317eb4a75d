/**
 * A scripted amoCRM for the client's tests: a pure function of (request, now) → reply, so it runs
 * in-process on a virtual clock (fast, exact) or behind node:http in a worker (server-worker.ts).
 * It speaks the v4 shapes of shared/reference/amocrm-samples (HAL pages, 204 past the end,
 * problem+json errors) and lets a test script faults: 429 storms, HTML 403, 5xx, dropped
 * connections, malformed bodies, expired or revoked tokens. Not the project's sandbox
 * (local/amo-sandbox): it is small on purpose, so that every fault is exact.
 */
import type { AccountData, ApiObject } from "../../../local/amo-sandbox/account-data";

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
/** "drop": close the connection without an answer; "hang": never answer. */
export type FakeReply = FakeResponse | "drop" | "hang";

export interface FaultRule {
  /** Exact path, or a prefix when it ends with "*". */
  path?: string;
  method?: string;
  page?: number;
  /** Let this many matching requests through first. */
  after?: number;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** "processed-then-drop": the server does the work, then the connection is lost. */
  reply:
    | "drop"
    | "hang"
    | "processed-then-drop"
    | { status: number; body?: string; headers?: Record<string, string> };
}

export interface FakeOAuth {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accessTtlSec?: number;
  /** Authorization codes that will be accepted (once each). */
  codes?: string[];
  /** A pair already issued before the test starts. */
  initial?: { accessToken: string; refreshToken: string; expiresAt: number };
}

export interface FakeAmoOptions {
  data?: Partial<AccountData>;
  /** Host written into `_links` (the client must not care). */
  publicBase?: string;
  longLivedToken?: string;
  oauth?: FakeOAuth;
  /** Server-side limit on arrival times; `blockAfter` violations → HTML 403 for good. */
  rateLimit?: { maxPerWindow: number; windowMs: number; retryAfterSec?: number | null; blockAfter?: number };
  /** Every request in [from, to) gets a 429 (retryAfterSec null → an HTML body without it). */
  storms?: { from: number; to: number; retryAfterSec?: number | null }[];
  faults?: FaultRule[];
  /** Emulates an account where lead filters are ignored (alpha feature off). */
  ignoreLeadFilters?: boolean;
  /** Keep a `next` link on a full last page (then the page after it answers 204). */
  nextOnFullLastPage?: boolean;
  /** A refresh also invalidates the access tokens issued before it. */
  refreshRevokesOldAccess?: boolean;
}

export interface LogEntry {
  at: number;
  method: string;
  path: string;
  query: string;
  page: number | null;
  auth: string | null;
  reply: number | "drop" | "hang";
}

export interface FakeRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse => ({
  status,
  headers: { "content-type": "application/hal+json", ...headers },
  body: JSON.stringify(body),
});

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}) => ({
  status,
  headers: { "content-type": "application/problem+json" },
  body: JSON.stringify({ title, type: `https://httpstatus.es/${status}`, status, detail, ...extra }),
});

const HTML_403 =
  "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

export class FakeAmo {
  readonly log: LogEntry[] = [];
  /** Every refresh token the token endpoint received, in order (valid or not). */
  readonly refreshTokensReceived: string[] = [];
  readonly data: AccountData;
  private readonly faultHits = new Map<FaultRule, number>();
  private readonly arrivals: number[] = [];
  private violations = 0;
  private blocked = false;
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();
  private readonly codes = new Set<string>();
  private issued = 0;
  private nextTaskId = 900_000;
  private readonly storms: { from: number; to: number; retryAfterSec?: number | null }[];

  constructor(private readonly o: FakeAmoOptions = {}) {
    const d = o.data ?? {};
    this.data = {
      account: d.account ?? { id: 1, name: "Fake", subdomain: "fake", current_user_id: 1 },
      users: d.users ?? [],
      pipelines: d.pipelines ?? [],
      loss_reasons: d.loss_reasons ?? [],
      custom_fields: d.custom_fields ?? [],
      leads: d.leads ?? [],
      contacts: d.contacts ?? [],
      tasks: d.tasks ?? [],
      events: d.events ?? [],
      leads_notes: d.leads_notes ?? [],
      contacts_notes: d.contacts_notes ?? [],
    };
    if (o.oauth?.initial) {
      this.access.set(o.oauth.initial.accessToken, o.oauth.initial.expiresAt);
      this.refresh.add(o.oauth.initial.refreshToken);
    }
    for (const c of o.oauth?.codes ?? []) this.codes.add(c);
    this.storms = [...(o.storms ?? [])];
  }

  /** Makes a token invalid at once (as when an admin disables the integration). */
  revokeAccess(token: string): void {
    this.access.delete(token);
  }

  /** Starts a 429 storm over [from, to). */
  addStorm(from: number, to: number, retryAfterSec: number | null): void {
    this.storms.push({ from, to, retryAfterSec });
  }

  /** Access tokens currently accepted. */
  validAccessTokens(): string[] {
    return [...this.access.keys()];
  }

  handle(req: FakeRequest, now: number): FakeReply {
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    const pageParam = url.searchParams.get("page");
    const entry: LogEntry = {
      at: now,
      method,
      path: url.pathname,
      query: url.search,
      page: pageParam === null ? null : Number(pageParam),
      auth: header(req.headers, "authorization"),
      reply: 0,
    };
    this.log.push(entry);
    const reply = this.route(method, url, req, now, entry);
    entry.reply = typeof reply === "string" ? reply : reply.status;
    return reply;
  }

  private route(method: string, url: URL, req: FakeRequest, now: number, entry: LogEntry): FakeReply {
    const fault = this.matchFault(method, url.pathname, entry.page);
    if (fault?.reply === "processed-then-drop") {
      this.serve(method, url, req, now);
      return "drop";
    }
    if (fault) {
      if (fault.reply === "drop" || fault.reply === "hang") return fault.reply;
      return { status: fault.reply.status, headers: fault.reply.headers ?? {}, body: fault.reply.body ?? "" };
    }
    return this.serve(method, url, req, now);
  }

  private serve(method: string, url: URL, req: FakeRequest, now: number): FakeReply {
    if (this.blocked) return { status: 403, headers: { "content-type": "text/html" }, body: HTML_403 };
    for (const s of this.storms) {
      if (now >= s.from && now < s.to) return this.tooMany(s.retryAfterSec ?? null);
    }
    const rl = this.o.rateLimit;
    if (rl) {
      while (this.arrivals.length > 0 && this.arrivals[0]! <= now - rl.windowMs) this.arrivals.shift();
      if (this.arrivals.length >= rl.maxPerWindow) {
        this.violations++;
        if (rl.blockAfter !== undefined && this.violations >= rl.blockAfter) this.blocked = true;
        return this.tooMany(rl.retryAfterSec === undefined ? 1 : rl.retryAfterSec);
      }
      this.arrivals.push(now);
    }
    if (url.pathname === "/oauth2/access_token" && method === "POST") return this.token(req.body ?? "", now);
    const auth = header(req.headers, "authorization");
    if (!this.authorized(auth, now)) return problem(401, "Unauthorized", "Invalid user name or password");
    return this.api(method, url, req);
  }

  private tooMany(retryAfterSec: number | null): FakeResponse {
    if (retryAfterSec === null) {
      return {
        status: 429,
        headers: { "content-type": "text/html" },
        body: "<html><body>Too many requests</body></html>",
      };
    }
    return problem(429, "Too Many Requests", "You have sent too many requests in a given amount of time.", {
      retry_after: retryAfterSec,
    });
  }

  private matchFault(method: string, path: string, page: number | null): FaultRule | null {
    for (const f of this.o.faults ?? []) {
      if (f.method && f.method.toUpperCase() !== method) continue;
      if (f.path) {
        const ok = f.path.endsWith("*") ? path.startsWith(f.path.slice(0, -1)) : path === f.path;
        if (!ok) continue;
      }
      if (f.page !== undefined && (page ?? 1) !== f.page) continue;
      const n = (this.faultHits.get(f) ?? 0) + 1;
      this.faultHits.set(f, n);
      if (n <= (f.after ?? 0)) continue;
      if (n > (f.after ?? 0) + (f.times ?? 1)) continue;
      return f;
    }
    return null;
  }

  private authorized(auth: string | null, now: number): boolean {
    const m = /^Bearer (.+)$/.exec(auth ?? "");
    if (!m) return false;
    const token = m[1]!;
    if (this.o.longLivedToken !== undefined && token === this.o.longLivedToken) return true;
    const exp = this.access.get(token);
    return exp !== undefined && now < exp;
  }

  private issue(now: number): FakeResponse {
    this.issued++;
    // "SECRET" in every token lets tests check that none leaks into a message or a log line.
    const access = `at-${this.issued}-SECRET`;
    const refresh = `rt-${this.issued}-SECRET`;
    const ttl = this.o.oauth?.accessTtlSec ?? 86_400;
    this.access.set(access, now + ttl * 1000);
    this.refresh.add(refresh);
    return {
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token_type: "Bearer",
        expires_in: ttl,
        server_time: Math.floor(now / 1000),
        access_token: access,
        refresh_token: refresh,
      }),
    };
  }

  private token(body: string, now: number): FakeResponse {
    const oauth = this.o.oauth;
    let b: Record<string, string>;
    try {
      b = JSON.parse(body) as Record<string, string>;
    } catch {
      return problem(400, "Bad Request", "Request data can not be empty");
    }
    if (!oauth || b["client_id"] !== oauth.clientId || b["client_secret"] !== oauth.clientSecret) {
      return problem(401, "Unauthorized", "Client authentication failed");
    }
    if (b["redirect_uri"] !== oauth.redirectUri) return problem(400, "Bad Request", "Redirect URI mismatch");
    if (b["grant_type"] === "authorization_code") {
      const code = b["code"] ?? "";
      if (!this.codes.delete(code)) return problem(400, "Bad Request", "Authorization code has expired");
      return this.issue(now);
    }
    if (b["grant_type"] === "refresh_token") {
      const rt = b["refresh_token"] ?? "";
      this.refreshTokensReceived.push(rt);
      // amoCRM RU: a refresh token can be exchanged only once [DOC].
      if (!this.refresh.delete(rt)) return problem(400, "Bad Request", "Token has been revoked");
      if (this.o.refreshRevokesOldAccess) this.access.clear();
      return this.issue(now);
    }
    return problem(400, "Bad Request", "Unsupported grant type");
  }

  /** Filtered, sorted lists by query without its page: every page of a walk reuses one. */
  private readonly lists = new Map<string, ApiObject[]>();

  private list(url: URL, build: () => ApiObject[]): ApiObject[] {
    const q = new URLSearchParams(url.searchParams);
    q.delete("page");
    const key = `${url.pathname}?${q.toString()}`;
    let l = this.lists.get(key);
    if (!l) {
      l = build();
      this.lists.set(key, l);
    }
    return l;
  }

  private api(method: string, url: URL, req: FakeRequest): FakeReply {
    const p = url.pathname.replace(/\/+$/, "");
    const q = url.searchParams;
    const d = this.data;
    if (method === "POST" && p === "/api/v4/tasks") {
      this.lists.clear();
      return this.addTasks(req.body ?? "[]");
    }
    if (method !== "GET") return problem(405, "Method Not Allowed", "Method Not Allowed");
    switch (p) {
      case "/api/v4/account":
        return json(200, d.account);
      case "/api/v4/users":
        return this.page(url, "users", d.users, 250);
      case "/api/v4/leads/pipelines":
        return json(200, { _total_items: d.pipelines.length, _embedded: { pipelines: d.pipelines } });
      case "/api/v4/leads/loss_reasons":
        return d.loss_reasons.length === 0
          ? empty()
          : json(200, { _embedded: { loss_reasons: d.loss_reasons } });
      case "/api/v4/leads/custom_fields":
        return this.page(url, "custom_fields", d.custom_fields, 250);
      case "/api/v4/leads": {
        const leads = this.list(url, () => {
          const deleted = (q.get("with") ?? "").split(",").includes("only_deleted");
          let l = d.leads.filter((x) => Boolean(x["is_deleted"]) === deleted);
          if (!this.o.ignoreLeadFilters) {
            l = l.filter((x) => inRange(x["updated_at"], q, "updated_at"));
            const pipelines = q.getAll("filter[pipeline_id][]").map(Number);
            if (pipelines.length > 0) l = l.filter((x) => pipelines.includes(x["pipeline_id"] as number));
          }
          return byId(l);
        });
        return this.page(url, "leads", leads, 250);
      }
      case "/api/v4/contacts": {
        const ids = q.getAll("filter[id][]").map(Number);
        let contacts = d.contacts.filter((c) => inRange(c["updated_at"], q, "updated_at"));
        if (ids.length > 0) contacts = contacts.filter((c) => ids.includes(c["id"] as number));
        return this.page(url, "contacts", byId(contacts), 250);
      }
      case "/api/v4/tasks": {
        const et = q.get("filter[entity_type]");
        const tasks = d.tasks.filter(
          (t) => inRange(t["updated_at"], q, "updated_at") && (et === null || t["entity_type"] === et),
        );
        return this.page(url, "tasks", byId(tasks), 250);
      }
      case "/api/v4/events": {
        const types = q.getAll("filter[type][]");
        const entities = q.getAll("filter[entity][]");
        const events = d.events
          .filter(
            (e) =>
              inRange(e["created_at"], q, "created_at") &&
              (types.length === 0 || types.includes(e["type"] as string)) &&
              (entities.length === 0 || entities.includes(e["entity_type"] as string)),
          )
          // Newest first, as events are believed to come [BELIEF].
          .sort((a, b) => (b["created_at"] as number) - (a["created_at"] as number));
        return this.page(url, "events", events, 100);
      }
      case "/api/v4/leads/notes":
      case "/api/v4/contacts/notes": {
        const all = p.startsWith("/api/v4/leads") ? d.leads_notes : d.contacts_notes;
        const types = q.getAll("filter[note_type][]");
        const notes = all.filter(
          (n) =>
            inRange(n["updated_at"], q, "updated_at") &&
            (types.length === 0 || types.includes(n["note_type"] as string)),
        );
        return this.page(url, "notes", byId(notes), 250);
      }
      default:
        return problem(404, "Not Found", `Cannot GET ${p}`);
    }
  }

  private addTasks(body: string): FakeResponse {
    const items = JSON.parse(body) as ApiObject[];
    const out = items.map((t) => {
      const id = this.nextTaskId++;
      this.data.tasks.push({
        ...t,
        id,
        is_completed: false,
        created_at: 0,
        updated_at: 0,
        responsible_user_id: 1,
      });
      return {
        id,
        request_id: t["request_id"],
        _links: { self: { href: `${this.base()}/api/v4/tasks/${id}` } },
      };
    });
    return json(200, {
      _links: { self: { href: `${this.base()}/api/v4/tasks` } },
      _embedded: { tasks: out },
    });
  }

  private base(): string {
    return this.o.publicBase ?? "https://example.amocrm.ru";
  }

  /** A HAL page; `limit` above the maximum silently becomes 50 [ISSUE #210, Krukov #76]. */
  private page(url: URL, key: string, items: ApiObject[], max: number): FakeResponse {
    const asked = Number(url.searchParams.get("limit") ?? 50);
    const limit = asked > max ? 50 : asked;
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((page - 1) * limit, page * limit);
    if (slice.length === 0) return empty();
    const href = (n: number) => {
      const q = new URLSearchParams(url.searchParams);
      q.set("page", String(n));
      return `${this.base()}${url.pathname}?${q.toString()}`;
    };
    const more =
      page * limit < items.length || (this.o.nextOnFullLastPage === true && slice.length === limit);
    const links: Record<string, { href: string }> = { self: { href: href(page) } };
    if (more) links["next"] = { href: href(page + 1) };
    if (page > 1) links["prev"] = { href: href(page - 1) };
    return json(200, { _page: page, _links: links, _embedded: { [key]: slice } });
  }
}

function empty(): FakeResponse {
  return { status: 204, headers: {}, body: "" };
}

function header(h: Record<string, string> | undefined, name: string): string | null {
  if (!h) return null;
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === name) return v;
  return null;
}

function byId(items: ApiObject[]): ApiObject[] {
  return [...items].sort((a, b) => (a["id"] as number) - (b["id"] as number));
}

function inRange(value: unknown, q: URLSearchParams, field: string): boolean {
  const from = q.get(`filter[${field}][from]`);
  const to = q.get(`filter[${field}][to]`);
  const v = value as number;
  if (from !== null && v < Number(from)) return false;
  if (to !== null && v > Number(to)) return false;
  return true;
}
