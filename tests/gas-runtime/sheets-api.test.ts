/** The advanced Sheets service: RAW vs USER_ENTERED, REST read shapes, errors, call counting. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

const ID = "var id = SpreadsheetApp.getActiveSpreadsheet().getId();";

describe("Sheets.Spreadsheets.Values", () => {
  it("RAW stores text as text even when it starts with '=', USER_ENTERED parses it", () => {
    const rt = makeRuntime();
    const res = rt.js<GoogleAppsScript.Sheets.Schema.BatchUpdateValuesResponse>(`${ID}
      Sheets.Spreadsheets.Values.batchUpdate({ valueInputOption: "RAW",
        data: [{ range: "Лист1!A1:C1", values: [["=1+1", "0012", "'x"]] }] }, id);`);
    expect(res.totalUpdatedCells).toBe(3);
    expect(res.responses?.[0]?.updatedRange).toBe("'Лист1'!A1:C1");
    rt.js(`${ID}
      Sheets.Spreadsheets.Values.batchUpdate({ valueInputOption: "USER_ENTERED",
        data: [{ range: "Лист1!A2:C2", values: [["=1+1", "0012", "'x"]] }] }, id);`);
    const r = rt.spreadsheet.getActiveSheet().getRange("A1:C2");
    expect(r.getFormulas()).toEqual([
      ["", "", ""],
      ["=1+1", "", ""],
    ]);
    expect(r.getValues()).toEqual([
      ["=1+1", "0012", "'x"],
      ["", 12, "x"],
    ]);
    expect(rt.quota.sheetsApiCalls).toBe(2);
  });

  it("needs valueInputOption, with Google's error shape", () => {
    const rt = makeRuntime();
    const caught = rt.js<string[]>(`${ID}
      try { Sheets.Spreadsheets.Values.batchUpdate({ data: [{ range: "A1", values: [[1]] }] }, id); }
      catch (e) { [e.name, e.message] }`);
    expect(caught).toEqual([
      "GoogleJsonResponseException",
      "API call to sheets.spreadsheets.values.batchUpdate failed with error: 'valueInputOption' is required but not specified",
    ]);
  });

  it("reads FORMATTED_VALUE strings by default, trims trailing empties, omits values when empty", () => {
    const rt = makeRuntime("", { spreadsheetLocale: "en_US" });
    rt.js(
      `var sh = SpreadsheetApp.getActiveSheet(); sh.getRange("A1:C2").setValues([[1.5, true, ""], ["a", "", ""]]);`,
    );
    const got = rt.js(`${ID} [
      Sheets.Spreadsheets.Values.get(id, "Sheet1!A1:C3"),
      Sheets.Spreadsheets.Values.get(id, "Sheet1!A1:C3", { valueRenderOption: "UNFORMATTED_VALUE" }),
      Sheets.Spreadsheets.Values.get(id, "Sheet1!E5:F6")]`);
    expect(got).toEqual([
      { range: "Sheet1!A1:C3", majorDimension: "ROWS", values: [["1.5", "TRUE"], ["a"]] },
      { range: "Sheet1!A1:C3", majorDimension: "ROWS", values: [[1.5, true], ["a"]] },
      { range: "Sheet1!E5:F6", majorDimension: "ROWS" },
    ]);
  });

  it("leaves a cell alone for null and grows the grid for a single-cell start", () => {
    const rt = makeRuntime();
    rt.js(`var sh = SpreadsheetApp.getActiveSheet(); sh.getRange("A1:B1").setValues([["keep", "x"]]);`);
    rt.js(
      `${ID} Sheets.Spreadsheets.Values.update({ values: [[null, ""]] }, id, "Лист1!A1:B1", { valueInputOption: "RAW" });`,
    );
    expect(rt.spreadsheet.getActiveSheet().getRange("A1:B1").getValues()).toEqual([["keep", ""]]);
    rt.js(
      `${ID} Sheets.Spreadsheets.Values.update({ values: [[1], [2], [3]] }, id, "Лист1!A999", { valueInputOption: "RAW" });`,
    );
    expect(rt.spreadsheet.getActiveSheet().getMaxRows()).toBe(1001);
    expect(rt.spreadsheet.getActiveSheet().getRange("A1001").getValue()).toBe(3);
  });

  it("refuses to write past an explicit range with Google's text", () => {
    const rt = makeRuntime("", { spreadsheetLocale: "en_US" });
    expect(() =>
      rt.js(
        `${ID} Sheets.Spreadsheets.Values.update({ values: [[1], [2], [3]] }, id, "Sheet1!A1:A2", { valueInputOption: "RAW" })`,
      ),
    ).toThrow("Requested writing within range [Sheet1!A1:A2], but tried writing to row [3]");
    expect(() => rt.js(`${ID} Sheets.Spreadsheets.Values.get(id, "Nope!A1")`)).toThrow(
      "API call to sheets.spreadsheets.values.get failed with error: Unable to parse range: Nope!A1",
    );
  });

  it("batchGet returns one ValueRange per range; Spreadsheets.get lists sheets", () => {
    const rt = makeRuntime("", { spreadsheetLocale: "en_US" });
    rt.js(`var sh = SpreadsheetApp.getActiveSheet(); sh.getRange("A1:B1").setValues([[1, 2]]);`);
    const r = rt.js<{ valueRanges: { values: unknown[][] }[] }>(
      `${ID} Sheets.Spreadsheets.Values.batchGet(id, { ranges: ["Sheet1!A1", "Sheet1!B1"], valueRenderOption: "UNFORMATTED_VALUE" })`,
    );
    expect(r.valueRanges.map((v) => v.values)).toEqual([[[1]], [[2]]]);
    const meta = rt.js<{ sheets: { properties: { title: string; gridProperties: { rowCount: number } } }[] }>(
      `${ID} Sheets.Spreadsheets.get(id)`,
    );
    expect(meta.sheets.map((s) => [s.properties.title, s.properties.gridProperties.rowCount])).toEqual([
      ["Sheet1", 1000],
    ]);
  });

  it("enforces 60 write requests per minute per user on the runtime's clock", () => {
    const rt = makeRuntime();
    const write = `${ID} Sheets.Spreadsheets.Values.update({ values: [[1]] }, id, "A1", { valueInputOption: "RAW" });`;
    for (let i = 0; i < 60; i++) rt.js(write);
    expect(() => rt.js(write)).toThrow("Write requests per minute per user");
    rt.clock.advance(60_000);
    expect(() => rt.js(write)).not.toThrow();
  });
});
