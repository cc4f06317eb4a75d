/** Conditional-format and data-validation builders round-trip through the sheet. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

describe("conditional format rules", () => {
  it("round-trip: criteria, values, format and ranges come back as built", () => {
    const rt = makeRuntime();
    const got = rt.js(`var sh = SpreadsheetApp.getActiveSheet();
      var rules = [
        SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThan(0.9).setBackground("#b7e1cd")
          .setRanges([sh.getRange("B2:B20")]).build(),
        SpreadsheetApp.newConditionalFormatRule().whenNumberBetween(0.5, 0.9).setFontColor("#7f6000").setBold(true)
          .setRanges([sh.getRange("B2:B20"), sh.getRange("D2:D20")]).build(),
        SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied("=$C2>$H$1").setBackground("#f4c7c3")
          .setRanges([sh.getRange("A2:F20")]).build(),
        SpreadsheetApp.newConditionalFormatRule().whenCellEmpty().setBackground("#eeeeee")
          .setRanges([sh.getRange("E2:E20")]).build(),
      ];
      sh.setConditionalFormatRules(rules);
      sh.getConditionalFormatRules().map(function (r) {
        var c = r.getBooleanCondition();
        return [String(c.getCriteriaType()), c.getCriteriaValues(), c.getBackground(), c.getFontColor(), c.getBold(),
          r.getRanges().map(function (x) { return x.getA1Notation(); })];
      })`);
    expect(got).toEqual([
      ["NUMBER_GREATER_THAN", [0.9], "#b7e1cd", null, null, ["B2:B20"]],
      ["NUMBER_BETWEEN", [0.5, 0.9], null, "#7f6000", true, ["B2:B20", "D2:D20"]],
      ["CUSTOM_FORMULA", ["=$C2>$H$1"], "#f4c7c3", null, null, ["A2:F20"]],
      ["CELL_EMPTY", [], "#eeeeee", null, null, ["E2:E20"]],
    ]);
  });

  it("compares criteria with the SpreadsheetApp.BooleanCriteria enum", () => {
    const rt = makeRuntime();
    expect(
      rt.js(`var sh = SpreadsheetApp.getActiveSheet();
        sh.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenTextContains("late")
          .setFontColor("#ff0000").setRanges([sh.getRange("A1:A9")]).build()]);
        sh.getConditionalFormatRules()[0].getBooleanCondition().getCriteriaType() === SpreadsheetApp.BooleanCriteria.TEXT_CONTAINS`),
    ).toBe(true);
  });

  it("replaces the whole list on set (Google's semantics), and rule ranges follow row inserts", () => {
    const rt = makeRuntime();
    rt.js(`var sh = SpreadsheetApp.getActiveSheet();
      var b = function (a1) { return SpreadsheetApp.newConditionalFormatRule().whenCellNotEmpty().setBold(true).setRanges([sh.getRange(a1)]).build(); };
      sh.setConditionalFormatRules([b("A1:A3"), b("B1:B3")]);
      sh.setConditionalFormatRules([b("C2:C4")]);
      sh.insertRowsBefore(1, 2);`);
    const rules = rt.spreadsheet.getActiveSheet().getConditionalFormatRules();
    expect(rules.map((r) => r.getRanges().map((x) => x.getA1Notation()))).toEqual([["C4:C6"]]);
  });
});

describe("data validation", () => {
  it("round-trips requireValueInList / requireValueInRange and allowInvalid", () => {
    const rt = makeRuntime();
    const got = rt.js(`var sh = SpreadsheetApp.getActiveSheet();
      sh.getRange("A2:A10").setDataValidation(SpreadsheetApp.newDataValidation()
        .requireValueInList(["yes", "no"], true).setAllowInvalid(false).setHelpText("pick one").build());
      sh.getRange("B2").setDataValidation(SpreadsheetApp.newDataValidation().requireValueInRange(sh.getRange("H1:H5")).build());
      var a = sh.getRange("A5").getDataValidation();
      var b = sh.getRange("B2").getDataValidation();
      [String(a.getCriteriaType()), a.getCriteriaValues(), a.getAllowInvalid(), a.getHelpText(),
       String(b.getCriteriaType()), b.getCriteriaValues()[0].getA1Notation(), b.getAllowInvalid(),
       sh.getRange("C1").getDataValidation()]`);
    expect(got).toEqual([
      "VALUE_IN_LIST",
      [["yes", "no"], true],
      false,
      "pick one",
      "VALUE_IN_RANGE",
      "H1:H5",
      true,
      null,
    ]);
  });

  it("moves with its cell when rows are inserted", () => {
    const rt = makeRuntime();
    rt.js(`var sh = SpreadsheetApp.getActiveSheet();
      sh.getRange("A2").setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      sh.insertRowBefore(1);`);
    const sheet = rt.spreadsheet.getActiveSheet();
    expect(sheet.getRange("A2").getDataValidation()).toBeNull();
    expect(String(sheet.getRange("A3").getDataValidation()?.getCriteriaType())).toBe("CHECKBOX");
  });
});
