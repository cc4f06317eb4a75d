/**
 * Which cells conditional formats highlight, evaluated by the runtime: thresholds live in cells of
 * a Settings sheet, so editing a threshold changes the highlighting with no script run. The
 * expected highlights are worked out by hand from the values in the comments.
 */
import { describe, expect, it } from "vitest";
import { makeRuntime, type TestRuntime } from "./helpers";

const RED = "#f4c7c3";
const GREEN = "#b7e1cd";
const GREY = "#eeeeee";

/**
 * Board!A2:C7: manager, SLA share (B), comment (C). Settings!B3 = 0.8 (red below), B4 = 0.95
 * (green at or above). Rules, in order:
 *   1. B2:C7 custom "=$B2<Settings!$B$3" → red, bold   (whole row: $B fixed, row relative)
 *   2. B2:B7 number ≥ "=Settings!$B$4"    → green
 *   3. B2:B7 empty                        → grey
 *   4. C2:C7 text contains "просроч"      → red font
 */
function board(): TestRuntime {
  const rt = makeRuntime("", { evaluateFormulas: true });
  rt.js(`var ss = SpreadsheetApp.getActiveSpreadsheet();
    var set = ss.insertSheet("Settings"); set.getRange("B3:B4").setValues([[0.8], [0.95]]);
    var b = ss.insertSheet("Board");
    b.getRange("A2:C7").setValues([
      ["Анна", 0.97, ""], ["Иван", 0.5, "просрочено 3"], ["Олег", 0.85, ""],
      ["Мария", 0.8, "ok"], ["Пётр", "", ""], ["Ева", "=B2-0.02", "есть просрочки"]]);
    var rule = SpreadsheetApp.newConditionalFormatRule;
    b.setConditionalFormatRules([
      rule().whenFormulaSatisfied("=$B2<Settings!$B$3").setBackground("${RED}").setBold(true)
        .setRanges([b.getRange("B2:C7")]).build(),
      rule().withCriteria(SpreadsheetApp.BooleanCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, ["=Settings!$B$4"])
        .setBackground("${GREEN}").setRanges([b.getRange("B2:B7")]).build(),
      rule().whenCellEmpty().setBackground("${GREY}").setRanges([b.getRange("B2:B7")]).build(),
      rule().whenTextContains("просроч").setFontColor("#cc0000").setRanges([b.getRange("C2:C7")]).build(),
    ]);`);
  return rt;
}

function backgrounds(rt: TestRuntime, col: string): string[] {
  return [2, 3, 4, 5, 6, 7].map((r) => rt.effectiveFormat("Board", `${col}${r}`).background);
}

describe("conditional formats, evaluated", () => {
  it("highlight the cells each threshold selects, first matching rule winning", () => {
    const rt = board();
    // B: 0.97 ≥ .95 green; 0.5 < .8 red; 0.85 none; 0.8 (not < .8, not ≥ .95) none; "" → rule 1
    // compares empty as 0 < 0.8 → red (it comes before the "empty" rule); B7 = 0.97-0.02 = 0.95 green.
    expect(backgrounds(rt, "B")).toEqual([GREEN, RED, "#ffffff", "#ffffff", RED, GREEN]);
    // C follows its row's B through the relative row: rows 3 and 6 red.
    expect(backgrounds(rt, "C")).toEqual(["#ffffff", RED, "#ffffff", "#ffffff", RED, "#ffffff"]);
    expect(rt.effectiveFormat("Board", "B3")).toMatchObject({ bold: true, rule: 0 });
    expect(rt.effectiveFormat("Board", "B2")).toMatchObject({ bold: false, rule: 1 });
    // C3 is red by rule 1, so rule 4's font colour does not apply there; C7 gets it.
    expect(rt.effectiveFormat("Board", "C3").fontColor).toBe("#000000");
    expect(rt.effectiveFormat("Board", "C7")).toMatchObject({ fontColor: "#cc0000", rule: 3 });
    // Outside every rule's range: the cell's own format.
    expect(rt.effectiveFormat("Board", "A3")).toMatchObject({ background: "#ffffff", rule: null });
  });

  it("change when a threshold cell is edited, without rebuilding the rules", () => {
    const rt = board();
    const settings = rt.spreadsheet.getSheetByName("Settings")!;
    settings.getRange("B3").setValue(0.9); // red below 0.9 now: 0.5, 0.85, 0.8 and the empty row
    expect(backgrounds(rt, "B")).toEqual([GREEN, RED, RED, RED, RED, GREEN]);
    settings.getRange("B4").setValue(0.96); // green at ≥ 0.96: only 0.97; B7 (0.95) is now plain
    expect(backgrounds(rt, "B")).toEqual([GREEN, RED, RED, RED, RED, "#ffffff"]);
    // A data edit flows through the formula cell B7 (=B2-0.02) into the highlighting.
    rt.spreadsheet.getSheetByName("Board")!.getRange("B2").setValue(0.99); // B7 = 0.97 ≥ 0.96
    expect(backgrounds(rt, "B")[5]).toBe(GREEN);
  });

  it("apply the 'empty' rule when no earlier rule matched", () => {
    const rt = board();
    rt.spreadsheet.getSheetByName("Settings")!.getRange("B3").setValue(-1); // nothing is below −1
    expect(backgrounds(rt, "B")).toEqual([GREEN, "#ffffff", "#ffffff", "#ffffff", GREY, GREEN]);
  });

  it("keep the cell's own style where no rule applies and take the rule's where one does", () => {
    const rt = board();
    const b = rt.spreadsheet.getSheetByName("Board")!;
    b.getRange("B4:B5").setBackground("#123456").setFontWeight("bold");
    expect(rt.effectiveFormat("Board", "B4")).toMatchObject({
      background: "#123456",
      bold: true,
      rule: null,
    });
    expect(rt.effectiveFormat("Board", "B3")).toMatchObject({ background: RED, bold: true });
  });

  it("need the formula engine", () => {
    const rt = makeRuntime();
    expect(() => rt.effectiveFormat("Лист1", "A1")).toThrow(/evaluateFormulas: true/);
  });
});
