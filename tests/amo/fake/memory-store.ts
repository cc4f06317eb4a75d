/** An in-memory TokenStore and Lock for tests, writing into a shared journal. */
import type { Lock, StoredTokens, TokenStore } from "../../../src/amo/ports";

export class MemoryTokenStore implements TokenStore {
  constructor(
    public value: StoredTokens | null = null,
    readonly journal: string[] = [],
  ) {}
  load(): StoredTokens | null {
    return this.value ? structuredClone(this.value) : null;
  }
  save(t: StoredTokens): void {
    this.value = structuredClone(t);
    this.journal.push(`save ${t.accessToken}${t.refreshStartedAt ? " (refresh started)" : ""}`);
  }
  clear(): void {
    this.value = null;
    this.journal.push("clear");
  }
}

/** A lock that records how often it was taken and refuses nesting (LockService would wait). */
export class TestLock implements Lock {
  held = false;
  taken = 0;
  withLock<T>(fn: () => T): T {
    if (this.held) throw new Error("lock already held");
    this.held = true;
    this.taken++;
    try {
      return fn();
    } finally {
      this.held = false;
    }
  }
}
