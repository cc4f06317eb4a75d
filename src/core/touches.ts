/**
 * Which contact events count as touches (docs/metrics.md "Touches"). The only place that decides
 * it, so first response, touches per won deal and the raw sheet's touch count always agree.
 */
import type { Touch } from "./model";

/**
 * A touch counts when a user (not a robot: userId 0) made it and it is an outgoing call, an
 * answered incoming call, an outgoing e-mail / chat message / SMS, or a meeting that took place.
 * Outgoing calls count even when they did not connect: the manager did reach out.
 */
export function isCountedTouch(t: Touch): boolean {
  if (t.userId === 0) return false;
  switch (t.channel) {
    case "call":
      return t.direction === "out" || t.completed === true;
    case "email":
    case "chat":
    case "sms":
      return t.direction === "out";
    case "meeting":
      return t.completed === true;
    default:
      return false;
  }
}
