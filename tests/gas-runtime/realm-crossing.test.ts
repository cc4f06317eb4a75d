/**
 * Values crossing into the script's realm (realm.ts): a range as a custom function receives it
 * becomes the script's own arrays and Dates (the fast row copy keeps that), and the built-ins the
 * script reads by name are its realm's, with Date still on the virtual clock.
 */
import { describe, expect, it } from "vitest";
import { makeRuntime, T0 } from "./helpers";

const PROBE = `
function PROBE(range) {
  var out = [];
  out.push(Array.isArray(range) && range instanceof Array, range.length);
  for (var r = 0; r < range.length; r++) {
    var row = range[r];
    out.push(row instanceof Array, row.length);
    for (var c = 0; c < row.length; c++) {
      var v = row[c];
      out.push(v instanceof Date ? "date:" + v.getTime() : v instanceof Array ? "array:" + v.join("/") : typeof v + ":" + v);
    }
  }
  return [out];
}
`;

describe("a range crossing into the script", () => {
  it("arrives as the script's arrays and Dates, cell for cell", () => {
    const rt = makeRuntime(PROBE);
    const when = new Date(Date.UTC(2026, 9, 1, 12));
    // Rows of primitives (the copy by array literal), a row with a Date and a nested array, a
    // row longer than the literal copy handles, an empty row.
    const long = Array.from({ length: 300 }, (_, k) => k);
    const range = [["a", 1, "", true, null], [when, ["x", 2], 0.5], long, []];
    const [out] = rt.customFunction<unknown[][]>("PROBE", range);
    const expected: unknown[] = [true, 4];
    expected.push(true, 5, "string:a", "number:1", "string:", "boolean:true", "object:null");
    expected.push(true, 3, `date:${when.getTime()}`, "array:x/2", "number:0.5");
    expected.push(true, 300, ...long.map((k) => `number:${k}`));
    expected.push(true, 0);
    expect(out).toEqual(expected);
    // The caller's range is not touched.
    expect(range[1]![0]).toBe(when);
  });

  it("a Date made in the script still reads the virtual clock; built-ins are the realm's", () => {
    const rt = makeRuntime();
    expect(
      rt.js("[new Date().getTime(), Date.now(), globalThis.Date === Date, [] instanceof Array]"),
    ).toEqual([T0, T0, true, true]);
    rt.virtual.advance(60_000);
    expect(rt.js("new Date().getTime()")).toBe(T0 + 60_000);
  });
});
