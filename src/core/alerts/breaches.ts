/**
 * Which SLA breaches are due: leads whose SLA deadline (from enrichment: hot/warm business minutes,
 * cold end of the next working day) fell inside the check window and that, at the data's instant,
 * still have no counted touch and are still open.
 *
 * Decisions (docs/alerts.md):
 * - A lead answered late, before the check saw it, is not mailed: the alert asks someone to act,
 *   and there is nothing left to do (the metric still counts it as breached).
 * - A lead closed (won or lost) by the data's instant is not mailed, for the same reason.
 * - The window is (from, to]: `to` is the instant the synced data describes, `from` where the
 *   previous check stopped (minus an overlap for data that reached amoCRM late), so a breach is
 *   found by the first check after its deadline: within one schedule period.
 */
import { breachKey } from "./told-log";
import type { AlertLead, Breach } from "./types";

export interface CheckWindow {
  /** Exclusive. */
  from: number;
  /** Inclusive: the instant the data describes (the sync's "now"). */
  to: number;
}

export function isOpenAt(lead: AlertLead, at: number): boolean {
  if (lead.statusKind === "won" || lead.statusKind === "lost") {
    // A closed status with no closing time: closed long ago.
    return lead.closedAt !== null && lead.closedAt > at;
  }
  return lead.closedAt === null || lead.closedAt > at;
}

/** Unanswered at `at`: no first touch recorded, or the recorded one is after `at`. */
function unansweredAt(lead: AlertLead, at: number): boolean {
  if (lead.firstResponseAt !== null) return lead.firstResponseAt > at;
  return lead.answered !== true;
}

/** Breaches due in the window that are not in `told`, oldest deadline first. */
export function dueBreaches(
  leads: readonly AlertLead[],
  window: CheckWindow,
  told: { has(key: string): boolean },
): Breach[] {
  const out: Breach[] = [];
  for (const lead of leads) {
    const deadline = lead.slaDeadline;
    if (deadline === null || !(deadline > window.from && deadline <= window.to)) continue;
    if (!unansweredAt(lead, window.to) || !isOpenAt(lead, window.to)) continue;
    const key = breachKey(lead.leadId, deadline);
    if (told.has(key)) continue;
    out.push({ lead, deadline, key });
  }
  return out.sort((a, b) => a.deadline - b.deadline || a.lead.leadId - b.lead.leadId);
}
