/**
 * Quiet hours: local wall-clock times (the account's timezone) in which no alert is mailed.
 * [start, end) — start included, end excluded; end earlier than start means the quiet time runs
 * across midnight (20:00–09:00 = 20:00…23:59 and 00:00…08:59). Wall-clock based, so on a DST
 * switch day the quiet time is an hour longer or shorter in real time, as a person expects.
 */
import type { QuietHours } from "../settings";
import { hhmmToMinutes, wallTime } from "./local-time";

export function isQuietAt(t: number, quiet: QuietHours | null, timezone: string): boolean {
  if (quiet === null) return false;
  const m = wallTime(t, timezone).minuteOfDay;
  const start = hhmmToMinutes(quiet.start);
  const end = hhmmToMinutes(quiet.end);
  if (start === end) return false; // the schema refuses this; treat as "none" if it slips through
  return start < end ? m >= start && m < end : m >= start || m < end;
}
