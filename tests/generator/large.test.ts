/**
 * The "large" benchmark scenario: 50 managers, ~50,000 leads over 12 months. Its configuration is
 * checked always (cheap); generating it (~15–20 s, ~2 GB of heap, ~0.5 G characters of JSON) runs
 * only with BENCH_SCENARIOS=1:
 *
 *   BENCH_SCENARIOS=1 npx vitest run tests/generator/large.test.ts
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type GeneratedAccount, generateAccount, SCENARIOS } from "../../local/amo-sandbox/generator/index";
import { SCENARIO_CONFIGS, scenarioMonths } from "../../local/amo-sandbox/generator/scenarios";

const BENCH = process.env["BENCH_SCENARIOS"] === "1";

/** A digest of the whole account, object by object (one JSON string of it would not fit a string). */
function digest(g: GeneratedAccount): string {
  const h = createHash("sha256");
  for (const [key, list] of Object.entries(g.data)) {
    h.update(key);
    if (Array.isArray(list)) for (const o of list) h.update(JSON.stringify(o));
    else h.update(JSON.stringify(list));
  }
  const { leads, ...rest } = g.truth;
  h.update(JSON.stringify(rest));
  for (const [id, l] of Object.entries(leads)) h.update(id + JSON.stringify(l));
  return h.digest("hex");
}

describe("the large scenario", () => {
  it("is listed, with 50 managers, 12 months and ~50,000 leads planned", () => {
    expect(SCENARIOS["large"]).toMatch(/50 managers/);
    const c = SCENARIO_CONFIGS["large"];
    if (!c) throw new Error("no large scenario");
    expect(c.managerCount).toBe(50);
    const months = scenarioMonths(c);
    expect(months).toHaveLength(12);
    expect(Object.keys(c.leadsPerMonth)).toEqual(months);
    for (const m of [...c.beforeMonths, ...c.afterMonths]) expect(months).toContain(m);
    const planned =
      Object.values(c.leadsPerMonth).reduce((s, n) => s + n, 0) * (1 + c.junkShare + c.duplicateShare);
    expect(planned).toBeGreaterThan(47_500);
    expect(planned).toBeLessThan(52_500);
    expect(c.holidays).toEqual(
      expect.arrayContaining(["2025-11-04", "2026-01-01", "2026-01-09", "2026-11-04"]),
    );
  });

  it.runIf(BENCH)(
    "generates ~50,000 leads with 10–15 events each in under 60 s",
    () => {
      const t = performance.now();
      const { data, truth } = generateAccount({ seed: 1, scenario: "large" });
      const ms = performance.now() - t;
      const perLead = data.events.length / data.leads.length;
      console.log(
        `large, seed 1: ${data.leads.length} leads, ${data.contacts.length} contacts, ${data.tasks.length} tasks, ` +
          `${data.events.length} events (${perLead.toFixed(1)} a lead), ` +
          `${data.leads_notes.length + data.contacts_notes.length} notes, generated in ${(ms / 1000).toFixed(1)} s`,
      );
      expect(ms).toBeLessThan(60_000);
      expect(data.leads.length).toBeGreaterThan(45_000);
      expect(data.leads.length).toBeLessThan(55_000);
      expect(perLead).toBeGreaterThanOrEqual(10);
      expect(perLead).toBeLessThanOrEqual(15);
      expect(data.users).toHaveLength(51);
      expect(new Set(data.users.map((u) => u["email"])).size).toBe(51);
      expect(truth.managers).toHaveLength(50);
      expect(truth.months).toHaveLength(12);
      expect(truth.counts.leads).toBe(data.leads.length);
    },
    120_000,
  );

  it.runIf(BENCH)(
    "is deterministic",
    () => {
      // One account at a time: two would not fit the default heap.
      const a = digest(generateAccount({ seed: 2, scenario: "large" }));
      const b = digest(generateAccount({ seed: 2, scenario: "large" }));
      expect(b).toBe(a);
    },
    240_000,
  );
});
