/**
 * Phase 6: freeze the account at "now". The plan runs past it (deals close in the future, tasks get
 * done next week); here everything after now is cut off, exactly as a real account looks at that
 * moment: later moves, touches and completions do not exist, a deal closing later is open, a task
 * done later is open. Both the emitters and the truth read the plan after this.
 *
 * `freezeAt` does the same for an earlier instant (generateAccount's `asOf`) on a plan already
 * frozen at now and numbered: leads created later do not exist yet, a lead deleted later is not
 * deleted, a reassignment later has not happened, and `world.now` becomes that instant (the truth
 * is computed there). Freezing twice is freezing once at the earlier instant.
 */
import { LOST, WON } from "./dictionaries";
import type { LeadPlan, LeadState, TaskPlan } from "./plan-types";
import type { World } from "./world";
import { responsibleAt } from "./world";

function truncateTask(task: TaskPlan, now: number): boolean {
  if (task.createdAt > now) return false;
  if (task.completedAt !== null && task.completedAt > now) task.completedAt = null;
  if (task.deadlineChange && task.deadlineChange.at > now) {
    // The move of the deadline has not happened yet: the task still has its earlier deadline.
    task.dueAt = task.deadlineChange.before;
    task.deadlineChange = null;
  }
  return true;
}

export function truncateAtNow(world: World): void {
  for (const lead of world.leads) {
    if (lead.deleteAt !== null && lead.deleteAt > world.now) throw new Error("a lead is deleted after now");
  }
  freezeAt(world, world.now);
}

export function freezeAt(world: World, now: number): void {
  // Leads are in creation order (idx = position), so the ones that exist form a prefix and every
  // idx kept stays valid.
  const count = world.leads.findIndex((l) => l.createdAt > now);
  if (count >= 0) world.leads.length = count;
  for (const lead of world.leads) {
    if (lead.deleteAt !== null && lead.deleteAt > now) {
      lead.deleteAt = null;
      lead.deletedBy = 0;
    }
    const end = lead.deleteAt ?? now;
    lead.moves = lead.moves.filter((m) => m.at <= end).sort((a, b) => a.at - b.at);
    assertMoveChain(lead);
    lead.tasks = lead.tasks.filter((t) => truncateTask(t, end)).sort((a, b) => a.createdAt - b.createdAt);
    // A meeting counts only once held and marked done by now.
    lead.touches = lead.touches
      .filter((t) => t.at <= end && (t.kind !== "meeting" || (t.task?.completedAt ?? null) !== null))
      .sort((a, b) => a.at - b.at);
    if (lead.reassign && lead.reassign.at > now) lead.reassign = null;
    if (lead.closeAt !== null && lead.closeAt > now) {
      lead.closeAt = null;
      lead.outcome = null;
      lead.lossReasonId = null;
    }
    if (lead.firstTouchAt !== null && lead.firstTouchAt > now) lead.firstTouchAt = null;
  }
  // Contacts keep their idx (leads and tasks point at them); the emitter leaves out the ones
  // created after now. Their lead lists lose the leads that do not exist yet.
  const leadCount = world.leads.length;
  for (const c of world.contacts) {
    if (c.leadIdxs.some((i) => i >= leadCount)) c.leadIdxs = c.leadIdxs.filter((i) => i < leadCount);
  }
  world.otherTasks = world.otherTasks.filter((t) => truncateTask(t, now));
  world.now = now;
}

/** Stage moves form one chain (each starts where the previous ended), strictly in time order. */
export function assertMoveChain(lead: LeadPlan): void {
  let at = lead.createdAt;
  let where = `${lead.startPipeline}:${lead.startStatus}`;
  for (const m of lead.moves) {
    if (m.at <= at || `${m.fromPipeline}:${m.fromStatus}` !== where) {
      throw new Error(`lead ${lead.idx}: broken stage-move chain at ${m.at}`);
    }
    at = m.at;
    where = `${m.toPipeline}:${m.toStatus}`;
  }
}

/** The lead as the API shows it at now. */
export function leadState(lead: LeadPlan): LeadState {
  const last = lead.moves[lead.moves.length - 1];
  const pipelineId = last ? last.toPipeline : lead.startPipeline;
  const statusId = last ? last.toStatus : lead.startStatus;
  const closedAt = statusId === WON || statusId === LOST ? (last?.at ?? null) : null;
  return {
    pipelineId,
    statusId,
    responsible: responsibleAt(lead, Number.POSITIVE_INFINITY),
    closedAt,
    won: statusId === WON,
    lost: statusId === LOST,
  };
}
