/**
 * The formula engine: built-ins and operators, references of every shape, custom functions run as
 * custom-function executions, spills, and recalculation of dependents only. Expected values are
 * worked out by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import { makeRuntime, T0, type TestRuntime } from "./helpers";

const SHEET = `var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getActiveSheet();`;

function rt(code = ""): TestRuntime {
  return makeRuntime(code, { evaluateFormulas: true });
}

/** Writes cells (A1 → value or formula) through the script, one execution. */
function put(r: TestRuntime, cells: Record<string, unknown>, sheet = "Лист1"): void {
  r.js(
    `var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(${JSON.stringify(sheet)}); var cells = ${JSON.stringify(cells)};
     Object.keys(cells).forEach(function (a1) { s.getRange(a1).setValue(cells[a1]); });`,
  );
}

function get(r: TestRuntime, a1: string, sheet = "Лист1"): unknown {
  return r.spreadsheet.getSheetByName(sheet)!.getRange(a1).getValue();
}

describe("built-in functions and operators", () => {
  it("computes what Sheets computes for the templates' functions", () => {
    const r = rt();
    put(r, { B1: 1, B2: 2, B3: 3, B4: "text" });
    put(r, {
      A1: "=SUM(B1:B3)", // 1+2+3
      A2: '=IF(B1>0; "pos"; "neg")', // Russian-locale separators
      A3: "=ROUND(2.345, 2)", // half away from zero
      A4: '=B1&"x"&TRUE',
      A5: "=-B2*3+B3/3", // -6 + 1
      A6: "=AND(B1=1, NOT(B2>5), OR(FALSE, B3>=3))",
      A7: "=COUNT(B1:B4)+COUNTA(B1:B5)", // 3 numbers + 4 non-empty
      A8: "=INDEX(B1:B3, 2)+MATCH(3, B1:B3, 0)", // 2 + 3
      A9: "=MIN(B1:B3)*10+MAX(B1:B3)", // 13
      A10: "=AVERAGE(B1:B3)", // 2
      A11: '="abc"="ABC"', // text compares case-insensitively
      A12: "=B4>100", // text ranks above numbers
      A13: "=ISBLANK(B9)+ISNUMBER(B1)*2+ISERROR(1/0)*4", // 1 + 2 + 4
      A14: "=ABS(-2.5)+2^3+50%", // 2.5 + 8 + 0.5
      A15: "=LEN(B4)", // 4
    });
    expect(["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"].map((a) => get(r, a))).toEqual([
      6,
      "pos",
      2.35,
      "1xTRUE",
      -5,
      true,
      7,
      5,
    ]);
    expect(["A9", "A10", "A11", "A12", "A13", "A14", "A15"].map((a) => get(r, a))).toEqual([
      13,
      2,
      true,
      true,
      7,
      11,
      4,
    ]);
  });

  it("gives Sheets' error values, and IFERROR catches them", () => {
    const r = rt();
    put(r, {
      A1: "=1/0",
      A2: "=NO_SUCH_FN(1)",
      A3: "=IFERROR(1/0, 7)",
      A4: "=SUM(not_a_range)",
      A5: '=1+"abc"',
      A6: "=MATCH(9, B1:B3, 0)",
      A7: "=Nowhere!A1",
    });
    expect(["A1", "A2", "A3", "A4", "A5", "A6", "A7"].map((a) => get(r, a))).toEqual([
      "#DIV/0!",
      "#NAME?",
      7,
      "#NAME?",
      "#VALUE!",
      "#N/A",
      "#REF!",
    ]);
    expect(r.formulas!.errorAt("Лист1", "A2")).toEqual({
      code: "#NAME?",
      message: "Unknown function: 'NO_SUCH_FN'.",
    });
    expect(r.formulas!.errorAt("Лист1", "A4")?.message).toBe("Unknown range name: 'not_a_range'.");
  });

  it("handles dates as serial days: DATE, TODAY and date-formatted cells", () => {
    const r = rt();
    // T0 = 2025-01-15 09:00 Moscow; DATE(2025,1,31) is serial 45688 (days since 1899-12-30).
    put(r, { A1: "=DATE(2025, 1, 31)", A2: "=TODAY()", A3: "=A1-A2" });
    r.spreadsheet.getActiveSheet().getRange("A1:A2").setNumberFormat("yyyy-mm-dd");
    expect(r.spreadsheet.getActiveSheet().getRange("A1:A3").getDisplayValues()).toEqual([
      ["2025-01-31"],
      ["2025-01-15"],
      ["16"],
    ]);
    expect(get(r, "A1")).toEqual(new Date(Date.UTC(2025, 0, 30, 21))); // midnight in Moscow
    expect(T0).toBe(Date.UTC(2025, 0, 15, 6));
  });

  it("keeps formula text for getFormula(s) while getValue(s) give results", () => {
    const r = rt();
    put(r, { B1: 4, A1: "=B1*B1" });
    const range = r.spreadsheet.getActiveSheet().getRange("A1:B1");
    expect(range.getFormulas()).toEqual([["=B1*B1", ""]]);
    expect(range.getValues()).toEqual([[16, 4]]);
  });
});

describe("references", () => {
  it("reads other sheets (quoted names, whole columns, open ranges) and named ranges", () => {
    const r = rt();
    r.js(`${SHEET} var p = ss.insertSheet("Plan Q1"); p.getRange("A1:A4").setValues([[10],[20],[30],["x"]]);
          p.getRange("B2:B3").setValues([[5],[6]]);
          ss.setNamedRange("amo_x", p.getRange("A1:A2"));`);
    put(r, {
      A1: "=SUM('Plan Q1'!A:A)", // 10+20+30, text skipped
      A2: "=SUM('Plan Q1'!B2:B)", // open downwards: 5+6
      A3: "=SUM(amo_x)*2", // (10+20)*2
      A4: "='Plan Q1'!$A$3", // one cell
    });
    expect(["A1", "A2", "A3", "A4"].map((a) => get(r, a))).toEqual([60, 11, 60, 30]);
    // Moving the named range changes the result without touching the formula.
    r.js(
      `${SHEET} ss.getRangeByName("amo_x"); ss.getNamedRanges()[0].setRange(ss.getSheetByName("Plan Q1").getRange("A2:A3"));`,
    );
    expect(get(r, "A3")).toBe(100); // (20+30)*2
  });
});

const CUSTOM = `
/**
 * Doubles a number.
 * @param {number} x the number
 * @return {number} twice x
 * @customfunction
 */
function DOUBLE(x) { return x * 2; }

/**
 * Describes its arguments: a range's size, what an empty cell and a date arrive as.
 * @param {Array} range cells
 * @param {Date} when a date cell
 * @param {string} empty an empty cell
 * @customfunction
 */
function DESCRIBE(range, when, empty) {
  return [range.length + "x" + range[0].length, when instanceof Date ? when.toISOString() : typeof when,
          JSON.stringify(empty)].join("|");
}

/** @customfunction */
function TABLE(n) {
  var out = [["#", "sq"]];
  for (var i = 1; i <= n; i++) out.push([i, i * i]);
  return out;
}

/** @customfunction */
function ARGS() {
  return JSON.stringify(Array.prototype.slice.call(arguments));
}

/** @customfunction */
function FAILS(msg) { throw new Error("bad input: " + msg); }

/** @customfunction */
function SLOW() { Utilities.sleep(31000); return 1; }

/** @customfunction */
function WRITES() { SpreadsheetApp.getActiveSheet().getRange("Z1").setValue(1); return 1; }
`;

describe("custom functions", () => {
  it("are found from the code's @customfunction JSDoc and run as custom-function executions", () => {
    const r = rt(CUSTOM);
    expect([...r.formulas!.customFunctions.keys()]).toEqual(
      expect.arrayContaining(["DOUBLE", "DESCRIBE", "TABLE", "FAILS", "SLOW", "WRITES"]),
    );
    put(r, { B1: 21, A1: "=DOUBLE(B1)", A2: "=double(DOUBLE(2))" });
    expect(get(r, "A1")).toBe(42);
    expect(get(r, "A2")).toBe(8);
    const runs = r.executions.filter((e) => e.kind === "custom-function");
    expect(runs.map((e) => [e.fn, e.authMode])).toEqual([
      ["DOUBLE", "CUSTOM_FUNCTION"],
      ["DOUBLE", "CUSTOM_FUNCTION"],
      ["DOUBLE", "CUSTOM_FUNCTION"],
    ]);
  });

  it('get a range as a 2-D array, a date cell as a Date and an empty cell as ""', () => {
    const r = rt(CUSTOM);
    r.js(`${SHEET} sh.getRange("C1").setValue(new Date(Date.UTC(2025, 0, 31, 9)));`);
    put(r, { A1: "=DESCRIBE(D1:E3, C1, F1)" });
    expect(get(r, "A1")).toBe('3x2|2025-01-31T09:00:00.000Z|""');
  });

  it("take the contract's shape: a named table, dates, omitted filters and a sync stamp", () => {
    const r = rt(CUSTOM);
    r.js(`${SHEET} var d = ss.insertSheet("amo_daily"); d.getRange("A1:B3").setValues([["day","n"],["2025-01-01",1],["2025-01-02",2]]);
          ss.setNamedRange("amo_daily", d.getRange("A1:B3"));
          var s = ss.insertSheet("Settings"); s.getRange("B1").setValue("2025-01-10"); s.getRange("B2").setValue(7);
          ss.setNamedRange("amo_last_sync", s.getRange("B2"));`);
    put(r, { A1: "=ARGS(amo_daily; Settings!B1; ; amo_last_sync)" });
    // ISO text typed into a cell becomes a date, so it arrives as a Date: Moscow midnight is 21:00Z
    // the day before. The omitted argument arrives as "" [assumed].
    expect(JSON.parse(get(r, "A1") as string)).toEqual([
      [
        ["day", "n"],
        ["2024-12-31T21:00:00.000Z", 1],
        ["2025-01-01T21:00:00.000Z", 2],
      ],
      "2025-01-09T21:00:00.000Z",
      "",
      7,
    ]);
    const calls = r.formulas!.customCalls;
    r.spreadsheet.getSheetByName("Settings")!.getRange("B2").setValue(8); // the sync writes a new stamp
    expect(JSON.parse(get(r, "A1") as string)[3]).toBe(8);
    expect(r.formulas!.customCalls - calls).toBe(1);
  });

  it("spill a 2-D result, or give #REF! while the area holds data", () => {
    const r = rt(CUSTOM);
    put(r, { B4: "blocker", A1: "=TABLE(3)" });
    expect(get(r, "A1")).toBe("#REF!");
    expect(r.formulas!.errorAt("Лист1", "A1")?.message).toBe(
      "Array result was not expanded because it would overwrite data in B4.",
    );
    r.spreadsheet.getActiveSheet().getRange("B4").clearContent();
    const sheet = r.spreadsheet.getActiveSheet();
    expect(sheet.getRange("A1:B4").getValues()).toEqual([
      ["#", "sq"],
      [1, 1],
      [2, 4],
      [3, 9],
    ]);
    // Spilled cells are values, not formulas; getLastRow counts them.
    expect(sheet.getRange("A1:B2").getFormulas()).toEqual([
      ["=TABLE(3)", ""],
      ["", ""],
    ]);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([4, 2]);
    // A formula reading the spill area follows it when the spill changes.
    put(r, { D1: "=SUM(B2:B10)", C1: 2 });
    expect(get(r, "D1")).toBe(14); // 1+4+9
    r.js(`${SHEET} sh.getRange("A1").setFormula("=TABLE(C1)");`);
    expect(get(r, "D1")).toBe(5); // 1+4
    expect(sheet.getRange("A4:B4").getValues()).toEqual([["", ""]]);
    // Across sheets: a formula elsewhere reading the spill follows it too.
    r.js(`${SHEET} ss.insertSheet("Other").getRange("A1").setFormula("=SUM('Лист1'!B2:B9)");`);
    expect(get(r, "A1", "Other")).toBe(5);
    put(r, { C1: 4 }); // squares of 1..4 now
    expect(get(r, "A1", "Other")).toBe(30); // 1+4+9+16
  });

  it("show #ERROR! with the thrown message, the 30 s limit, and the read-only spreadsheet", () => {
    const r = rt(CUSTOM);
    put(r, { A1: '=FAILS("x")', A2: "=SLOW()", A3: "=WRITES()" });
    expect(["A1", "A2", "A3"].map((a) => get(r, a))).toEqual(["#ERROR!", "#ERROR!", "#ERROR!"]);
    expect(r.formulas!.errorAt("Лист1", "A1")?.message).toBe("bad input: x");
    expect(r.formulas!.errorAt("Лист1", "A2")?.message).toBe("Exceeded maximum execution time");
    expect(r.formulas!.errorAt("Лист1", "A3")?.message).toMatch(/You do not have permission to call/);
    expect(get(r, "Z1")).toBe("");
  });
});

describe("recalculation", () => {
  it("re-evaluates dependents transitively when an input changes, and nothing else", () => {
    const r = rt(CUSTOM);
    put(r, { B1: 1, B2: 2, A1: "=DOUBLE(B1)", A2: "=A1+B2", A3: "=A2*10", C1: "=B2*100" });
    expect(["A1", "A2", "A3", "C1"].map((a) => get(r, a))).toEqual([2, 4, 40, 200]);
    const calls = r.formulas!.customCalls;
    const evals = r.formulas!.evaluations;
    put(r, { B1: 5 });
    expect(["A1", "A2", "A3", "C1"].map((a) => get(r, a))).toEqual([10, 12, 120, 200]);
    expect(r.formulas!.customCalls - calls).toBe(1);
    expect(r.formulas!.evaluations - evals).toBe(3); // A1, A2, A3; C1 untouched
    put(r, { H9: "unrelated" });
    expect(get(r, "A3")).toBe(120);
    expect(r.formulas!.evaluations - evals).toBe(3);
    r.recalculate();
    expect(r.formulas!.evaluations - evals).toBe(7);
  });

  it("a write to a 100,000-row table evaluates only the formulas that read it", () => {
    const r = rt(CUSTOM);
    r.js(`${SHEET} var d = ss.insertSheet("amo_leads"); d.insertRowsAfter(1000, 99100);
          ss.insertSheet("Board");`);
    const board = r.spreadsheet.getSheetByName("Board")!;
    // Twenty formulas on unrelated cells, one on the table.
    for (let i = 1; i <= 20; i++) board.getRange(i, 3).setFormula(`=D${i}+1`);
    board.getRange("A1").setFormula("=COUNT(amo_leads!A:A)");
    expect(board.getRange("A1").getValue()).toBe(0);
    expect(board.getRange("C20").getValue()).toBe(1);
    const rows = Array.from({ length: 100_000 }, (_, i) => [i, `lead ${i}`]);
    const before = r.formulas!.evaluations;
    const t = performance.now();
    r.spreadsheet.getSheetByName("amo_leads")!.getRange(1, 1, 100_000, 2).setValues(rows);
    expect(board.getRange("A1").getValue()).toBe(100_000);
    const ms = performance.now() - t;
    expect(r.formulas!.evaluations - before).toBe(1);
    expect(ms).toBeLessThan(5000);
  });

  it("re-evaluates after row inserts and sheet renames", () => {
    const r = rt();
    r.js(`${SHEET} var d = ss.insertSheet("Data"); d.getRange("A1:A2").setValues([[1],[2]]);
          ss.setNamedRange("nums", d.getRange("A1:A2"));`);
    put(r, { A1: "=SUM(nums)", A2: "=SUM(Data!A1:A2)", A3: "=SUM(Renamed!A1:A2)" });
    expect(["A1", "A2", "A3"].map((a) => get(r, a))).toEqual([3, 3, "#REF!"]);
    r.js(
      `${SHEET} var d = ss.getSheetByName("Data"); d.insertRowsBefore(1, 1); d.getRange("A1").setValue(100);`,
    );
    // The named range moved down with its rows; the plain reference (not rewritten here) now reads A1:A2.
    expect(["A1", "A2"].map((a) => get(r, a))).toEqual([3, 101]);
    r.js(`${SHEET} ss.getSheetByName("Data").setName("Renamed");`);
    expect(get(r, "A3")).toBe(101);
  });

  it("follows every write path: the Sheets API, appendRow, clear and sort", () => {
    const r = rt();
    r.js(`${SHEET} var d = ss.insertSheet("Data"); d.getRange("A1:A2").setValues([[1],[2]]);`);
    put(r, { A1: "=SUM(Data!A:A)", A2: "=INDEX(Data!A1:A3, 1)" });
    expect([get(r, "A1"), get(r, "A2")]).toEqual([3, 1]);
    r.js(`Sheets.Spreadsheets.Values.update({ values: [[10]] }, SpreadsheetApp.getActiveSpreadsheet().getId(),
          "Data!A2", { valueInputOption: "RAW" });`);
    expect(get(r, "A1")).toBe(11); // 1 + 10
    r.js(`SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data").appendRow([100]);`);
    expect(get(r, "A1")).toBe(111);
    r.js(
      `SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data").getRange("A1:A3").sort({ column: 1, ascending: false });`,
    );
    expect(get(r, "A2")).toBe(100); // the largest is first now
    r.js(`SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data").getRange("A1").clear();`);
    expect([get(r, "A1"), get(r, "A2")]).toEqual([11, ""]);
  });

  it("reports a circular reference as #REF!", () => {
    const r = rt();
    put(r, { A1: "=B1+1", B1: "=A1+1" });
    expect(get(r, "A1")).toBe("#REF!");
    expect(
      r.formulas!.errorAt("Лист1", "B1")?.message ?? r.formulas!.errorAt("Лист1", "A1")?.message,
    ).toMatch(/Circular dependency detected/);
  });

  it('is off unless asked for: formula cells read as ""', () => {
    const plain = makeRuntime();
    plain.js(`${SHEET} sh.getRange("A1").setFormula("=1+1");`);
    expect(plain.spreadsheet.getActiveSheet().getRange("A1").getValue()).toBe("");
    expect(plain.formulas).toBeUndefined();
    expect(() => plain.recalculate()).toThrow(/evaluateFormulas: true/);
  });
});
