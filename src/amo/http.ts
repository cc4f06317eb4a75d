/**
 * The HTTP port: the shape of Apps Script's UrlFetchApp, reduced to what the client uses.
 *
 * Synchronous on purpose: in Apps Script `UrlFetchApp.fetch` blocks, and the same client runs on
 * Node through local/http-sync (a worker thread + Atomics.wait). An HTTP error status is a normal
 * return value (the GAS adapter passes `muteHttpExceptions: true`); only a failure to get any
 * response at all throws, as UrlFetchApp does ("Address unavailable", "DNS error", timeouts).
 */

export type HttpMethod = "get" | "post" | "patch" | "delete";

export interface HttpRequest {
  /** Absolute URL. */
  url: string;
  method: HttpMethod;
  headers?: Record<string, string>;
  /** Request body (already serialised). */
  payload?: string;
  /** Content-Type of the payload (UrlFetchApp takes it apart from the headers). */
  contentType?: string;
  /**
   * Follow 3xx answers. The amoCRM client never sets it, and the Apps Script adapter must pass
   * `followRedirects: false` (UrlFetchApp follows by default): a redirect to another host must
   * not receive the Authorization header. A 3xx then reaches the client as an HTTP error.
   */
  followRedirects?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Body as text; "" for 204 or an empty body. */
  body: string;
}

export interface HttpPort {
  fetch(req: HttpRequest): HttpResponse;
  /**
   * Runs the requests concurrently and returns the responses in the same order. Like
   * `UrlFetchApp.fetchAll`, it throws a NetworkError when any of them gets no response at all
   * (which one is not said), so callers must treat the whole batch as failed.
   */
  fetchAll(reqs: HttpRequest[]): HttpResponse[];
}

/**
 * Why no response arrived. `refused` and `dns` mean the request never reached a server (safe to
 * send again even if it is not idempotent); the others leave it unknown whether the server got it.
 */
export type NetworkErrorKind = "dns" | "refused" | "reset" | "timeout" | "other";

/** No HTTP response at all. The message never carries a query string, a header or a body. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(
    readonly kind: NetworkErrorKind,
    message: string,
  ) {
    super(message);
  }

  /** True when the request certainly did not reach a server. */
  get notSent(): boolean {
    return this.kind === "dns" || this.kind === "refused";
  }
}

/** Lower-cases header names (UrlFetchApp's getAllHeaders keeps the server's case). */
export function normalizeHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}
