/**
 * How long to wait before trying again. amoCRM documents no Retry-After header; Kommo's 429 body
 * carries `retry_after` in seconds [DOC sample error_429_too_many_requests.json, value 300], and
 * some 429s are not JSON at all [SDK; ISSUE #318], hence the fallback to exponential backoff.
 */
import type { HttpResponse } from "./http";

export interface RetryPolicy {
  /** Attempts in all for 5xx and network errors (first try included). */
  maxAttempts: number;
  /** 429s tolerated for one request before giving up. */
  max429: number;
  /** First backoff delay; doubles per failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** `retry_after` above this is capped (Kommo's sample says 300 s; a sync cannot sit that long). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  max429: 12,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** Exponential backoff with jitter: a random point in [½, 1] × min(max, base × 2^(failures−1)). */
export function backoffDelay(failures: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** The server's requested wait in ms (body `retry_after` or a `Retry-After` header), capped; else null. */
export function retryAfterMs(res: HttpResponse, policy: RetryPolicy): number | null {
  let seconds: number | null = null;
  try {
    const body: unknown = JSON.parse(res.body);
    if (body && typeof body === "object") {
      const v = (body as Record<string, unknown>)["retry_after"];
      if (typeof v === "number" && Number.isFinite(v) && v >= 0) seconds = v;
    }
  } catch {
    // HTML or empty 429 body: no hint.
  }
  if (seconds === null) {
    const h = res.headers["retry-after"];
    if (h !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(h)) seconds = Number(h);
  }
  if (seconds === null) return null;
  return Math.min(policy.maxRetryAfterMs, Math.round(seconds * 1000));
}
