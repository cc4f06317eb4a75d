/**
 * exportXlsx end to end: a spreadsheet built in the local Apps Script runtime, exported to a temp
 * file, read back with exceljs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, createVirtualClock, type Runtime } from "../../local/gas-runtime/index";
import { type ExportResult, exportXlsx } from "../../local/xlsx/export";

const CODE = String.raw`
function setup() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var kpi = ss.getSheets()[0];
  kpi.setName("Сводка KPI");
  var settings = ss.insertSheet("Settings", 1);
  var draft = ss.insertSheet("Q1/Q2 [draft]", 2);

  settings.getRange("A1:B1").setValues([["Порог конверсии", 0.8]]);
  settings.getRange("D1:D3").setValues([["won"], ["lost"], ["open"]]);
  settings.getRange("A3").setValue(new Date(Date.UTC(2025, 4, 9, 9, 0, 0)));
  draft.getRange("A1").setValue(7);

  kpi.getRange("A1:H1").setValues([["Менеджер", "Дата", "Конверсия", "Выручка", "Сделок", "Статус", "Этап", "Черновик"]]);
  kpi.getRange("A1:H1").setFontWeight("bold").setBackground("#d9ead3").setFontColor("#1c4587");
  kpi.getRange("A2:F4").setValues([
    ["Анна", new Date(Date.UTC(2025, 0, 15, 7, 30)), 0.853, 1234567, 12, "won"],
    ["Борис", new Date(Date.UTC(2025, 1, 1, 21, 0)), 0.5, 800000, 7.25, "lost"],
    ["Вера", new Date(Date.UTC(2025, 2, 3, 9, 45)), 0.91, 2500000, 0, "open"],
  ]);
  kpi.getRange("A5:E5").setValues([["Итого", "", "=AVERAGE(C2:C4)", "=SUM(D2:D4)", "=SUM(E2:E4)"]]);
  kpi.getRange("H2").setFormula("='Q1/Q2 [draft]'!A1*2");
  kpi.getRange("B2:B4").setNumberFormat("yyyy-mm-dd hh:mm");
  kpi.getRange("C2:C5").setNumberFormat("0.0%");
  kpi.getRange("D2:D5").setNumberFormat("#,##0");
  kpi.getRange("E2:E5").setNumberFormat("0.00");
  kpi.getRange("A2").setNote("лучший менеджер");

  // Formula-looking text, written the safe ways: apostrophe prefix, and the Sheets API's RAW.
  kpi.getRange("A6").setValue("'=IMPORTXML(\"http://x\",\"//a\")");
  Sheets.Spreadsheets.Values.update(
    { values: [["=IMPORTXML(\"http://x\",\"//a\")", "+7 (999) 123-45-67", "-1+2", "@SUM(1)"]] },
    ss.getId(), "'Сводка KPI'!A7:D7", { valueInputOption: "RAW" });

  kpi.getRange("A8").setValue("скрытая строка");
  kpi.hideRows(8);
  kpi.setFrozenRows(1);
  kpi.setColumnWidth(1, 180);

  var rule = function () { return SpreadsheetApp.newConditionalFormatRule(); };
  kpi.setConditionalFormatRules([
    rule().whenNumberGreaterThan(1000000).setBackground("#b7e1cd").setRanges([kpi.getRange("D2:D4")]).build(),
    rule().whenFormulaSatisfied('=C2<INDIRECT("Settings!B1")').setBackground("#f4c7c3").setFontColor("#990000")
      .setBold(true).setRanges([kpi.getRange("C2:C4"), kpi.getRange("E2:E4")]).build(),
    rule().whenNumberBetween(0.5, 0.9).setBackground("#fce8b2").setRanges([kpi.getRange("C2:C4")]).build(),
    rule().whenTextContains('lo"st').setFontColor("#cc0000").setRanges([kpi.getRange("F2:F4")]).build(),
    rule().whenCellEmpty().setBackground("#eeeeee").setRanges([kpi.getRange("G2:G4")]).build(),
    rule().setGradientMinpoint("#ffffff").setGradientMaxpoint("#57bb8a").setRanges([kpi.getRange("E2:E4")]).build(),
  ]);

  kpi.getRange("F2:F4").setDataValidation(SpreadsheetApp.newDataValidation()
    .requireValueInList(["won", "lost", "open"], true).setAllowInvalid(false).setHelpText("Статус сделки").build());
  kpi.getRange("G2:G4").setDataValidation(SpreadsheetApp.newDataValidation()
    .requireValueInRange(settings.getRange("D1:D3")).build());
  kpi.getRange("H3:H4").insertCheckboxes();

  ss.setNamedRange("Threshold", settings.getRange("B1"));
  ss.setNamedRange("KpiTable", kpi.getRange("A1:F5"));

  settings.setTabColor("#ff9900");
  settings.hideSheet();
  ss.setActiveSheet(draft);
}
`;

/** The runtime has no formula engine: the test gives it the values the formulas compute. */
const COMPUTED: Record<string, number> = {
  "=AVERAGE(C2:C4)": 0.7543,
  "=SUM(D2:D4)": 4534567,
  "=SUM(E2:E4)": 19.25,
  "='Q1/Q2 [draft]'!A1*2": 14,
};

const HOSTILE = '=IMPORTXML("http://x","//a")';

/** What exceljs reads back but leaves out of its typings. */
interface ReadBack {
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
  dataValidations: { model: Record<string, ExcelJS.DataValidation> };
}
const readBack = (ws: ExcelJS.Worksheet) => ws as unknown as ReadBack;

let dir: string;
let rt: Runtime;
let result: ExportResult;
let wb: ExcelJS.Workbook;
let kpi: ExcelJS.Worksheet;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "xlsx-export-"));
  rt = createRuntime({
    code: CODE,
    clock: createVirtualClock(Date.UTC(2025, 5, 1)),
    formulaEvaluator: ({ formula }) => COMPUTED[formula],
  });
  rt.call("setup");
  const file = join(dir, "out", "kpi-board.xlsx");
  result = await exportXlsx(rt.spreadsheet, file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  kpi = wb.getWorksheet("Сводка KPI")!;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("exportXlsx", () => {
  it("writes every sheet in order, renaming only what Excel forbids", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Сводка KPI", "Settings", "Q1_Q2 _draft_"]);
    expect(result.sheets).toBe(3);
    expect(result.unsupported).toContainEqual(
      expect.objectContaining({ kind: "sheet-name", sheet: "Q1/Q2 [draft]" }),
    );
  });

  it("keeps hidden sheets hidden, tab colours and the active sheet", () => {
    const settings = wb.getWorksheet("Settings")!;
    expect(settings.state).toBe("hidden");
    expect(settings.properties.tabColor).toEqual({ argb: "FFFF9900" });
    expect(kpi.state).toBe("visible");
    expect(wb.views[0]?.activeTab).toBe(2);
  });

  it("keeps numbers, text and dates with the sheet's number formats", () => {
    expect(kpi.getCell("A2").value).toBe("Анна");
    // 07:30 UTC is 10:30 in Moscow, the spreadsheet's zone: Excel stores the wall-clock time.
    expect(kpi.getCell("B2").value).toEqual(new Date(Date.UTC(2025, 0, 15, 10, 30)));
    expect(kpi.getCell("B3").value).toEqual(new Date(Date.UTC(2025, 1, 2, 0, 0)));
    expect(kpi.getCell("B2").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(kpi.getCell("C2").value).toBe(0.853);
    expect(kpi.getCell("C2").numFmt).toBe("0.0%");
    expect(kpi.getCell("D2").value).toBe(1234567);
    expect(kpi.getCell("D2").numFmt).toBe("#,##0");
    expect(kpi.getCell("E3").value).toBe(7.25);
    expect(kpi.getCell("E3").numFmt).toBe("0.00");
    expect(kpi.getCell("A2").numFmt).toBeUndefined();
    // A date typed into an Automatic cell gets the locale's date-time format (ru_RU).
    const settings = wb.getWorksheet("Settings")!;
    expect(settings.getCell("A3").value).toEqual(new Date(Date.UTC(2025, 4, 9, 12, 0)));
    expect(settings.getCell("A3").numFmt).toBe("dd.mm.yyyy h:mm:ss");
    expect(settings.getCell("B1").value).toBe(0.8);
  });

  it("stores real formulas with their computed value, sheet references following renames", () => {
    expect(kpi.getCell("C5").value).toEqual({ formula: "AVERAGE(C2:C4)", result: 0.7543 });
    expect(kpi.getCell("C5").numFmt).toBe("0.0%");
    expect(kpi.getCell("D5").value).toEqual({ formula: "SUM(D2:D4)", result: 4534567 });
    expect(kpi.getCell("H2").value).toEqual({ formula: "'Q1_Q2 _draft_'!A1*2", result: 14 });
    expect(kpi.getCell("H2").type).toBe(ExcelJS.ValueType.Formula);
  });

  it("writes formula-looking text as text, never as a formula", () => {
    for (const [a1, text] of [
      ["A6", HOSTILE],
      ["A7", HOSTILE],
      ["B7", "+7 (999) 123-45-67"],
      ["C7", "-1+2"],
      ["D7", "@SUM(1)"],
    ] as const) {
      const cell = kpi.getCell(a1);
      expect(cell.value, a1).toBe(text);
      expect(cell.type, a1).toBe(ExcelJS.ValueType.String);
      expect(cell.formula, a1).toBeUndefined();
      expect(cell.numFmt, a1).toBe("@");
    }
  });

  it("keeps bold, background, Google's font, notes, frozen row, widths and hidden rows", () => {
    const a1 = kpi.getCell("A1");
    expect(a1.font?.bold).toBe(true);
    expect(a1.font?.name).toBe("Arial");
    expect(a1.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFD9EAD3" } });
    expect(kpi.getCell("A3").font?.bold).toBeFalsy();
    expect((kpi.getCell("A3").fill as ExcelJS.FillPattern | undefined)?.pattern ?? "none").toBe("none");
    expect(kpi.getCell("A2").note).toBe("лучший менеджер");
    expect(kpi.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 0 });
    expect(kpi.getColumn(1).width).toBe(25);
    expect(kpi.getColumn(2).width).toBe(13.57);
    expect(kpi.getRow(8).hidden).toBe(true);
    expect(kpi.getRow(7).hidden).toBe(false);
  });

  it("converts conditional formats with their ranges, operators, formulas and colours", () => {
    const cf = readBack(kpi).conditionalFormattings;
    const byRef = (ref: string) => cf.filter((c) => c.ref === ref).map((c) => c.rules[0]!);

    const [greater] = byRef("D2:D4");
    expect(greater).toMatchObject({ type: "cellIs", operator: "greaterThan", formulae: ["1000000"] });
    expect(greater!.style?.fill).toMatchObject({ bgColor: { argb: "FFB7E1CD" } });

    const [custom] = byRef("C2:C4 E2:E4");
    expect(custom).toMatchObject({ type: "expression", formulae: ['C2<INDIRECT("Settings!B1")'] });
    expect(custom!.style?.fill).toMatchObject({ bgColor: { argb: "FFF4C7C3" } });
    expect(custom!.style?.font).toMatchObject({ bold: true, color: { argb: "FF990000" } });

    const [between] = byRef("C2:C4");
    expect(between).toMatchObject({ type: "cellIs", operator: "between", formulae: ["0.5", "0.9"] });

    const [text] = byRef("F2:F4");
    expect(text).toMatchObject({ type: "containsText", formulae: ['NOT(ISERROR(SEARCH("lo""st",F2)))'] });
    expect(text!.style?.font).toMatchObject({ color: { argb: "FFCC0000" } });

    const [empty] = byRef("G2:G4");
    expect(empty).toMatchObject({ type: "expression", formulae: ["LEN(G2)=0"] });

    // Google's order is Excel's priority order.
    expect(cf.map((c) => c.rules[0]!.priority)).toEqual([1, 2, 3, 4, 5, ...(cf.length > 5 ? [6] : [])]);
  });

  it("exports the gradient as a colour scale, or reports it when the host cannot read it", () => {
    const rule = rt.spreadsheet.getSheets()[0]!.getConditionalFormatRules()[5]!;
    if (typeof (rule as { getGradientCondition?: unknown }).getGradientCondition === "function") {
      expect(result.rules).toBe(6);
      expect(readBack(kpi).conditionalFormattings.some((c) => c.rules[0]!.type === "colorScale")).toBe(true);
    } else {
      expect(result.rules).toBe(5);
      expect(result.unsupported).toContainEqual(
        expect.objectContaining({ kind: "conditional-format", sheet: "Сводка KPI", where: "E2:E4" }),
      );
      expect(result.unsupported).toContainEqual(
        expect.objectContaining({ kind: "runtime", reason: expect.stringContaining("getGradientCondition") }),
      );
    }
  });

  it("converts list validations (values and ranges) and reports checkboxes", () => {
    for (const a1 of ["F2", "F3", "F4"]) {
      expect(kpi.getCell(a1).dataValidation, a1).toMatchObject({
        type: "list",
        formulae: ['"won,lost,open"'],
        showErrorMessage: true,
        errorStyle: "stop",
        prompt: "Статус сделки",
      });
    }
    expect(kpi.getCell("F5").dataValidation).toBeUndefined();
    expect(kpi.getCell("G3").dataValidation).toMatchObject({
      type: "list",
      formulae: ["'Settings'!$D$1:$D$3"],
    });
    expect(kpi.getCell("G3").dataValidation.showErrorMessage).toBeFalsy();
    expect(result.validations).toBe(2);
    expect(result.unsupported).toContainEqual(
      expect.objectContaining({
        kind: "data-validation",
        where: "H3:H4",
        reason: expect.stringContaining("CHECKBOX"),
      }),
    );
  });

  it("writes named ranges as defined names", () => {
    expect(wb.definedNames.model).toEqual(
      expect.arrayContaining([
        { name: "Threshold", ranges: ["Settings!$B$1"] },
        { name: "KpiTable", ranges: ["'Сводка KPI'!$A$1:$F$5"] },
      ]),
    );
    expect(result.names).toBe(2);
  });

  it("reports the host methods it lacked (font colours are not readable on this runtime)", () => {
    const missing = result.unsupported.filter((u) => u.kind === "runtime").map((u) => u.reason);
    const a1 = rt.spreadsheet.getSheets()[0]!.getRange("A1") as { getFontColors?: unknown };
    const hasFontColors = typeof a1.getFontColors === "function";
    if (hasFontColors) expect(kpi.getCell("A1").font?.color).toEqual({ argb: "FF1C4587" });
    else expect(missing.some((m) => m.includes("Range.getFontColors"))).toBe(true);
  });

  it("counts the cells it wrote, and gives the same workbook when read in small blocks", async () => {
    // KPI: 8 headers, 3×6 data, 4 on the totals row (B5 is empty), H2, A6, 4 on row 7, A8 and
    // 2 checkbox values; Settings: 6; the draft sheet: 1.
    expect(result.cells).toBe(8 + 18 + 4 + 1 + 1 + 4 + 1 + 2 + 6 + 1);
    const file = join(dir, "small-blocks.xlsx");
    const again = await exportXlsx(rt.spreadsheet, file, { chunkRows: 2 });
    expect({ ...again, unsupported: again.unsupported.length }).toEqual({
      ...result,
      unsupported: result.unsupported.length,
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(file);
    const kpi2 = wb2.getWorksheet("Сводка KPI")!;
    expect(readBack(kpi2).dataValidations.model).toEqual(readBack(kpi).dataValidations.model);
  });
});
