/**
 * Sends API calls: bearer auth, the rate limiter, batching through fetchAll, retries, typed
 * errors, stats. One loop serves a single call and a batch alike.
 *
 * Retry rules (per call):
 * - 429 → every pending call waits `retry_after` (capped) or an exponential backoff with jitter,
 *   and the limiter lowers its ceiling; up to `max429` times for one call;
 * - 500/502/503/504 and network errors → backoff, up to `maxAttempts` sends in all; writes
 *   (not idempotent) are not re-sent (a duplicate task is worse than an error);
 * - 2xx with a body that is not JSON or fails its schema → sent once more, then an error;
 * - 401 → the auth session renews once, then AmoReconnectNeededError;
 * - 403 with an HTML body (account blocked), 402 → stop everything at once, nothing more is sent;
 * - 403 JSON, other 4xx → that call fails, no retry.
 * A fetchAll that throws a NetworkError does not say which request failed, so its calls are
 * re-sent one by one.
 */
import { type AuthSession, reconnectError } from "./auth";
import { classify } from "./classify";
import {
  AmoBlockedError,
  AmoForbiddenError,
  AmoHttpError,
  AmoMalformedResponseError,
  AmoPaymentRequiredError,
  AmoRequestFailedError,
  AmoSchemaError,
} from "./errors";
import { type HttpMethod, type HttpPort, type HttpRequest, type HttpResponse, NetworkError } from "./http";
import type { Clock, Logger } from "./ports";
import { endpointLabel } from "./query";
import type { RateLimiter } from "./rate-limiter";
import { backoffDelay, type RetryPolicy, retryAfterMs } from "./retry-policy";
import { AmoUnreadableBodyError } from "./schemas/validate";
import type { ClientStats } from "./stats";

export interface ApiCall<T> {
  method: HttpMethod;
  /** Path + query relative to the base URL (see query.ts). */
  target: string;
  /** JSON body for writes. */
  body?: unknown;
  /** Turns a 2xx answer into data; throws AmoSchemaError when the body is malformed. */
  parse(res: HttpResponse): T;
  /** Default: true for GET, false otherwise. */
  idempotent?: boolean;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface TransportDeps {
  baseUrl: string;
  http: HttpPort;
  clock: Clock;
  auth: AuthSession;
  limiter: RateLimiter;
  stats: ClientStats;
  logger: Logger;
  retry: RetryPolicy;
  random: () => number;
}

interface CallState {
  sends: number;
  /** Failures counted against maxAttempts (5xx, network). */
  failures: number;
  n429: number;
  renewed: boolean;
  malformedSeen: boolean;
  notBefore: number;
  /** Send alone (after a fetchAll network failure). */
  alone: boolean;
  lastStatus: number | string;
}

export class Transport {
  constructor(private readonly d: TransportDeps) {}

  call<T>(c: ApiCall<T>): T {
    const [r] = this.callAll([c]);
    if (!r) throw new Error("transport returned no result");
    if (!r.ok) throw r.error;
    return r.value;
  }

  /**
   * Runs the calls, up to the limiter's capacity at a time, and settles each in order. A fatal
   * condition (blocked, payment, reconnect) settles every unfinished call with that error and
   * sends nothing more.
   */
  callAll<T>(calls: readonly ApiCall<T>[]): Settled<T>[] {
    const { clock, stats } = this.d;
    const results: (Settled<T> | undefined)[] = calls.map(() => undefined);
    const state: CallState[] = calls.map(() => ({
      sends: 0,
      failures: 0,
      n429: 0,
      renewed: false,
      malformedSeen: false,
      notBefore: 0,
      alone: false,
      lastStatus: "none",
    }));
    let pending = calls.map((_, i) => i);
    let pauseUntil = 0;
    let fatal: Error | null = null;

    const settle = (i: number, r: Settled<T>) => {
      results[i] = r;
    };
    const fail = (i: number, error: Error) => settle(i, { ok: false, error });

    while (pending.length > 0 && fatal === null) {
      const now = clock.now();
      const earliest = Math.min(...pending.map((i) => state[i]!.notBefore));
      const waitUntil = Math.max(pauseUntil, earliest);
      if (waitUntil > now) {
        clock.sleep(waitUntil - now);
        stats.retryWaitMs += waitUntil - now;
        continue;
      }
      const ready = pending.filter((i) => state[i]!.notBefore <= now);
      const first = ready[0]!;
      const candidates = state[first]!.alone
        ? [first]
        : ready.filter((i) => !state[i]!.alone).slice(0, this.d.limiter.capacity);

      let token: string;
      try {
        token = this.d.auth.accessToken();
      } catch (e) {
        fatal = e as Error;
        break;
      }
      const { granted, waited } = this.d.limiter.acquireUpTo(candidates.length);
      stats.throttledWaitMs += waited;
      const batch = candidates.slice(0, granted);
      const requests = batch.map((i) => this.request(calls[i]!, token));
      for (const i of batch) {
        if (state[i]!.sends > 0) stats.retries++;
        state[i]!.sends++;
      }
      stats.requests += batch.length;

      let responses: HttpResponse[];
      try {
        responses =
          requests.length === 1 ? [this.d.http.fetch(requests[0]!)] : this.d.http.fetchAll(requests);
      } catch (e) {
        this.d.limiter.finish(batch.length);
        if (!(e instanceof NetworkError)) throw e;
        stats.networkErrors++;
        for (const i of batch) {
          const s = state[i]!;
          s.lastStatus = `network error (${e.kind})`;
          if (batch.length > 1) s.alone = true;
          this.afterTransientFailure(calls[i]!, s, e.notSent, (err) => fail(i, err));
        }
        pending = pending.filter((i) => results[i] === undefined);
        continue;
      }

      this.d.limiter.finish(batch.length);
      batch.forEach((i, k) => {
        const res = responses[k]!;
        const s = state[i]!;
        const call = calls[i]!;
        const label = endpointLabel(call.method, call.target);
        s.lastStatus = res.status;
        const outcome = classify(res);
        switch (outcome.kind) {
          case "ok": {
            try {
              settle(i, { ok: true, value: call.parse(res) });
            } catch (e) {
              if (!(e instanceof AmoSchemaError)) throw e;
              stats.malformedResponses++;
              this.d.logger.warn("amoCRM sent an unreadable response", {
                endpoint: label,
                status: res.status,
              });
              if (e instanceof AmoUnreadableBodyError && isIdempotent(call)) {
                this.afterTransientFailure(call, s, false, () =>
                  fail(i, new AmoMalformedResponseError(label, e.message, s.sends)),
                );
              } else if (s.malformedSeen || !isIdempotent(call)) {
                fail(i, new AmoMalformedResponseError(label, e.message, s.sends));
              } else {
                s.malformedSeen = true;
                s.notBefore = clock.now();
              }
            }
            return;
          }
          case "unauthorized": {
            stats.status401++;
            if (!s.renewed) {
              s.renewed = true;
              try {
                if (this.d.auth.renewAfterUnauthorized(token)) {
                  s.notBefore = clock.now();
                  return;
                }
              } catch (e) {
                fatal ??= e as Error;
                return;
              }
            }
            this.d.auth.markRejected(token);
            fatal ??= reconnectError("token_rejected");
            return;
          }
          case "blocked":
            fatal ??= new AmoBlockedError(label);
            return;
          case "payment_required":
            fatal ??= new AmoPaymentRequiredError(label);
            return;
          case "forbidden":
            fail(i, new AmoForbiddenError(label, outcome.detail));
            return;
          case "rate_limited": {
            stats.status429++;
            s.n429++;
            this.d.limiter.slowDown();
            if (s.n429 > this.d.retry.max429) {
              fail(i, new AmoRequestFailedError(label, 429, s.sends));
              return;
            }
            const wait = retryAfterMs(res, this.d.retry) ?? backoffDelay(s.n429, this.d.retry, this.d.random);
            pauseUntil = Math.max(pauseUntil, clock.now() + wait);
            s.notBefore = pauseUntil;
            this.d.logger.warn("amoCRM rate limit hit (429); waiting", { endpoint: label, waitMs: wait });
            return;
          }
          case "server_error":
            stats.status5xx++;
            this.afterTransientFailure(call, s, false, (err) => fail(i, err));
            return;
          case "client_error":
            fail(i, new AmoHttpError(label, res.status, outcome.detail));
            return;
        }
      });
      pending = pending.filter((i) => results[i] === undefined);
    }

    if (fatal !== null) {
      for (const i of pending) if (results[i] === undefined) fail(i, fatal);
    }
    return results as Settled<T>[];
  }

  /** 5xx or network error: schedule a backoff or give up. */
  private afterTransientFailure(
    call: ApiCall<unknown>,
    s: CallState,
    notSent: boolean,
    fail: (e: Error) => void,
  ) {
    const label = endpointLabel(call.method, call.target);
    s.failures++;
    if (!isIdempotent(call) && !notSent) {
      fail(new AmoRequestFailedError(label, s.lastStatus, s.sends, true));
      return;
    }
    if (s.failures >= this.d.retry.maxAttempts) {
      fail(new AmoRequestFailedError(label, s.lastStatus, s.sends));
      return;
    }
    const wait = backoffDelay(s.failures, this.d.retry, this.d.random);
    s.notBefore = this.d.clock.now() + wait;
    this.d.logger.warn("amoCRM request failed; retrying", {
      endpoint: label,
      last: String(s.lastStatus),
      attempt: s.sends,
      waitMs: wait,
    });
  }

  private request(call: ApiCall<unknown>, token: string): HttpRequest {
    const req: HttpRequest = {
      url: this.d.baseUrl + call.target,
      method: call.method,
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
    };
    if (call.body !== undefined) {
      req.payload = JSON.stringify(call.body);
      req.contentType = "application/json";
    }
    return req;
  }
}

function isIdempotent(call: ApiCall<unknown>): boolean {
  return call.idempotent ?? call.method === "get";
}
