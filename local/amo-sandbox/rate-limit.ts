/**
 * The request-rate rule [DOC] (amocrm-api.md §4.1): more than 7 requests per second → 429; repeated
 * violations → 403 (an HTML nginx page) on every request until the block is lifted.
 *
 * Decisions where the reference is silent [BELIEF]:
 * - The limit is kept per token (Kommo words it "per IP"; on loopback every client has the same IP).
 *   Only requests that carry a valid token are counted: a 401 answer costs nothing, and the token
 *   endpoint (no bearer) is not limited.
 * - The window slides over the last 1000 ms of the sandbox clock and counts served requests only,
 *   so a client that backs off after a 429 is served again as soon as the oldest request leaves it.
 * - The block comes after `blockAfter` 429 answers within `blockWindowMs`; it lasts `blockFor` ms and
 *   then the token starts afresh (real blocks are lifted by amoCRM support [ISSUE] #563).
 */
export interface RateLimitOptions {
  perSecond: number;
  blockAfter: number;
  blockWindowMs: number;
  blockFor: number;
  /** Answer 429 with a bare text body, the form the PHP SDK recognises [SDK]. */
  plain429: boolean;
  /** The `retry_after` of the 429 body, seconds. Real Kommo sent 300 [DOC]; the sandbox needs 1. */
  retryAfterSec: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  perSecond: 7,
  blockAfter: 50,
  blockWindowMs: 60_000,
  blockFor: 10 * 60_000,
  plain429: false,
  retryAfterSec: 1,
};

export type Verdict = "ok" | "limited" | "blocked";

interface TokenState {
  /** Times (ms) of the requests served in the current window, oldest first. */
  served: number[];
  /** Times (ms) of the 429 answers in the block window, oldest first. */
  refused: number[];
  blockedUntil: number;
}

export class RateLimiter {
  private readonly states = new Map<string, TokenState>();

  constructor(private readonly opts: RateLimitOptions) {}

  check(token: string, nowMs: number): Verdict {
    let state = this.states.get(token);
    if (!state) {
      state = { served: [], refused: [], blockedUntil: 0 };
      this.states.set(token, state);
    }
    if (nowMs < state.blockedUntil) return "blocked";
    if (state.blockedUntil > 0) {
      state.blockedUntil = 0;
      state.refused = [];
      state.served = [];
    }
    while (state.served.length > 0 && state.served[0]! <= nowMs - 1000) state.served.shift();
    if (state.served.length < this.opts.perSecond) {
      state.served.push(nowMs);
      return "ok";
    }
    while (state.refused.length > 0 && state.refused[0]! <= nowMs - this.opts.blockWindowMs)
      state.refused.shift();
    state.refused.push(nowMs);
    if (state.refused.length >= this.opts.blockAfter) state.blockedUntil = nowMs + this.opts.blockFor;
    return "limited";
  }
}
