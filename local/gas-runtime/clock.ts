/**
 * Time for the runtime. Tests pass a virtual clock so that the 6-minute limit, cache TTLs and
 * triggers can be exercised without waiting; `npm start` uses the real one.
 */

/** What createRuntime accepts as `clock`. */
export interface ClockPort {
  now(): number;
  /** Blocks (real clock) or moves time on (virtual clock). */
  sleep(ms: number): void;
  /** Present on virtual clocks: moves time on without blocking. */
  advance?(ms: number): void;
}

/** A clock that only moves when told to; `sleep` is an advance. */
export class VirtualClock implements ClockPort {
  constructor(private ms: number = Date.UTC(2025, 0, 15, 9, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  sleep(ms: number): void {
    this.advance(ms);
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`clock.advance: ${ms} is not a non-negative number of ms`);
    this.ms += ms;
  }
  /** Jumps to a moment (never backwards). */
  set(ms: number): void {
    if (ms > this.ms) this.ms = ms;
  }
}

export function createVirtualClock(startMs?: number): VirtualClock {
  return new VirtualClock(startMs);
}

/** Wall-clock time; sleep really blocks this thread, as Utilities.sleep blocks a script. */
export const realClock: ClockPort = {
  now: () => Date.now(),
  sleep: (ms) => {
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  },
};

/**
 * The runtime's view of time: the injected clock plus an offset for virtual costs and `advance`
 * on a real clock (a virtual clock is advanced directly, so the test's own clock object agrees).
 */
export class RuntimeClock {
  private offset = 0;
  constructor(private readonly base: ClockPort) {}
  now(): number {
    return this.base.now() + this.offset;
  }
  sleep(ms: number): void {
    if (ms <= 0) return;
    if (this.base.advance) this.base.advance(ms);
    else this.base.sleep(ms);
  }
  /** Moves time on without blocking (virtual service costs, trigger scheduling). */
  advance(ms: number): void {
    if (ms <= 0) return;
    if (this.base.advance) this.base.advance(ms);
    else this.offset += ms;
  }
  /** Moves time on to `ms` if it is in the future. */
  advanceTo(ms: number): void {
    const now = this.now();
    if (ms > now) this.advance(ms - now);
  }
}
