/** Quiet hours in the account's timezone: across midnight, and on both DST switch days (hand-computed instants). */
import { describe, expect, it } from "vitest";
import { formatLocal, wallTime } from "../../src/core/alerts/local-time";
import { isQuietAt } from "../../src/core/alerts/quiet-hours";

const Z = (iso: string) => Date.parse(iso);

describe("quiet hours across midnight (Moscow, UTC+3, no DST)", () => {
  const q = { start: "20:00", end: "09:00" };
  const tz = "Europe/Moscow";
  it.each([
    ["2026-10-12T16:59:00Z", false], // 19:59
    ["2026-10-12T17:00:00Z", true], // 20:00 — start included
    ["2026-10-12T20:59:00Z", true], // 23:59
    ["2026-10-12T21:00:00Z", true], // 00:00 next day
    ["2026-10-13T05:59:00Z", true], // 08:59
    ["2026-10-13T06:00:00Z", false], // 09:00 — end excluded
    ["2026-10-13T09:00:00Z", false], // 12:00
  ])("%s → quiet %s", (iso, quiet) => {
    expect(isQuietAt(Z(iso), q, tz)).toBe(quiet);
  });

  it("a window inside one day, and none at all", () => {
    const lunch = { start: "13:00", end: "14:00" };
    expect(isQuietAt(Z("2026-10-12T09:59:00Z"), lunch, tz)).toBe(false); // 12:59
    expect(isQuietAt(Z("2026-10-12T10:00:00Z"), lunch, tz)).toBe(true); // 13:00
    expect(isQuietAt(Z("2026-10-12T10:59:00Z"), lunch, tz)).toBe(true); // 13:59
    expect(isQuietAt(Z("2026-10-12T11:00:00Z"), lunch, tz)).toBe(false); // 14:00
    expect(isQuietAt(Z("2026-10-12T21:00:00Z"), null, tz)).toBe(false);
  });
});

describe("quiet hours on DST switch days (Berlin)", () => {
  const tz = "Europe/Berlin";
  it("spring forward 2026-03-29 (02:00 CET → 03:00 CEST): 01:00–03:00 lasts one real hour", () => {
    const q = { start: "01:00", end: "03:00" };
    expect(isQuietAt(Z("2026-03-28T23:59:00Z"), q, tz)).toBe(false); // 00:59 CET
    expect(isQuietAt(Z("2026-03-29T00:00:00Z"), q, tz)).toBe(true); // 01:00 CET
    expect(isQuietAt(Z("2026-03-29T00:59:00Z"), q, tz)).toBe(true); // 01:59 CET
    expect(isQuietAt(Z("2026-03-29T01:00:00Z"), q, tz)).toBe(false); // 03:00 CEST
  });

  it("fall back 2026-10-25 (03:00 CEST → 02:00 CET): 01:00–03:00 lasts three real hours", () => {
    const q = { start: "01:00", end: "03:00" };
    expect(isQuietAt(Z("2026-10-24T22:59:00Z"), q, tz)).toBe(false); // 00:59 CEST
    expect(isQuietAt(Z("2026-10-24T23:00:00Z"), q, tz)).toBe(true); // 01:00 CEST
    expect(isQuietAt(Z("2026-10-25T00:30:00Z"), q, tz)).toBe(true); // 02:30 CEST
    expect(isQuietAt(Z("2026-10-25T01:30:00Z"), q, tz)).toBe(true); // 02:30 CET (again)
    expect(isQuietAt(Z("2026-10-25T02:00:00Z"), q, tz)).toBe(false); // 03:00 CET
  });

  it("20:00–09:00 ends at 09:00 wall time on both sides of a switch", () => {
    const q = { start: "20:00", end: "09:00" };
    expect(isQuietAt(Z("2026-03-28T07:59:00Z"), q, tz)).toBe(true); // Sat 08:59 CET
    expect(isQuietAt(Z("2026-03-28T08:00:00Z"), q, tz)).toBe(false); // Sat 09:00 CET
    expect(isQuietAt(Z("2026-03-29T06:59:00Z"), q, tz)).toBe(true); // Sun 08:59 CEST
    expect(isQuietAt(Z("2026-03-29T07:00:00Z"), q, tz)).toBe(false); // Sun 09:00 CEST
    expect(isQuietAt(Z("2026-10-25T07:59:00Z"), q, tz)).toBe(true); // Sun 08:59 CET
    expect(isQuietAt(Z("2026-10-25T08:00:00Z"), q, tz)).toBe(false); // Sun 09:00 CET
  });

  it("wall time and formatting", () => {
    expect(wallTime(Z("2026-10-25T01:30:00Z"), tz)).toEqual({ date: "2026-10-25", minuteOfDay: 150 });
    expect(formatLocal(Z("2026-03-29T01:00:00Z"), tz)).toBe("2026-03-29 03:00");
    expect(formatLocal(Z("2026-10-12T21:05:00Z"), "Europe/Moscow")).toBe("2026-10-13 00:05");
  });
});
