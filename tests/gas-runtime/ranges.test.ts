/** Range semantics: 1-based coordinates, Google's error texts, formulas vs text, formats. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

const SHEET = "var sh = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();";

describe("Range coordinates", () => {
  it("is 1-based and reads back what was written", () => {
    const rt = makeRuntime();
    rt.js(`${SHEET} sh.getRange(2, 3).setValue(42);`);
    const sheet = rt.spreadsheet.getActiveSheet();
    expect(sheet.getRange("C2").getValue()).toBe(42);
    expect(rt.js(`${SHEET} sh.getRange(2, 3).getA1Notation()`)).toBe("C2");
    expect(rt.js(`${SHEET} sh.getRange(1, 1, 3, 2).getA1Notation()`)).toBe("A1:B3");
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getLastColumn()).toBe(3);
  });

  it("throws Google's texts for bad coordinates, as an Exception in the script", () => {
    const rt = makeRuntime();
    expect(() => rt.js(`${SHEET} sh.getRange(0, 1)`)).toThrow("The starting row of the range is too small.");
    expect(() => rt.js(`${SHEET} sh.getRange(1, 0)`)).toThrow(
      "The starting column of the range is too small.",
    );
    expect(() => rt.js(`${SHEET} sh.getRange(1000, 1, 2, 1)`)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(() => rt.js(`${SHEET} sh.getRange(1, 26, 1, 2)`)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    const caught = rt.js<string>(
      `${SHEET} try { sh.getRange(0, 1); } catch (e) { String(e) + "|" + (e instanceof Error) }`,
    );
    expect(caught).toBe("Exception: The starting row of the range is too small.|true");
  });

  it("checks setValues dimensions with Google's exact texts", () => {
    const rt = makeRuntime();
    expect(() => rt.js(`${SHEET} sh.getRange("A1:B2").setValues([[1, 2], [3, 4], [5, 6]])`)).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 3 but the range has 2.",
    );
    expect(() => rt.js(`${SHEET} sh.getRange("A1:B2").setValues([[1, 2, 3], [4, 5, 6]])`)).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.",
    );
    // Nothing was written by the failed calls.
    expect(rt.spreadsheet.getActiveSheet().getLastRow()).toBe(0);
  });

  it('returns "" for empty cells and the last non-empty row/column', () => {
    const rt = makeRuntime();
    rt.js(`${SHEET} sh.getRange("B3").setValue("x");`);
    expect(rt.js(`${SHEET} sh.getRange("A1:B3").getValues()`)).toEqual([
      ["", ""],
      ["", ""],
      ["", "x"],
    ]);
    expect(rt.js(`${SHEET} sh.getDataRange().getA1Notation()`)).toBe("A1:B3");
  });
});

describe("values as Sheets stores them", () => {
  it("turns a string starting with = into a formula (the injection danger) and keeps apostrophe text", () => {
    const rt = makeRuntime();
    rt.js(`${SHEET} sh.getRange("A1:C1").setValues([["=HYPERLINK(\\"http://evil\\")", "'=1+1", "plain"]]);`);
    const r = rt.spreadsheet.getActiveSheet().getRange("A1:C1");
    expect(r.getFormulas()).toEqual([['=HYPERLINK("http://evil")', "", ""]]);
    // Sheets' apostrophe rule: stored as text without the apostrophe.
    expect(r.getValues()).toEqual([["", "=1+1", "plain"]]);
  });

  it("parses typed text like Sheets: numbers lose leading zeros, percentages, booleans", () => {
    const rt = makeRuntime("", { spreadsheetLocale: "en_US" });
    rt.js(`${SHEET} sh.getRange("A1:E1").setValues([["0012", "1,234.5", "15%", "TRUE", "text"]]);`);
    expect(rt.js(`${SHEET} sh.getRange("A1:E1").getValues()`)).toEqual([[12, 1234.5, 0.15, true, "text"]]);
    expect(rt.js(`${SHEET} sh.getRange("C1").getNumberFormat()`)).toBe("0%");
  });

  it("keeps strings as typed in a plain-text (@) cell", () => {
    const rt = makeRuntime();
    rt.js(`${SHEET} var r = sh.getRange("A1:B1"); r.setNumberFormat("@"); r.setValues([["0012", "=1+1"]]);`);
    const r = rt.spreadsheet.getActiveSheet().getRange("A1:B1");
    expect(r.getValues()).toEqual([["0012", "=1+1"]]);
    expect(r.getFormulas()).toEqual([["", ""]]);
  });

  it("returns Dates of the script's realm for date cells, and numbers once reformatted", () => {
    const rt = makeRuntime();
    const out = rt.js<[boolean, number]>(`${SHEET}
      var d = new Date(Date.UTC(2025, 0, 31, 7, 30));
      sh.getRange("A1").setValue(d);
      var back = sh.getRange("A1").getValue();
      [back instanceof Date, back.getTime()]`);
    expect(out).toEqual([true, Date.UTC(2025, 0, 31, 7, 30)]);
    rt.js(`${SHEET} sh.getRange("A1").setNumberFormat("0.00");`);
    // 2025-01-31 10:30 Moscow = serial 45688 + 10.5/24.
    expect(rt.spreadsheet.getActiveSheet().getRange("A1").getValue()).toBeCloseTo(45688.4375, 6);
  });

  it("formats display values (approximately, see number-format.ts)", () => {
    const rt = makeRuntime("", { spreadsheetLocale: "en_US" });
    rt.js(`${SHEET}
      sh.getRange("A1:E1").setValues([[0.256, 1234567.891, 3.14159, 7, new Date(Date.UTC(2025, 5, 1, 9, 5))]]);
      sh.getRange("A1:E1").setNumberFormats([["0.0%", "#,##0", "0.00", "0", "yyyy-mm-dd hh:mm"]]);`);
    expect(rt.spreadsheet.getActiveSheet().getRange("A1:E1").getDisplayValues()).toEqual([
      ["25.6%", "1,234,568", "3.14", "7", "2025-06-01 12:05"],
    ]);
  });

  it("stores formats, notes and backgrounds per cell", () => {
    const rt = makeRuntime();
    rt.js(`${SHEET}
      var r = sh.getRange("A1:B1");
      r.setBackgrounds([["#ff0000", null]]).setFontWeight("bold").setNote("why");
      sh.getRange("B1").setFontColor("#00ff00").setHorizontalAlignment("center").setWrap(true);`);
    const r = rt.spreadsheet.getActiveSheet().getRange("A1:B1");
    expect(r.getBackgrounds()).toEqual([["#ff0000", "#ffffff"]]);
    expect(r.getFontWeights()).toEqual([["bold", "bold"]]);
    expect(r.getNotes()).toEqual([["why", "why"]]);
    expect(r.getHorizontalAlignments()).toEqual([["general", "center"]]);
    expect(r.getWraps()).toEqual([[false, true]]);
  });

  it("reads font colours, styles, lines and vertical alignment per cell (the .xlsx export needs them)", () => {
    const rt = makeRuntime();
    rt.js(`${SHEET}
      sh.getRange("B1").setFontColor("#00ff00").setFontStyle("italic").setFontLine("underline").setVerticalAlignment("top");`);
    const r = rt.spreadsheet.getActiveSheet().getRange("A1:B1");
    expect(r.getFontColors()).toEqual([["#000000", "#00ff00"]]);
    expect(r.getFontStyles()).toEqual([["normal", "italic"]]);
    expect(r.getFontLines()).toEqual([["none", "underline"]]);
    expect(r.getVerticalAlignments()).toEqual([["bottom", "top"]]);
  });

  it("refuses a cell over 50,000 characters", () => {
    const rt = makeRuntime();
    expect(() => rt.js(`${SHEET} sh.getRange("A1").setValue(new Array(50002).join("x"))`)).toThrow(
      "Your input contains more than the maximum of 50000 characters in a single cell.",
    );
  });
});

describe("formula cells", () => {
  it('read as "" without an evaluator, and as the evaluator\'s answer with one', () => {
    const plain = makeRuntime();
    plain.js(`${SHEET} sh.getRange("A1").setFormula("=SUM(B1:B3)");`);
    expect(plain.spreadsheet.getActiveSheet().getRange("A1").getValue()).toBe("");
    const seen: string[] = [];
    const rt = makeRuntime("", {
      formulaEvaluator: (cell) => {
        seen.push(`${cell.sheetName}!R${cell.row}C${cell.column} ${cell.formula}`);
        return 6;
      },
    });
    rt.js(`${SHEET} sh.getRange("A1").setFormula("=SUM(B1:B3)");`);
    expect(rt.js(`${SHEET} [sh.getRange("A1").getValue(), sh.getRange("A1").getFormula()]`)).toEqual([
      6,
      "=SUM(B1:B3)",
    ]);
    expect(seen).toEqual(["Лист1!R1C1 =SUM(B1:B3)"]);
  });
});

describe("values returned by call()", () => {
  it("are host values: arrays, Dates and the fakes themselves", () => {
    const rt = makeRuntime();
    const [range, date] = rt.js<[GoogleAppsScript.Spreadsheet.Range, Date]>(
      `[SpreadsheetApp.getActiveSheet().getRange("B2"), new Date(0)]`,
    );
    expect(date).toBeInstanceOf(Date);
    rt.clock.advance(10 * 60_000);
    expect(range.getA1Notation()).toBe("B2");
  });
});
