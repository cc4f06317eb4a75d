/** The daily trigger-runtime guard's decisions (pure part of src/gas/schedule/quota.ts), by hand. */
import { describe, expect, it } from "vitest";
import { DAILY_TRIGGER_BUDGET_MS, decide, type QuotaState } from "../../src/gas/schedule/quota";

const MIN = 60_000;
const T = Date.UTC(2026, 9, 19, 5, 0);
const state = (p: Partial<QuotaState>): QuotaState => ({
  windowStart: T,
  usedMs: 0,
  runningSince: null,
  lastFullRunAt: null,
  ...p,
});

describe("decide", () => {
  it("runs freely below 70 % of the 90 minutes, and marks the run as started", () => {
    expect(DAILY_TRIGGER_BUDGET_MS).toBe(90 * MIN);
    const r = decide(state({ usedMs: 62 * MIN, lastFullRunAt: T + 10 * MIN }), T + 15 * MIN);
    expect(r.decision).toBe("run");
    expect(r.state).toMatchObject({ runningSince: T + 15 * MIN, lastFullRunAt: T + 15 * MIN });
  });

  it("from 70 %: at most one run per 55 minutes", () => {
    const s = state({ usedMs: 63 * MIN, lastFullRunAt: T });
    expect(decide(s, T + 54 * MIN).decision).toBe("slow-skip");
    expect(decide(s, T + 55 * MIN).decision).toBe("run");
  });

  it("from 90 %: stops until the window resets 24 h after it opened", () => {
    const s = state({ usedMs: 81 * MIN, lastFullRunAt: T });
    expect(decide(s, T + 5 * 60 * MIN).decision).toBe("stop");
    const next = decide(s, T + 24 * 60 * MIN);
    expect(next.decision).toBe("run");
    expect(next.state).toMatchObject({ windowStart: T + 24 * 60 * MIN, usedMs: 0 });
  });

  it("a run that never finished (killed at the 6-minute limit) is counted as 6 minutes", () => {
    const r = decide(state({ usedMs: 10 * MIN, runningSince: T }), T + 15 * MIN);
    expect(r.state.usedMs).toBe(16 * MIN);
  });
});
