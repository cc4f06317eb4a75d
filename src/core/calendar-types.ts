/**
 * The working calendar's contract. The implementation lives in calendar.ts; everything that
 * measures time in business minutes or buckets instants by local day goes through this interface.
 * All instants are epoch milliseconds (UTC). "Local" means in the calendar's IANA timezone.
 */
export interface WorkCalendar {
  readonly timezone: string;

  /**
   * Business minutes in [a, b): the working time (working days, working hours, minus holidays)
   * between two instants, as a real number of minutes. 0 when b <= a. Additive:
   * businessMinutes(a, b) + businessMinutes(b, c) === businessMinutes(a, c) for a <= b <= c.
   * Correct across DST switches (a working hour is 60 real minutes) and midnight.
   */
  businessMinutes(a: number, b: number): number;

  /**
   * The earliest instant t >= start such that businessMinutes(start, t) === minutes.
   * (A lead arriving at 23:00 Friday with 10 minutes allowed → Monday 09:10.)
   */
  addBusinessMinutes(start: number, minutes: number): number;

  /**
   * The end of working hours of the n-th working day strictly after the local date of `t`
   * (n = 1: "by the end of the next working day"). n = 0 → the end of working hours of the local
   * date of `t` if it is a working day, else of the next working day.
   */
  endOfNthNextWorkingDay(t: number, n: number): number;

  /** Is `t` inside working time? */
  isWorkingTime(t: number): boolean;

  /** The local calendar date of `t`, "YYYY-MM-DD". */
  localDate(t: number): string;

  /** The instant of local midnight that starts the local date "YYYY-MM-DD". */
  startOfLocalDate(date: string): number;

  /**
   * Parse a period bound given as "YYYY-MM-DD" (local midnight) or an ISO date-time with an
   * offset or "Z" (that instant) or a local date-time without offset "YYYY-MM-DDTHH:MM[:SS]".
   */
  parseLocal(text: string): number;
}
