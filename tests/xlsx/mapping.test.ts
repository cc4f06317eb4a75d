/** The pure mappings behind exportXlsx, with stand-ins for the Apps Script objects they read. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toArgb } from "../../local/xlsx/color";
import { booleanRule, gradientRule } from "../../local/xlsx/conditional";
import { dateToSerial } from "../../local/xlsx/dates";
import type { FormulaContext } from "../../local/xlsx/formula";
import { excelNameProblem } from "../../local/xlsx/names";
import { excelNumberFormat } from "../../local/xlsx/number-format";
import { mergeVertically, rectsOf } from "../../local/xlsx/rects";
import { excelSheetNames, renameSheetRefs } from "../../local/xlsx/sheet-names";
import { excelValidation } from "../../local/xlsx/validation";
import { cellContent } from "../../local/xlsx/values";

const CTX: FormulaContext = { tz: "Europe/Moscow", renames: new Map() };

function condition(
  type: string,
  values: unknown[],
  format: { background?: string; fontColor?: string; bold?: boolean } = {},
): GoogleAppsScript.Spreadsheet.BooleanCondition {
  const stub = {
    getCriteriaType: () => type,
    getCriteriaValues: () => values,
    getBackground: () => format.background ?? null,
    getFontColor: () => format.fontColor ?? null,
    getBold: () => format.bold ?? null,
    getItalic: () => null,
    getUnderline: () => null,
    getStrikethrough: () => null,
  };
  return stub as unknown as GoogleAppsScript.Spreadsheet.BooleanCondition;
}

function validation(
  type: string,
  values: unknown[],
  allowInvalid = true,
  help = "",
): GoogleAppsScript.Spreadsheet.DataValidation {
  const stub = {
    getCriteriaType: () => type,
    getCriteriaValues: () => values,
    getAllowInvalid: () => allowInvalid,
    getHelpText: () => help,
  };
  return stub as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
}

describe("number formats", () => {
  it.each([
    ["0.###############", undefined],
    ["", undefined],
    ["yyyy-mm-dd hh:mm", "yyyy-mm-dd hh:mm"],
    ["dd.MM.yyyy H:mm:ss", "dd.mm.yyyy h:mm:ss"],
    ['"Дата: "DD.MM.YYYY', '"Дата: "dd.mm.yyyy'],
    ["h:mm AM/PM", "h:mm AM/PM"],
    ["[H]:MM:SS", "[h]:mm:ss"],
    ["0.0%", "0.0%"],
    ["#,##0", "#,##0"],
    ["0.00", "0.00"],
    ["#,##0.00 [$₽-419]", "#,##0.00 [$₽-419]"],
    ["0.00E+00", "0.00E+00"],
    ["@", "@"],
  ])("%j → %j", (google, excel) => {
    expect(excelNumberFormat(google)).toBe(excel);
  });
});

describe("colours", () => {
  it.each([
    ["#b7e1cd", "FFB7E1CD"],
    ["#ABC", "FFAABBCC"],
    ["red", "FFFF0000"],
    ["#11223380", "80112233"],
    ["rgb(1, 2, 255)", "FF0102FF"],
    [null, undefined],
    ["not a colour", undefined],
  ])("%j → %j", (color, argb) => {
    expect(toArgb(color)).toBe(argb);
  });
});

describe("cell values", () => {
  it("keeps formula-looking text as text and marks it", () => {
    expect(cellContent("=1+1", "", CTX)).toMatchObject({ value: "=1+1", formulaLikeText: true });
    expect(cellContent("plain", "", CTX)).toMatchObject({ value: "plain", formulaLikeText: false });
    expect(cellContent("", "", CTX)).toBeUndefined();
  });

  it("stores a formula with its cached result, Excel errors as errors, and nothing when unknown", () => {
    expect(cellContent(3, "=1+2", CTX)?.value).toEqual({ formula: "1+2", result: 3 });
    expect(cellContent("#DIV/0!", "=1/0", CTX)?.value).toEqual({
      formula: "1/0",
      result: { error: "#DIV/0!" },
    });
    expect(cellContent("", "=NOW()", CTX)?.value).toEqual({ formula: "NOW()" });
  });

  it("turns instants into serials on the spreadsheet's wall clock", () => {
    const d = new Date(Date.UTC(2025, 0, 15, 7, 30)); // 10:30 in Moscow
    expect(dateToSerial(d, "Europe/Moscow")).toBeCloseTo(45672 + 10.5 / 24, 10);
    expect(dateToSerial(d, "UTC")).toBeCloseTo(45672 + 7.5 / 24, 10);
    expect(cellContent(d, "", CTX)).toMatchObject({ date: true });
  });

  it("cuts text longer than Excel allows", () => {
    const c = cellContent("x".repeat(40_000), "", CTX);
    expect(c?.truncated).toBe(true);
    expect(String(c?.value ?? "").length).toBe(32_767);
  });
});

describe("sheet names", () => {
  it("renames only what Excel forbids, keeping names unique", () => {
    const names = excelSheetNames(["a/b", "a_b", "History", "'q'", "x".repeat(40), "Сводка KPI"]);
    expect([...names.values()]).toEqual(["a_b", "a_b (2)", "History_", "_q_", "x".repeat(31), "Сводка KPI"]);
  });

  it("rewrites references to renamed sheets, not text constants", () => {
    const renames = new Map([
      ["Q1/Q2 [draft]", "Q1_Q2 _draft_"],
      ["History", "History_"],
    ]);
    expect(renameSheetRefs("'Q1/Q2 [draft]'!A1*2", renames)).toBe("'Q1_Q2 _draft_'!A1*2");
    expect(renameSheetRefs("SUM(History!A1:A2)+history!B1", renames)).toBe(
      "SUM('History_'!A1:A2)+'History_'!B1",
    );
    expect(renameSheetRefs(`INDIRECT("'Q1/Q2 [draft]'!A1")&Other!A1`, renames)).toBe(
      `INDIRECT("'Q1/Q2 [draft]'!A1")&Other!A1`,
    );
  });
});

describe("conditional-format rules", () => {
  it("maps number, text, empty and date conditions", () => {
    const rule = (type: string, values: unknown[]) => {
      const m = booleanRule(condition(type, values, { background: "#ff0000" }), "B2", 7, CTX);
      if (!m.ok) throw new Error(m.reason);
      return m.rule;
    };
    expect(rule("NUMBER_NOT_BETWEEN", [1, "5"])).toMatchObject({
      type: "cellIs",
      operator: "notBetween",
      formulae: ["1", "5"],
      priority: 7,
      style: { fill: { bgColor: { argb: "FFFF0000" } } },
    });
    expect(rule("NUMBER_GREATER_THAN_OR_EQUAL_TO", ["=$H$1"])).toMatchObject({
      operator: "greaterThanOrEqual",
      formulae: ["$H$1"],
    });
    expect(rule("TEXT_STARTS_WITH", ["ab"])).toMatchObject({
      type: "containsText",
      operator: "beginsWith",
      formulae: ['LEFT(B2,LEN("ab"))="ab"'],
    });
    expect(rule("TEXT_DOES_NOT_CONTAIN", ["x"])).toMatchObject({
      type: "expression",
      formulae: ['ISERROR(SEARCH("x",B2))'],
    });
    expect(rule("TEXT_EQUAL_TO", ["done"])).toMatchObject({ type: "cellIs", formulae: ['"done"'] });
    expect(rule("CELL_NOT_EMPTY", [])).toMatchObject({ type: "expression", formulae: ["LEN(B2)>0"] });
    expect(rule("DATE_BEFORE", [new Date(Date.UTC(2025, 0, 31, 22, 0))])).toMatchObject({
      formulae: ["AND(ISNUMBER(B2),INT(B2)<DATE(2025,2,1))"],
    });
    expect(rule("DATE_EQUAL_TO", ["PAST_WEEK"])).toMatchObject({
      formulae: ["AND(ISNUMBER(B2),INT(B2)>=TODAY()-7,INT(B2)<=TODAY())"],
    });
  });

  it("reports what has no Excel equivalent", () => {
    expect(booleanRule(condition("DATE_AFTER", [{}]), "A1", 1, CTX)).toMatchObject({ ok: false });
    expect(booleanRule(condition("SOMETHING_NEW", []), "A1", 1, CTX)).toEqual({
      ok: false,
      reason: "SOMETHING_NEW: no Excel equivalent",
    });
  });

  it("maps a gradient to a colour scale that exceljs writes and reads back", async () => {
    const gradient = {
      getMinColor: () => "#ffffff",
      getMinType: () => "MIN",
      getMinValue: () => "",
      getMidColor: () => "#ffd666",
      getMidType: () => "PERCENTILE",
      getMidValue: () => "50",
      getMaxColor: () => "#57bb8a",
      getMaxType: () => "NUMBER",
      getMaxValue: () => "100",
    } as unknown as GoogleAppsScript.Spreadsheet.GradientCondition;
    const m = gradientRule(gradient, 1, CTX);
    expect(m).toMatchObject({
      ok: true,
      rule: {
        type: "colorScale",
        cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "num", value: 100 }],
        color: [{ argb: "FFFFFFFF" }, { argb: "FFFFD666" }, { argb: "FF57BB8A" }],
      },
    });
    if (!m.ok) return;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").addConditionalFormatting({ ref: "A1:A9", rules: [m.rule] });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    const cf = (back.getWorksheet("S") as unknown as { conditionalFormattings: unknown[] })
      .conditionalFormattings;
    expect(cf).toMatchObject([{ ref: "A1:A9", rules: [{ type: "colorScale", cfvo: [{}, {}, {}] }] }]);
  });
});

describe("data validation", () => {
  it("maps numbers, dates, text and formulas; warnings stay silent, rejections stop", () => {
    expect(excelValidation(validation("NUMBER_BETWEEN", [1, 10], false), "C3", CTX)).toEqual({
      ok: true,
      validation: {
        type: "decimal",
        operator: "between",
        formulae: ["1", "10"],
        allowBlank: true,
        showErrorMessage: true,
        errorStyle: "stop",
      },
    });
    expect(excelValidation(validation("TEXT_CONTAINS", ["@"]), "C3", CTX)).toEqual({
      ok: true,
      validation: { type: "custom", formulae: ['ISNUMBER(SEARCH("@",C3))'], allowBlank: true },
    });
    const after = excelValidation(
      validation("DATE_AFTER", [new Date(Date.UTC(2025, 0, 1, 21, 0))]),
      "C3",
      CTX,
    );
    expect(after).toMatchObject({ ok: true, validation: { type: "date", operator: "greaterThan" } });
    if (after.ok) expect(after.validation.formulae[0]).toEqual(new Date(Date.UTC(2025, 0, 2, 0, 0)));
    expect(excelValidation(validation("CUSTOM_FORMULA", ["=C3>0"], true, "positive"), "C3", CTX)).toEqual({
      ok: true,
      validation: {
        type: "custom",
        formulae: ["C3>0"],
        allowBlank: true,
        showInputMessage: true,
        prompt: "positive",
        error: "positive",
      },
    });
  });

  it("reports lists Excel cannot hold and rules without an equivalent", () => {
    expect(excelValidation(validation("VALUE_IN_LIST", [["a,b", "c"], true]), "A1", CTX)).toMatchObject({
      ok: false,
    });
    expect(
      excelValidation(validation("VALUE_IN_LIST", [["x".repeat(200), "y".repeat(60)], true]), "A1", CTX),
    ).toMatchObject({ ok: false });
    expect(excelValidation(validation("TEXT_IS_VALID_EMAIL", []), "A1", CTX)).toMatchObject({ ok: false });
  });
});

describe("rectangles", () => {
  it("groups equal keys into rectangles and joins them across blocks", () => {
    const u = undefined;
    const first = rectsOf(
      [
        ["a", "a", u],
        ["a", "a", "b"],
      ],
      1,
    );
    const second = rectsOf([["a", "a", "b"]], 3);
    expect(mergeVertically([...first, ...second])).toEqual([
      { key: "a", r1: 1, c1: 1, r2: 3, c2: 2 },
      { key: "b", r1: 2, c1: 3, r2: 3, c2: 3 },
    ]);
  });
});

describe("defined names", () => {
  it.each([
    ["Threshold", undefined],
    ["kpi.table_2", undefined],
    ["ABC1", "looks like a cell reference to Excel"],
    ["XFE1", undefined],
    ["R1C1", "looks like an R1C1 reference to Excel"],
    ["r", 'Excel reserves "R" and "C"'],
  ])("%s", (name, problem) => {
    expect(excelNameProblem(name)).toBe(problem);
  });
});
