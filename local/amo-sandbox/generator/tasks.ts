/**
 * Tasks: the next step a manager sets at the start of each stage, meetings, and a few tasks not on
 * any deal. A stage task is completed when the deal moves on (that completion time is what the API
 * shows as the task_completed event and the task's updated_at). Whether it is late is drawn from
 * the manager's discipline that month; a task set for a stage that then drags on for weeks is late
 * almost always — stale deals carry overdue tasks, as in real accounts.
 */
import { DAY, HOUR, MINUTE } from "./calendar";
import { TASK_TYPE_CALL, TASK_TYPE_MEETING } from "./dictionaries";
import type { LeadPlan, TaskPlan } from "./plan-types";
import type { Rng } from "./prng";
import { profileAt } from "./team";
import { ceil5 } from "./timing";
import { manager, responsibleAt, type World } from "./world";

const RESULTS = [
  "Сделано",
  "Клиент в курсе, ждём решения",
  "Договорились о следующем шаге",
  "Отправил материалы",
  "Перенесли на следующую неделю",
];

function discipline(world: World, managerId: number, t: number) {
  return profileAt(world.config, manager(world, managerId), world.cal.monthKey(t));
}

/**
 * A deadline for a task created at `createdAt` and completed at `completedAt` (which may lie after
 * now: then the task is open at now). `late` decides which side of the completion it falls on.
 */
function deadlineFor(world: World, createdAt: number, completedAt: number, late: boolean, rng: Rng): number {
  if (late) {
    const span = completedAt - createdAt;
    const due = ceil5(createdAt + Math.max(30 * MINUTE, span * rng.range(0.15, 0.85)));
    return due < completedAt ? due : ceil5(createdAt + 30 * MINUTE);
  }
  let due = ceil5(completedAt + rng.range(10 * MINUTE, 2 * DAY));
  // A task completed by now is never due after now: its month would otherwise lie past the
  // scenario (docs/metrics.md puts tasks in the month of their deadline).
  if (completedAt <= world.now && due > world.now)
    due = completedAt + Math.floor((world.now - completedAt) * rng.next());
  return due;
}

export function stageTask(
  world: World,
  lead: LeadPlan,
  text: string,
  createdAt: number,
  completedAt: number,
  rng: Rng,
): TaskPlan {
  const owner = responsibleAt(lead, createdAt);
  const p = discipline(world, owner, createdAt);
  const late = completedAt - createdAt > 10 * DAY ? rng.chance(0.85) : rng.chance(p.overdue);
  const dueAt = deadlineFor(world, createdAt, completedAt, late, rng);
  return finishTask(
    lead,
    {
      leadIdx: lead.idx,
      contactIdx: null,
      responsible: owner,
      createdBy: owner,
      type: TASK_TYPE_CALL,
      text,
      createdAt,
      dueAt,
      completedAt,
      completedBy: responsibleAt(lead, completedAt),
      result: null,
      deadlineChange: null,
      id: 0,
    },
    rng,
  );
}

/** Result text and, now and then, a deadline that was moved once before the final one. */
function finishTask(lead: LeadPlan | null, task: TaskPlan, rng: Rng): TaskPlan {
  task.result = rng.chance(0.6) ? rng.pick(RESULTS) : null;
  if (rng.chance(0.06)) {
    const before = ceil5(task.dueAt - Math.floor(rng.range(2 * HOUR, 2 * DAY)));
    const until = Math.min(before, task.completedAt ?? Number.POSITIVE_INFINITY, task.dueAt);
    if (before > task.createdAt + 10 * MINUTE && until - task.createdAt > 10 * MINUTE) {
      const at = task.createdAt + 5 * MINUTE + Math.floor(rng.range(0, until - task.createdAt - 10 * MINUTE));
      task.deadlineChange = { at, before, by: lead ? responsibleAt(lead, at) : task.responsible };
    }
  }
  return task;
}

/**
 * A meeting on a deal: scheduled inside (lo, hi), held, then marked completed (the touch). Null when
 * the stage is too short to hold one.
 */
export function meetingTask(world: World, lead: LeadPlan, lo: number, hi: number, rng: Rng): TaskPlan | null {
  const { cal } = world;
  if (hi - lo < 6 * HOUR) return null;
  const createdAt = lo + rng.int(2, 30) * MINUTE;
  let meetAt = lo + Math.floor((hi - lo) * rng.range(0.3, 0.75));
  if (!cal.isWorkingTime(meetAt)) meetAt = cal.nextWorkingMoment(meetAt) + rng.int(1, 6) * 30 * MINUTE;
  meetAt = ceil5(meetAt);
  // Deadline: the end of the meeting's day (how most managers set meetings), inside the stage.
  const dayEnd = cal.dayStart(cal.dayOf(meetAt)) + 23 * HOUR + 59 * MINUTE;
  const dueAt = Math.min(dayEnd, hi - 10 * MINUTE);
  if (dueAt <= createdAt + HOUR || meetAt >= dueAt) return null;
  const owner = responsibleAt(lead, createdAt);
  const late = rng.chance(discipline(world, owner, createdAt).overdue);
  let completedAt = meetAt + rng.int(60, 150) * MINUTE + rng.int(0, 59);
  if (late) {
    const lateAt = dueAt + rng.int(60, 48 * 60) * MINUTE;
    if (lateAt < hi - 5 * MINUTE) completedAt = lateAt;
  }
  if (completedAt >= hi - 5 * MINUTE) completedAt = Math.min(dueAt, hi - 6 * MINUTE);
  if (completedAt <= meetAt) return null;
  return finishTask(
    lead,
    {
      leadIdx: lead.idx,
      contactIdx: null,
      responsible: owner,
      createdBy: owner,
      type: TASK_TYPE_MEETING,
      text: "Встреча с клиентом в офисе",
      createdAt,
      dueAt,
      completedAt,
      completedBy: responsibleAt(lead, completedAt),
      result: null,
      deadlineChange: null,
      id: 0,
    },
    rng,
  );
}

const OTHER_TASK_TEXTS = [
  "Поздравить с праздником",
  "Напомнить об оплате",
  "Запросить отзыв",
  "Уточнить реквизиты",
];

/**
 * Tasks not on a deal: a couple a month per manager on one of their contacts, and a few on no
 * entity at all. They count in overdue_share for their responsible user with source "(none)".
 */
export function planOtherTasks(world: World, rng: Rng): void {
  const { cal } = world;
  const byOwner = new Map<number, number[]>();
  for (const c of world.contacts) {
    if (c.createdAt < world.start) continue;
    const list = byOwner.get(c.responsible) ?? [];
    list.push(c.idx);
    byOwner.set(c.responsible, list);
  }
  for (const m of world.team) {
    const contacts = byOwner.get(m.id) ?? [];
    for (const month of world.months) {
      const n = rng.int(1, 3);
      for (let i = 0; i < n; i++) {
        const monthStart = cal.parseLocal(`${month}-01`);
        const createdAt = cal.nextWorkingMoment(monthStart + Math.floor(rng.range(0, 27 * DAY)));
        if (createdAt > world.now - 2 * HOUR) continue;
        const candidates = contacts.filter((idx) => (world.contacts[idx]?.createdAt ?? Infinity) < createdAt);
        const onNothing = rng.chance(0.08) || candidates.length === 0;
        const p = discipline(world, m.id, createdAt);
        const completedAt = rng.chance(0.9)
          ? cal.nextWorkingMoment(createdAt + Math.floor(rng.range(HOUR, 6 * DAY)))
          : Number.POSITIVE_INFINITY;
        const late = rng.chance(p.overdue);
        const due = Number.isFinite(completedAt)
          ? deadlineFor(world, createdAt, completedAt, late, rng)
          : ceil5(createdAt + Math.floor(rng.range(HOUR, 10 * DAY)));
        world.otherTasks.push(
          finishTask(
            null,
            {
              leadIdx: null,
              contactIdx: onNothing ? null : rng.pick(candidates),
              responsible: m.id,
              createdBy: m.id,
              type: TASK_TYPE_CALL,
              text: rng.pick(OTHER_TASK_TEXTS),
              createdAt,
              dueAt: due,
              completedAt: Number.isFinite(completedAt) ? completedAt : null,
              completedBy: m.id,
              result: null,
              deadlineChange: null,
              id: 0,
            },
            rng,
          ),
        );
      }
    }
  }
}
