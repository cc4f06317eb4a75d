/** What an HTTP status (and, for 403, the body) means for the client [DOC §4.2 table]. */
import type { HttpResponse } from "./http";
import { problemSchema } from "./schemas/auth";

export type Outcome =
  | { kind: "ok" }
  | { kind: "unauthorized" }
  | { kind: "payment_required" }
  /** 403 with a non-JSON body: the account/IP is blocked for rate abuse [DOC][ISSUE #434]. */
  | { kind: "blocked" }
  /** 403 with problem+json: no rights for this method [DOC users-api]. */
  | { kind: "forbidden"; detail: string | null }
  | { kind: "rate_limited" }
  /** 500/502/503/504: transient by assumption, retried with backoff. */
  | { kind: "server_error" }
  | { kind: "client_error"; detail: string | null };

const RETRIED_5XX = new Set([500, 502, 503, 504]);

export function classify(res: HttpResponse): Outcome {
  const s = res.status;
  if (s >= 200 && s < 300) return { kind: "ok" };
  if (s === 401) return { kind: "unauthorized" };
  if (s === 402) return { kind: "payment_required" };
  if (s === 403) {
    const problem = readProblem(res.body);
    return problem === null ? { kind: "blocked" } : { kind: "forbidden", detail: problemDetail(res.body) };
  }
  if (s === 429) return { kind: "rate_limited" };
  if (RETRIED_5XX.has(s)) return { kind: "server_error" };
  return { kind: "client_error", detail: problemDetail(res.body) };
}

/** The problem+json body, or null when the body is not one (HTML, text, empty). */
export function readProblem(body: string) {
  try {
    const r = problemSchema.safeParse(JSON.parse(body));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

const MAX_DETAIL = 300;

/**
 * A short human text from a problem body: `detail` plus validation errors as "path: detail".
 * Only fields of amoCRM's own error format are read, so nothing of our request is echoed.
 */
export function problemDetail(body: string): string | null {
  const p = readProblem(body);
  if (!p) return null;
  const parts: string[] = [];
  if (p.detail) parts.push(p.detail);
  for (const v of p["validation-errors"] ?? []) {
    for (const e of v.errors) parts.push(`${e.path}: ${e.detail}`);
  }
  if (parts.length === 0) parts.push(p.title);
  const text = parts.join("; ");
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}
