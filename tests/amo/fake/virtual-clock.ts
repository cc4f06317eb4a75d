import type { Clock } from "../../../src/amo/ports";

/** A clock that only moves when told: `sleep` (the client waiting) or `advance` (network latency). */
export class VirtualClock implements Clock {
  slept = 0;
  constructor(public t = Date.UTC(2026, 0, 15, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number): void {
    if (ms <= 0) return;
    this.t += ms;
    this.slept += ms;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A seeded jitter source (mulberry32) so backoff waits are reproducible. */
export function seededRandom(seed = 1): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
