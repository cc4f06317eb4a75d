/**
 * Formulas evaluated by the runtime's engine reach the .xlsx as formula + cached result; spilled
 * cells as plain values; Russian-locale ";" formulas in Excel's "," syntax; conditional rules with
 * custom formulas and cross-sheet thresholds kept. Values by hand in the comments.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, createVirtualClock } from "../../local/gas-runtime/index";
import { exportXlsx } from "../../local/xlsx/export";
import { excelSeparators } from "../../local/xlsx/formula";

const CODE = `
/**
 * A header and n rows of squares.
 * @param {number} n rows
 * @customfunction
 */
function SQUARES(n) {
  var out = [["n", "n²"]];
  for (var i = 1; i <= n; i++) out.push([i, i * i]);
  return out;
}

function setup() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var b = ss.getSheets()[0];
  b.setName("Доска");
  var set = ss.insertSheet("Настройки");
  set.getRange("B3").setValue(5);
  b.getRange("D1").setValue(3);
  b.getRange("A1").setFormula("=SQUARES(D1)");
  b.getRange("D2").setFormula("=SUM(B2:B4)");
  b.getRange("D3").setFormula('=IF(D2>Настройки!$B$3; "выше"; "ниже")');
  b.getRange("D4").setFormula("=ROUND(D2/3; 1)");
  b.setConditionalFormatRules([
    SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied("=$B2>Настройки!$B$3")
      .setBackground("#f4c7c3").setRanges([b.getRange("A2:B4")]).build(),
  ]);
}
`;

let dir: string;
let ws: ExcelJS.Worksheet;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "xlsx-formula-"));
  const rt = createRuntime({
    code: CODE,
    clock: createVirtualClock(Date.UTC(2025, 5, 1)),
    evaluateFormulas: true,
  });
  rt.call("setup");
  const file = join(dir, "board.xlsx");
  await exportXlsx(rt.spreadsheet, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  ws = wb.getWorksheet("Доска")!;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("formulas in the .xlsx", () => {
  it("store each formula with the value the runtime computed", () => {
    expect(ws.getCell("A1").value).toEqual({ formula: "SQUARES(D1)", result: "n" });
    expect(ws.getCell("D2").value).toEqual({ formula: "SUM(B2:B4)", result: 14 }); // 1+4+9
    // ";" → "," for Excel; 14 > 5 → "выше"; 14 / 3 = 4.67 → 4.7.
    expect(ws.getCell("D3").value).toEqual({
      formula: 'IF(D2>Настройки!$B$3, "выше", "ниже")',
      result: "выше",
    });
    expect(ws.getCell("D4").value).toEqual({ formula: "ROUND(D2/3, 1)", result: 4.7 });
  });

  it("store spilled cells as values", () => {
    const grid = ["A2", "B2", "A3", "B3", "A4", "B4", "B1"].map((a) => ws.getCell(a).value);
    expect(grid).toEqual([1, 1, 2, 4, 3, 9, "n²"]);
    expect(ws.getCell("B3").type).toBe(ExcelJS.ValueType.Number);
  });

  it("keep the conditional rule with its relative formula and cross-sheet threshold", () => {
    const cf = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: Record<string, unknown>[] }[] }
    ).conditionalFormattings;
    expect(
      cf.map((c) => [c.ref, c.rules[0]!["type"], c.rules[0]!["formulae"], c.rules[0]!["priority"]]),
    ).toEqual([["A2:B4", "expression", ["$B2>Настройки!$B$3"], 1]]);
  });
});

describe("excelSeparators", () => {
  it("turns locale syntax into Excel's, leaving strings and quoted sheet names alone", () => {
    expect(excelSeparators("IF(A1>0,5; \"a;b\"; 'x;y'!B1)")).toBe("IF(A1>0.5, \"a;b\", 'x;y'!B1)");
    expect(excelSeparators("SUM(A1,B1)")).toBe("SUM(A1,B1)");
    expect(excelSeparators('"1,5"&"x"')).toBe('"1,5"&"x"');
  });
});
