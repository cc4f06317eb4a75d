/** CacheService: TTL on the runtime's clock, 6-hour cap, 100 KB values. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

describe("CacheService", () => {
  it("expires entries after their TTL (default 600 s) on the virtual clock", () => {
    const rt = makeRuntime();
    rt.js(`var c = CacheService.getScriptCache(); c.put("short", "1", 30); c.put("default", "2");`);
    rt.clock.advance(29_999);
    expect(rt.js(`CacheService.getScriptCache().getAll(["short", "default", "never"])`)).toEqual({
      short: "1",
      default: "2",
    });
    rt.clock.advance(1);
    expect(rt.js(`CacheService.getScriptCache().get("short")`)).toBeNull();
    rt.clock.advance(570_000);
    expect(rt.js(`CacheService.getScriptCache().get("default")`)).toBeNull();
  });

  it("caps expiry at 21,600 s and says so in runtime.warnings", () => {
    const rt = makeRuntime();
    rt.js(`CacheService.getUserCache().put("k", "v", 86400)`);
    rt.clock.advance(21_600_000 - 1);
    expect(rt.js(`CacheService.getUserCache().get("k")`)).toBe("v");
    rt.clock.advance(1);
    expect(rt.js(`CacheService.getUserCache().get("k")`)).toBeNull();
    expect(rt.warnings).toHaveLength(1);
  });

  it("refuses values over 100 KB; putAll/remove work; caches are separate", () => {
    const rt = makeRuntime();
    expect(() =>
      rt.js(`CacheService.getScriptCache().put("big", new Array(100 * 1024 + 2).join("x"))`),
    ).toThrow("Argument too large: value");
    rt.js(`var c = CacheService.getDocumentCache(); c.putAll({ a: "1", b: "2" }, 60); c.remove("a");`);
    expect(rt.js(`CacheService.getDocumentCache().getAll(["a", "b"])`)).toEqual({ b: "2" });
    expect(rt.js(`CacheService.getScriptCache().get("b")`)).toBeNull();
  });
});
