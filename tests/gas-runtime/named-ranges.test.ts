/** Named ranges (and other anchored rectangles) follow row and column inserts and deletes. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

const SETUP = `var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getActiveSheet();
  ss.setNamedRange("Totals", sh.getRange("B3:C5"));`;

function a1(rt: ReturnType<typeof makeRuntime>): string | undefined {
  return rt.spreadsheet.getRangeByName("Totals")?.getA1Notation();
}

describe("named ranges", () => {
  it("shift down when rows are inserted above, grow when inserted inside, stay when inserted below", () => {
    const rt = makeRuntime(`function setup() { ${SETUP} }`);
    rt.call("setup");
    expect(a1(rt)).toBe("B3:C5");
    rt.js("SpreadsheetApp.getActiveSheet().insertRowsBefore(1, 2)");
    expect(a1(rt)).toBe("B5:C7");
    rt.js("SpreadsheetApp.getActiveSheet().insertRowAfter(5)");
    expect(a1(rt)).toBe("B5:C8");
    rt.js("SpreadsheetApp.getActiveSheet().insertRowsAfter(8, 3)");
    expect(a1(rt)).toBe("B5:C8");
  });

  it("shrink when rows inside are deleted, move up when rows above are, vanish when all are", () => {
    const rt = makeRuntime(`function setup() { ${SETUP} }`);
    rt.call("setup");
    rt.js("SpreadsheetApp.getActiveSheet().deleteRow(4)");
    expect(a1(rt)).toBe("B3:C4");
    rt.js("SpreadsheetApp.getActiveSheet().deleteRows(1, 2)");
    expect(a1(rt)).toBe("B1:C2");
    rt.js("SpreadsheetApp.getActiveSheet().deleteRows(1, 2)");
    expect(a1(rt)).toBeUndefined();
    expect(rt.spreadsheet.getNamedRanges()).toEqual([]);
  });

  it("follow column inserts and deletes", () => {
    const rt = makeRuntime(`function setup() { ${SETUP} }`);
    rt.call("setup");
    rt.js("SpreadsheetApp.getActiveSheet().insertColumnBefore(1)");
    expect(a1(rt)).toBe("C3:D5");
    rt.js("SpreadsheetApp.getActiveSheet().deleteColumn(4)");
    expect(a1(rt)).toBe("C3:C5");
  });

  it("read back through the script with their values, and refuse bad names", () => {
    const rt = makeRuntime(`function setup() { ${SETUP} }`);
    rt.call("setup");
    rt.js(`SpreadsheetApp.getActiveSheet().getRange("B3").setValue(7)`);
    expect(rt.js(`SpreadsheetApp.getActive().getRangeByName("Totals").getValues()[0][0]`)).toBe(7);
    expect(rt.js(`SpreadsheetApp.getActive().getRangeByName("Nope")`)).toBeNull();
    expect(() =>
      rt.js(`SpreadsheetApp.getActive().setNamedRange("A1", SpreadsheetApp.getActiveSheet().getRange("A1"))`),
    ).toThrow("Invalid named range name: A1");
  });
});
