/** In-memory stand-ins for document properties, the document lock and a settable clock. */
import type { KeyValueStore, SyncClock, SyncLock } from "../../src/sync/ports";

export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  delete(key: string): void {
    this.values.delete(key);
  }
}

export class MemoryLock implements SyncLock {
  held = false;
  tryAcquire(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }
  release(): void {
    this.held = false;
  }
}

/** A clock the test moves by hand; `tick` is added on every read (time passing while work is done). */
export class ManualClock implements SyncClock {
  constructor(
    public t: number,
    public tick = 0,
  ) {}
  now(): number {
    const v = this.t;
    this.t += this.tick;
    return v;
  }
}
