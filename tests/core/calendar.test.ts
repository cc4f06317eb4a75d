/**
 * The working calendar on hand-computed cases. Every expected instant is written in UTC with the
 * local reading and the offset beside it, and every expected number of minutes states its sum.
 *
 * 2026 dates used: Mon 03-02, Tue 03-03, Wed 03-04, Fri 03-06, Sat 03-07, Sun 03-08, Mon 03-09,
 * Fri 03-13, Sat 03-14, Mon 03-16; Fri 03-27, Sun 03-29 (EU spring forward), Mon 03-30;
 * Sun 03-08 is also the US spring forward; Fri 10-23, Sun 10-25 (EU fall back), Mon 10-26;
 * Fri 10-30, Sun 11-01 (US fall back), Mon 11-02.
 */
import { describe, expect, it, vi } from "vitest";
import { createCalendar } from "../../src/core/calendar";
import type { CalendarSettings } from "../../src/core/settings";

/** An instant from UTC fields (month 1–12). */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

function cal(timezone: string, over: Partial<CalendarSettings> = {}) {
  return createCalendar({
    timezone,
    workingDays: [1, 2, 3, 4, 5],
    workStart: "09:00",
    workEnd: "18:00",
    holidays: [],
    extraWorkingDays: [],
    ...over,
  });
}

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];

describe("Europe/Moscow (UTC+3 all year): businessMinutes", () => {
  const msk = cal("Europe/Moscow");

  it("counts within one day", () => {
    // Tue 03-03 10:00 → 12:30 MSK (07:00Z → 09:30Z): 150 minutes, all inside 09–18.
    expect(msk.businessMinutes(utc(2026, 3, 3, 7), utc(2026, 3, 3, 9, 30))).toBe(150);
    // Tue 08:00 → 09:30 MSK: only 09:00–09:30 counts = 30.
    expect(msk.businessMinutes(utc(2026, 3, 3, 5), utc(2026, 3, 3, 6, 30))).toBe(30);
    // Tue 18:00 → 23:00 MSK: after hours = 0.
    expect(msk.businessMinutes(utc(2026, 3, 3, 15), utc(2026, 3, 3, 20))).toBe(0);
  });

  it("counts across midnight", () => {
    // Tue 17:00 → Wed 10:00 MSK: 17–18 (60) + 09–10 (60) = 120.
    expect(msk.businessMinutes(utc(2026, 3, 3, 14), utc(2026, 3, 4, 7))).toBe(120);
  });

  it("Friday 23:00 → Monday 09:10 is 10 minutes", () => {
    // Fri 03-06 23:00 MSK = 20:00Z; Mon 03-09 09:10 MSK = 06:10Z. Only Mon 09:00–09:10 counts.
    expect(msk.businessMinutes(utc(2026, 3, 6, 20), utc(2026, 3, 9, 6, 10))).toBe(10);
  });

  it("skips a weekend inside the interval", () => {
    // Fri 03-06 15:00 → Mon 03-09 11:00 MSK: Fri 15–18 (180) + Mon 09–11 (120) = 300.
    expect(msk.businessMinutes(utc(2026, 3, 6, 12), utc(2026, 3, 9, 8))).toBe(300);
    // A whole week, Mon 03-02 00:00 → Mon 03-09 00:00 MSK: 5 × 540 = 2700.
    expect(msk.businessMinutes(utc(2026, 3, 1, 21), utc(2026, 3, 8, 21))).toBe(2700);
  });

  it("skips a holiday", () => {
    // Mon 03-09 is a holiday (Russia moved Sunday 03-08 there).
    const c = cal("Europe/Moscow", { holidays: ["2026-03-09"] });
    // Fri 03-06 15:00 → Tue 03-10 11:00 MSK: Fri 15–18 (180) + Mon 0 + Tue 09–11 (120) = 300.
    expect(c.businessMinutes(utc(2026, 3, 6, 12), utc(2026, 3, 10, 8))).toBe(300);
    // The whole holiday: 0.
    expect(c.businessMinutes(utc(2026, 3, 8, 21), utc(2026, 3, 9, 21))).toBe(0);
    expect(c.isWorkingTime(utc(2026, 3, 9, 9))).toBe(false);
  });

  it("counts an extra working Saturday", () => {
    const c = cal("Europe/Moscow", { extraWorkingDays: ["2026-03-14"] });
    // Fri 03-13 17:00 → Mon 03-16 10:00 MSK: Fri 17–18 (60) + Sat 09–18 (540) + Mon 09–10 (60) = 660.
    expect(c.businessMinutes(utc(2026, 3, 13, 14), utc(2026, 3, 16, 7))).toBe(660);
    expect(c.isWorkingTime(utc(2026, 3, 14, 9))).toBe(true); // Sat 12:00 MSK
    // The plain calendar: Fri 60 + Mon 60 = 120.
    expect(msk.businessMinutes(utc(2026, 3, 13, 14), utc(2026, 3, 16, 7))).toBe(120);
  });

  it("a date listed both as a holiday and as an extra working day is a holiday", () => {
    const c = cal("Europe/Moscow", { holidays: ["2026-03-14"], extraWorkingDays: ["2026-03-14"] });
    expect(c.businessMinutes(utc(2026, 3, 13, 21), utc(2026, 3, 14, 21))).toBe(0);
  });

  it("returns 0 when b <= a and real minutes for fractional spans", () => {
    expect(msk.businessMinutes(utc(2026, 3, 3, 9), utc(2026, 3, 3, 7))).toBe(0);
    expect(msk.businessMinutes(utc(2026, 3, 3, 9), utc(2026, 3, 3, 9))).toBe(0);
    // Tue 10:00:00 → 10:00:30 MSK = 0.5 minutes.
    expect(msk.businessMinutes(utc(2026, 3, 3, 7), utc(2026, 3, 3, 7, 0, 30))).toBe(0.5);
  });

  it("isWorkingTime is [workStart, workEnd) on working days", () => {
    expect(msk.isWorkingTime(utc(2026, 3, 3, 6))).toBe(true); // Tue 09:00 MSK
    expect(msk.isWorkingTime(utc(2026, 3, 3, 6) - 1)).toBe(false); // 08:59:59.999
    expect(msk.isWorkingTime(utc(2026, 3, 3, 15) - 1)).toBe(true); // 17:59:59.999
    expect(msk.isWorkingTime(utc(2026, 3, 3, 15))).toBe(false); // 18:00
    expect(msk.isWorkingTime(utc(2026, 3, 7, 9))).toBe(false); // Sat 12:00
  });
});

describe("Europe/Berlin across DST", () => {
  // Spring: Sun 2026-03-29 01:00Z, 02:00 CET (+1) → 03:00 CEST (+2). Fall: Sun 2026-10-25 01:00Z,
  // 03:00 CEST (+2) → 02:00 CET (+1).
  const allDay = cal("Europe/Berlin", { workingDays: ALL_WEEK, workStart: "00:00", workEnd: "23:59" });
  const night = cal("Europe/Berlin", { workingDays: ALL_WEEK, workStart: "01:00", workEnd: "04:00" });
  const office = cal("Europe/Berlin");

  it("spring forward: working time is real elapsed time", () => {
    // 00:00 CET = 03-28 23:00Z → 23:59 CEST = 03-29 21:59Z: 22 h 59 min = 1379 (a normal day: 1439).
    expect(allDay.businessMinutes(utc(2026, 3, 28, 23), utc(2026, 3, 29, 22))).toBe(1379);
    expect(allDay.businessMinutes(utc(2026, 3, 27, 23), utc(2026, 3, 28, 23))).toBe(1439);
    // 01:30 CET (00:30Z) → 03:30 CEST (01:30Z): the clock moved 2 h, 60 real minutes passed.
    expect(allDay.businessMinutes(utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30))).toBe(60);
    // Hours 01:00–04:00: 01:00 CET = 00:00Z → 04:00 CEST = 02:00Z = 120 real minutes.
    expect(night.businessMinutes(utc(2026, 3, 28, 23), utc(2026, 3, 29, 22))).toBe(120);
    expect(night.isWorkingTime(utc(2026, 3, 29, 1, 59))).toBe(true); // 03:59 CEST
    expect(night.isWorkingTime(utc(2026, 3, 29, 2))).toBe(false); // 04:00 CEST
  });

  it("fall back: working time is real elapsed time", () => {
    // 00:00 CEST = 10-24 22:00Z → 23:59 CET = 10-25 22:59Z: 24 h 59 min = 1499.
    expect(allDay.businessMinutes(utc(2026, 10, 24, 22), utc(2026, 10, 25, 23))).toBe(1499);
    // 02:30 CEST (00:30Z) → 02:30 CET (01:30Z): the same reading, 60 real minutes apart.
    expect(allDay.businessMinutes(utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30))).toBe(60);
    // Hours 01:00–04:00: 01:00 CEST = 10-24 23:00Z → 04:00 CET = 03:00Z = 240 real minutes.
    expect(night.businessMinutes(utc(2026, 10, 24, 22), utc(2026, 10, 25, 23))).toBe(240);
  });

  it("office hours, Friday to Monday across each switch", () => {
    // Fri 03-27 17:00 CET (16:00Z) → Mon 03-30 10:00 CEST (08:00Z): Fri 60 + Mon 60 = 120.
    expect(office.businessMinutes(utc(2026, 3, 27, 16), utc(2026, 3, 30, 8))).toBe(120);
    // Mon 03-30 09:00 CEST is 07:00Z (not 08:00Z as it would be in CET).
    expect(office.isWorkingTime(utc(2026, 3, 30, 7))).toBe(true);
    expect(office.isWorkingTime(utc(2026, 3, 30, 7) - 1)).toBe(false);
    // Fri 10-23 17:00 CEST (15:00Z) → Mon 10-26 10:00 CET (09:00Z): Fri 60 + Mon 60 = 120.
    expect(office.businessMinutes(utc(2026, 10, 23, 15), utc(2026, 10, 26, 9))).toBe(120);
    // Mon 03-23 09:00 CET (08:00Z) → Mon 03-30 09:00 CEST (07:00Z): 5 × 540 = 2700.
    expect(office.businessMinutes(utc(2026, 3, 23, 8), utc(2026, 3, 30, 7))).toBe(2700);
  });

  it("hours that begin inside the spring gap begin when the gap ends", () => {
    // 02:30–03:30: on 03-29 02:30 does not exist; the day opens at the switch, 03:00 CEST = 01:00Z,
    // and closes at 03:30 CEST = 01:30Z: 30 minutes. On 10-25 it opens at the first 02:30
    // (CEST, 00:30Z) and closes at 03:30 CET (02:30Z): 120 minutes. A normal day: 60.
    const c = cal("Europe/Berlin", { workingDays: ALL_WEEK, workStart: "02:30", workEnd: "03:30" });
    expect(c.businessMinutes(utc(2026, 3, 28, 23), utc(2026, 3, 29, 22))).toBe(30);
    expect(c.isWorkingTime(utc(2026, 3, 29, 1))).toBe(true);
    expect(c.isWorkingTime(utc(2026, 3, 29, 1) - 1)).toBe(false);
    expect(c.businessMinutes(utc(2026, 10, 24, 22), utc(2026, 10, 25, 23))).toBe(120);
    expect(c.businessMinutes(utc(2026, 3, 27, 23), utc(2026, 3, 28, 23))).toBe(60);
    // Hours wholly inside the gap (02:00–02:45) hold no time that day: not a working day.
    const g = cal("Europe/Berlin", { workingDays: ALL_WEEK, workStart: "02:00", workEnd: "02:45" });
    expect(g.businessMinutes(utc(2026, 3, 28, 23), utc(2026, 3, 29, 22))).toBe(0);
    // Sat 03-28 12:00 CET: n = 1 skips Sunday 03-29 → Mon 03-30 02:45 CEST = 00:45Z.
    expect(g.endOfNthNextWorkingDay(utc(2026, 3, 28, 11), 1)).toBe(utc(2026, 3, 30, 0, 45));
  });
});

describe("America/New_York across DST", () => {
  // Spring: Sun 2026-03-08 07:00Z, 02:00 EST (−5) → 03:00 EDT (−4).
  // Fall: Sun 2026-11-01 06:00Z, 02:00 EDT (−4) → 01:00 EST (−5).
  const allDay = cal("America/New_York", { workingDays: ALL_WEEK, workStart: "00:00", workEnd: "23:59" });
  const night = cal("America/New_York", { workingDays: ALL_WEEK, workStart: "01:00", workEnd: "04:00" });
  const office = cal("America/New_York");

  it("spring forward", () => {
    // 00:00 EST = 05:00Z → 23:59 EDT = 03-09 03:59Z: 22 h 59 min = 1379.
    expect(allDay.businessMinutes(utc(2026, 3, 8, 5), utc(2026, 3, 9, 4))).toBe(1379);
    // 01:00 EST = 06:00Z → 04:00 EDT = 08:00Z: 120.
    expect(night.businessMinutes(utc(2026, 3, 8, 5), utc(2026, 3, 9, 4))).toBe(120);
    // Fri 03-06 17:00 EST (22:00Z) → Mon 03-09 10:00 EDT (14:00Z): 60 + 60 = 120.
    expect(office.businessMinutes(utc(2026, 3, 6, 22), utc(2026, 3, 9, 14))).toBe(120);
  });

  it("fall back", () => {
    // 00:00 EDT = 04:00Z → 23:59 EST = 11-02 04:59Z: 24 h 59 min = 1499.
    expect(allDay.businessMinutes(utc(2026, 11, 1, 4), utc(2026, 11, 2, 5))).toBe(1499);
    // 01:00 EDT = 05:00Z (the first 01:00) → 04:00 EST = 09:00Z: 240.
    expect(night.businessMinutes(utc(2026, 11, 1, 4), utc(2026, 11, 2, 5))).toBe(240);
    // Fri 10-30 17:00 EDT (21:00Z) → Mon 11-02 10:00 EST (15:00Z): 60 + 60 = 120.
    expect(office.businessMinutes(utc(2026, 10, 30, 21), utc(2026, 11, 2, 15))).toBe(120);
  });

  it("addBusinessMinutes across the fall switch", () => {
    // Fri 10-30 17:55 EDT (21:55Z) + 10: 5 on Friday, 5 on Monday → Mon 11-02 09:05 EST = 14:05Z.
    expect(office.addBusinessMinutes(utc(2026, 10, 30, 21, 55), 10)).toBe(utc(2026, 11, 2, 14, 5));
  });
});

describe("Asia/Kathmandu (+05:45; +05:30 before 1986)", () => {
  const ktm = cal("Asia/Kathmandu");

  it("working hours at a quarter-hour offset", () => {
    // Tue 03-03 08:00Z = 13:45 NPT → 12:15Z = 18:00 NPT: 4 h 15 min = 255.
    expect(ktm.businessMinutes(utc(2026, 3, 3, 8), utc(2026, 3, 3, 20))).toBe(255);
    // 09:00 NPT = 03:15Z.
    expect(ktm.isWorkingTime(utc(2026, 3, 3, 3, 15))).toBe(true);
    expect(ktm.isWorkingTime(utc(2026, 3, 3, 3, 14))).toBe(false);
  });

  it("local dates change at 18:15Z", () => {
    expect(ktm.localDate(utc(2026, 3, 3, 18, 14))).toBe("2026-03-03"); // 23:59 NPT
    expect(ktm.localDate(utc(2026, 3, 3, 18, 15))).toBe("2026-03-04"); // 00:00 NPT
    expect(ktm.startOfLocalDate("2026-03-04")).toBe(utc(2026, 3, 3, 18, 15));
    // 1985 at +05:30: local midnight is 18:30Z.
    expect(ktm.startOfLocalDate("1985-06-01")).toBe(utc(1985, 5, 31, 18, 30));
    // 1985-12-31 24:00 (+05:30) became 1986-01-01 00:15 (+05:45) at 18:30Z: midnight 00:00 was
    // skipped, so the day starts at the switch.
    expect(ktm.startOfLocalDate("1986-01-01")).toBe(utc(1985, 12, 31, 18, 30));
    expect(ktm.parseLocal("1986-01-01T00:10")).toBe(utc(1985, 12, 31, 18, 30));
    expect(ktm.parseLocal("1986-01-01T00:15")).toBe(utc(1985, 12, 31, 18, 30));
    expect(ktm.parseLocal("1986-01-01T00:16")).toBe(utc(1985, 12, 31, 18, 31));
  });
});

describe("addBusinessMinutes", () => {
  const msk = cal("Europe/Moscow");

  it("Friday 23:00 + 10 → Monday 09:10", () => {
    // Fri 03-06 23:00 MSK = 20:00Z → Mon 03-09 09:10 MSK = 06:10Z.
    expect(msk.addBusinessMinutes(utc(2026, 3, 6, 20), 10)).toBe(utc(2026, 3, 9, 6, 10));
  });

  it("17:55 + 10 → the next working day 09:05", () => {
    // Tue 03-03 17:55 MSK (14:55Z): 5 minutes left today, 5 more from Wed 09:00 → 09:05 MSK = 06:05Z.
    expect(msk.addBusinessMinutes(utc(2026, 3, 3, 14, 55), 10)).toBe(utc(2026, 3, 4, 6, 5));
  });

  it("ending exactly at closing time returns the closing instant, not the next opening", () => {
    // Tue 17:50 MSK + 10 → Tue 18:00 MSK = 15:00Z (the earliest instant with 10 minutes).
    expect(msk.addBusinessMinutes(utc(2026, 3, 3, 14, 50), 10)).toBe(utc(2026, 3, 3, 15));
  });

  it("0 minutes returns the start itself, even outside working time", () => {
    // businessMinutes(start, start) = 0, and no t < start qualifies.
    expect(msk.addBusinessMinutes(utc(2026, 3, 7, 9), 0)).toBe(utc(2026, 3, 7, 9)); // Sat 12:00
    expect(msk.addBusinessMinutes(utc(2026, 3, 3, 7), 0)).toBe(utc(2026, 3, 3, 7)); // Tue 10:00
  });

  it("from a day off, whole days and a whole week", () => {
    // Sat 03-07 10:00 + 540 → Mon 03-09 18:00 MSK = 15:00Z.
    expect(msk.addBusinessMinutes(utc(2026, 3, 7, 7), 540)).toBe(utc(2026, 3, 9, 15));
    // Mon 03-02 09:00 MSK (06:00Z) + 5 × 540 → Fri 03-06 18:00 MSK = 15:00Z.
    expect(msk.addBusinessMinutes(utc(2026, 3, 2, 6), 2700)).toBe(utc(2026, 3, 6, 15));
    // Tue 10:00 MSK + 0.5 → 10:00:30.
    expect(msk.addBusinessMinutes(utc(2026, 3, 3, 7), 0.5)).toBe(utc(2026, 3, 3, 7, 0, 30));
  });

  it("skips holidays and uses extra working days", () => {
    const c = cal("Europe/Moscow", { holidays: ["2026-03-09"], extraWorkingDays: ["2026-03-07"] });
    // Fri 03-06 23:00 MSK + 10: Sat 03-07 is a working day now → Sat 09:10 MSK = 06:10Z.
    expect(c.addBusinessMinutes(utc(2026, 3, 6, 20), 10)).toBe(utc(2026, 3, 7, 6, 10));
    // Sat 17:55 + 10: 5 on Saturday; Sunday off, Monday a holiday → Tue 03-10 09:05 MSK = 06:05Z.
    expect(c.addBusinessMinutes(utc(2026, 3, 7, 14, 55), 10)).toBe(utc(2026, 3, 10, 6, 5));
  });

  it("across the Berlin spring switch", () => {
    const c = cal("Europe/Berlin", { workingDays: ALL_WEEK, workStart: "00:00", workEnd: "23:59" });
    // 01:50 CET (00:50Z) + 20 real minutes → 01:10Z = 03:10 CEST.
    expect(c.addBusinessMinutes(utc(2026, 3, 29, 0, 50), 20)).toBe(utc(2026, 3, 29, 1, 10));
  });

  it("rejects bad minutes", () => {
    expect(() => msk.addBusinessMinutes(utc(2026, 3, 3, 7), -1)).toThrow(RangeError);
    expect(() => msk.addBusinessMinutes(utc(2026, 3, 3, 7), Number.NaN)).toThrow(RangeError);
    expect(() => msk.addBusinessMinutes(utc(2026, 3, 3, 7), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("endOfNthNextWorkingDay", () => {
  const msk = cal("Europe/Moscow");
  const tue18 = utc(2026, 3, 3, 15); // Tue 03-03 18:00 MSK
  const mon18 = utc(2026, 3, 9, 15); // Mon 03-09 18:00 MSK

  it("n = 1: the end of the next working day", () => {
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 2, 7), 1)).toBe(tue18); // Mon 10:00 → Tue 18:00
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 6, 7), 1)).toBe(mon18); // Fri 10:00 → Mon 18:00
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 6, 20, 30), 1)).toBe(mon18); // Fri 23:30
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 7, 9), 1)).toBe(mon18); // Sat 12:00 → Mon 18:00
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 8, 9), 1)).toBe(mon18); // Sun 12:00 → Mon 18:00
  });

  it("uses the local date: Sun 22:00Z is already Monday 01:00 in Moscow", () => {
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 8, 22), 1)).toBe(utc(2026, 3, 10, 15)); // → Tue
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 8, 22), 0)).toBe(mon18); // → Mon
  });

  it("skips a holiday", () => {
    const c = cal("Europe/Moscow", { holidays: ["2026-03-09"] });
    // Fri 03-06 10:00: Mon 03-09 is a holiday → Tue 03-10 18:00 MSK = 15:00Z.
    expect(c.endOfNthNextWorkingDay(utc(2026, 3, 6, 7), 1)).toBe(utc(2026, 3, 10, 15));
    // n = 0 on the holiday itself → Tue.
    expect(c.endOfNthNextWorkingDay(utc(2026, 3, 9, 7), 0)).toBe(utc(2026, 3, 10, 15));
  });

  it("n > 1 counts working days", () => {
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 2, 7), 2)).toBe(utc(2026, 3, 4, 15)); // Mon → Wed
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 6, 7), 3)).toBe(utc(2026, 3, 11, 15)); // Fri → Wed
    // Mon 03-02 + 30 working days = 6 weeks later, Mon 04-13.
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 2, 7), 30)).toBe(utc(2026, 4, 13, 15));
  });

  it("n = 0: the same local date when it is a working day, else the next working day", () => {
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 3, 7), 0)).toBe(tue18); // Tue 10:00
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 3, 5), 0)).toBe(tue18); // Tue 08:00, before hours
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 3, 17), 0)).toBe(tue18); // Tue 20:00, after hours
    expect(msk.endOfNthNextWorkingDay(utc(2026, 3, 7, 9), 0)).toBe(mon18); // Sat → Mon
  });

  it("an extra working Saturday counts", () => {
    const c = cal("Europe/Moscow", { extraWorkingDays: ["2026-03-07"] });
    expect(c.endOfNthNextWorkingDay(utc(2026, 3, 6, 7), 1)).toBe(utc(2026, 3, 7, 15)); // Fri → Sat 18:00
  });

  it("rejects a bad n", () => {
    expect(() => msk.endOfNthNextWorkingDay(utc(2026, 3, 3, 7), -1)).toThrow(RangeError);
    expect(() => msk.endOfNthNextWorkingDay(utc(2026, 3, 3, 7), 1.5)).toThrow(RangeError);
  });
});

describe("local dates and parsing", () => {
  const msk = cal("Europe/Moscow");
  const ber = cal("Europe/Berlin");

  it("localDate and startOfLocalDate in Moscow", () => {
    expect(msk.localDate(utc(2026, 3, 6, 20, 59))).toBe("2026-03-06"); // 23:59 MSK
    expect(msk.localDate(utc(2026, 3, 6, 21))).toBe("2026-03-07"); // 00:00 MSK
    expect(msk.startOfLocalDate("2026-03-07")).toBe(utc(2026, 3, 6, 21));
  });

  it("Berlin DST days are 23 and 25 hours long", () => {
    const d29 = ber.startOfLocalDate("2026-03-29");
    const d30 = ber.startOfLocalDate("2026-03-30");
    expect(d29).toBe(utc(2026, 3, 28, 23)); // 00:00 CET
    expect(d30).toBe(utc(2026, 3, 29, 22)); // 00:00 CEST
    expect(d30 - d29).toBe(23 * 3600_000);
    const o25 = ber.startOfLocalDate("2026-10-25");
    const o26 = ber.startOfLocalDate("2026-10-26");
    expect(o25).toBe(utc(2026, 10, 24, 22)); // 00:00 CEST
    expect(o26).toBe(utc(2026, 10, 25, 23)); // 00:00 CET
    expect(o26 - o25).toBe(25 * 3600_000);
    for (const [date, prev] of [
      ["2026-03-29", "2026-03-28"],
      ["2026-03-30", "2026-03-29"],
      ["2026-10-25", "2026-10-24"],
      ["2026-10-26", "2026-10-25"],
    ] as const) {
      const start = ber.startOfLocalDate(date);
      expect(ber.localDate(start)).toBe(date);
      expect(ber.localDate(start - 1)).toBe(prev);
    }
    // Both passes of 02:30 on 10-25 (00:30Z CEST, 01:30Z CET) are that date.
    expect(ber.localDate(utc(2026, 10, 25, 0, 30))).toBe("2026-10-25");
    expect(ber.localDate(utc(2026, 10, 25, 1, 30))).toBe("2026-10-25");
  });

  it("a midnight inside a DST gap: the day starts at the switch (Santiago 2026-09-06)", () => {
    // 2026-09-06 04:00Z: 09-05 24:00 (−04) → 09-06 01:00 (−03); 00:00 never shows.
    const scl = cal("America/Santiago");
    expect(scl.startOfLocalDate("2026-09-06")).toBe(utc(2026, 9, 6, 4));
    expect(scl.localDate(utc(2026, 9, 6, 4) - 1)).toBe("2026-09-05");
    // Fall back 2026-04-05 03:00Z: 04-04 24:00 (−03) → 04-04 23:00 (−04); 04-04 lasts 25 hours.
    expect(scl.startOfLocalDate("2026-04-05") - scl.startOfLocalDate("2026-04-04")).toBe(25 * 3600_000);
    expect(scl.localDate(utc(2026, 4, 5, 3, 30))).toBe("2026-04-04"); // the second 23:30
  });

  it("a date the timezone skipped (Samoa 2011-12-30) has no time and is never a local date", () => {
    const apia = cal("Pacific/Apia");
    // 2011-12-30 10:00Z: 12-29 24:00 (−10) → 12-31 00:00 (+14).
    expect(apia.startOfLocalDate("2011-12-30")).toBe(utc(2011, 12, 30, 10));
    expect(apia.startOfLocalDate("2011-12-31")).toBe(utc(2011, 12, 30, 10));
    expect(apia.localDate(utc(2011, 12, 30, 10))).toBe("2011-12-31");
    expect(apia.localDate(utc(2011, 12, 30, 10) - 1)).toBe("2011-12-29");
    // Thu 12-29 10:00 (−10, 20:00Z), n = 1: Friday 12-30 has no time at all, Sat 12-31 and Sun are
    // days off → Mon 2012-01-02 18:00 (+14) = 01-02 04:00Z.
    expect(apia.endOfNthNextWorkingDay(utc(2011, 12, 29, 20), 1)).toBe(utc(2012, 1, 2, 4));
  });

  it("parseLocal: dates, local times, instants", () => {
    expect(ber.parseLocal("2026-03-29")).toBe(ber.startOfLocalDate("2026-03-29"));
    expect(ber.parseLocal("2026-03-29T00:00")).toBe(utc(2026, 3, 28, 23));
    expect(ber.parseLocal("2026-03-29T01:30")).toBe(utc(2026, 3, 29, 0, 30)); // CET
    // 02:30 does not exist that day: the first instant after the gap, 03:00 CEST = 01:00Z.
    expect(ber.parseLocal("2026-03-29T02:30")).toBe(utc(2026, 3, 29, 1));
    expect(ber.parseLocal("2026-03-29T03:00")).toBe(utc(2026, 3, 29, 1));
    expect(ber.parseLocal("2026-03-29T03:01")).toBe(utc(2026, 3, 29, 1, 1));
    // 02:30 happens twice on 10-25: the earlier one, CEST = 00:30Z.
    expect(ber.parseLocal("2026-10-25T02:30")).toBe(utc(2026, 10, 25, 0, 30));
    expect(ber.parseLocal("2026-10-25T03:00")).toBe(utc(2026, 10, 25, 2)); // CET
    expect(msk.parseLocal("2026-03-06T10:15:30")).toBe(utc(2026, 3, 6, 7, 15, 30));
    expect(msk.parseLocal("2026-03-06T10:15:30.25")).toBe(utc(2026, 3, 6, 7, 15, 30, 250));
    expect(msk.parseLocal("2026-03-06T10:15:30.007")).toBe(utc(2026, 3, 6, 7, 15, 30, 7));
    expect(msk.parseLocal("2026-03-06T10:15Z")).toBe(utc(2026, 3, 6, 10, 15));
    expect(msk.parseLocal("2026-03-06T10:15:00.500Z")).toBe(utc(2026, 3, 6, 10, 15, 0, 500));
    expect(msk.parseLocal("2026-03-06T10:15+05:45")).toBe(utc(2026, 3, 6, 4, 30));
    expect(msk.parseLocal("2026-03-06T22:15-03:30")).toBe(utc(2026, 3, 7, 1, 45));
  });

  it("parseLocal rejects anything else, naming the text and the formats", () => {
    for (const bad of [
      "",
      "2026-3-6",
      "2026-02-30",
      "2026-13-01",
      "2026-03-06T24:00",
      "2026-03-06T10",
      "2026-03-06T10:60",
      "2026-03-06 10:00",
      "2026-03-06T10:00+0300",
      "2026-03-06Z",
      "2026-03-06T10:00:00.1234",
      " 2026-03-06",
      "yesterday",
    ]) {
      expect(() => msk.parseLocal(bad)).toThrow(`"${bad}"`);
      expect(() => msk.parseLocal(bad)).toThrow("YYYY-MM-DD");
    }
  });

  it("startOfLocalDate rejects a non-date", () => {
    expect(() => msk.startOfLocalDate("2026-02-29")).toThrow('"2026-02-29"');
    expect(() => msk.startOfLocalDate("06.03.2026")).toThrow("YYYY-MM-DD");
  });

  it("round trips every day of two years in DST zones", () => {
    for (const tz of ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago"]) {
      const c = cal(tz);
      let prev = "2025-12-31";
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const start = c.startOfLocalDate(date);
        expect(c.localDate(start)).toBe(date);
        expect(c.localDate(start - 1)).toBe(prev);
        expect(c.parseLocal(date)).toBe(start);
        expect(c.parseLocal(`${date}T00:00`)).toBe(start);
        expect(c.parseLocal(`${date}T12:00`)).toBe(c.parseLocal(`${date}T12:00:00.000`));
        prev = date;
      }
    }
  });
});

describe("validation and limits", () => {
  it("rejects bad settings with the field named", () => {
    expect(() => cal("Mars/Olympus")).toThrow('unknown IANA timezone "Mars/Olympus"');
    expect(() => cal("UTC", { workStart: "18:00", workEnd: "09:00" })).toThrow("workEnd");
    expect(() => cal("UTC", { workStart: "9:00" })).toThrow("workStart");
    expect(() => cal("UTC", { holidays: ["2026-02-30"] })).toThrow('holidays entry "2026-02-30"');
    expect(() => cal("UTC", { extraWorkingDays: ["x"] })).toThrow("extraWorkingDays");
    expect(() => cal("UTC", { workingDays: [0] })).toThrow("working day 0");
  });

  it("rejects instants that are not finite or outside 1900–2199", () => {
    const c = cal("UTC");
    expect(() => c.businessMinutes(Number.NaN, 0)).toThrow(RangeError);
    expect(() => c.businessMinutes(0, Number.NaN)).toThrow(RangeError);
    expect(() => c.localDate(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => c.isWorkingTime(utc(1800, 1, 1))).toThrow(RangeError);
    expect(() => c.localDate(utc(2300, 1, 1))).toThrow(RangeError);
    expect(() => c.startOfLocalDate("1899-01-01")).toThrow(RangeError);
    expect(() => c.parseLocal("2200-01-03T00:00Z")).toThrow(RangeError);
    expect(() => c.parseLocal("2200-01-01")).toThrow(RangeError);
    // The ends of the range work.
    expect(c.localDate(utc(1900, 1, 1))).toBe("1900-01-01");
    expect(c.localDate(utc(2199, 12, 31, 23, 59))).toBe("2199-12-31");
    // 1970 and 2026 in one calendar: the table grows over the years between.
    expect(c.businessMinutes(utc(1970, 1, 1), utc(1970, 1, 2))).toBe(540); // Thu 1970-01-01
    expect(c.localDate(utc(2026, 3, 3))).toBe("2026-03-03");
  });

  it("gives up with a clear error when ten years hold no working time", () => {
    // Mondays only, and every Monday from 2026 to 2037 a holiday.
    const mondays: string[] = [];
    for (let t = Date.UTC(2026, 0, 5); t < Date.UTC(2038, 0, 1); t += 7 * 86_400_000) {
      mondays.push(new Date(t).toISOString().slice(0, 10));
    }
    const c = cal("UTC", { workingDays: [1], holidays: mondays });
    expect(() => c.addBusinessMinutes(utc(2026, 1, 1), 10)).toThrow(/no working time in the 3660 days/);
    expect(() => c.endOfNthNextWorkingDay(utc(2026, 1, 1), 1)).toThrow(/no working time/);
    // Without the holidays it finds Mon 2026-01-05 09:10Z.
    expect(cal("UTC", { workingDays: [1] }).addBusinessMinutes(utc(2026, 1, 1), 10)).toBe(
      utc(2026, 1, 5, 9, 10),
    );
  });

  it("large searches run ahead across years", () => {
    const c = cal("UTC");
    // 2026-01-01 is a Thursday. 261 weekdays in 2026 (52 weeks + Thu 01-01), 540 minutes each:
    // 261 × 540 = 140940 minutes from 2026-01-01 00:00 ends Thu 2026-12-31 18:00.
    expect(c.addBusinessMinutes(utc(2026, 1, 1), 140_940)).toBe(utc(2026, 12, 31, 18));
    // Ten years ahead: 2026-01-02 … 2035-12-31 holds 3651 days = 521 weeks + 4 days (Fri, Sat, Sun,
    // Mon 2035-12-31), so 521 × 5 + 2 = 2607 weekdays; the 2607th is Mon 2035-12-31.
    expect(c.endOfNthNextWorkingDay(utc(2026, 1, 1, 12), 2607)).toBe(utc(2035, 12, 31, 18));
  });
});

describe("speed", () => {
  it("answers from its day table without calling Intl", () => {
    const c = cal("Europe/Berlin", { holidays: ["2026-05-01"] });
    c.businessMinutes(utc(2026, 1, 1), utc(2026, 12, 31)); // builds the table
    // The calendar reads offsets through formatToParts only (calendar-zone.ts).
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    try {
      let acc = 0;
      for (let k = 0; k < 20_000; k++) {
        const a = utc(2026, 1, 1) + ((k * 7_919_993) % (360 * 86_400_000));
        acc += c.businessMinutes(a, a + k * 60_000);
        acc += c.addBusinessMinutes(a, 10) + c.endOfNthNextWorkingDay(a, 1);
        acc += c.localDate(a).length + (c.isWorkingTime(a) ? 1 : 0);
      }
      c.parseLocal("2026-06-01T10:00");
      c.startOfLocalDate("2026-06-01");
      expect(acc).toBeGreaterThan(0);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
