/** PropertiesService: string values, 9 KB per value, 500 KB per store, atomic setProperties. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

describe("PropertiesService", () => {
  it("stores strings (numbers coerced) and survives across executions; globals do not", () => {
    const rt = makeRuntime("var counter = 0; function bump() { counter++; return counter; }", {
      documentProperties: { seeded: "yes" },
    });
    rt.js(`PropertiesService.getDocumentProperties().setProperty("n", 42)`);
    expect(
      rt.js(`var v = PropertiesService.getDocumentProperties().getProperty("n"); [typeof v, v]`),
    ).toEqual(["string", "42"]);
    expect(rt.js(`PropertiesService.getDocumentProperties().getProperty("missing")`)).toBeNull();
    expect(rt.properties.document.toObject()).toEqual({ seeded: "yes", n: "42" });
    // Every execution loads the project afresh: a global counter restarts.
    expect(rt.call("bump")).toBe(1);
    expect(rt.call("bump")).toBe(1);
  });

  it("keeps script, user and document stores apart", () => {
    const rt = makeRuntime();
    rt.js(`PropertiesService.getScriptProperties().setProperty("k", "s");
      PropertiesService.getUserProperties().setProperty("k", "u");`);
    expect(rt.properties.script.toObject()).toEqual({ k: "s" });
    expect(rt.properties.user.toObject()).toEqual({ k: "u" });
    expect(rt.properties.document.toObject()).toEqual({});
  });

  it("refuses a value over 9 KB with Google's text", () => {
    const rt = makeRuntime();
    expect(() =>
      rt.js(`PropertiesService.getScriptProperties().setProperty("big", new Array(9 * 1024 + 2).join("x"))`),
    ).toThrow("Argument too large: value");
    expect(() =>
      rt.js(`PropertiesService.getScriptProperties().setProperty("ok", new Array(9 * 1024 + 1).join("x"))`),
    ).not.toThrow();
  });

  it("refuses to grow a store past 500 KB, and setProperties is all-or-nothing", () => {
    const rt = makeRuntime();
    rt.js(`var p = PropertiesService.getUserProperties(); var v = new Array(9001).join("x");
      for (var i = 0; i < 56; i++) p.setProperty("k" + (i < 10 ? "0" : "") + i, v);`);
    // 56 × (3 + 9000) = 504,168 bytes; one more 9,003-byte pair passes 500 KB = 512,000.
    expect(() =>
      rt.js(`PropertiesService.getUserProperties().setProperty("k56", new Array(9001).join("x"))`),
    ).toThrow("You have exceeded the property storage quota. Please remove some properties and try again.");
    expect(() =>
      rt.js(
        `PropertiesService.getUserProperties().setProperties({ a: "1", b: new Array(9 * 1024 + 2).join("x") })`,
      ),
    ).toThrow("Argument too large: value");
    expect(rt.properties.user.map.has("a")).toBe(false);
    expect(rt.properties.user.map.size).toBe(56);
  });

  it("setProperties(obj, true) deletes the others; getKeys, deleteProperty, deleteAllProperties", () => {
    const rt = makeRuntime("", { scriptProperties: { a: "1", b: "2" } });
    expect(
      rt.js(
        `var p = PropertiesService.getScriptProperties(); p.setProperties({ c: "3" }, true); p.getKeys()`,
      ),
    ).toEqual(["c"]);
    rt.js(`PropertiesService.getScriptProperties().setProperties({ d: "4" }).deleteProperty("c")`);
    expect(rt.properties.script.toObject()).toEqual({ d: "4" });
    rt.js(`PropertiesService.getScriptProperties().deleteAllProperties()`);
    expect(rt.properties.script.toObject()).toEqual({});
  });
});
