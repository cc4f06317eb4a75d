/** Sorting moves whole rows (values and formats); filters hide rows that fail their criteria. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

const DATA = `var sh = SpreadsheetApp.getActiveSheet();
  sh.getRange("A1:C5").setValues([["name", "deals", "note"], ["Ivan", 3, "a"], ["Anna", 10, ""], ["Petr", 1, "c"], ["Olga", 5, "d"]]);
  sh.getRange("A3").setBackground("#ff0000");`;

describe("sort", () => {
  it("Range.sort({column, ascending}) moves each row's cells and formats together", () => {
    const rt = makeRuntime(`function setup() { ${DATA} }`);
    rt.call("setup");
    rt.js(`SpreadsheetApp.getActiveSheet().getRange("A2:C5").sort({ column: 2, ascending: false })`);
    const r = rt.spreadsheet.getActiveSheet().getRange("A1:C5");
    expect(r.getValues()).toEqual([
      ["name", "deals", "note"],
      ["Anna", 10, ""],
      ["Olga", 5, "d"],
      ["Ivan", 3, "a"],
      ["Petr", 1, "c"],
    ]);
    // Anna's red background travelled with her row.
    expect(rt.spreadsheet.getActiveSheet().getRange("A2").getBackground()).toBe("#ff0000");
  });

  it("Sheet.sort keeps frozen header rows in place; blanks sort last", () => {
    const rt = makeRuntime(
      `function setup() { ${DATA} sh.setFrozenRows(1); sh.getRange("A6").setValue("Zed"); }`,
    );
    rt.call("setup");
    rt.js("SpreadsheetApp.getActiveSheet().sort(2)");
    expect(rt.spreadsheet.getActiveSheet().getRange("A1:B6").getValues()).toEqual([
      ["name", "deals"],
      ["Petr", 1],
      ["Ivan", 3],
      ["Olga", 5],
      ["Anna", 10],
      ["Zed", ""],
    ]);
  });

  it("rejects a sort column outside the range", () => {
    const rt = makeRuntime(`function setup() { ${DATA} }`);
    rt.call("setup");
    expect(() => rt.js(`SpreadsheetApp.getActiveSheet().getRange("A2:B5").sort(3)`)).toThrow();
  });
});

describe("filter", () => {
  it("hides the rows failing a column's criteria, below the header row", () => {
    const rt = makeRuntime(`function setup() { ${DATA} }`);
    rt.call("setup");
    rt.js(`var sh = SpreadsheetApp.getActiveSheet();
      var f = sh.getRange("A1:C5").createFilter();
      f.setColumnFilterCriteria(2, SpreadsheetApp.newFilterCriteria().whenNumberGreaterThan(2).build());`);
    const hidden = rt.js<boolean[]>(`var sh = SpreadsheetApp.getActiveSheet();
      [1, 2, 3, 4, 5].map(function (r) { return sh.isRowHiddenByFilter(r); })`);
    expect(hidden).toEqual([false, false, false, true, false]);
    expect(rt.spreadsheet.getActiveSheet().isRowHiddenByUser(4)).toBe(false);
  });

  it("hides by hidden values, and shows everything again when removed", () => {
    const rt = makeRuntime(`function setup() { ${DATA} }`);
    rt.call("setup");
    rt.js(`var f = SpreadsheetApp.getActiveSheet().getRange("A1:C5").createFilter();
      f.setColumnFilterCriteria(1, SpreadsheetApp.newFilterCriteria().setHiddenValues(["Ivan", "Olga"]).build());`);
    const sheet = rt.spreadsheet.getActiveSheet();
    expect([2, 3, 4, 5].map((r) => sheet.isRowHiddenByFilter(r))).toEqual([true, false, false, true]);
    expect(
      rt.js(`SpreadsheetApp.getActiveSheet().getFilter().getColumnFilterCriteria(1).getHiddenValues()`),
    ).toEqual(["Ivan", "Olga"]);
    rt.js("SpreadsheetApp.getActiveSheet().getFilter().remove()");
    expect([2, 3, 4, 5].map((r) => sheet.isRowHiddenByFilter(r))).toEqual([false, false, false, false]);
    expect(sheet.getFilter()).toBeNull();
  });

  it("allows one filter per sheet", () => {
    const rt = makeRuntime();
    rt.js(`SpreadsheetApp.getActiveSheet().getRange("A1:B2").createFilter()`);
    expect(() => rt.js(`SpreadsheetApp.getActiveSheet().getRange("A1:B2").createFilter()`)).toThrow();
  });

  it("hides and shows rows by user", () => {
    const rt = makeRuntime();
    rt.js(`SpreadsheetApp.getActiveSheet().hideRows(2, 2)`);
    const sheet = rt.spreadsheet.getActiveSheet();
    expect([1, 2, 3, 4].map((r) => sheet.isRowHiddenByUser(r))).toEqual([false, true, true, false]);
    rt.js(`SpreadsheetApp.getActiveSheet().showRows(3)`);
    expect(sheet.isRowHiddenByUser(3)).toBe(false);
  });
});
