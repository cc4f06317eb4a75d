/** Settings gain `alerts` and `writeBack` with the contract's defaults; older saved settings still parse. */
import { describe, expect, it } from "vitest";
import { defaultSettings, parseSettings } from "../../src/core/settings";

describe("alerts and writeBack settings", () => {
  it("defaults as in the contract", () => {
    const s = defaultSettings();
    expect(s.alerts).toEqual({
      enabled: false,
      salesHeadEmails: [],
      notifyManagers: true,
      quietHours: { start: "20:00", end: "09:00" },
      digest: false,
      endOfDayCheck: true,
      endOfDayAt: "18:00",
    });
    expect(s.writeBack).toEqual({ enabled: false, taskText: "Следующий шаг", dueInHours: 24 });
  });

  it("settings saved before these existed still parse (both objects absent)", () => {
    const old = { locale: "en", pipelineIds: [5], calendar: { timezone: "Europe/Berlin" } };
    const r = parseSettings(old);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.settings.alerts.enabled).toBe(false);
      expect(r.settings.writeBack.enabled).toBe(false);
      expect(r.settings.calendar.timezone).toBe("Europe/Berlin");
    }
  });

  it("partial objects take the other defaults; quiet hours may be null", () => {
    const r = parseSettings({ alerts: { enabled: true, quietHours: null }, writeBack: { enabled: true } });
    expect(r.ok && r.settings.alerts).toMatchObject({ enabled: true, quietHours: null, endOfDayAt: "18:00" });
    expect(r.ok && r.settings.writeBack).toEqual({
      enabled: true,
      taskText: "Следующий шаг",
      dueInHours: 24,
    });
  });

  it("bad input names the field", () => {
    const r = parseSettings({
      alerts: {
        salesHeadEmails: ["ok@example.com", "not an address"],
        quietHours: { start: "25:00", end: "09:00" },
      },
      writeBack: { dueInHours: 0, taskText: "  " },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.path).sort()).toEqual([
        "alerts.quietHours.start",
        "alerts.salesHeadEmails.1",
        "writeBack.dueInHours",
        "writeBack.taskText",
      ]);
    }
  });
});
