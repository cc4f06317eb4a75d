/**
 * Phase 3: when deals close, who owns them then, whether they are won, for how much, and why lost.
 *
 * Close times come first (a sales-cycle draw from the first touch; some deals get stuck for
 * months); reassignments next (so the owner at closing is known); then outcomes are dealt from a
 * deck per (owner at closing, closing month) with exactly round(p × n) wins, p being the owner's
 * win skill that month. Won prices are finally scaled per story window so that revenue per
 * manager-month grows by exactly the scenario's figure.
 */
import { DAY, HOUR, MINUTE } from "./calendar";
import { lossReasonId, P2 } from "./dictionaries";
import type { LeadPlan } from "./plan-types";
import type { Rng } from "./prng";
import { profileAt } from "./team";
import { finalResponsible, manager, type World } from "./world";

const SEGMENT_PRICE: Record<string, number> = {
  "Малый бизнес": 85_000,
  "Средний бизнес": 240_000,
  "Крупный бизнес": 780_000,
};

const LOSS_ANSWERED: readonly (readonly [string | null, number])[] = [
  ["Дорого", 0.22],
  ["Выбрали конкурента", 0.18],
  ["Пропала потребность", 0.15],
  ["Нет бюджета", 0.12],
  ["Сроки не устраивают", 0.07],
  ["Не дозвонились", 0.08],
  ["Не целевой запрос", 0.06],
  [null, 0.12],
];

const LOSS_SILENT: readonly (readonly [string | null, number])[] = [
  ["Не целевой запрос", 0.35],
  ["Дубль", 0.25],
  [null, 0.4],
];

/** t moved into working time (deals are closed by people at work). */
function atWork(world: World, t: number, rng: Rng): number {
  if (world.cal.isWorkingTime(t)) return t;
  return world.cal.nextWorkingMoment(t) + rng.int(5, 180) * MINUTE + rng.int(0, 59);
}

export function planClosings(world: World, rng: Rng): void {
  const live = world.leads.filter((l) => l.kind === "new" || l.kind === "repeat");
  for (const lead of live) {
    const month = world.cal.monthKey(lead.createdAt);
    const p = profileAt(world.config, manager(world, lead.managerAtCreation), month);
    if (lead.firstTouchAt !== null) {
      let days = rng.lognormal(11, 0.7);
      if (rng.chance(p.stuck)) days *= rng.range(2.5, 5);
      days = Math.min(160, Math.max(0.6, days));
      lead.closeAt = atWork(world, lead.firstTouchAt + Math.round(days * DAY), rng);
    } else if (rng.chance(0.85)) {
      // Never answered, closed later as lost: well after its SLA deadline, so it is a breach on
      // every reading of docs/metrics.md.
      // Whole minutes, like every instant a first-response figure is measured to: the planted
      // business minutes stay integers, so sums are exact whatever order an engine adds them in.
      const t = atWork(world, lead.deadline + Math.round(rng.range(1, 14) * DAY), rng);
      lead.closeAt = Math.floor(t / MINUTE) * MINUTE;
    }
  }
  planReassignments(world, live, rng);
  dealOutcomes(world, live, rng);
  planPrices(world, live, rng);
}

/** A few leads change hands (holidays, load balancing), always by the sales head's decision. */
function planReassignments(world: World, live: LeadPlan[], rng: Rng): void {
  const latest = world.now - HOUR;
  for (const lead of live) {
    if (!rng.chance(world.config.reassignShare) || world.team.length < 2) continue;
    const others = world.team.filter((m) => m.id !== lead.managerAtCreation);
    const to = rng.pick(others).id;
    const t1 = lead.firstTouchAt;
    let lo: number;
    let hi: number;
    if (t1 !== null && rng.chance(0.3) && t1 - lead.createdAt > 2 * HOUR) {
      // Before the first touch: the new owner answers, the first response still belongs to the
      // manager responsible at creation.
      lo = lead.createdAt + 30 * MINUTE;
      hi = t1 - 30 * MINUTE;
    } else {
      lo = (t1 ?? lead.createdAt) + HOUR;
      hi = (lead.closeAt ?? latest) - HOUR;
    }
    hi = Math.min(hi, latest);
    if (hi - lo < HOUR) continue;
    lead.reassign = { at: atWorkWithin(world, lo, hi, rng), to, by: world.head.id };
  }
}

function atWorkWithin(world: World, lo: number, hi: number, rng: Rng): number {
  const t = Math.floor(rng.range(lo, hi));
  const w = atWork(world, t, rng);
  return w < hi ? w : t;
}

function dealOutcomes(world: World, live: LeadPlan[], rng: Rng): void {
  const decks = new Map<string, LeadPlan[]>();
  for (const lead of live) {
    if (lead.closeAt === null) continue;
    const month = world.cal.monthKey(lead.closeAt);
    const p = profileAt(world.config, manager(world, finalResponsible(lead)), month).win;
    if (lead.closeAt > world.now) {
      // Closes after "now": invisible, but the outcome shapes how far the deal gets by then.
      lead.outcome = lead.firstTouchAt !== null && rng.chance(p) ? "won" : "lost";
      continue;
    }
    const key = `${finalResponsible(lead)}|${month}`;
    const deck = decks.get(key) ?? [];
    deck.push(lead);
    decks.set(key, deck);
  }
  for (const [key, deck] of decks) {
    const [mid, month] = key.split("|") as [string, string];
    const p = profileAt(world.config, manager(world, Number(mid)), month).win;
    let wins = rng.stochRound(p * deck.length);
    // Only answered leads can be won; unanswered ones are always lost.
    for (const lead of rng.shuffle(deck)) {
      if (wins > 0 && lead.firstTouchAt !== null) {
        lead.outcome = "won";
        wins--;
      } else {
        lead.outcome = "lost";
      }
    }
  }
  for (const lead of live) {
    if (lead.outcome !== "lost") continue;
    const reason = rng.weighted(lead.firstTouchAt === null ? LOSS_SILENT : LOSS_ANSWERED);
    lead.lossReasonId = reason === null ? null : lossReasonId(reason);
  }
}

function roundPrice(x: number): number {
  return Math.max(15_000, Math.round(x / 1000) * 1000);
}

function planPrices(world: World, live: LeadPlan[], rng: Rng): void {
  for (const lead of live) {
    const base = SEGMENT_PRICE[lead.segment ?? ""] ?? 150_000;
    const repeat = lead.startPipeline === P2.id || lead.movesPipeline ? 0.6 : 1;
    const size = manager(world, finalResponsible(lead)).dealSize;
    lead.price = roundPrice(rng.lognormal(base * repeat * size, 0.45));
  }
  // Plant the revenue story exactly: scale won prices of each window so that revenue per
  // manager-month after ÷ before = 1 + growth, keeping the overall level (geometric middle).
  const { config, cal } = world;
  const won = live.filter((l) => l.outcome === "won" && l.closeAt !== null && l.closeAt <= world.now);
  const sumIn = (months: string[]) =>
    won.filter((l) => months.includes(cal.monthKey(l.closeAt as number))).reduce((s, l) => s + l.price, 0);
  const perManagerMonth = (months: string[]) => sumIn(months) / (config.managerCount * months.length);
  const a = perManagerMonth(config.beforeMonths);
  const b = perManagerMonth(config.afterMonths);
  if (a <= 0 || b <= 0) return;
  const g = 1 + config.revenueGrowth;
  const aTarget = Math.sqrt((a * b) / g);
  const fa = aTarget / a;
  const fb = (aTarget * g) / b;
  for (const l of won) {
    const m = cal.monthKey(l.closeAt as number);
    if (config.beforeMonths.includes(m)) l.price = roundPrice(l.price * fa);
    else if (config.afterMonths.includes(m)) l.price = roundPrice(l.price * fb);
  }
}
