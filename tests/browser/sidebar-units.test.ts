/** The sidebar's pure parts: error codes from the client's errors, error → field, schema texts in Russian. */
import { describe, expect, it } from "vitest";
import { fieldForError } from "../../sidebar/paths";
import { schemaMessage, setLocale } from "../../sidebar/texts";
import { reconnectError } from "../../src/amo/auth";
import {
  AmoBlockedError,
  AmoForbiddenError,
  AmoHttpError,
  AmoPaymentRequiredError,
  AmoRequestFailedError,
} from "../../src/amo/errors";
import { parseSettings } from "../../src/core/settings";
import { toSidebarError } from "../../src/gas/sidebar/errors";

describe("toSidebarError", () => {
  it("gives each amoCRM failure its own code", () => {
    expect(toSidebarError(reconnectError("token_rejected")).code).toBe("bad_token");
    expect(toSidebarError(new AmoForbiddenError("GET /api/v4/users", null)).code).toBe("no_rights");
    expect(toSidebarError(new AmoBlockedError("GET /api/v4/account")).code).toBe("blocked");
    expect(toSidebarError(new AmoPaymentRequiredError("GET /api/v4/account")).code).toBe("payment_required");
    expect(
      toSidebarError(new AmoRequestFailedError("GET /api/v4/account", "network error (dns)", 3)).code,
    ).toBe("unreachable");
    expect(toSidebarError(new AmoHttpError("GET /api/v4/account", 404, null)).code).toBe("bad_domain");
    expect(toSidebarError(new Error("something else"))).toEqual({
      code: "unknown",
      detail: "something else",
    });
    expect(
      toSidebarError(new AmoHttpError("POST /oauth2/access_token", 400, "bad code"), "oauth_failed").code,
    ).toBe("oauth_failed");
  });
});

describe("fieldForError", () => {
  const fields = ["calendar.holidays", "calendar.workEnd", "classRules.0.values", "classRules.0.class"];
  it("finds the field itself or its nearest parent", () => {
    expect(fieldForError("calendar.workEnd", fields)).toBe("calendar.workEnd");
    expect(fieldForError("calendar.holidays.2", fields)).toBe("calendar.holidays");
    expect(fieldForError("classRules.0.values.1", fields)).toBe("classRules.0.values");
    expect(fieldForError("calendar.work", fields)).toBeNull();
    expect(fieldForError("thresholds.slaShare", fields)).toBeNull();
  });
});

describe("schemaMessage", () => {
  it("translates the schema's messages for the Russian sidebar and leaves English alone", () => {
    const r = parseSettings({
      calendar: { workStart: "9:00", holidays: ["2026-13"] },
      thresholds: { slaShare: 1.5 },
      sla: { hotMinutes: "ten" },
    });
    if (r.ok) throw new Error("expected errors");
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    setLocale("ru");
    expect(schemaMessage(byPath["calendar.workStart"]!)).toBe("нужно время ЧЧ:ММ (00:00–23:59)");
    expect(schemaMessage(byPath["calendar.holidays.0"]!)).toBe("нужна дата ГГГГ-ММ-ДД");
    expect(schemaMessage(byPath["thresholds.slaShare"]!)).toBe("не больше 1");
    expect(schemaMessage(byPath["sla.hotMinutes"]!)).toBe("нужно число");
    setLocale("en");
    expect(schemaMessage(byPath["thresholds.slaShare"]!)).toBe(byPath["thresholds.slaShare"]);
  });
});
