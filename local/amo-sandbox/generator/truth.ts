/**
 * Phase 8: the planted truth, aggregated from the plan (after truncateAtNow) by the rules of
 * docs/metrics.md — never from the emitted API objects, never through src/core/metrics.
 *
 * Attribution: first_response and sla_share → the responsible at creation; overdue_share → the
 * task's responsible; every other metric → the responsible now (= at closing). Periods: the local
 * month of creation (first response, SLA), of the deadline (tasks), of closing (won, win rate,
 * revenue, touches per won deal), of the stage entry (stage conversion).
 */
import { NONE } from "../../../src/core/model";
import { DAY } from "./calendar";
import {
  CHANNEL_FIELD,
  LOST,
  openStageKeys,
  SEGMENT_FIELD,
  SOURCE_FIELD,
  stageSort,
  WON,
} from "./dictionaries";
import type { LeadPlan, TaskPlan, TouchPlan } from "./plan-types";
import { leadState } from "./truncate";
import type { LeadTruth, MetricParts, PlantedTruth, Ratio, SnapshotParts, StoryFigures } from "./truth-types";
import { TIMEZONE, type World } from "./world";

/** docs/metrics.md "Touches": what counts, decided once. */
export function isCountedTouch(t: TouchPlan): boolean {
  if (t.userId === 0) return false;
  switch (t.kind) {
    case "call_out":
    case "mail_out":
    case "chat_out":
    case "sms_out":
      return true;
    case "call_in":
      return t.answered;
    case "meeting":
      return (t.task?.completedAt ?? null) !== null;
    default:
      return false;
  }
}

function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

class Acc {
  fr: number[] = [];
  frSum = 0;
  censored = 0;
  met = 0;
  breached = 0;
  slaPending = 0;
  overdue = 0;
  due = 0;
  taskPending = 0;
  won = 0;
  wonTouches = 0;
  revenue = 0;
  lost = 0;
  stages = new Map<string, { entered: number; converted: number }>();

  stage(key: string): { entered: number; converted: number } {
    let s = this.stages.get(key);
    if (!s) {
      s = { entered: 0, converted: 0 };
      this.stages.set(key, s);
    }
    return s;
  }

  parts(stageKeys: string[]): MetricParts {
    const byStage: Record<string, Ratio> = {};
    let entered = 0;
    let converted = 0;
    for (const key of stageKeys) {
      const s = this.stages.get(key) ?? { entered: 0, converted: 0 };
      byStage[key] = ratio(s.converted, s.entered);
      entered += s.entered;
      converted += s.converted;
    }
    return {
      first_response: {
        ...ratio(this.frSum, this.fr.length),
        median: median(this.fr),
        censored: this.censored,
      },
      sla_share: { ...ratio(this.met, this.met + this.breached), pending: this.slaPending },
      overdue_share: { ...ratio(this.overdue, this.due), pending: this.taskPending },
      touches_per_won: ratio(this.wonTouches, this.won),
      win_rate: ratio(this.won, this.won + this.lost),
      revenue: { numerator: this.revenue, denominator: this.won, value: this.revenue },
      stage_conversion: { ...ratio(converted, entered), byStage },
    };
  }
}

class SnapAcc {
  open = 0;
  withTask = 0;
  stages = new Map<string, { open: number; stale: number }>();

  parts(stageKeys: string[]): SnapshotParts {
    const byStage: Record<string, Ratio> = {};
    let open = 0;
    let stale = 0;
    for (const key of stageKeys) {
      const s = this.stages.get(key) ?? { open: 0, stale: 0 };
      byStage[key] = ratio(s.stale, s.open);
      open += s.open;
      stale += s.stale;
    }
    return {
      next_step_coverage: ratio(this.withTask, this.open),
      stale_share: { ...ratio(stale, open), byStage },
    };
  }
}

interface Grid {
  byManager: Map<number, Map<string, Acc>>;
  byMonth: Map<string, Acc>;
  bySource: Map<string, Map<string, Acc>>;
}

function cell<K>(map: Map<K, Map<string, Acc>>, key: K, month: string): Acc {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  let acc = inner.get(month);
  if (!acc) {
    acc = new Acc();
    inner.set(month, acc);
  }
  return acc;
}

export interface TruthInputs {
  counts: Pick<PlantedTruth["counts"], "leads" | "contacts" | "tasks" | "events" | "notes">;
}

export function computeTruth(world: World, inputs: TruthInputs): PlantedTruth {
  const { cal, now, months } = world;
  const stageKeys = openStageKeys();
  const grid: Grid = { byManager: new Map(), byMonth: new Map(), bySource: new Map() };
  /** Apply f to the manager, department and source cells of a month (outside the months: error). */
  const add = (managerId: number, source: string, month: string, f: (a: Acc) => void) => {
    if (!months.includes(month)) throw new Error(`an item in period ${month} lies outside the scenario`);
    f(cell(grid.byManager, managerId, month));
    let dept = grid.byMonth.get(month);
    if (!dept) {
      dept = new Acc();
      grid.byMonth.set(month, dept);
    }
    f(dept);
    f(cell(grid.bySource, source, month));
  };
  const snapDept = new SnapAcc();
  const snapBy = new Map<number, SnapAcc>();
  const leadsOut: Record<string, LeadTruth> = {};
  let openAtNow = 0;
  let withoutNext = 0;
  let staleAtNow = 0;
  let censoredLeads = 0;
  let pendingSla = 0;

  const live = world.leads.filter((l) => l.deleteAt === null);
  for (const lead of live) {
    const st = leadState(lead);
    const source = lead.source ?? NONE;
    const c = lead.createdAt;

    // first_response / sla_share
    const counted = lead.touches.filter((t) => isCountedTouch(t) && t.at >= c && t.at <= now);
    const first = counted.length > 0 ? Math.min(...counted.map((t) => t.at)) : null;
    if (first !== lead.firstTouchAt) {
      throw new Error(
        `lead ${lead.id}: planned first touch ${lead.firstTouchAt} but the earliest counted is ${first}`,
      );
    }
    const end = first ?? (st.closedAt !== null ? st.closedAt : now);
    const minutes = cal.businessMinutes(c, end);
    if (!Number.isInteger(minutes))
      throw new Error(`lead ${lead.id}: first response ${minutes} is not whole minutes`);
    const sla =
      first !== null
        ? first <= lead.deadline
          ? "met"
          : "breached"
        : lead.deadline <= now
          ? "breached"
          : "pending";
    if (first === null) censoredLeads++;
    if (sla === "pending") pendingSla++;
    add(lead.managerAtCreation, source, cal.monthKey(c), (a) => {
      a.fr.push(minutes);
      a.frSum += minutes;
      if (first === null) a.censored++;
      if (sla === "met") a.met++;
      else if (sla === "breached") a.breached++;
      else a.slaPending++;
    });

    // win_rate / revenue / touches_per_won
    let touchesToWin: number | null = null;
    if (st.closedAt !== null) {
      const closedAt = st.closedAt;
      const month = cal.monthKey(closedAt);
      if (st.won) {
        touchesToWin = counted.filter((t) => t.at >= c && t.at <= closedAt).length;
        const tw = touchesToWin;
        add(st.responsible, source, month, (a) => {
          a.won++;
          a.wonTouches += tw;
          a.revenue += lead.price;
        });
      } else {
        add(st.responsible, source, month, (a) => {
          a.lost++;
        });
      }
    }

    // stage_conversion
    for (const [key, month, converted] of stageEntries(world, lead, st.pipelineId)) {
      add(st.responsible, source, month, (a) => {
        const s = a.stage(key);
        s.entered++;
        if (converted) s.converted++;
      });
    }

    // snapshot at now
    let hasOpenTask: boolean | null = null;
    let stale: boolean | null = null;
    if (st.closedAt === null) {
      openAtNow++;
      hasOpenTask = lead.tasks.some((t) => t.createdAt <= now && t.completedAt === null);
      const last = lead.moves[lead.moves.length - 1];
      const since = last ? last.at : c;
      stale = now - since > world.norms.controlPeriodDays * DAY;
      if (!hasOpenTask) withoutNext++;
      if (stale) staleAtNow++;
      const key = `${st.pipelineId}:${st.statusId}`;
      let mine = snapBy.get(st.responsible);
      if (!mine) {
        mine = new SnapAcc();
        snapBy.set(st.responsible, mine);
      }
      for (const s of [snapDept, mine]) {
        s.open++;
        if (hasOpenTask) s.withTask++;
        const ps = s.stages.get(key) ?? { open: 0, stale: 0 };
        ps.open++;
        if (stale) ps.stale++;
        s.stages.set(key, ps);
      }
    }

    leadsOut[String(lead.id)] = {
      managerAtCreation: lead.managerAtCreation,
      manager: st.responsible,
      source,
      segment: lead.segment ?? NONE,
      channel: lead.channel,
      class: lead.cls,
      pipelineId: st.pipelineId,
      statusId: st.statusId,
      createdAt: c,
      firstTouchAt: first,
      firstResponseMinutes: minutes,
      sla,
      slaDeadline: lead.deadline,
      closedAt: st.closedAt,
      touchesToWin,
      price: lead.price,
      hasOpenTask,
      stale,
    };
  }

  // overdue_share: tasks of live leads and tasks on no lead.
  const taskItems: { task: TaskPlan; source: string }[] = [];
  for (const lead of live)
    for (const task of lead.tasks) taskItems.push({ task, source: lead.source ?? NONE });
  for (const task of world.otherTasks) taskItems.push({ task, source: NONE });
  for (const { task, source } of taskItems) {
    const done = task.completedAt;
    const pending = done === null && task.dueAt >= now;
    const overdue = done !== null ? done > task.dueAt : task.dueAt < now;
    const month = cal.monthKey(task.dueAt);
    // Tasks due after the last scenario month are all pending (nothing is completed after now).
    if (!months.includes(month)) {
      if (!pending) throw new Error(`task due ${month} is not pending`);
      continue;
    }
    add(task.responsible, source, month, (a) => {
      if (pending) a.taskPending++;
      else {
        a.due++;
        if (overdue) a.overdue++;
      }
    });
  }

  const parts = (acc: Acc | undefined) => (acc ?? new Acc()).parts(stageKeys);
  const byManagerMonth: PlantedTruth["byManagerMonth"] = {};
  for (const m of world.team) {
    byManagerMonth[String(m.id)] = Object.fromEntries(
      months.map((mo) => [mo, parts(grid.byManager.get(m.id)?.get(mo))]),
    );
  }
  const byMonth = Object.fromEntries(months.map((mo) => [mo, parts(grid.byMonth.get(mo))]));
  const sources = [...SOURCE_FIELD.enums.map((e) => e.value), NONE];
  const bySourceMonth: PlantedTruth["bySourceMonth"] = {};
  for (const s of sources) {
    bySourceMonth[s] = Object.fromEntries(months.map((mo) => [mo, parts(grid.bySource.get(s)?.get(mo))]));
  }
  const snapshot = {
    department: snapDept.parts(stageKeys),
    byManager: Object.fromEntries(
      world.team.map((m) => [String(m.id), (snapBy.get(m.id) ?? new SnapAcc()).parts(stageKeys)]),
    ),
  };

  const config = world.config;
  return {
    scenario: config.name,
    seed: world.seed,
    now: cal.localIso(now),
    nowUnix: now,
    timezone: TIMEZONE,
    holidays: [...config.holidays],
    settings: {
      sourceFieldId: SOURCE_FIELD.id,
      segmentFieldId: SEGMENT_FIELD.id,
      channelFieldId: CHANNEL_FIELD.id,
      pipelineIds: [],
      calendar: {
        timezone: TIMEZONE,
        holidays: [...config.holidays],
        workingDays: [1, 2, 3, 4, 5],
        workStart: "09:00",
        workEnd: "18:00",
      },
    },
    managers: world.team.map((m) => ({ id: m.id, name: m.name })),
    head: { id: world.head.id, name: world.head.name },
    months,
    storyWindows: { before: [...config.beforeMonths], after: [...config.afterMonths] },
    byManagerMonth,
    byMonth,
    bySourceMonth,
    snapshot,
    story: storyFigures(world, byMonth),
    counts: {
      ...inputs.counts,
      liveLeads: live.length,
      deletedLeads: world.leads.length - live.length,
      openAtNow,
      openWithoutNextStep: withoutNext,
      staleAtNow,
      censoredLeads,
      pendingSlaLeads: pendingSla,
      reassignedLeads: live.filter((l) => l.reassign !== null).length,
      pipelineMovedLeads: live.filter((l) => l.moves.some((m) => m.fromPipeline !== m.toPipeline)).length,
    },
    leads: leadsOut,
  };
}

/**
 * (stageKey, month, converted) per deal, stage and month in which the deal entered the stage
 * (docs/metrics.md "stage_conversion"): the first stage is entered at createdAt, others at each
 * move into them; only stages of the current pipeline count; converted when a later move (by now)
 * goes to a stage of that pipeline with a greater sort, or to won.
 */
function stageEntries(world: World, lead: LeadPlan, pipelineId: number): [string, string, boolean][] {
  const { cal } = world;
  const firstMove = lead.moves[0];
  const entries: { pipeline: number; status: number; at: number }[] = [
    firstMove
      ? { pipeline: firstMove.fromPipeline, status: firstMove.fromStatus, at: lead.createdAt }
      : { pipeline: lead.startPipeline, status: lead.startStatus, at: lead.createdAt },
  ];
  for (const m of lead.moves) entries.push({ pipeline: m.toPipeline, status: m.toStatus, at: m.at });
  const firstEntry = new Map<string, { key: string; month: string; status: number; at: number }>();
  for (const e of entries) {
    if (e.pipeline !== pipelineId || e.status === WON || e.status === LOST) continue;
    const key = `${e.pipeline}:${e.status}`;
    const month = cal.monthKey(e.at);
    const id = `${key}|${month}`;
    if (!firstEntry.has(id)) firstEntry.set(id, { key, month, status: e.status, at: e.at });
  }
  const out: [string, string, boolean][] = [];
  for (const e of firstEntry.values()) {
    const sort = stageSort(pipelineId, e.status);
    const converted = lead.moves.some(
      (m) =>
        m.at > e.at &&
        m.at <= world.now &&
        m.toPipeline === pipelineId &&
        (m.toStatus === WON || (m.toStatus !== LOST && stageSort(pipelineId, m.toStatus) > sort)),
    );
    out.push([e.key, e.month, converted]);
  }
  return out;
}

function storyFigures(world: World, byMonth: Record<string, MetricParts>): StoryFigures {
  const { config } = world;
  const sum = (ms: string[], f: (p: MetricParts) => number) =>
    ms.reduce((s, m) => s + (byMonth[m] ? f(byMonth[m]) : 0), 0);
  const share = (ms: string[], num: (p: MetricParts) => number, den: (p: MetricParts) => number) => {
    const d = sum(ms, den);
    return d > 0 ? sum(ms, num) / d : 0;
  };
  const before = config.beforeMonths;
  const after = config.afterMonths;
  const perManagerMonth = (ms: string[]) =>
    sum(ms, (p) => p.revenue.numerator) / (world.team.length * ms.length);
  return {
    sla_share_months_1_3: share(
      before,
      (p) => p.sla_share.numerator,
      (p) => p.sla_share.denominator,
    ),
    sla_share_months_5_6: share(
      after,
      (p) => p.sla_share.numerator,
      (p) => p.sla_share.denominator,
    ),
    win_rate_months_1_3: share(
      before,
      (p) => p.win_rate.numerator,
      (p) => p.win_rate.denominator,
    ),
    win_rate_months_5_6: share(
      after,
      (p) => p.win_rate.numerator,
      (p) => p.win_rate.denominator,
    ),
    revenue_per_manager_month_avg_1_3: perManagerMonth(before),
    revenue_per_manager_month_avg_5_6: perManagerMonth(after),
  };
}
