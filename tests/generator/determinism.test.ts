import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateAccount, SCENARIOS } from "../../local/amo-sandbox/generator/index";

const GENERATOR_DIR = join(import.meta.dirname, "../../local/amo-sandbox/generator");

describe("generator determinism and purity", () => {
  it("the same seed gives byte-identical data and truth; another seed gives other data", () => {
    const a = generateAccount({ seed: 20261031 });
    const b = generateAccount({ seed: 20261031, scenario: "default" });
    const aData = JSON.stringify(a.data);
    expect(JSON.stringify(b.data) === aData).toBe(true);
    expect(JSON.stringify(b.truth)).toBe(JSON.stringify(a.truth));
    const c = generateAccount({ seed: 20261032 });
    expect(JSON.stringify(c.data) === aData).toBe(false);
    expect(JSON.stringify(c.truth.story)).not.toBe(JSON.stringify(a.truth.story));
  });

  it("every scenario is deterministic too and has a description", () => {
    for (const [name, description] of Object.entries(SCENARIOS)) {
      expect(description.length).toBeGreaterThan(10);
      // "large" is benchmark-size (two copies of its ~0.5 G characters of JSON exhaust the heap):
      // large.test.ts checks it, with BENCH_SCENARIOS=1.
      if (name === "default" || name === "large") continue;
      const a = generateAccount({ seed: 3, scenario: name });
      const b = generateAccount({ seed: 3, scenario: name });
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(a.data.leads.length).toBeGreaterThan(50);
    }
    expect(() => generateAccount({ seed: 1, scenario: "nope" })).toThrow(/unknown scenario/);
  });

  it("is fast", () => {
    const t = performance.now();
    generateAccount({ seed: 5 });
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it("is pure TypeScript: no Node modules, no Math.random, no clock, no process or Buffer", () => {
    const files = readdirSync(GENERATOR_DIR).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const src = readFileSync(join(GENERATOR_DIR, f), "utf8");
      const code = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect(code, f).not.toMatch(/from\s+["']node:/);
      expect(code, f).not.toMatch(
        /\bMath\.random\b|\bDate\.now\b|new Date\(\)|\bprocess\.|\bBuffer\b|\brequire\(/,
      );
      // Imports from the engine are limited to the model and the settings.
      for (const m of code.matchAll(/from\s+["'](\.\.\/[^"']+)["']/g)) {
        expect(m[1], f).toMatch(/^\.\.\/\.\.\/\.\.\/src\/core\/(model|settings)$|^\.\.\/account-data$/);
      }
    }
  });
});
