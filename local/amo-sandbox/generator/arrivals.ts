/**
 * Phase 1: when leads arrive, through which channel and source, for which segment and manager.
 * Leads arrive around the clock (fewer at night and at weekends); leads a manager types in
 * (exhibitions, cold base) appear only in working time. Creation times are whole minutes, so every
 * planted business-minute figure is an integer and sums are exact in floating point.
 */
import { DAY, dateToDay, MINUTE } from "./calendar";
import { AMO_SOURCES, P1, P2 } from "./dictionaries";
import { companyName, serviceName } from "./names";
import type { Channel, LeadKind, LeadPlan } from "./plan-types";
import type { Rng } from "./prng";
import type { World } from "./world";

type Weighted<T> = readonly (readonly [T, number])[];

const SOURCES: Weighted<string | null> = [
  ["Сайт", 0.3],
  ["Яндекс.Директ", 0.25],
  ["VK Реклама", 0.1],
  ["Рекомендация", 0.12],
  ["Выставка", 0.06],
  ["Холодная база", 0.12],
  [null, 0.05],
];

const CHANNEL_BY_SOURCE: Record<string, Weighted<Channel>> = {
  Сайт: [
    ["call", 0.3],
    ["form", 0.3],
    ["widget", 0.2],
    ["chat", 0.1],
    ["email", 0.1],
  ],
  "Яндекс.Директ": [
    ["call", 0.4],
    ["form", 0.35],
    ["widget", 0.15],
    ["chat", 0.1],
  ],
  "VK Реклама": [
    ["social", 0.6],
    ["chat", 0.3],
    ["form", 0.1],
  ],
  Рекомендация: [
    ["call", 0.6],
    ["email", 0.25],
    ["other", 0.15],
  ],
  Выставка: [["other", 1]],
  "Холодная база": [["other", 1]],
  "(none)": [
    ["call", 0.4],
    ["email", 0.2],
    ["form", 0.2],
    ["chat", 0.2],
  ],
  "Повторное обращение": [
    ["call", 0.5],
    ["email", 0.3],
    ["other", 0.2],
  ],
};

const SEGMENTS: Weighted<string | null> = [
  ["Малый бизнес", 0.55],
  ["Средний бизнес", 0.3],
  ["Крупный бизнес", 0.1],
  [null, 0.05],
];

function utmFor(source: string | null, month: string, rng: Rng): LeadPlan["utm"] {
  const campaign = `b2b_services_${month.replace("-", "_")}`;
  if (source === "Яндекс.Директ") return { source: "yandex", medium: "cpc", campaign };
  if (source === "VK Реклама") return { source: "vk", medium: "cpc", campaign };
  if (source === "Сайт" && rng.chance(0.5)) return { source: "seo", medium: "organic", campaign: "none" };
  return null;
}

/** Relative arrival intensity of a local day: weekends and holidays are quiet. */
function dayWeight(world: World, day: number): number {
  if (world.cal.isWorkingDay(day)) return 1;
  const wd = world.cal.isoWeekday(day);
  return wd === 6 ? 0.3 : wd === 7 ? 0.2 : 0.25;
}

/** Local second-of-day for an arrival: mostly office hours, some evenings, a few nights. */
function arrivalSecond(world: World, day: number, rng: Rng): number {
  const working = world.cal.isWorkingDay(day);
  const x = rng.next();
  let minute: number;
  if (working) {
    if (x < 0.78) minute = rng.int(9 * 60, 18 * 60 - 1);
    else if (x < 0.94) minute = rng.int(18 * 60, 23 * 60 + 29);
    else minute = rng.int(0, 9 * 60 - 1);
  } else {
    minute = x < 0.85 ? rng.int(9 * 60, 22 * 60 - 1) : rng.int(0, 9 * 60 - 1);
  }
  return minute * MINUTE;
}

function pickManager(world: World, rng: Rng): number {
  return rng.weighted(world.team.map((m) => [m.id, m.load] as const));
}

export function planArrivals(world: World, rng: Rng): void {
  const { config, cal } = world;
  const first = dateToDay(config.firstDay);
  const last = dateToDay(config.lastDay);
  const extra = config.junkShare + config.duplicateShare;
  // The day weights of each month, to spread that month's volume over its days.
  const monthWeight = new Map<string, number>();
  for (let d = first; d <= last; d++) {
    const m = cal.localDate(cal.dayStart(d)).slice(0, 7);
    monthWeight.set(m, (monthWeight.get(m) ?? 0) + dayWeight(world, d));
  }
  const latest = world.now - 10 * MINUTE;
  const drafts: LeadPlan[] = [];
  for (let d = first; d <= last; d++) {
    const month = cal.localDate(cal.dayStart(d)).slice(0, 7);
    const volume = (config.leadsPerMonth[month] ?? 0) * (1 + extra);
    const n = rng.stochRound((volume * dayWeight(world, d)) / (monthWeight.get(month) ?? 1));
    for (let i = 0; i < n; i++) {
      let createdAt = cal.dayStart(d) + arrivalSecond(world, d, rng);
      if (createdAt > latest)
        createdAt = cal.dayStart(d) + rng.int(0, Math.floor((latest - cal.dayStart(d)) / MINUTE)) * MINUTE;
      drafts.push(draftLead(world, createdAt, rng));
    }
  }
  drafts.sort((a, b) => a.createdAt - b.createdAt);
  drafts.forEach((l, i) => {
    l.idx = i;
  });
  world.leads = drafts;
}

function draftLead(world: World, createdAtIn: number, rng: Rng): LeadPlan {
  const { config, cal } = world;
  let createdAt = createdAtIn;
  const x = rng.next();
  let kind: LeadKind =
    x < config.junkShare
      ? "junk"
      : x < config.junkShare + config.duplicateShare
        ? "duplicate"
        : x < config.junkShare + config.duplicateShare + config.repeatShare
          ? "repeat"
          : "new";
  // Deleted leads need room to be noticed and deleted before "now".
  if ((kind === "junk" || kind === "duplicate") && createdAt > world.now - 3 * DAY) kind = "new";

  let source: string | null;
  let channel: Channel;
  let movesPipeline = false;
  if (kind === "junk") {
    source = rng.weighted<string | null>([
      ["Сайт", 0.5],
      ["Яндекс.Директ", 0.3],
      [null, 0.2],
    ]);
    channel = rng.weighted<Channel>([
      ["form", 0.6],
      ["chat", 0.25],
      ["widget", 0.15],
    ]);
  } else if (kind === "repeat") {
    source = "Повторное обращение";
    movesPipeline = rng.chance(config.pipelineMoveShare);
    channel = movesPipeline ? "call" : rng.weighted(CHANNEL_BY_SOURCE[source] as Weighted<Channel>);
  } else {
    source = rng.weighted(SOURCES);
    channel = rng.weighted(CHANNEL_BY_SOURCE[source ?? "(none)"] as Weighted<Channel>);
  }
  // A lead typed in by a manager is created in working time; if the draw fell outside it, the
  // manager enters it at the next opening, or (too close to "now") it becomes an inbound call.
  if (channel === "other" && !cal.isWorkingTime(createdAt)) {
    const open = cal.nextWorkingMoment(createdAt);
    const moved = open + rng.int(0, 8 * 60) * MINUTE;
    if (moved < world.now - 10 * MINUTE && cal.isWorkingTime(moved)) createdAt = moved;
    else channel = "call";
  }
  const managerId = pickManager(world, rng);
  const month = cal.monthKey(createdAt);
  const manual = channel === "other";
  const inP2 = kind === "repeat" && !movesPipeline;
  const company = companyName(rng);
  const service = serviceName(rng);
  const name = manual || rng.chance(0.5) ? `${company} — ${service}` : `Заявка: ${service}`;
  return {
    idx: -1,
    kind,
    name,
    createdAt,
    createdBy: manual ? managerId : 0,
    channel,
    source,
    segment: kind === "junk" ? null : rng.weighted(SEGMENTS),
    utm: kind === "repeat" ? null : utmFor(source, month, rng),
    cls: world.classify(channel),
    managerAtCreation: managerId,
    reassign: null,
    startPipeline: inP2 ? P2.id : P1.id,
    startStatus: inP2 ? (manual ? P2.request : P2.unsorted) : manual ? P1.firstContact : P1.unsorted,
    movesPipeline,
    contactIdx: -1,
    slaPlan: "met",
    deadline: 0,
    firstTouchAt: null,
    inboundAnswered: false,
    closeAt: null,
    outcome: null,
    price: 0,
    lossReasonId: null,
    deleteAt: null,
    deletedBy: 0,
    moves: [],
    touches: [],
    tasks: [],
    id: 0,
  };
}

/** amoCRM's own source of a lead typed in by hand is none; inbound leads carry their channel's. */
export function amoSourceOf(lead: LeadPlan): { id: number; name: string } | null {
  return lead.createdBy === 0 ? AMO_SOURCES[lead.channel] : null;
}
