/**
 * Small helpers for placing actions in time: people act in working hours when they can.
 */
import { MINUTE } from "./calendar";
import type { Rng } from "./prng";
import type { World } from "./world";

/**
 * A time strictly inside (lo, hi), preferably in working hours: a uniform draw, moved to the next
 * opening when it falls outside working time and the move still fits. Null when (lo, hi) is too
 * short. Seconds are random (only lead creation and first touches are whole minutes).
 */
export function timeWithin(world: World, lo: number, hi: number, rng: Rng): number | null {
  if (hi - lo < 2 * MINUTE) return null;
  const t = Math.floor(rng.range(lo + MINUTE, hi - MINUTE));
  if (world.cal.isWorkingTime(t)) return t;
  const moved = world.cal.nextWorkingMoment(t) + rng.int(2, 120) * MINUTE + rng.int(0, 59);
  return moved < hi - MINUTE && world.cal.isWorkingTime(moved) ? moved : t;
}

/** Round up to the next whole 5 minutes (deadlines people set look like 15:35, not 15:33:17). */
export function ceil5(t: number): number {
  return Math.ceil(t / (5 * MINUTE)) * 5 * MINUTE;
}
