/** The 6-minute budget: checked at service calls and on return, on the runtime's clock. */
import { describe, expect, it } from "vitest";
import { MEASURED_COSTS } from "../../local/gas-runtime/index";
import { makeRuntime } from "./helpers";

const CODE = `
function sleepy(n) { for (var i = 0; i < n; i++) Utilities.sleep(60000); return "done"; }
function sleepThenPureJs() { Utilities.sleep(300000); Utilities.sleep(61000); return 1; }
function bigWrite(rows) {
  var sh = SpreadsheetApp.getActiveSheet();
  // Allocated cells count toward the 10M limit: keep 5 columns only.
  sh.deleteColumns(6, sh.getMaxColumns() - 5);
  sh.insertRowsAfter(sh.getMaxRows(), rows);
  var data = [];
  for (var i = 0; i < rows; i++) data.push([i, "x", "y", "z", "w"]);
  for (var start = 1; start <= rows; start += 100000) {
    sh.getRange(start, 1, Math.min(100000, rows - start + 1), 5).setValues(data.slice(start - 1, start - 1 + 100000));
  }
  return "written";
}
`;

describe("execution time limit", () => {
  it("lets a run use its 6 minutes, then the next service call throws Google's text", () => {
    const rt = makeRuntime(CODE);
    expect(rt.call("sleepy", 6)).toBe("done");
    expect(() => rt.call("sleepy", 7)).toThrow("Exceeded maximum execution time");
    // Each call has its own budget.
    expect(rt.call("sleepy", 1)).toBe("done");
  });

  it("discards the result of a run that ends past the limit", () => {
    const rt = makeRuntime(CODE);
    expect(() => rt.call("sleepThenPureJs")).toThrow("Exceeded maximum execution time");
    expect(rt.executions.at(-1)?.error).toBe("Exception: Exceeded maximum execution time");
  });

  it("honours executionLimitMs", () => {
    const rt = makeRuntime(CODE, { executionLimitMs: 90_000 });
    expect(() => rt.call("sleepy", 2)).toThrow("Exceeded maximum execution time");
  });

  it("with measured costs, a 500k-row setValues through SpreadsheetApp times out as in Apps Script", () => {
    const rt = makeRuntime(CODE, { costs: MEASURED_COSTS, spreadsheetLocale: "en_US" });
    // 500,000 × 5 cells × 0.05 ms = 125 s: fits.
    expect(rt.call("bigWrite", 500_000)).toBe("written");
    const rt2 = makeRuntime(CODE, { costs: MEASURED_COSTS });
    // 1,500,000 × 5 × 0.05 ms = 375 s: the sheet is written chunk by chunk until the limit.
    expect(() => rt2.call("bigWrite", 1_500_000)).toThrow("Exceeded maximum execution time");
  });
});
