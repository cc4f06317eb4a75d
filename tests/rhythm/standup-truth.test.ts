/**
 * The stand-up on the default generator scenario picks exactly the deals that the stated score
 * (docs/rhythm.md), computed here independently — from the planted truth (LeadTruth: open, SLA,
 * first touch, next step, stale) and, where the truth has no field, from the generator's raw API
 * objects (stage entry times from lead_status_changed events, overdue open tasks from tasks, the
 * visible budget `price`) with the tests' own calendar — says are the most severe. No src/core code is used on the
 * independent side.
 */
import { describe, expect, it } from "vitest";
import { pickStandup, scoreOpenDeals } from "../../src/core/rhythm";
import { TestCalendar } from "../generator/api-metrics";
import { generated } from "../support/generated";

const DAY_S = 86_400;

interface Expected {
  id: number;
  score: number;
  codes: string[];
}

function expectedRanking(): Expected[] {
  const { raw, truth } = generated();
  const now = truth.nowUnix;
  const cal = new TestCalendar(truth.holidays);
  // Stage entered at: the latest status change at or before now (else creation).
  const lastMove = new Map<number, number>();
  for (const e of raw.events) {
    if (e["type"] !== "lead_status_changed" || e["entity_type"] !== "lead") continue;
    const at = e["created_at"] as number;
    if (at > now) continue;
    const id = e["entity_id"] as number;
    if (at >= (lastMove.get(id) ?? Number.NEGATIVE_INFINITY)) lastMove.set(id, at);
  }
  const overdue = new Set<number>();
  for (const t of raw.tasks) {
    if (t["entity_type"] !== "leads" || t["is_completed"] === true) continue;
    if ((t["complete_till"] as number) < now) overdue.add(t["entity_id"] as number);
  }
  // The budget a sales head sees is the API's `price` (the generator shows it only once a proposal
  // went out; LeadTruth.price is the planned deal size), so it comes from the raw leads.
  const rawPrice = new Map(raw.leads.map((l) => [l["id"] as number, l["price"] as number]));
  const open = Object.entries(truth.leads).filter(([, l]) => l.closedAt === null);
  const priceOf = (key: string) => rawPrice.get(Number(key)) ?? 0;
  const prices = open
    .map(([key]) => priceOf(key))
    .filter((p) => p > 0)
    .sort((a, b) => a - b);
  const mid = prices.length >> 1;
  const median = prices.length % 2 ? prices[mid]! : (prices[mid - 1]! + prices[mid]!) / 2;
  const out: Expected[] = [];
  for (const [key, l] of open) {
    const id = Number(key);
    const codes: string[] = [];
    let points = 0;
    // Fresh: at most 2 working days (2 × 540 business minutes) old.
    if (l.sla === "breached" && cal.minutes(l.createdAt, now) <= 2 * 540) {
      if (l.firstTouchAt === null) {
        points += 50;
        codes.push("sla_unanswered");
      } else {
        points += 15;
        codes.push("sla_late");
      }
    }
    if (l.hasOpenTask === false) {
      points += 30;
      codes.push("no_next_step");
    }
    if (l.stale === true) {
      const days = (now - (lastMove.get(id) ?? l.createdAt)) / DAY_S;
      points += 20 * Math.min(2, days / 7);
      codes.push("stale");
    }
    if (overdue.has(id)) {
      points += 25;
      codes.push("overdue_task");
    }
    if (points === 0) continue;
    const price = priceOf(key);
    const weight = price > 0 ? 1 + Math.log10(1 + price / median) : 1;
    out.push({ id, score: points * weight, codes });
  }
  out.sort((a, b) => b.score - a.score || a.id - b.id);
  return out;
}

describe("stand-up on the default scenario vs the planted truth", () => {
  const g = generated();
  const want = expectedRanking();

  it("picks exactly the five most severe deals, in order, with the same scores and reasons", () => {
    const cards = pickStandup(g.data, g.settings, g.now, 5, { accountBaseUrl: "https://demo.amocrm.ru" });
    expect(cards.map((c) => c.leadId)).toEqual(want.slice(0, 5).map((w) => w.id));
    cards.forEach((c, i) => {
      expect(c.score).toBeCloseTo(want[i]!.score, 6);
      expect(c.reasons.map((r) => r.code)).toEqual(want[i]!.codes);
      expect(c.url).toBe(`https://demo.amocrm.ru/leads/detail/${c.leadId}`);
      expect(c.name).toBe(g.raw.leads.find((l) => l["id"] === c.leadId)!["name"]);
    });
  });

  it("scores every open deal the same way (the whole ranking, not only the top)", () => {
    const all = scoreOpenDeals(g.data, g.settings, g.now);
    expect(all.length).toBe(want.length);
    expect(all.map((c) => c.leadId)).toEqual(want.map((w) => w.id));
    // The scenario plants every kind of reason among the open deals.
    const codes = new Set(want.flatMap((w) => w.codes));
    expect([...codes].sort()).toEqual([
      "no_next_step",
      "overdue_task",
      "sla_late",
      "sla_unanswered",
      "stale",
    ]);
  });

  it("n = 3 gives the first three", () => {
    expect(pickStandup(g.data, g.settings, g.now, 3).map((c) => c.leadId)).toEqual(
      want.slice(0, 3).map((w) => w.id),
    );
  });
});
