/**
 * Phase 2: the first response. For every live lead the SLA outcome is dealt from a deck per
 * (manager at creation, month, class) holding exactly round(p × n) "met" cards, p being the
 * manager's SLA discipline that month; then the delay in BUSINESS minutes is drawn inside the norm
 * (met) or beyond it (breach), and the touch is placed at createdAt + that many business minutes
 * with the generator's own calendar. Some breaches are never answered at all.
 */
import type { LeadClass } from "../../../src/core/model";
import { MINUTE } from "./calendar";
import type { LeadPlan } from "./plan-types";
import type { Rng } from "./prng";
import { profileAt } from "./team";
import { manager, type World } from "./world";

/** Cold leads have the easiest norm and are met more often; hot ones less. */
const CLASS_OFFSET: Record<LeadClass, number> = { hot: -0.04, warm: 0.02, cold: 0.08 };

/** Longest planned first-response delay: a week of working time. */
const MAX_DELAY_MIN = 5 * 9 * 60;

export function slaDeadline(world: World, lead: Pick<LeadPlan, "createdAt" | "cls">): number {
  const { cal, norms } = world;
  if (lead.cls === "hot") return cal.addBusinessMinutes(lead.createdAt, norms.hotMinutes);
  if (lead.cls === "warm") return cal.addBusinessMinutes(lead.createdAt, norms.warmMinutes);
  return cal.endOfNextWorkingDay(lead.createdAt);
}

function metDelay(cls: LeadClass, normMin: number, rng: Rng): number {
  if (cls === "hot") return Math.min(normMin, 1 + Math.floor(normMin * rng.next() ** 1.4));
  if (cls === "warm") return Math.min(normMin, 1 + Math.floor(normMin * rng.next() ** 1.2));
  return Math.max(1, Math.min(normMin, Math.round(rng.lognormal(120, 1))));
}

function breachExcess(cls: LeadClass, rng: Rng): number {
  const median = cls === "hot" ? 40 : cls === "warm" ? 70 : 300;
  return 1 + Math.round(rng.lognormal(median, cls === "cold" ? 0.9 : 1));
}

export function planResponses(world: World, rng: Rng): void {
  const { cal } = world;
  const live = world.leads.filter((l) => l.kind === "new" || l.kind === "repeat");
  const decks = new Map<string, LeadPlan[]>();
  for (const lead of live) {
    lead.deadline = slaDeadline(world, lead);
    const key = `${lead.managerAtCreation}|${cal.monthKey(lead.createdAt)}|${lead.cls}`;
    const deck = decks.get(key) ?? [];
    deck.push(lead);
    decks.set(key, deck);
  }
  for (const [key, deck] of decks) {
    const [mid, month, cls] = key.split("|") as [string, string, LeadClass];
    const p = profileAt(world.config, manager(world, Number(mid)), month).sla + CLASS_OFFSET[cls];
    const met = rng.stochRound(Math.min(0.995, Math.max(0.02, p)) * deck.length);
    rng.shuffle(deck).forEach((lead, i) => {
      lead.slaPlan = i < met ? "met" : "breach";
    });
  }
  for (const lead of live) placeFirstTouch(world, lead, rng);

  // Deleted duplicates were worked on a little before someone noticed the double. Spam is never
  // answered; its deadline matters only in an account viewed before the spam was deleted (asOf).
  for (const lead of world.leads) {
    if (lead.kind === "junk") lead.deadline = slaDeadline(world, lead);
    if (lead.kind !== "duplicate") continue;
    lead.deadline = slaDeadline(world, lead);
    lead.firstTouchAt = cal.addBusinessMinutes(lead.createdAt, rng.int(3, 90));
  }
}

function placeFirstTouch(world: World, lead: LeadPlan, rng: Rng): void {
  const { cal } = world;
  const c = lead.createdAt;
  const normMin = cal.businessMinutes(c, lead.deadline);
  const profile = manager(world, lead.managerAtCreation);
  const month = cal.monthKey(c);
  if (lead.slaPlan === "met") {
    // An inbound call answered on the spot: the touch is the call itself, a few minutes long.
    if (lead.channel === "call" && cal.isWorkingTime(c) && rng.chance(0.35)) {
      const k = rng.int(1, 4);
      const t = c + k * MINUTE;
      if (cal.businessMinutes(c, t) === k && k <= normMin) {
        lead.firstTouchAt = t;
        lead.inboundAnswered = true;
        return;
      }
    }
    // Off-hours lead answered off-hours: zero business minutes.
    if (!cal.isWorkingTime(c) && rng.chance(profile.nightOwl)) {
      const t = c + rng.int(5, 40) * MINUTE;
      if (cal.businessSeconds(c, t) === 0) {
        lead.firstTouchAt = t;
        return;
      }
    }
    lead.firstTouchAt = cal.addBusinessMinutes(c, metDelay(lead.cls, normMin, rng));
    return;
  }
  if (rng.chance(profileAt(world.config, profile, month).silent)) {
    lead.firstTouchAt = null;
    return;
  }
  const delay = Math.min(MAX_DELAY_MIN + normMin, normMin + breachExcess(lead.cls, rng));
  lead.firstTouchAt = cal.addBusinessMinutes(c, Math.ceil(delay));
}
