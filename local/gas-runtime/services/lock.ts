/**
 * LockService. Locks belong to executions: a lock taken in one execution is seen as held by every
 * other execution of the same runtime (a trigger fired while a manual call holds it), and it is
 * released when its execution ends ("The lock is automatically released when the script
 * terminates" [doc]). Executions here nest rather than run in parallel, so a waiting execution
 * can never see the holder let go: tryLock waits out its timeout on the runtime's clock and
 * returns false; waitLock then throws Google's "Lock timeout: another process was holding the
 * lock for too long." [seen].
 * [assumed] Every Lock object of one scope in one execution is the same lock (hasLock() is true
 * on a second getScriptLock() object once the first acquired it).
 */
import type { RuntimeEnv } from "../env";
import { fail, MSG } from "../errors";
import { type ExtraMembers, gas, integer, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";

type GLock = GoogleAppsScript.Lock.Lock;
type GService = GoogleAppsScript.Lock.LockService;

const SERVICE = meta("lock", "LockService");
const LOCK = meta("lock", "Lock");

export type LockScope = "script" | "user" | "document";

/** Who holds which lock (execution ids), shared by every execution of a runtime. */
export class LockTable {
  readonly holders = new Map<LockScope, number>();
  releaseAll(executionId: number): void {
    for (const [scope, holder] of this.holders) if (holder === executionId) this.holders.delete(scope);
  }
}

export class FakeLockService implements Pick<GService, "getDocumentLock" | "getScriptLock" | "getUserLock"> {
  readonly [FAKE] = SERVICE;
  constructor(
    private readonly env: RuntimeEnv,
    private readonly table: LockTable,
  ) {}
  getScriptLock(): GLock {
    return gas(new FakeLock(this.env, this.table, "script"));
  }
  getUserLock(): GLock {
    return gas(new FakeLock(this.env, this.table, "user"));
  }
  getDocumentLock(): GLock {
    return gas(new FakeLock(this.env, this.table, "document"));
  }
}

export class FakeLock implements Pick<GLock, "hasLock" | "releaseLock" | "tryLock" | "waitLock"> {
  readonly [FAKE] = LOCK;
  constructor(
    private readonly env: RuntimeEnv,
    private readonly table: LockTable,
    private readonly scope: LockScope,
  ) {}

  private me(): number {
    return this.env.executionId();
  }
  tryLock(timeoutInMillis: number): boolean {
    const ms = integer(timeoutInMillis, "LockService.Lock.tryLock");
    const holder = this.table.holders.get(this.scope);
    if (holder === undefined || holder === this.me()) {
      this.table.holders.set(this.scope, this.me());
      return true;
    }
    this.env.clock.sleep(Math.max(0, ms));
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) fail(MSG.lockTimeout);
  }
  hasLock(): boolean {
    return this.table.holders.get(this.scope) === this.me();
  }
  releaseLock(): void {
    if (this.hasLock()) this.table.holders.delete(this.scope);
  }
}

export type _FakeLockServiceCheck = NoExtraMembers<ExtraMembers<FakeLockService, GService>>;
export type _FakeLockCheck = NoExtraMembers<ExtraMembers<FakeLock, GLock>>;
