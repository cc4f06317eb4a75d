import { afterEach, describe, expect, it } from "vitest";
import { FaultInjector, parseFaultSpec } from "../../local/amo-sandbox/faults";
import type { Sandbox } from "../../local/amo-sandbox/server";
import { call, startSandbox } from "./helpers";

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe("parseFaultSpec", () => {
  it("reads every key", () => {
    expect(parseFaultSpec("5xx=0.05,latency=20-80,malformed=0.01,drop=0.01,seed=3")).toEqual({
      error5xxShare: 0.05,
      latencyMs: [20, 80],
      malformedShare: 0.01,
      dropShare: 0.01,
      seed: 3,
    });
    expect(parseFaultSpec(" latency=15 ")).toEqual({ latencyMs: 15 });
    expect(parseFaultSpec("")).toEqual({});
  });

  it.each([
    ["5xx", /not key=value/],
    ["5xx=2", /5xx must be a share between 0 and 1/],
    ["drop=x", /drop must be a share/],
    ["latency=80-20", /maximum below its minimum/],
    ["latency=fast", /latency must be MS or MIN-MAX/],
    ["seed=1.5", /seed must be an integer/],
    ["boom=1", /unknown key "boom"/],
    ["drop=0.1,drop=0.2", /given twice/],
  ])("rejects %s with a clear message", (text, message) => {
    expect(() => parseFaultSpec(text)).toThrow(message);
  });
});

describe("FaultInjector", () => {
  it("is deterministic from its seed", () => {
    const spec = {
      error5xxShare: 0.3,
      malformedShare: 0.2,
      dropShare: 0.1,
      latencyMs: [0, 100] as [number, number],
      seed: 42,
    };
    const run = () => {
      const f = new FaultInjector(spec);
      return Array.from({ length: 50 }, () => f.next());
    };
    const a = run();
    expect(run()).toEqual(a);
    const kinds = new Set(a.map((x) => x.fate.kind));
    expect(kinds).toEqual(new Set(["normal", "error", "malformed", "drop"]));
    expect(a.every((x) => x.latencyMs >= 0 && x.latencyMs <= 100)).toBe(true);
    const other = new FaultInjector({ ...spec, seed: 43 });
    expect(Array.from({ length: 50 }, () => other.next())).not.toEqual(a);
  });
});

describe("fault injection on /api/v4", () => {
  it("answers 5xx: problem+json for 500/503, nginx HTML for 502/504", async () => {
    sb = await startSandbox({ faults: { error5xxShare: 1, seed: 1 } });
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const res = await call(sb, "/api/v4/leads");
      seen.add(res.status);
      if (res.status === 500)
        expect(res.json).toMatchObject({
          title: "ErrInternalServer",
          status: 500,
          trace_id: expect.any(String),
        });
      if (res.status === 503) expect(res.contentType).toBe("application/problem+json");
      if (res.status === 502 || res.status === 504) {
        expect(res.contentType).toBe("text/html");
        expect(res.text).toContain(`<title>${res.status} `);
      }
    }
    expect(seen).toEqual(new Set([500, 502, 503, 504]));
    expect(sb.stats.faults.error5xx).toBe(40);
  });

  it("truncates JSON bodies with a 200", async () => {
    sb = await startSandbox({ faults: { malformedShare: 1 } });
    const res = await call(sb, "/api/v4/leads?limit=5");
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it("drops the connection without an answer", async () => {
    sb = await startSandbox({ faults: { dropShare: 1 } });
    await expect(
      fetch(`${sb.baseUrl}/api/v4/leads`, { headers: { Authorization: `Bearer ${sb.longLivedToken}` } }),
    ).rejects.toThrow();
    expect(sb.stats.faults.dropped).toBe(1);
  });

  it("delays answers", async () => {
    sb = await startSandbox({ faults: { latencyMs: 150 } });
    const started = performance.now();
    expect((await call(sb, "/api/v4/account")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("leaves the token endpoint and auth failures alone, and can be switched at run time", async () => {
    sb = await startSandbox({ faults: { error5xxShare: 1 } });
    expect((await call(sb, "/api/v4/account", { token: "bad" })).status).toBe(401);
    const tokenRes = await fetch(`${sb.baseUrl}/oauth2/access_token`, { method: "POST", body: "{}" });
    expect(tokenRes.status).toBe(400);
    sb.setFaults({});
    expect((await call(sb, "/api/v4/account")).status).toBe(200);
    sb.setFaults({ error5xxShare: 1 });
    expect((await call(sb, "/api/v4/account")).status).toBeGreaterThanOrEqual(500);
  });

  it("gives the same sequence of answers for the same seed", async () => {
    const statuses = async () => {
      const s = await startSandbox({ faults: { error5xxShare: 0.5, seed: 9 } });
      try {
        const out = [];
        for (let i = 0; i < 20; i++) out.push((await call(s, "/api/v4/account")).status);
        return out;
      } finally {
        await s.close();
      }
    };
    const first = await statuses();
    expect(first.some((s) => s === 200) && first.some((s) => s >= 500)).toBe(true);
    expect(await statuses()).toEqual(first);
  });
});
