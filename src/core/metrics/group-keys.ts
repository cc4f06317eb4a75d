/** Group values of the rows (after the department row) and their order. */
import { NONE } from "../model";

/** A manager id, a source, a segment, a pipeline id or a lead class ("(none)" when absent). */
export type GroupKey = number | string;

/** Numbers ascending, then strings ascending, "(none)" last. */
export function compareGroupKeys(a: GroupKey, b: GroupKey): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  if (a === NONE) return b === NONE ? 0 : 1;
  if (b === NONE) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
