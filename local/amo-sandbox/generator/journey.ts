/**
 * Phase 5: each live lead's way through the pipeline between its first touch and its close: stage
 * moves (with skipped stages and the odd move back), touches in every stage, meetings, next-step
 * tasks, and the noise a real account has (client messages, missed calls, robot auto-replies)
 * that must never count as a touch. Everything is planned to the deal's close even when that lies
 * after "now"; truncateAtNow then cuts the future off.
 */
import { DAY, HOUR, MINUTE } from "./calendar";
import { LOST, P1, P2, WON } from "./dictionaries";
import type { LeadPlan, MovePlan, TouchKind, TouchPlan } from "./plan-types";
import type { Rng } from "./prng";
import { meetingTask, stageTask } from "./tasks";
import { profileAt } from "./team";
import { timeWithin } from "./timing";
import { manager, responsibleAt, type World } from "./world";

interface StageInfo {
  status: number;
  /** Mean touches in this stage over ~3 days, before the manager's intensity. */
  touches: number;
  task: string;
}

const P1_STAGES: StageInfo[] = [
  { status: P1.firstContact, touches: 1.0, task: "Связаться с клиентом, выявить потребность" },
  { status: P1.qualification, touches: 1.6, task: "Квалифицировать: бюджет, ЛПР, сроки" },
  { status: P1.meeting, touches: 0.6, task: "Подтвердить встречу" },
  { status: P1.proposal, touches: 1.2, task: "Обсудить КП с клиентом" },
  { status: P1.negotiation, touches: 2.2, task: "Согласовать условия договора" },
];

const P2_STAGES: StageInfo[] = [
  { status: P2.request, touches: 1.0, task: "Уточнить запрос клиента" },
  { status: P2.selection, touches: 1.5, task: "Подобрать решение" },
  { status: P2.invoice, touches: 1.5, task: "Проконтролировать оплату счёта" },
];

const CHATTY = new Set(["chat", "widget", "social"]);

function isContactable(kind: TouchKind): boolean {
  return kind === "call_out" || kind === "call_in" || kind === "chat_out" || kind === "chat_in";
}

function touch(
  lead: LeadPlan,
  at: number,
  kind: TouchKind,
  answered: boolean,
  rng: Rng,
  opts: { robot?: boolean; client?: boolean; onContact?: boolean } = {},
): TouchPlan {
  const userId = opts.robot || opts.client ? 0 : responsibleAt(lead, at);
  const onContact = opts.onContact ?? (isContactable(kind) && rng.chance(0.25));
  const t: TouchPlan = { at, kind, userId, answered, onContact };
  lead.touches.push(t);
  return t;
}

/** What a manager does to reach the client, by the lead's channel (first touch). */
function firstTouchKind(lead: LeadPlan, rng: Rng): TouchKind {
  if (lead.inboundAnswered) return "call_in";
  switch (lead.channel) {
    case "chat":
    case "widget":
    case "social":
      return rng.chance(0.75) ? "chat_out" : "call_out";
    case "form":
      return rng.weighted<TouchKind>([
        ["call_out", 0.75],
        ["mail_out", 0.15],
        ["sms_out", 0.1],
      ]);
    case "email":
      return rng.chance(0.55) ? "mail_out" : "call_out";
    case "other":
      return rng.chance(0.9) ? "call_out" : "mail_out";
    default:
      return "call_out";
  }
}

/** The noise of a lead's arrival: the client's own message or call, robots' replies. */
export function arrivalNoise(lead: LeadPlan, rng: Rng): void {
  const c = lead.createdAt;
  if (CHATTY.has(lead.channel)) {
    touch(lead, c, "chat_in", false, rng, { client: true, onContact: false });
    // The Salesbot's greeting seconds later: an outgoing message by a robot, not a touch.
    if (rng.chance(0.6))
      touch(lead, c + rng.int(5, 30), "chat_out", false, rng, { robot: true, onContact: false });
  } else if (lead.channel === "call" && !lead.inboundAnswered && lead.createdBy === 0) {
    // The missed call that created the lead: incoming, not answered, duration 0.
    touch(lead, c + rng.int(20, 50), "call_in", false, rng, { onContact: false });
  } else if (lead.channel === "form" && rng.chance(0.4)) {
    touch(lead, c + rng.int(10, 60), "sms_out", false, rng, { robot: true, onContact: false });
  } else if (lead.channel === "email" && lead.createdBy === 0) {
    touch(lead, c, "mail_in", false, rng, { client: true, onContact: false });
  }
}

/** Client-side or unanswered events between t0 and t1 (incoming messages, missed calls). */
function noiseBetween(world: World, lead: LeadPlan, lo: number, hi: number, mean: number, rng: Rng): void {
  const n = rng.poisson(mean);
  for (let i = 0; i < n; i++) {
    const at = timeWithin(world, lo, hi, rng);
    if (at === null) return;
    const kind = rng.weighted<TouchKind>([
      ["chat_in", CHATTY.has(lead.channel) ? 0.5 : 0.1],
      ["mail_in", 0.3],
      ["call_in", 0.3],
    ]);
    if (kind === "call_in") touch(lead, at, "call_in", false, rng);
    else touch(lead, at, kind, false, rng, { client: true });
  }
}

function laterTouchKind(lead: LeadPlan, rng: Rng): TouchKind {
  return rng.weighted<TouchKind>([
    ["call_out", 0.55],
    ["call_in", 0.12],
    ["mail_out", 0.13],
    ["chat_out", CHATTY.has(lead.channel) ? 0.15 : 0.04],
    ["sms_out", 0.03],
  ]);
}

/** The stages a deal goes through, by outcome: won passes (nearly) all, lost stops somewhere. */
function pathFor(lead: LeadPlan, stages: StageInfo[], cycleDays: number, rng: Rng): StageInfo[] {
  const last = stages.length - 1;
  // A deal that is lost quickly dies early in the funnel; one that lives for weeks got further.
  const long = cycleDays > 10;
  let depth: number;
  if (lead.outcome === "won") depth = last;
  else
    depth =
      stages === P1_STAGES
        ? rng.weighted([
            [0, long ? 0.1 : 0.4],
            [1, long ? 0.3 : 0.25],
            [2, 0.15],
            [3, long ? 0.22 : 0.1],
            [4, long ? 0.23 : 0.1],
          ])
        : rng.weighted([
            [0, long ? 0.2 : 0.5],
            [1, 0.35],
            [2, long ? 0.45 : 0.15],
          ]);
  const path: StageInfo[] = [];
  for (let i = 0; i <= depth; i++) {
    const stage = stages[i] as StageInfo;
    // Skipping a middle stage (e.g. straight from qualification to the proposal) happens.
    if (i > 0 && i < depth && rng.chance(stages === P1_STAGES && i === 2 ? 0.15 : 0.1)) continue;
    path.push(stage);
  }
  // The odd move back (a proposal reworked after negotiation started), then forward again.
  if (path.length >= 3 && rng.chance(0.06)) {
    const i = rng.int(2, path.length - 1);
    path.splice(i + 1, 0, path[i - 1] as StageInfo, path[i] as StageInfo);
  }
  return path;
}

/** Move times for a path: a random partition of (start, close), one stage sometimes dragging. */
function boundaries(world: World, start: number, close: number, segments: number, rng: Rng): number[] {
  const w = Array.from({ length: segments }, () => rng.exp1() + 0.05);
  if (segments > 1 && rng.chance(0.15)) {
    const i = rng.int(0, segments - 1);
    w[i] = (w[i] as number) * 5;
  }
  const total = w.reduce((s, x) => s + x, 0);
  const out: number[] = [];
  let acc = 0;
  let prev = start;
  for (let i = 0; i < segments - 1; i++) {
    acc += w[i] as number;
    const raw = Math.floor(start + ((close - start) * acc) / total);
    let t = raw;
    if (!world.cal.isWorkingTime(t)) {
      const moved = world.cal.nextWorkingMoment(t) + rng.int(5, 90) * MINUTE + rng.int(0, 59);
      if (moved < close - 2 * HOUR) t = moved;
    }
    t = Math.max(t, prev + 2 * MINUTE);
    // Never at or after the close: the close is the last move of the chain.
    if (t >= close - MINUTE) t = prev + Math.max(1, Math.floor((close - prev) / 2));
    out.push(t);
    prev = t;
  }
  return out;
}

function move(
  lead: LeadPlan,
  at: number,
  from: [number, number],
  to: [number, number],
  by: number,
): MovePlan {
  const m: MovePlan = {
    at,
    fromPipeline: from[0],
    fromStatus: from[1],
    toPipeline: to[0],
    toStatus: to[1],
    by,
  };
  lead.moves.push(m);
  return m;
}

export function planLiveJourney(world: World, lead: LeadPlan, rng: Rng): void {
  const c = lead.createdAt;
  arrivalNoise(lead, rng);
  const t1 = lead.firstTouchAt;
  const E = lead.closeAt;
  const start: [number, number] = [lead.startPipeline, lead.startStatus];

  if (t1 === null) {
    noiseBetween(world, lead, c + HOUR, E ?? world.now + 30 * DAY, 0.4, rng);
    if (E !== null) {
      const by = rng.chance(0.3) ? 0 : responsibleAt(lead, E);
      move(lead, E, start, [lead.startPipeline, LOST], by);
    }
    return;
  }
  if (E === null) throw new Error("an answered lead always has a planned close");

  const firstKind = firstTouchKind(lead, rng);
  touch(lead, t1, firstKind, firstKind === "call_in" || rng.chance(0.7), rng);
  const inP2 = lead.startPipeline === P2.id || lead.movesPipeline;
  const stages = inP2 ? P2_STAGES : P1_STAGES;
  const pipelineId = inP2 ? P2.id : P1.id;
  const path = pathFor(lead, stages, (E - t1) / DAY, rng);
  const first = path[0] as StageInfo;

  // Out of "Неразобранное" once the client is reached (a robot does it for some call leads).
  let segStart = c;
  if (lead.startStatus === P1.unsorted || lead.startStatus === P2.unsorted) {
    const robot = rng.chance(0.15);
    segStart = robot ? t1 + rng.int(10, 50) : t1 + rng.int(1, 20) * MINUTE + rng.int(0, 59);
    move(lead, segStart, start, [pipelineId, first.status], robot ? 0 : responsibleAt(lead, segStart));
  } else if (lead.startStatus !== first.status) {
    throw new Error("a lead typed in by hand starts in its path's first stage");
  }

  // Stage moves come after the first touch (a lead typed in by hand waits in its first stage).
  const cuts = boundaries(world, Math.max(segStart, t1) + 5 * MINUTE, E, path.length, rng);
  const segs = path.map((stage, i) => ({
    stage,
    from: i === 0 ? segStart : (cuts[i - 1] as number),
    to: i < path.length - 1 ? (cuts[i] as number) : E,
  }));
  for (let i = 1; i < segs.length; i++) {
    const s = segs[i] as (typeof segs)[number];
    const prev = segs[i - 1] as (typeof segs)[number];
    move(
      lead,
      s.from,
      [pipelineId, prev.stage.status],
      [pipelineId, s.stage.status],
      rng.chance(0.05) ? 0 : responsibleAt(lead, s.from),
    );
  }

  const profile = manager(world, responsibleAt(lead, t1));
  const habitOf = (t: number) =>
    profileAt(world.config, manager(world, responsibleAt(lead, t)), world.cal.monthKey(t)).habit;
  for (const seg of segs) {
    const lo = Math.max(seg.from, t1);
    const lenDays = (seg.to - lo) / DAY;
    const f = Math.min(2, Math.max(0.35, lenDays / 3));
    // Stage-opening actions: the proposal / invoice goes out by e-mail; the meeting is set.
    if (seg.stage.status === P1.proposal || seg.stage.status === P2.invoice) {
      const at = lo + rng.int(10, 120) * MINUTE + rng.int(0, 59);
      if (at < seg.to - 5 * MINUTE) touch(lead, at, "mail_out", false, rng);
    }
    if (seg.stage.status === P1.meeting) {
      const task = meetingTask(world, lead, lo, seg.to, rng);
      if (task) {
        lead.tasks.push(task);
        const meeting = touch(lead, task.completedAt as number, "meeting", true, rng, {
          onContact: false,
        });
        meeting.task = task;
      }
    }
    const n = rng.poisson(seg.stage.touches * profile.intensity * f);
    for (let k = 0; k < n; k++) {
      const at = timeWithin(world, lo + MINUTE, seg.to, rng);
      if (at === null) break;
      const kind = laterTouchKind(lead, rng);
      touch(lead, at, kind, kind === "call_in" ? true : rng.chance(0.72), rng);
    }
    noiseBetween(world, lead, lo + MINUTE, seg.to, 0.25 * f, rng);
    // The next step for this stage, set when the stage starts, done when the deal moves on.
    if (rng.chance(habitOf(lo))) {
      const createdAt = lo + rng.int(2, 30) * MINUTE + rng.int(0, 59);
      const doneAt = seg.to + rng.int(0, 8) * MINUTE + rng.int(0, 59);
      if (createdAt < seg.to - MINUTE)
        lead.tasks.push(stageTask(world, lead, seg.stage.task, createdAt, doneAt, rng));
    }
  }

  const last = segs[segs.length - 1] as (typeof segs)[number];
  const outcome = lead.outcome === "won" ? WON : LOST;
  const closer = outcome === LOST && rng.chance(0.1) ? 0 : responsibleAt(lead, E);
  move(lead, E, [pipelineId, last.stage.status], [pipelineId, outcome], closer);
  // A thank-you call after the win: on the lead, after closedAt, so it is outside touches_per_won.
  if (lead.outcome === "won" && rng.chance(0.25)) {
    const at = timeWithin(world, E + DAY, E + 14 * DAY, rng);
    if (at !== null) touch(lead, at, "call_out", true, rng, { onContact: false });
  }
  lead.touches.sort((a, b) => a.at - b.at);
  lead.moves.sort((a, b) => a.at - b.at);
}
