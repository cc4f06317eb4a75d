/** Auth modes: what onOpen may do in NONE/LIMITED, and custom functions' read-only spreadsheet. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

const CODE = `
function onOpen(e) {
  var menu = SpreadsheetApp.getUi().createAddonMenu().addItem("Sync now", "syncNow");
  if (e && e.authMode !== ScriptApp.AuthMode.NONE) {
    var last = PropertiesService.getDocumentProperties().getProperty("lastSync");
    menu.addItem("Last: " + (last || "never"), "syncNow");
  }
  menu.addToUi();
}
function syncNow() {}
function badOnOpen() { PropertiesService.getDocumentProperties().getProperty("x"); }
function KPI_DOUBLE(x) { return x * 2; }
function KPI_WRITES() { SpreadsheetApp.getActiveSheet().getRange("A1").setValue(1); }
function KPI_READS() { return SpreadsheetApp.getActiveSheet().getRange("A1").getValue(); }
`;

describe("auth modes", () => {
  it("onOpen in NONE builds a basic menu; in LIMITED it may read properties", () => {
    const rt = makeRuntime(CODE, { documentProperties: { lastSync: "today" } });
    rt.open({ authMode: "NONE" });
    expect(rt.ui.menus).toEqual([
      { kind: "addon", title: "amoCRM KPI", items: [{ label: "Sync now", functionName: "syncNow" }] },
    ]);
    rt.open({ authMode: "LIMITED" });
    expect(rt.ui.menus[0]?.items).toEqual([
      { label: "Sync now", functionName: "syncNow" },
      { label: "Last: today", functionName: "syncNow" },
    ]);
  });

  it("refuses Properties in AuthMode.NONE", () => {
    const rt = makeRuntime(CODE);
    expect(() => rt.run("badOnOpen", { authMode: "NONE" })).toThrow(
      "You do not have permission to call PropertiesService.getDocumentProperties",
    );
  });

  it("fails at load when the bundle touches a service at top level", () => {
    expect(() => makeRuntime(`var props = PropertiesService.getScriptProperties();`)).toThrow(
      "You do not have permission to call PropertiesService.getScriptProperties",
    );
  });

  it("custom functions compute, read, but cannot write or open UI", () => {
    const rt = makeRuntime(CODE);
    rt.spreadsheet.getActiveSheet().getRange("A1").setValue(21);
    expect(rt.customFunction("KPI_DOUBLE", 21)).toBe(42);
    expect(rt.customFunction("KPI_READS")).toBe(21);
    expect(() => rt.customFunction("KPI_WRITES")).toThrow(
      "You do not have permission to call Range.setValue",
    );
  });

  it("reports a missing handler as Apps Script does", () => {
    const rt = makeRuntime(CODE);
    expect(() => rt.call("nope")).toThrow("Script function not found: nope");
  });
});
