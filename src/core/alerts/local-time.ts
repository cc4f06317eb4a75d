/**
 * Wall-clock time in an IANA timezone, for quiet hours and the end-of-day check. Uses the same
 * offset table as the working calendar (calendar-zone.ts), so DST switches are handled the same way.
 */
import { DAY_MS, formatDay, MINUTE_MS, zoneOffsets } from "../calendar-zone";

export interface WallTime {
  /** "YYYY-MM-DD" (local). */
  date: string;
  /** Minutes since local midnight, 0…1439. */
  minuteOfDay: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function wallTime(t: number, timezone: string): WallTime {
  const wall = t + zoneOffsets(timezone).offsetAt(t);
  const days = Math.floor(wall / DAY_MS);
  return {
    date: formatDay(days),
    minuteOfDay: Math.floor((wall - days * DAY_MS) / MINUTE_MS),
  };
}

/** "HH:MM" → minutes since midnight (the settings schema has already checked the form). */
export function hhmmToMinutes(text: string): number {
  const [h, m] = text.split(":");
  return Number(h) * 60 + Number(m);
}

/** "YYYY-MM-DD HH:MM" in the timezone: how the mails show instants. */
export function formatLocal(t: number, timezone: string): string {
  const w = wallTime(t, timezone);
  return `${w.date} ${pad(Math.floor(w.minuteOfDay / 60))}:${pad(w.minuteOfDay % 60)}`;
}
