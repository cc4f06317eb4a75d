/** The daily table's row key and its day texts. */
import { parseDay } from "../calendar-zone";

/** Is `v` a day "yyyy-mm-dd" that exists in the calendar? */
export function isDayText(v: unknown): v is string {
  return typeof v === "string" && parseDay(v) !== undefined;
}

/** One part of the key: "|" and "\" escaped, so CRM texts holding them cannot make two keys equal. */
function part(v: string): string {
  return v.indexOf("|") < 0 && v.indexOf("\\") < 0 ? v : v.replace(/[\\|]/g, (c) => `\\${c}`);
}

/** "day|manager_id|source|segment|lead_class|pipeline_id" (an empty pipeline: a task without a lead). */
export function dailyKey(
  day: string,
  managerId: number,
  source: string,
  segment: string,
  leadClass: string,
  pipelineId: number | null,
): string {
  return `${day}|${managerId}|${part(source)}|${part(segment)}|${part(leadClass)}|${pipelineId ?? ""}`;
}
