/**
 * What the sync needs from its environment, beyond the amoCRM client and the sheet port. In Apps
 * Script: document properties, LockService's document lock and the clock; in tests: small fakes.
 */

/** A small string store (Apps Script document properties: ≤ 9 KB a value, 500 KB in all). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** The lock that keeps a manual sync and a trigger from overlapping (LockService document lock). */
export interface SyncLock {
  /** Try for up to `waitMs`; false when another execution holds it. */
  tryAcquire(waitMs: number): boolean;
  release(): void;
}

export interface SyncClock {
  now(): number;
}
