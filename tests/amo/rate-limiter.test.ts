import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/amo/rate-limiter";
import { VirtualClock } from "./fake/virtual-clock";

/** Max number of instants inside any window [t, t + span). */
function maxInWindow(times: number[], span: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + span) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

describe("rate limiter", () => {
  it("never lets more than 7 requests into a window, one at a time", () => {
    const clock = new VirtualClock(0);
    const rl = new RateLimiter(clock, { maxPerWindow: 7, windowMs: 1000, marginMs: 50 });
    const sent: number[] = [];
    for (let i = 0; i < 100; i++) {
      rl.acquire(1);
      sent.push(clock.now());
      clock.advance(13); // the exchange
      rl.finish(1);
    }
    expect(maxInWindow(sent, 1050)).toBe(7);
    // And uses the budget: each 7 requests take one window after the first one's answer, so the
    // 100th (the 2nd of the 15th group) leaves at 14 × (13 + 1050) + 13.
    expect(sent.at(-1)).toBe(14 * 1063 + 13);
  });

  it("lets a batch of 7 go together and the next one a window after its answers", () => {
    const clock = new VirtualClock(0);
    const rl = new RateLimiter(clock, { maxPerWindow: 7, windowMs: 1000, marginMs: 50 });
    const batchStarts: number[] = [];
    for (let b = 0; b < 4; b++) {
      expect(rl.acquireUpTo(7).granted).toBe(7);
      batchStarts.push(clock.now());
      clock.advance(300);
      rl.finish(7);
    }
    expect(batchStarts).toEqual([0, 1350, 2700, 4050]);
  });

  it("gives a batch the slots that are free now rather than waiting for all", () => {
    const clock = new VirtualClock(0);
    const rl = new RateLimiter(clock, { maxPerWindow: 7, windowMs: 1000, marginMs: 0 });
    rl.acquire(5);
    rl.finish(5);
    clock.advance(500);
    expect(rl.acquireUpTo(7)).toEqual({ granted: 2, waited: 0 });
    rl.finish(2);
    // The five from t = 0 leave the window at 1000; the two from 500 are still in it.
    expect(rl.acquireUpTo(7)).toEqual({ granted: 5, waited: 500 });
  });

  it("keeps the server's window under the limit whatever the latency (property)", () => {
    // The server stamps each request somewhere between its send and its answer.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            want: fc.integer({ min: 1, max: 7 }),
            latency: fc.integer({ min: 1, max: 2000 }),
            arrivals: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 }),
            pause: fc.integer({ min: 0, max: 300 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (batches) => {
          const clock = new VirtualClock(0);
          const rl = new RateLimiter(clock, { maxPerWindow: 7, windowMs: 1000, marginMs: 0 });
          const serverTimes: number[] = [];
          for (const b of batches) {
            const { granted } = rl.acquireUpTo(b.want);
            const sent = clock.now();
            for (let k = 0; k < granted; k++) serverTimes.push(sent + b.arrivals[k]! * b.latency);
            clock.advance(b.latency);
            rl.finish(granted);
            clock.advance(b.pause);
          }
          return maxInWindow(serverTimes, 1000) <= 7;
        },
      ),
      { numRuns: 300 },
    );
  });

  it("slows down after a 429, once per window, never below 1", () => {
    const clock = new VirtualClock(0);
    const rl = new RateLimiter(clock, { maxPerWindow: 3, windowMs: 1000, marginMs: 0 });
    rl.slowDown();
    rl.slowDown(); // same window: ignored
    expect(rl.capacity).toBe(2);
    clock.advance(1000);
    rl.slowDown();
    clock.advance(1000);
    rl.slowDown();
    expect(rl.capacity).toBe(1);
    expect(() => rl.acquire(2)).toThrow(/exceeds/);
  });
});
