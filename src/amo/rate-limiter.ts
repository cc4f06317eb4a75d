/**
 * Client-side rate limit: at most `maxPerWindow` requests in any window of `windowMs + marginMs`,
 * on the injected clock (a sliding window over recent requests).
 *
 * amoCRM allows 7 requests per second [DOC Kommo limitations; amoCRM recommendations quoted in
 * issues #318, #563]; how the server measures the second is not documented. A request is counted
 * from when it is sent until its answer has arrived, and then stamped with the arrival time
 * (`finish`): the server saw it somewhere in between, so a window measured from our arrival
 * times can never hold more requests than the server's, whatever the latency and its jitter
 * (a window measured from send times can: a slow first batch and a fast second one land closer
 * together at the server than they left here — observed against the sandbox). The margin covers
 * the server's window edges [BELIEF]. A batch (UrlFetchApp.fetchAll) takes as many slots as are
 * free, so a window is used fully whatever the batch sizes. After a 429 the limiter also lowers
 * its ceiling by one (not below 1) for the rest of the run.
 */
import type { Clock } from "./ports";

export interface RateLimiterOptions {
  maxPerWindow: number;
  windowMs: number;
  marginMs: number;
}

export class RateLimiter {
  /** Times of recent requests (sent, or answered once finished), ascending. */
  private readonly starts: number[] = [];
  private ceiling: number;
  private lastSlowDownAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly opts: RateLimiterOptions,
  ) {
    if (!(opts.maxPerWindow >= 1)) throw new Error("maxPerWindow must be at least 1");
    this.ceiling = Math.floor(opts.maxPerWindow);
  }

  /** How many requests may start together now at most (the batch size to use). */
  get capacity(): number {
    return this.ceiling;
  }

  private get span(): number {
    return this.opts.windowMs + this.opts.marginMs;
  }

  /** Waits (clock.sleep) until `n` more requests fit in the window, records them, returns ms waited. */
  acquire(n: number): number {
    if (n < 1) return 0;
    if (n > this.ceiling)
      throw new Error(`a batch of ${n} exceeds the rate limit of ${this.ceiling} per window`);
    let waited = 0;
    for (;;) {
      const now = this.clock.now();
      while (this.starts.length > 0 && this.starts[0]! <= now - this.span) this.starts.shift();
      const free = this.ceiling - this.starts.length;
      if (free >= n) {
        for (let i = 0; i < n; i++) this.starts.push(now);
        return waited;
      }
      // The oldest start that must leave the window before n more fit.
      const mustLeave = this.starts[this.starts.length - (this.ceiling - n) - 1]!;
      const delay = Math.max(1, mustLeave + this.span - now);
      this.clock.sleep(delay);
      waited += delay;
    }
  }

  /**
   * Waits until at least one request fits, then takes as many of `want` as fit now (so a slot
   * never idles while requests wait). Returns how many were granted and the ms waited.
   */
  acquireUpTo(want: number): { granted: number; waited: number } {
    const waited = this.acquire(1);
    const now = this.clock.now();
    let granted = 1;
    while (granted < want && this.starts.length < this.ceiling) {
      this.starts.push(now);
      granted++;
    }
    return { granted, waited };
  }

  /**
   * The last `n` requests have been answered: they count from now on (see the file comment).
   * Call after every exchange with the number of requests it carried.
   */
  finish(n: number): void {
    const now = this.clock.now();
    for (let i = Math.max(0, this.starts.length - n); i < this.starts.length; i++) this.starts[i] = now;
  }

  /** Called on a 429: one fewer request per window from now on, at most once per window. */
  slowDown(): void {
    const now = this.clock.now();
    if (now - this.lastSlowDownAt < this.span) return;
    this.lastSlowDownAt = now;
    this.ceiling = Math.max(1, this.ceiling - 1);
  }
}
