import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median } from "../../src/core/metrics/bucket";
import { Dictionary, IdIndex } from "../../src/core/metrics/columns";

describe("IdIndex", () => {
  it("dense ids: a lookup table", () => {
    const ix = new IdIndex([105, 101, 103]);
    expect([101, 103, 105].map((id) => ix.get(id))).toEqual([1, 2, 0]);
    // absent: inside the range, below, above, not an integer
    expect([102, 100, 106, 1, 103.5].map((id) => ix.get(id))).toEqual([-1, -1, -1, -1, -1]);
  });

  it("sparse ids: a map", () => {
    const ix = new IdIndex([1, 1_000_000_000, 5]);
    expect([1, 5, 1_000_000_000, 6].map((id) => ix.get(id))).toEqual([0, 2, 1, -1]);
  });

  it("no ids", () => {
    expect(new IdIndex([]).get(1)).toBe(-1);
  });
});

describe("median", () => {
  it("odd, even, empty", () => {
    expect(median([3, 1, 2])).toBe(2);
    // sorted 1, 2, 10, 40 → (2 + 10) / 2
    expect(median([40, 1, 10, 2])).toBe(6);
    expect(median([])).toBe(null);
  });

  it("a long list after a short one (the sorting space grows)", () => {
    const values = Array.from({ length: 5001 }, (_, i) => 5000 - i);
    expect(median([7])).toBe(7);
    // 0 … 5000 → the 2501st value, 2500
    expect(median(values)).toBe(2500);
  });
});

describe("Dictionary", () => {
  it("dense indices in first-seen order", () => {
    const d = new Dictionary<string>(["(none)"]);
    expect([d.indexOf("b"), d.indexOf("a"), d.indexOf("b"), d.indexOf("(none)")]).toEqual([1, 2, 1, 0]);
    expect(d.values).toEqual(["(none)", "b", "a"]);
    expect(d.size).toBe(3);
  });
});

describe("median (property)", () => {
  it("equals the sorted middle for random lists with many repeats", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const mid = s.length >> 1;
        const want = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
        expect(median(xs)).toBe(want);
      }),
    );
  });
});
