/**
 * UrlFetchApp over an injected synchronous HTTP port (local/http-sync's createSyncHttp() fits:
 * its HttpPort is accepted structurally). Imitated:
 *  - params: method (default get), headers, payload (string, bytes, Blob, or an object sent
 *    form-encoded), contentType (default application/x-www-form-urlencoded with a payload),
 *    muteHttpExceptions, followRedirects, validateHttpsCertificates;
 *  - a status >= 400 throws Google's "Request failed for <origin> returned code N. Truncated
 *    server response: ..." unless muteHttpExceptions [seen];
 *  - no response at all throws "DNS error: <url>", "Address unavailable: <url>" or
 *    "Timeout: <url>" [seen], mapped from the port's NetworkError kind;
 *  - each request counts against the daily quota (20,000 consumer [doc]), fetchAll included;
 *  - optionally the manifest's urlFetchWhitelist (prefix match, one leading *. wildcard [doc]).
 */
import type { RuntimeEnv } from "../env";
import { type DailyCounter, dailyCounter } from "../env";
import { fail, GasException, MSG } from "../errors";
import { type ExtraMembers, gas, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import { dataToBuffer, FakeBlob, toSignedBytes } from "./blob";

/** What the port receives (structurally the project's src/amo/http HttpRequest, widened). */
export interface UrlFetchPortRequest {
  url: string;
  /** Lower case: "get", "post", "put", "patch", "delete". */
  method: string;
  headers?: Record<string, string>;
  payload?: string;
  contentType?: string;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
}

export interface UrlFetchPortResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export interface UrlFetchPort {
  fetch(req: UrlFetchPortRequest): UrlFetchPortResponse;
  fetchAll?(reqs: UrlFetchPortRequest[]): UrlFetchPortResponse[];
}

type Params = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type GResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;
type GApp = GoogleAppsScript.URL_Fetch.UrlFetchApp;

const APP = meta("urlfetch", "UrlFetchApp");
const RESPONSE = meta("urlfetch", "HTTPResponse");

export interface UrlFetchDeps {
  env: RuntimeEnv;
  port: UrlFetchPort | undefined;
  /** urlFetchWhitelist entries, enforced when given. */
  allowlist: readonly string[] | undefined;
  /** Every request sent, for assertions. */
  log: UrlFetchPortRequest[];
}

interface Prepared {
  req: UrlFetchPortRequest;
  mute: boolean;
}

function formEncode(obj: Record<string, unknown>): string {
  return Object.entries(obj)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(str(v))}`)
    .join("&");
}

function allowed(url: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => {
    const m = /^https:\/\/\*\.(.*)$/.exec(p);
    if (!m) return url.startsWith(p);
    // "https://*.example.com/foo" needs at least one subdomain label before example.com.
    const rest = /^https:\/\/([^/]+)(\/.*)?$/.exec(url);
    if (!rest) return false;
    const host = rest[1]!;
    const [domain, ...pathParts] = m[1]!.split("/");
    const path = `/${pathParts.join("/")}`;
    return host.endsWith(`.${domain}`) && (rest[2] ?? "/").startsWith(path);
  });
}

export class FakeUrlFetchApp implements Pick<GApp, "fetch" | "fetchAll" | "getRequest"> {
  readonly [FAKE] = APP;
  private readonly daily: DailyCounter;

  constructor(private readonly deps: UrlFetchDeps) {
    this.daily = dailyCounter(() => deps.env.limits.urlFetchPerDay, "urlfetch");
  }

  private prepare(url: unknown, params: Params | undefined): Prepared {
    const u = str(url);
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      fail(MSG.badUrl(u));
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") fail(MSG.badUrl(u));
    if (this.deps.allowlist && !allowed(u, this.deps.allowlist)) fail(MSG.notAllowlisted(u));
    const p = params ?? {};
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((p.headers ?? {}) as Record<string, unknown>)) headers[k] = str(v);
    const req: UrlFetchPortRequest = {
      url: u,
      method: str(p.method ?? "get").toLowerCase(),
      headers,
      followRedirects: p.followRedirects !== false,
      validateHttpsCertificates: p.validateHttpsCertificates !== false,
    };
    const payload = p.payload as unknown;
    if (payload !== undefined && payload !== null) {
      if (typeof payload === "string") req.payload = payload;
      else if (Array.isArray(payload) || typeof (payload as { getBytes?: unknown }).getBytes === "function") {
        req.payload = dataToBuffer(payload).toString("latin1");
      } else req.payload = formEncode(payload as Record<string, unknown>);
      req.contentType = p.contentType ?? "application/x-www-form-urlencoded";
    } else if (p.contentType) req.contentType = p.contentType;
    return { req, mute: p.muteHttpExceptions === true };
  }

  private port(): UrlFetchPort {
    if (!this.deps.port) fail(MSG.noHttpPort);
    return this.deps.port;
  }

  private networkError(e: unknown, url: string): never {
    const kind = (e as { kind?: string }).kind;
    if (kind === "dns") fail(`DNS error: ${url}`);
    if (kind === "timeout") fail(`Timeout: ${url}`);
    if (kind) fail(`Address unavailable: ${url}`);
    if (e instanceof GasException) throw e;
    fail(e instanceof Error ? e.message : String(e));
  }

  private response(res: UrlFetchPortResponse, prepared: Prepared): GResponse {
    if (res.status >= 400 && !prepared.mute) {
      fail(MSG.requestFailed(new URL(prepared.req.url).origin, res.status, res.body));
    }
    return gas(new FakeHttpResponse(res));
  }

  private count(n: number): void {
    const { env } = this.deps;
    this.daily.take(n, env.clock.now());
    env.quota.urlFetchCalls += n;
    env.charge(env.costs.urlFetchMs);
  }

  fetch(url: string, params?: Params): GResponse {
    const prepared = this.prepare(url, params);
    const port = this.port();
    this.count(1);
    this.deps.log.push(prepared.req);
    let res: UrlFetchPortResponse;
    try {
      res = port.fetch(prepared.req);
    } catch (e) {
      this.networkError(e, prepared.req.url);
    }
    return this.response(res, prepared);
  }

  fetchAll(requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]): GResponse[] {
    const prepared = requests.map((r) =>
      typeof r === "string" ? this.prepare(r, undefined) : this.prepare(r.url, r as Params),
    );
    const port = this.port();
    this.count(prepared.length);
    for (const p of prepared) this.deps.log.push(p.req);
    let responses: UrlFetchPortResponse[];
    try {
      responses = port.fetchAll
        ? port.fetchAll(prepared.map((p) => p.req))
        : prepared.map((p) => port.fetch(p.req));
    } catch (e) {
      this.networkError(e, prepared[0]?.req.url ?? "");
    }
    return responses.map((res, i) => this.response(res, prepared[i]!));
  }

  /** The request Apps Script would send (no network, no quota). */
  getRequest(url: string, params?: Params): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const { req } = this.prepare(url, params);
    const out: Record<string, unknown> = {
      url: req.url,
      method: req.method,
      headers: req.headers,
      followRedirects: req.followRedirects,
      validateHttpsCertificates: req.validateHttpsCertificates,
      muteHttpExceptions: params?.muteHttpExceptions === true,
    };
    if (req.payload !== undefined) out["payload"] = req.payload;
    if (req.contentType !== undefined) out["contentType"] = req.contentType;
    return out as unknown as GoogleAppsScript.URL_Fetch.URLFetchRequest;
  }
}

type ResponseMethods =
  | "getAllHeaders"
  | "getAs"
  | "getBlob"
  | "getContent"
  | "getContentText"
  | "getHeaders"
  | "getResponseCode";

export class FakeHttpResponse implements Pick<GResponse, ResponseMethods> {
  readonly [FAKE] = RESPONSE;
  constructor(private readonly res: UrlFetchPortResponse) {}

  getResponseCode(): number {
    return this.res.status;
  }
  getContentText(charset?: string): string {
    void charset;
    return this.res.body;
  }
  getContent(): number[] {
    return toSignedBytes(Buffer.from(this.res.body, "utf8"));
  }
  /** One value per header; several values are joined with ", " [assumed]. */
  getHeaders(): object {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.res.headers)) out[k] = Array.isArray(v) ? v.join(", ") : v;
    return out;
  }
  /** Repeated headers (Set-Cookie) as arrays. */
  getAllHeaders(): object {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(this.res.headers)) out[k] = Array.isArray(v) ? [...v] : v;
    return out;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const type = this.header("content-type")?.split(";")[0] ?? null;
    return gas(new FakeBlob(Buffer.from(this.res.body, "utf8"), type));
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return this.getBlob().getAs(contentType);
  }
  private header(name: string): string | undefined {
    const hit = Object.entries(this.res.headers).find(([k]) => k.toLowerCase() === name);
    const v = hit?.[1];
    return Array.isArray(v) ? v[0] : v;
  }
}

export type _FakeUrlFetchAppCheck = NoExtraMembers<ExtraMembers<FakeUrlFetchApp, GApp>>;
export type _FakeHttpResponseCheck = NoExtraMembers<ExtraMembers<FakeHttpResponse, GResponse>>;
