/**
 * Properties of the working calendar on random settings, instants and timezones, and agreement
 * with a slow reference that knows nothing of the calendar's tables: it steps minute by minute and
 * asks Intl for the local wall time of every minute.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/core/calendar";
import type { CalendarSettings } from "../../src/core/settings";

const MIN = 60_000;
const DAY = 86_400_000;

/** Zones with DST at 02:00 (Berlin, New York), at midnight (Santiago), by 30 minutes (Lord Howe),
 * at odd offsets (Kathmandu +05:45, Chatham +12:45/+13:45, St John's −03:30), and none. */
const ZONES = [
  "Europe/Moscow",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "America/Santiago",
  "Pacific/Chatham",
  "America/St_Johns",
  "UTC",
] as const;

/** The 2026 offset switches of the zones above (UTC). */
const SWITCHES: Record<string, number[]> = {
  "Europe/Berlin": [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)],
  "America/New_York": [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)],
  "Australia/Lord_Howe": [Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 9, 3, 15, 30)],
  "America/Santiago": [Date.UTC(2026, 3, 5, 3), Date.UTC(2026, 8, 6, 4)],
  "Pacific/Chatham": [Date.UTC(2026, 3, 4, 14), Date.UTC(2026, 8, 26, 14)],
  "America/St_Johns": [Date.UTC(2026, 2, 8, 5, 30), Date.UTC(2026, 10, 1, 4, 30)],
};

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 0, 1);

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  return isoDate(Date.parse(`${date}T00:00Z`) + DAY);
}

/** Times of day in minutes, biased towards the hours DST switches happen in. */
const minuteOfDay = fc.oneof(
  fc.integer({ min: 0, max: 1439 }),
  fc.constantFrom(0, 60, 90, 120, 150, 165, 180, 210, 225, 240, 540, 1080, 1380, 1410, 1439),
);

function hhmm(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** Random settings whose holidays and extra days fall within ±`spread` days of `around`. */
function settingsArb(timezone: string, around: number, spread: number): fc.Arbitrary<CalendarSettings> {
  const date = fc.integer({ min: -spread, max: spread }).map((k) => isoDate(around + k * DAY));
  return fc
    .record({
      workingDays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      hours: fc.tuple(minuteOfDay, minuteOfDay).filter(([a, b]) => a !== b),
      holidays: fc.uniqueArray(date, { maxLength: 12 }),
      extraWorkingDays: fc.uniqueArray(date, { maxLength: 4 }),
    })
    .map(({ workingDays, hours, holidays, extraWorkingDays }) => ({
      timezone,
      workingDays,
      workStart: hhmm(Math.min(...hours)),
      workEnd: hhmm(Math.max(...hours)),
      holidays,
      extraWorkingDays,
    }));
}

/** An instant anywhere in 2025–2027 or within three days of one of the zone's switches. */
function instantArb(timezone: string): fc.Arbitrary<number> {
  const near = SWITCHES[timezone] ?? [];
  const uniform = fc.integer({ min: FROM, max: TO });
  if (near.length === 0) return uniform;
  return fc.oneof(
    uniform,
    fc.tuple(fc.constantFrom(...near), fc.integer({ min: -3 * DAY, max: 3 * DAY })).map(([s, d]) => s + d),
  );
}

/** A zone, settings around an anchor instant, and the anchor. */
const caseArb = fc
  .constantFrom(...ZONES)
  .chain((timezone) =>
    instantArb(timezone).chain((anchor) =>
      settingsArb(timezone, anchor, 10).map((settings) => ({ settings, anchor })),
    ),
  );

/** caseArb's settings with more values drawn around its anchor. */
function caseWith<T extends object>(
  more: (anchor: number) => fc.Arbitrary<T>,
): fc.Arbitrary<T & { settings: CalendarSettings }> {
  return caseArb.chain(({ settings, anchor }) => more(anchor).map((x) => ({ ...x, settings })));
}

/** An instant within five days of the anchor. */
function nearAnchor(anchor: number): fc.Arbitrary<number> {
  return fc.integer({ min: anchor - 5 * DAY, max: anchor + 5 * DAY });
}

/**
 * The slow reference. A working day [workStart, workEnd) of date d runs from the first instant the
 * local clock reads d workStart or later to the first instant it reads d workEnd or later. So an
 * instant is working time exactly when the running maximum of the wall clock up to it falls in
 * [workStart, workEnd) of a working date. With every switch and boundary on a whole minute, a
 * minute is working or not as a whole, and the reference decides it at the minute's start.
 */
class Reference {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly start: number;
  private readonly end: number;

  constructor(private readonly s: CalendarSettings) {
    this.fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: s.timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    const [sh, sm] = s.workStart.split(":").map(Number);
    const [eh, em] = s.workEnd.split(":").map(Number);
    this.start = (sh! * 60 + sm!) * MIN;
    this.end = (eh! * 60 + em!) * MIN;
  }

  /** The local wall-clock reading at t, as ms of a UTC-encoded date-time. */
  wall(t: number): number {
    const p: Record<string, number> = {};
    for (const part of this.fmt.formatToParts(t)) p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  }

  localDate(t: number): string {
    return isoDate(this.wall(t));
  }

  private workingWall(w: number): boolean {
    const date = isoDate(w);
    if (this.s.holidays.includes(date)) return false;
    const weekday = new Date(w).getUTCDay() || 7;
    if (!this.s.extraWorkingDays.includes(date) && !this.s.workingDays.includes(weekday)) return false;
    const tod = w - Date.parse(`${date}T00:00Z`);
    return tod >= this.start && tod < this.end;
  }

  /** Is each minute [t, t + 1 min) in [a, b) working time? a and b on whole minutes. */
  minutes(a: number, b: number): boolean[] {
    const out: boolean[] = [];
    let runMax = Number.NEGATIVE_INFINITY;
    // Start a day early so that the running maximum has seen any repeated hour before a.
    for (let t = a - DAY; t < b; t += MIN) {
      runMax = Math.max(runMax, this.wall(t));
      if (t >= a) out.push(this.workingWall(runMax));
    }
    return out;
  }
}

describe("calendar properties", () => {
  it("businessMinutes is additive and bounded by elapsed time", () => {
    fc.assert(
      fc.property(
        caseWith((anchor) =>
          fc
            .array(fc.integer({ min: anchor - 60 * DAY, max: anchor + 60 * DAY }), {
              minLength: 3,
              maxLength: 3,
            })
            .map((xs) => ({ xs: xs.sort((p, q) => p - q) })),
        ),
        ({ settings, xs }) => {
          const c = createCalendar(settings);
          const [a, b, cc] = xs as [number, number, number];
          const ab = c.businessMinutes(a, b);
          const bc = c.businessMinutes(b, cc);
          const ac = c.businessMinutes(a, cc);
          expect(Math.abs(ab + bc - ac)).toBeLessThanOrEqual(1e-9);
          for (const [x, y, v] of [
            [a, b, ab],
            [b, cc, bc],
            [a, cc, ac],
          ] as const) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual((y - x) / MIN + 1e-9);
          }
          expect(c.businessMinutes(cc, a)).toBe(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("addBusinessMinutes is the earliest instant with that many business minutes", () => {
    fc.assert(
      fc.property(
        caseWith((anchor) =>
          fc.record({
            start: nearAnchor(anchor),
            // Whole milliseconds of business time, up to 20 hours (1 minute a week: 23 years ahead).
            ms: fc.oneof(fc.integer({ min: 0, max: 30 * MIN }), fc.integer({ min: 0, max: 20 * 60 * MIN })),
          }),
        ),
        ({ settings, start, ms }) => {
          const c = createCalendar(settings);
          const m = ms / MIN;
          const t = c.addBusinessMinutes(start, m);
          expect(t).toBeGreaterThanOrEqual(start);
          expect(Number.isInteger(t)).toBe(true);
          expect(c.businessMinutes(start, t) * MIN).toBeCloseTo(ms, 6);
          if (ms === 0) expect(t).toBe(start);
          // Nothing earlier: one millisecond less is one business millisecond short at least.
          else expect(c.businessMinutes(start, t - 1)).toBeLessThan(m);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("addBusinessMinutes takes real minute counts and inverts businessMinutes", () => {
    fc.assert(
      fc.property(
        caseWith((anchor) =>
          fc.record({
            start: nearAnchor(anchor),
            span: fc.integer({ min: 0, max: 20 * DAY }),
            m: fc.double({ min: 0, max: 1200, noNaN: true }),
          }),
        ),
        ({ settings, start, span, m }) => {
          const c = createCalendar(settings);
          const t = c.addBusinessMinutes(start, m);
          expect(t).toBeGreaterThanOrEqual(start);
          expect(Math.abs(c.businessMinutes(start, t) - m)).toBeLessThanOrEqual(1e-6);
          // Feeding a measured value back gives the earliest instant with the same measure.
          const end = start + span;
          const bm = c.businessMinutes(start, end);
          const u = c.addBusinessMinutes(start, bm);
          expect(u).toBeLessThanOrEqual(end);
          expect(c.businessMinutes(start, u)).toBe(bm);
          expect(c.businessMinutes(u, end)).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("endOfNthNextWorkingDay steps working day by working day", () => {
    fc.assert(
      fc.property(
        caseWith((anchor) =>
          fc.record({
            t: nearAnchor(anchor),
            n: fc.integer({ min: 0, max: 6 }),
          }),
        ),
        ({ settings, t, n }) => {
          const c = createCalendar(settings);
          const dayMinutes = (date: string) =>
            c.businessMinutes(c.startOfLocalDate(date), c.startOfLocalDate(nextDate(date)));
          const e = c.endOfNthNextWorkingDay(t, n);
          const day = c.localDate(t);
          const endDay = c.localDate(e - 1);
          // e is the end of that day's working hours.
          expect(c.isWorkingTime(e - 1)).toBe(true);
          expect(c.isWorkingTime(e)).toBe(false);
          expect(c.businessMinutes(e, c.startOfLocalDate(nextDate(endDay)))).toBe(0);
          // Exactly n working days after `day`, up to and including endDay (n = 0: the first
          // working day from `day` on).
          let count = 0;
          let d = n === 0 ? day : nextDate(day);
          for (; d < endDay; d = nextDate(d)) if (dayMinutes(d) > 0) count++;
          expect(d).toBe(endDay);
          expect(count).toBe(Math.max(n - 1, 0));
          expect(dayMinutes(endDay)).toBeGreaterThan(0);
          if (n > 0) {
            expect(endDay > day).toBe(true);
            // n = 1 is n = 0 from the next date on; n > 1 is n − 1 from inside the first one.
            const first = c.endOfNthNextWorkingDay(c.startOfLocalDate(nextDate(day)), 0);
            expect(c.endOfNthNextWorkingDay(t, 1)).toBe(first);
            expect(c.endOfNthNextWorkingDay(first - 1, n - 1)).toBe(e);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("local dates: localDate, startOfLocalDate and parseLocal agree", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES).chain((timezone) => fc.tuple(fc.constant(timezone), instantArb(timezone))),
        ([timezone, t]) => {
          const settings: CalendarSettings = {
            timezone,
            workingDays: [1, 2, 3, 4, 5],
            workStart: "09:00",
            workEnd: "18:00",
            holidays: [],
            extraWorkingDays: [],
          };
          const c = createCalendar(settings);
          const ref = new Reference(settings);
          const date = c.localDate(t);
          const start = c.startOfLocalDate(date);
          expect(start).toBeLessThanOrEqual(t);
          expect(t).toBeLessThan(c.startOfLocalDate(nextDate(date)));
          expect(c.localDate(start)).toBe(date);
          expect(c.parseLocal(date)).toBe(start);
          expect(c.parseLocal(new Date(t).toISOString())).toBe(t);
          // The local wall time of t (to the second, as Intl shows it) parses back to t's second
          // when it is not a repeated time (then the earlier instant comes back).
          const wall = new Date(ref.wall(t)).toISOString().slice(0, 19);
          const back = c.parseLocal(wall);
          const second = Math.floor(t / 1000) * 1000;
          expect(back === second || (back < second && ref.wall(back) === ref.wall(second))).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("agrees minute by minute with the Intl-stepping reference on short intervals", () => {
    fc.assert(
      fc.property(
        caseWith((anchor) =>
          fc.record({
            a: fc.constant(Math.floor(anchor / MIN) * MIN),
            minutes: fc.integer({ min: 0, max: 2 * 24 * 60 }),
          }),
        ),
        ({ settings, a, minutes }) => {
          const c = createCalendar(settings);
          const ref = new Reference(settings);
          const b = a + minutes * MIN;
          const working = ref.minutes(a, b);
          const total = working.filter(Boolean).length;
          expect(c.businessMinutes(a, b)).toBe(total);
          let seen = 0;
          for (let k = 0; k < working.length; k++) {
            const t = a + k * MIN;
            expect(c.isWorkingTime(t)).toBe(working[k]);
            if (working[k]) {
              seen++;
              // The seen-th working minute ends exactly where seen business minutes are reached.
              expect(c.addBusinessMinutes(a, seen)).toBe(t + MIN);
            }
            if (k % 97 === 0) expect(c.localDate(t)).toBe(ref.localDate(t));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
