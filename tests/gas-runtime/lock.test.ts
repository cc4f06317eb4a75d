/** LockService across two executions: a trigger fired while a manual call holds the lock. */
import { describe, expect, it } from "vitest";
import { makeRuntime, T0 } from "./helpers";

const CODE = `
function manualSync() {
  var lock = LockService.getDocumentLock();
  lock.waitLock(30000);
  SpreadsheetApp.getActiveSheet().getRange("A1").setValue("manual");
  SpreadsheetApp.flush();
  lock.releaseLock();
  return lock.hasLock();
}
function hourlyTry() {
  var lock = LockService.getDocumentLock();
  if (!lock.tryLock(5000)) return "busy";
  try { return "ran"; } finally { lock.releaseLock(); }
}
function hourlyWait() { LockService.getDocumentLock().waitLock(10000); return "ran"; }
function leaveLocked() { LockService.getScriptLock().waitLock(1000); }
`;

describe("LockService", () => {
  it("a second execution sees the lock held: tryLock waits out its timeout and returns false", () => {
    const rt = makeRuntime(CODE);
    const seen: unknown[] = [];
    rt.hooks.onServiceCall = (e) => {
      if (e.method === "flush") {
        rt.hooks.onServiceCall = undefined;
        const before = rt.clock.now();
        seen.push(rt.call("hourlyTry"), rt.clock.now() - before);
      }
    };
    expect(rt.call("manualSync")).toBe(false);
    expect(seen).toEqual(["busy", 5000]);
    // Once the manual run released it, the trigger gets it.
    expect(rt.call("hourlyTry")).toBe("ran");
  });

  it("waitLock throws Google's timeout text when another execution holds the lock", () => {
    const rt = makeRuntime(CODE);
    let error: unknown;
    rt.hooks.onServiceCall = (e) => {
      if (e.method === "flush") {
        rt.hooks.onServiceCall = undefined;
        try {
          rt.call("hourlyWait");
        } catch (err) {
          error = err;
        }
      }
    };
    rt.call("manualSync");
    expect(String(error)).toBe("Exception: Lock timeout: another process was holding the lock for too long.");
  });

  it("releases a lock when its execution ends", () => {
    const rt = makeRuntime(CODE);
    rt.call("leaveLocked");
    expect(rt.js(`LockService.getScriptLock().tryLock(0)`)).toBe(true);
    expect(rt.clock.now()).toBe(T0);
  });
});
