/**
 * A small hand-written add-on (menu, setup, sync from a fake amoCRM, board with rules and named
 * ranges, an hourly trigger, SLA alert mail under a lock) driven through the runtime as Apps Script
 * would drive it: onOpen, menu items via call(), the trigger via fireDue().
 */
import { describe, expect, it } from "vitest";
import type { UrlFetchPortRequest, UrlFetchPortResponse } from "../../local/gas-runtime/index";
import { makeRuntime, T0 } from "./helpers";

const CODE = `
/** Menu, built from constants only (AuthMode.NONE safe). */
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu()
    .addItem("Set up", "setup")
    .addItem("Sync now", "syncNow")
    .addToUi();
}

function setup() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var raw = ss.insertSheet("Raw");
  raw.getRange(1, 1, 1, 4).setValues([["id", "manager", "name", "waited_min"]]).setFontWeight("bold");
  raw.setFrozenRows(1);
  ss.setNamedRange("RawHeader", raw.getRange("A1:D1"));
  var board = ss.insertSheet("Board");
  board.getRange("A1:B1").setValues([["manager", "SLA breaches"]]);
  board.setConditionalFormatRules([
    SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThan(0).setBackground("#f4c7c3")
      .setRanges([board.getRange("B2:B50")]).build()
  ]);
  PropertiesService.getDocumentProperties().setProperties({ subdomain: "acme", slaMinutes: "15" });
  ScriptApp.newTrigger("hourly").timeBased().everyHours(1).create();
  return ss.getSheets().map(function (s) { return s.getName(); });
}

function syncNow() {
  var lock = LockService.getDocumentLock();
  if (!lock.tryLock(10000)) return "busy";
  try {
    var props = PropertiesService.getDocumentProperties();
    var url = "https://" + props.getProperty("subdomain") + ".amocrm.ru/api/v4/leads";
    var res = UrlFetchApp.fetch(url, { muteHttpExceptions: true, headers: { Authorization: "Bearer t" } });
    if (res.getResponseCode() !== 200) throw new Error("amoCRM answered " + res.getResponseCode());
    var leads = JSON.parse(res.getContentText())._embedded.leads;
    var rows = leads.map(function (l) {
      // Defend against formula injection: CRM text must never become a formula.
      var name = /^[=+\\-@]/.test(l.name) ? "'" + l.name : l.name;
      return [l.id, l.manager, name, l.waited];
    });
    var raw = SpreadsheetApp.getActive().getSheetByName("Raw");
    if (raw.getLastRow() > 1) raw.getRange(2, 1, raw.getLastRow() - 1, 4).clearContent();
    raw.getRange(2, 1, rows.length, 4).setValues(rows);
    raw.getRange(2, 1, rows.length, 4).sort({ column: 4, ascending: false });

    var sla = Number(props.getProperty("slaMinutes"));
    var byManager = {};
    rows.forEach(function (r) { if (r[3] > sla) byManager[r[1]] = (byManager[r[1]] || 0) + 1; });
    var board = SpreadsheetApp.getActive().getSheetByName("Board");
    var out = Object.keys(byManager).sort().map(function (m) { return [m, byManager[m]]; });
    if (out.length) board.getRange(2, 1, out.length, 2).setValues(out);
    if (out.length && MailApp.getRemainingDailyQuota() > 0) {
      MailApp.sendEmail({ to: Session.getEffectiveUser().getEmail(), subject: "SLA breaches: " + out.length,
        body: out.map(function (r) { return r[0] + ": " + r[1]; }).join("\\n") });
    }
    props.setProperty("lastSync", Utilities.formatDate(new Date(), Session.getScriptTimeZone(), "yyyy-MM-dd HH:mm"));
    return rows.length;
  } finally {
    lock.releaseLock();
  }
}

function hourly(e) { syncNow(); }
`;

const LEADS = {
  _embedded: {
    leads: [
      { id: 1, manager: "Anna", name: "Roof repair", waited: 5 },
      { id: 2, manager: "Ivan", name: '=IMPORTXML("http://evil")', waited: 40 },
      { id: 3, manager: "Anna", name: "-discount", waited: 20 },
    ],
  },
};

function amo(req: UrlFetchPortRequest): UrlFetchPortResponse {
  if (req.url !== "https://acme.amocrm.ru/api/v4/leads") return { status: 404, headers: {}, body: "" };
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(LEADS) };
}

describe("end to end", () => {
  it("opens, sets up, syncs by hand and by trigger", () => {
    const rt = makeRuntime(CODE, { urlFetch: { fetch: amo }, userEmail: "rop@acme.ru" });

    rt.open({ authMode: "NONE" });
    expect(rt.ui.menus[0]?.items).toEqual([
      { label: "Set up", functionName: "setup" },
      { label: "Sync now", functionName: "syncNow" },
    ]);

    expect(rt.call("setup")).toEqual(["Лист1", "Raw", "Board"]);
    expect(rt.triggers.list().map((t) => [t.handler, t.eventType, t.nextRunAt! - T0])).toEqual([
      ["hourly", "CLOCK", 3_600_000],
    ]);

    expect(rt.call("syncNow")).toBe(3);
    const raw = rt.spreadsheet.getSheetByName("Raw")!;
    expect(raw.getDataRange().getValues()).toEqual([
      ["id", "manager", "name", "waited_min"],
      [2, "Ivan", '=IMPORTXML("http://evil")', 40],
      [3, "Anna", "-discount", 20],
      [1, "Anna", "Roof repair", 5],
    ]);
    // The escaping worked: no formula reached the sheet.
    expect(
      raw
        .getDataRange()
        .getFormulas()
        .flat()
        .filter((f) => f !== ""),
    ).toEqual([]);
    expect(rt.spreadsheet.getRangeByName("RawHeader")?.getA1Notation()).toBe("A1:D1");
    expect(rt.spreadsheet.getSheetByName("Board")!.getRange("A2:B3").getValues()).toEqual([
      ["Anna", 1],
      ["Ivan", 1],
    ]);
    expect(rt.mail.outbox.map((m) => [m.to, m.subject, m.body])).toEqual([
      ["rop@acme.ru", "SLA breaches: 2", "Anna: 1\nIvan: 1"],
    ]);
    expect(rt.properties.document.toObject().lastSync).toBe("2025-01-15 09:00");

    const runs = rt.triggers.fireDue(T0 + 2 * 3_600_000);
    expect(runs.map((r) => [r.handler, r.error])).toEqual([
      ["hourly", undefined],
      ["hourly", undefined],
    ]);
    expect(rt.properties.document.toObject().lastSync).toBe("2025-01-15 11:00");
    expect(rt.quota.urlFetchCalls).toBe(3);
    expect(rt.mail.outbox).toHaveLength(3);
    expect(rt.missingMembers.size).toBe(0);
  });

  it("shows what happens without the escaping: the CRM text becomes a formula", () => {
    const unsafe = CODE.replace("/^[=+\\-@]/.test(l.name)", "false");
    expect(unsafe).not.toBe(CODE);
    const rt = makeRuntime(unsafe, { urlFetch: { fetch: amo } });
    rt.call("setup");
    rt.call("syncNow");
    const formulas = rt.spreadsheet
      .getSheetByName("Raw")!
      .getDataRange()
      .getFormulas()
      .flat()
      .filter((f) => f !== "");
    expect(formulas).toEqual(['=IMPORTXML("http://evil")', "=-discount"]);
  });
});
