/** MailApp: both call shapes land in the outbox; the daily recipient quota is enforced. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

describe("MailApp", () => {
  it("records both call shapes in the outbox", () => {
    const rt = makeRuntime();
    rt.js(`MailApp.sendEmail("rop@example.com", "SLA breach", "3 leads waited > 15 min");
      MailApp.sendEmail({ to: "a@example.com,b@example.com", subject: "Daily", body: "plain", htmlBody: "<b>html</b>", name: "KPI bot" });`);
    expect(rt.mail.outbox.map(({ at: _at, ...m }) => m)).toEqual([
      { to: "rop@example.com", subject: "SLA breach", body: "3 leads waited > 15 min" },
      {
        to: "a@example.com,b@example.com",
        subject: "Daily",
        body: "plain",
        htmlBody: "<b>html</b>",
        name: "KPI bot",
      },
    ]);
    expect(rt.js(`MailApp.getRemainingDailyQuota()`)).toBe(97);
  });

  it("throws Google's text once 100 recipients were used today, and resets after 24 h", () => {
    const rt = makeRuntime();
    rt.js(`for (var i = 0; i < 100; i++) MailApp.sendEmail("x" + i + "@example.com", "s", "b");`);
    expect(() => rt.js(`MailApp.sendEmail("late@example.com", "s", "b")`)).toThrow(
      "Service invoked too many times for one day: email.",
    );
    rt.clock.advance(86_400_000);
    expect(rt.js(`MailApp.getRemainingDailyQuota()`)).toBe(100);
  });

  it("refuses an invalid address", () => {
    const rt = makeRuntime();
    expect(() => rt.js(`MailApp.sendEmail("not-an-address", "s", "b")`)).toThrow(
      "Invalid email: not-an-address",
    );
  });
});
