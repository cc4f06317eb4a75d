import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BusinessCalendar } from "../../local/amo-sandbox/generator/calendar";
import { TestCalendar } from "./api-metrics";

const HOLIDAYS = ["2026-05-01", "2026-05-11", "2026-06-12", "2026-11-04"];
const cal = new BusinessCalendar({
  offsetSec: 3 * 3600,
  workStartMin: 9 * 60,
  workEndMin: 18 * 60,
  workingDays: [1, 2, 3, 4, 5],
  holidays: HOLIDAYS,
});
/** Moscow wall-clock "YYYY-MM-DDTHH:MM" → Unix seconds, computed by hand from UTC. */
const msk = (s: string) => Date.parse(`${s}:00+03:00`) / 1000;

describe("generator business-time arithmetic (Mon–Fri 09:00–18:00 Moscow, fixed +03:00)", () => {
  it("Friday 23:00 + 10 business minutes → Monday 09:10", () => {
    expect(cal.addBusinessMinutes(msk("2026-10-30T23:00"), 10)).toBe(msk("2026-11-02T09:10"));
  });

  it("skips a holiday: Thursday 11 June 17:55 + 10 → Monday 15 June 09:05 (12 June is off)", () => {
    expect(cal.addBusinessMinutes(msk("2026-06-11T17:55"), 10)).toBe(msk("2026-06-15T09:05"));
    expect(cal.businessMinutes(msk("2026-06-11T17:55"), msk("2026-06-15T09:05"))).toBe(10);
  });

  it("skips a mid-week holiday: Tuesday 3 Nov 17:50 + 30 → Thursday 5 Nov 09:20", () => {
    expect(cal.addBusinessMinutes(msk("2026-11-03T17:50"), 30)).toBe(msk("2026-11-05T09:20"));
  });

  it("counts only working time between two instants", () => {
    // Friday 17:00 → Monday 10:00: one hour on Friday, one on Monday.
    expect(cal.businessMinutes(msk("2026-10-23T17:00"), msk("2026-10-26T10:00"))).toBe(120);
    // A whole weekend is zero; a lead arriving Friday 23:00 answered Monday 09:05 scores 5.
    expect(cal.businessMinutes(msk("2026-10-24T10:00"), msk("2026-10-25T20:00"))).toBe(0);
    expect(cal.businessMinutes(msk("2026-10-30T23:00"), msk("2026-11-02T09:05"))).toBe(5);
    // May 1 (Friday) and May 11 (Monday) are holidays: Thursday 30 April 17:00 → Tuesday 12 May 10:00
    // is one hour, the five days 4–8 May, one hour.
    expect(cal.businessMinutes(msk("2026-04-30T17:00"), msk("2026-05-12T10:00"))).toBe(60 + 5 * 540 + 60);
  });

  it("adds zero minutes as the start itself, and lands exactly on closing time when the day is used up", () => {
    const t = msk("2026-10-31T12:00");
    expect(cal.addBusinessMinutes(t, 0)).toBe(t);
    expect(cal.addBusinessMinutes(msk("2026-10-29T17:30"), 30)).toBe(msk("2026-10-29T18:00"));
  });

  it("ends the cold SLA at the end of the next working day", () => {
    expect(cal.endOfNextWorkingDay(msk("2026-10-31T12:00"))).toBe(msk("2026-11-02T18:00")); // Saturday → Monday
    expect(cal.endOfNextWorkingDay(msk("2026-10-26T10:00"))).toBe(msk("2026-10-27T18:00")); // Monday → Tuesday
    expect(cal.endOfNextWorkingDay(msk("2026-06-11T10:00"))).toBe(msk("2026-06-15T18:00")); // over the holiday
    expect(cal.endOfNextWorkingDay(msk("2026-11-03T23:30"))).toBe(msk("2026-11-05T18:00"));
  });

  it("formats and buckets in Moscow time", () => {
    const now = cal.parseLocal("2026-10-31T18:00");
    expect(now).toBe(msk("2026-10-31T18:00"));
    expect(cal.localIso(now)).toBe("2026-10-31T18:00:00+03:00");
    expect(cal.monthKey(msk("2026-05-31T23:59"))).toBe("2026-05");
    expect(cal.monthKey(msk("2026-06-01T00:00"))).toBe("2026-06");
    expect(cal.isWorkingTime(msk("2026-10-30T17:59"))).toBe(true);
    expect(cal.isWorkingTime(msk("2026-10-30T18:00"))).toBe(false);
  });

  it("agrees with the tests' own calendar, and addBusinessMinutes is the earliest instant reaching the sum", () => {
    const test = new TestCalendar(HOLIDAYS);
    const start = msk("2026-04-25T00:00");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 * 86400 }),
        fc.integer({ min: 0, max: 5000 }),
        (offset, minutes) => {
          const a = start + offset;
          const t = cal.addBusinessMinutes(a, minutes);
          expect(cal.businessMinutes(a, t)).toBe(minutes);
          expect(test.minutes(a, t)).toBe(minutes);
          expect(test.addMinutes(a, minutes)).toBe(t);
          if (minutes > 0) expect(cal.businessSeconds(a, t - 1)).toBeLessThan(minutes * 60);
        },
      ),
      { numRuns: 400 },
    );
  });
});
