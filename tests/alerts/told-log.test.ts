/** The told log: round trip through property-sized chunks, pruning, and its bound. */
import { describe, expect, it } from "vitest";
import { breachKey, CHUNK_CHARS, MAX_CHUNKS, ToldLog } from "../../src/core/alerts/told-log";

const T = Date.UTC(2026, 9, 12, 7, 0);
const MIN = 60_000;

describe("ToldLog", () => {
  it("keys are lead id + deadline to the minute", () => {
    expect(breachKey(31_000_123, T)).toBe(breachKey(31_000_123, T + 59_000));
    expect(breachKey(31_000_123, T)).not.toBe(breachKey(31_000_123, T + MIN));
    expect(breachKey(31_000_123, T)).not.toBe(breachKey(31_000_124, T));
  });

  it("survives encode → decode (as across executions)", () => {
    const log = new ToldLog();
    const keys = [1, 2, 3].map((i) => breachKey(31_000_000 + i, T + i * MIN));
    for (const k of keys) log.add(k);
    const { chunks, dropped } = log.encode();
    expect(dropped).toBe(0);
    expect(chunks).toHaveLength(1);
    const back = ToldLog.decode(chunks);
    expect(keys.every((k) => back.has(k))).toBe(true);
    expect(back.size).toBe(3);
    // Garbage in a property is ignored, not fatal.
    expect(ToldLog.decode(["zz,=bad,1.2", null]).size).toBe(1);
  });

  it("prune forgets deadlines at or before the bound", () => {
    const log = new ToldLog();
    log.add(breachKey(1, T));
    log.add(breachKey(2, T + MIN));
    log.add(breachKey(3, T + 2 * MIN));
    log.prune(T + MIN);
    expect([
      log.has(breachKey(1, T)),
      log.has(breachKey(2, T + MIN)),
      log.has(breachKey(3, T + 2 * MIN)),
    ]).toEqual([false, false, true]);
  });

  it("stays within MAX_CHUNKS values of ≤ CHUNK_CHARS, dropping the oldest deadlines first", () => {
    const log = new ToldLog();
    const n = 20_000; // ~14 characters each → ~280 KB unbounded
    for (let i = 0; i < n; i++) log.add(breachKey(30_000_000 + i, T + i * MIN));
    const { chunks, dropped } = log.encode();
    expect(chunks.length).toBe(MAX_CHUNKS);
    expect(chunks.every((c) => c.length <= CHUNK_CHARS)).toBe(true);
    const back = ToldLog.decode(chunks);
    expect(back.size + dropped).toBe(n);
    expect(back.has(breachKey(30_000_000 + n - 1, T + (n - 1) * MIN))).toBe(true); // newest kept
    expect(back.has(breachKey(30_000_000, T))).toBe(false); // oldest dropped
  });
});
