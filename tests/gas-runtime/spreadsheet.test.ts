/** Spreadsheet and Sheet structure: sheet names, Google's errors, the 10,000,000-cell limit. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

describe("sheets", () => {
  it("names new sheets per locale and refuses duplicates with Google's text", () => {
    const rt = makeRuntime();
    expect(rt.js(`SpreadsheetApp.getActive().getSheets().map(function (s) { return s.getName(); })`)).toEqual(
      ["Лист1"],
    );
    rt.js(`SpreadsheetApp.getActive().insertSheet(); SpreadsheetApp.getActive().insertSheet("Deals", 0);`);
    expect(rt.spreadsheet.getSheets().map((s) => s.getName())).toEqual(["Deals", "Лист1", "Лист2"]);
    expect(rt.spreadsheet.getActiveSheet().getName()).toBe("Deals");
    expect(() => rt.js(`SpreadsheetApp.getActive().insertSheet("Deals")`)).toThrow(
      'A sheet with the name "Deals" already exists. Please enter another name.',
    );
    expect(makeRuntime("", { spreadsheetLocale: "en_US" }).spreadsheet.getSheets()[0]?.getName()).toBe(
      "Sheet1",
    );
  });

  it("cannot delete the only sheet; getSheetByName and A1 with a sheet prefix", () => {
    const rt = makeRuntime();
    expect(() => rt.js(`var ss = SpreadsheetApp.getActive(); ss.deleteSheet(ss.getSheets()[0])`)).toThrow(
      "You can't remove all the sheets in a document.",
    );
    rt.js(
      `var ss = SpreadsheetApp.getActive(); ss.insertSheet("My KPIs"); ss.getRange("'My KPIs'!B2").setValue(5);`,
    );
    expect(rt.spreadsheet.getSheetByName("My KPIs")?.getRange("B2").getValue()).toBe(5);
    expect(rt.js(`SpreadsheetApp.getActive().getSheetByName("nope")`)).toBeNull();
    expect(() => rt.js(`SpreadsheetApp.getActive().getRange("Nope!A1")`)).toThrow("Range not found");
  });

  it("refuses growth past 10,000,000 cells (insertSheet, insertRows, appendRow, Sheets API)", () => {
    const rt = makeRuntime();
    const LIMIT =
      "This action would increase the number of cells in the workbook above the limit of 10000000 cells.";
    // 1000×26 = 26,000 cells now; 384,000 more rows × 26 = 9,984,000 → 10,010,000.
    expect(() => rt.js(`SpreadsheetApp.getActiveSheet().insertRowsAfter(1000, 384000)`)).toThrow(LIMIT);
    rt.js(`SpreadsheetApp.getActiveSheet().insertRowsAfter(1000, 383000)`); // 9,984,000 cells
    expect(() => rt.js(`SpreadsheetApp.getActive().insertSheet()`)).toThrow(LIMIT);
    expect(() => rt.js(`SpreadsheetApp.getActiveSheet().insertColumnAfter(26)`)).toThrow(LIMIT);
    expect(() =>
      rt.js(
        `Sheets.Spreadsheets.Values.update({ values: [[1]] }, SpreadsheetApp.getActive().getId(), "Лист1!AA1", { valueInputOption: "RAW" })`,
      ),
    ).toThrow(LIMIT);
    expect(rt.spreadsheet.getActiveSheet().getMaxRows()).toBe(384_000);
  });

  it("deleteRows past the sheet and deleting every row fail with Google's texts", () => {
    const rt = makeRuntime();
    expect(() => rt.js(`SpreadsheetApp.getActiveSheet().deleteRows(999, 5)`)).toThrow(
      "Those rows are out of bounds.",
    );
    expect(() => rt.js(`SpreadsheetApp.getActiveSheet().deleteRows(1, 1000)`)).toThrow(
      "Sorry, it is not possible to delete all non-frozen rows.",
    );
  });

  it("appendRow writes after the last row and grows a full sheet", () => {
    const rt = makeRuntime();
    rt.js(`var sh = SpreadsheetApp.getActiveSheet(); sh.deleteRows(3, 998);
      sh.appendRow(["a", 1]); sh.appendRow(["b", 2]); sh.appendRow(["c", 3]);`);
    const sheet = rt.spreadsheet.getActiveSheet();
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getDataRange().getValues()).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });

  it("freezes, sizes and protects", () => {
    const rt = makeRuntime();
    const got = rt.js(`var sh = SpreadsheetApp.getActiveSheet();
      sh.setFrozenRows(1); sh.setColumnWidth(2, 240);
      var p = sh.protect().setDescription("generated").setWarningOnly(true);
      [sh.getFrozenRows(), sh.getColumnWidth(2), sh.getColumnWidth(3),
       sh.getProtections(SpreadsheetApp.ProtectionType.SHEET).map(function (x) { return [x.getDescription(), x.isWarningOnly()]; })]`);
    expect(got).toEqual([1, 240, 100, [["generated", true]]]);
  });

  it("records charts built with newChart()", () => {
    const rt = makeRuntime();
    rt.js(`var sh = SpreadsheetApp.getActiveSheet();
      sh.insertChart(sh.newChart().asColumnChart().addRange(sh.getRange("A1:B10")).setPosition(2, 5, 0, 0)
        .setOption("title", "Deals by manager").build());`);
    const charts = rt.spreadsheet.getActiveSheet().getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0]?.getRanges().map((r) => r.getA1Notation())).toEqual(["A1:B10"]);
    expect(charts[0]?.getOptions().get("title")).toBe("Deals by manager");
    expect(charts[0]?.getContainerInfo().getAnchorColumn()).toBe(5);
  });
});
