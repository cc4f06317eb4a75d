import { mulberry32 } from "../../../local/mulberry32";
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

/** A seeded jitter source so backoff waits are reproducible. */
export const seededRandom = (seed = 1): (() => number) => mulberry32(seed);
