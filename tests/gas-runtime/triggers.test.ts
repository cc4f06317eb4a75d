/** ScriptApp triggers: add-on rules, Google's texts, fireDue order and runtime accounting. */
import { describe, expect, it } from "vitest";
import { makeRuntime, T0 } from "./helpers";

const HOUR = 3_600_000;

const CODE = `
function install(kind) {
  var b = ScriptApp.newTrigger("tick").timeBased();
  if (kind === "minutes") b.everyMinutes(30);
  if (kind === "hourly") b.everyHours(1);
  if (kind === "daily") b.everyDays(1).atHour(7);
  return b.create().getUniqueId();
}
function tick(e) {
  Utilities.sleep(90 * 1000);
  var p = PropertiesService.getDocumentProperties();
  p.setProperty("ticks", String(Number(p.getProperty("ticks") || 0) + 1));
  p.setProperty("last", e.triggerUid + "@" + e.hour + ":" + e.minute + " " + e.timezone);
}
function boom() { throw new Error("sync failed"); }
`;

describe("trigger rules", () => {
  it("an add-on cannot create a sub-hourly time-driven trigger (Google's text, at create())", () => {
    const rt = makeRuntime(CODE);
    expect(() => rt.call("install", "minutes")).toThrow(
      "Add-ons may not create time-based triggers to run more frequently than once per hour.",
    );
    expect(rt.triggers.list()).toEqual([]);
    // A plain (non add-on) script may.
    expect(() => makeRuntime(CODE, { addonMode: false }).call("install", "minutes")).not.toThrow();
  });

  it("validates everyMinutes / everyHours values", () => {
    const rt = makeRuntime(CODE, { addonMode: false });
    expect(() => rt.js(`ScriptApp.newTrigger("tick").timeBased().everyMinutes(7)`)).toThrow(
      "The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.",
    );
    expect(() => rt.js(`ScriptApp.newTrigger("tick").timeBased().everyHours(3)`)).toThrow(
      "The value you passed to everyHours was invalid",
    );
  });

  it("an add-on may have one clock trigger per user per document", () => {
    const rt = makeRuntime(CODE);
    rt.call("install", "hourly");
    expect(() => rt.call("install", "daily")).toThrow(
      "This add-on has created too many time-based triggers in this document for this Google user account.",
    );
  });

  it("allows 20 triggers per user per script", () => {
    const rt = makeRuntime(CODE, { addonMode: false });
    for (let i = 0; i < 20; i++) rt.call("install", "hourly");
    expect(() => rt.call("install", "hourly")).toThrow(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
    rt.js(`ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0])`);
    expect(() => rt.call("install", "hourly")).not.toThrow();
  });

  it("describes triggers through the Trigger API", () => {
    const rt = makeRuntime(CODE);
    const id = rt.call<string>("install", "hourly");
    expect(
      rt.js(`var t = ScriptApp.getProjectTriggers()[0];
        [t.getHandlerFunction(), t.getUniqueId(), String(t.getEventType()), t.getTriggerSource() === ScriptApp.TriggerSource.CLOCK]`),
    ).toEqual(["tick", id, "CLOCK", true]);
  });
});

describe("fireDue", () => {
  it("runs an hourly trigger once per hour as separate executions and accounts their runtime", () => {
    const rt = makeRuntime(CODE);
    const id = rt.call<string>("install", "hourly");
    const runs = rt.triggers.fireDue(T0 + 3 * HOUR + 1);
    expect(runs.map((r) => r.scheduledAt - T0)).toEqual([HOUR, 2 * HOUR, 3 * HOUR]);
    expect(runs.every((r) => r.durationMs === 90_000 && r.error === undefined)).toBe(true);
    expect(rt.quota.triggerRuntimeMs).toBe(3 * 90_000);
    expect(rt.properties.document.toObject()).toMatchObject({ ticks: "3", last: `${id}@9:0 UTC` });
    // The last run started at +3 h and took 90 s.
    expect(rt.clock.now()).toBe(T0 + 3 * HOUR + 90_000);
    expect(rt.executions.filter((e) => e.kind === "trigger")).toHaveLength(3);
  });

  it("fires a daily atHour trigger at that hour in the script's time zone", () => {
    const rt = makeRuntime(CODE); // T0 is 09:00 Moscow
    rt.call("install", "daily");
    const runs = rt.triggers.fireDue(T0 + 48 * HOUR);
    // 07:00 Moscow = 04:00 UTC, the next two days.
    expect(runs.map((r) => new Date(r.scheduledAt).toISOString())).toEqual([
      "2025-01-16T04:00:00.000Z",
      "2025-01-17T04:00:00.000Z",
    ]);
  });

  it("runs due triggers of several handlers in time order and records failures", () => {
    const rt = makeRuntime(CODE, { addonMode: false });
    rt.js(`ScriptApp.newTrigger("boom").timeBased().everyHours(2).create();
      ScriptApp.newTrigger("tick").timeBased().everyHours(1).create();`);
    const runs = rt.triggers.fireDue(T0 + 2 * HOUR);
    expect(runs.map((r) => [r.handler, (r.scheduledAt - T0) / HOUR])).toEqual([
      ["tick", 1],
      ["boom", 2],
      ["tick", 2],
    ]);
    expect(runs[1]?.error).toBe("sync failed");
  });

  it("stops running triggers after 90 minutes of trigger runtime in a day", () => {
    const rt = makeRuntime(CODE, { addonMode: false, limits: { triggerRuntimeMsPerDay: 3 * 90_000 } });
    rt.call("install", "hourly");
    const runs = rt.triggers.fireDue(T0 + 4 * HOUR);
    expect(runs.map((r) => r.error)).toEqual([
      undefined,
      undefined,
      undefined,
      "Service using too much computer time for one day",
    ]);
  });
});

describe("ScriptApp odds and ends", () => {
  it("routes a state token to its callback, once, within its timeout", () => {
    const rt = makeRuntime(`
      function authUrl() {
        return ScriptApp.newStateToken().withMethod("authCallback").withArgument("service", "amo").withTimeout(600).createToken();
      }
      function authCallback(request) { return request.parameter.service + ":" + request.parameter.code; }`);
    const token = rt.call<string>("authUrl");
    expect(rt.userCallback(token, { code: "xyz" })).toBe("amo:xyz");
    rt.clock.advance(600_001);
    expect(() => rt.userCallback(token, { code: "xyz" })).toThrow("state token");
  });

  it("can make getActiveSpreadsheet() null inside time-driven triggers (open risk, apps-script.md §10)", () => {
    const rt = makeRuntime(
      `function install() { ScriptApp.newTrigger("probe").timeBased().everyHours(1).create(); }
       function probe() { PropertiesService.getScriptProperties().setProperty("ss", String(SpreadsheetApp.getActiveSpreadsheet())); }`,
      { activeSpreadsheetInTriggers: false },
    );
    rt.call("install");
    rt.triggers.fireDue(T0 + HOUR);
    expect(rt.properties.script.toObject()).toEqual({ ss: "null" });
    expect(rt.js(`SpreadsheetApp.getActiveSpreadsheet() !== null`)).toBe(true);
  });
});
