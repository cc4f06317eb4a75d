/**
 * URLs without the URL class (Apps Script has neither URL nor URLSearchParams).
 *
 * A "target" is a path with its query, relative to the account's base URL, e.g.
 * "/api/v4/leads?limit=250&page=2". The client only ever sends requests to baseUrl + target, so
 * a `_links.next.href` naming another host (or a saved checkpoint) can never carry the token
 * elsewhere: only its path and query are kept.
 */

export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

/**
 * PHP-style query string from ordered pairs [DOC §3.4]: arrays become `key[]=v` repeated;
 * null/undefined/empty arrays are left out. Keys and values are percent-encoded (brackets too,
 * as amoCRM's own `_links` do).
 */
export function buildQuery(pairs: readonly (readonly [string, QueryValue])[]): string {
  const parts: string[] = [];
  for (const [key, value] of pairs) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const v of value) parts.push(`${encodeURIComponent(`${key}[]`)}=${encodeURIComponent(String(v))}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.join("&");
}

export function withQuery(path: string, pairs: readonly (readonly [string, QueryValue])[]): string {
  const q = buildQuery(pairs);
  return q === "" ? path : `${path}?${q}`;
}

const ABSOLUTE = /^https?:\/\/[^/?#]+(\/[^#]*)?(#.*)?$/i;

/** "https://x.amocrm.ru" or "http://127.0.0.1:8080": scheme and host only, no trailing slash. */
export function normalizeBaseUrl(baseUrl: string): string {
  const m = /^(https?:\/\/[^/?#]+)\/?$/i.exec(baseUrl.trim());
  if (!m?.[1])
    throw new Error(`baseUrl must be scheme://host[:port] with no path, e.g. https://example.amocrm.ru`);
  return m[1];
}

/** The target of an href (absolute or relative); null when it is not one we can follow. */
export function toTarget(href: string): string | null {
  const abs = ABSOLUTE.exec(href);
  if (abs) return abs[1] ?? "/";
  return href.startsWith("/") ? href.split("#")[0]! : null;
}

export function splitTarget(target: string): { path: string; query: string } {
  const i = target.indexOf("?");
  return i < 0 ? { path: target, query: "" } : { path: target.slice(0, i), query: target.slice(i + 1) };
}

/** "GET /api/v4/leads": what error messages and logs name (never the query). */
export function endpointLabel(method: string, target: string): string {
  return `${method.toUpperCase()} ${splitTarget(target).path}`;
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** The query's pairs as [decoded key, raw value]. */
function queryPairs(query: string): [string, string][] {
  if (query === "") return [];
  return query.split("&").map((p) => {
    const eq = p.indexOf("=");
    return eq < 0 ? [decodeKey(p), ""] : [decodeKey(p.slice(0, eq)), p.slice(eq + 1)];
  });
}

/** The `page` parameter of a target, or null. */
export function pageOf(target: string): number | null {
  for (const [k, v] of queryPairs(splitTarget(target).query)) {
    if (k === "page") {
      const n = Number(v);
      return Number.isInteger(n) && n > 0 ? n : null;
    }
  }
  return null;
}

/** The same target with `page` set to `page` (appended if absent). */
export function withPage(target: string, page: number): string {
  const { path, query } = splitTarget(target);
  const parts = query === "" ? [] : query.split("&");
  let found = false;
  const out = parts.map((p) => {
    const eq = p.indexOf("=");
    if (decodeKey(eq < 0 ? p : p.slice(0, eq)) !== "page") return p;
    found = true;
    return `page=${page}`;
  });
  if (!found) out.push(`page=${page}`);
  return `${path}?${out.join("&")}`;
}

/**
 * Do two targets ask for the same thing except the page? (Order of parameters and bracket
 * encoding do not matter.) Used to check that `_links.next` follows the page numbering the
 * prefetcher predicted.
 */
export function sameExceptPage(a: string, b: string): boolean {
  const ta = splitTarget(a);
  const tb = splitTarget(b);
  if (ta.path.replace(/\/+$/, "") !== tb.path.replace(/\/+$/, "")) return false;
  const norm = (q: string) =>
    queryPairs(q)
      .filter(([k]) => k !== "page")
      .map(([k, v]) => `${k}=${decodeKey(v)}`)
      .sort()
      .join("&");
  return norm(ta.query) === norm(tb.query);
}
