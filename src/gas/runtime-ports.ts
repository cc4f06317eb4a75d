/** Apps Script's clock, sleep and locks as the small interfaces src/amo and src/sync use. */
import type { Clock, Lock } from "../amo/ports";
import type { SyncLock } from "../sync/ports";

export const gasClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(ms),
};

/** For OAuth refreshes: per user, so two executions of one user never refresh at once. */
export function userLock(): Lock {
  return {
    withLock<T>(fn: () => T): T {
      const lock = LockService.getUserLock();
      lock.waitLock(30_000);
      try {
        return fn();
      } finally {
        lock.releaseLock();
      }
    },
  };
}

/** The document lock: a manual sync and a trigger on the same spreadsheet never overlap. */
export function documentSyncLock(): SyncLock {
  const lock = LockService.getDocumentLock();
  return {
    tryAcquire: (waitMs) => lock.tryLock(waitMs),
    release: () => lock.releaseLock(),
  };
}
