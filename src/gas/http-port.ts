/**
 * UrlFetchApp as the amoCRM client's HttpPort. `muteHttpExceptions` so every status reaches the
 * client's own handling; `followRedirects: false` so a redirect to another host never receives the
 * Authorization header. UrlFetchApp throws on DNS errors, timeouts and refused connections; those
 * become NetworkError (retried by the client). Whether a thrown request reached amoCRM is unknown,
 * so `notSent` stays false [apps-script.md §3: the texts are "DNS error", "Address unavailable",
 * "Timeout"].
 */
import { type HttpPort, type HttpRequest, type HttpResponse, NetworkError } from "../amo/http";

function params(r: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  const p: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: r.method,
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (r.headers) p.headers = r.headers;
  if (r.payload !== undefined) p.payload = r.payload;
  if (r.contentType) p.contentType = r.contentType;
  return p;
}

function response(res: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.getHeaders() as Record<string, unknown>)) {
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return { status: res.getResponseCode(), headers, body: res.getContentText() };
}

function networkError(e: unknown): NetworkError {
  const text = e instanceof Error ? e.message : String(e);
  // The message names the URL; keep only its kind, never a query string.
  const kind = /timeout/i.test(text) ? "timeout" : /dns/i.test(text) ? "dns" : "other";
  return new NetworkError(kind, `network error (${kind}) talking to amoCRM`);
}

export const urlFetchPort: HttpPort = {
  fetch(r) {
    try {
      return response(UrlFetchApp.fetch(r.url, params(r)));
    } catch (e) {
      throw networkError(e);
    }
  },
  fetchAll(rs) {
    try {
      return UrlFetchApp.fetchAll(rs.map((r) => ({ url: r.url, ...params(r) }))).map(response);
    } catch (e) {
      throw networkError(e);
    }
  },
};
