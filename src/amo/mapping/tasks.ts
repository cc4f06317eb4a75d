/** API task → core Task row. */
import type { Task } from "../../core/model";
import type { ApiTask } from "../schemas/entities";
import type { ApiEvent } from "../schemas/events";
import { ms } from "./time";

/**
 * When each task was last completed, from `task_completed` events. Tasks have no completed_at
 * field [DOC tasks-api]; the events of a task are believed to carry `entity_type: "task"` and
 * the task id [BELIEF, reference §8.3 — verify on a live account].
 */
export function taskCompletionTimes(events: Iterable<ApiEvent>): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of events) {
    if (e.type !== "task_completed" || e.entity_type !== "task") continue;
    const at = ms(e.created_at);
    if (at > (out.get(e.entity_id) ?? Number.NEGATIVE_INFINITY)) out.set(e.entity_id, at);
  }
  return out;
}

/**
 * Maps one task. completedAt: the `task_completed` event's time when known, else `updated_at`
 * of a completed task — an approximation, any later edit moves it [BELIEF, reference §7].
 * leadId only for `entity_type: "leads"` (plural for tasks [DOC]).
 */
export function mapTask(t: ApiTask, completedAtFromEvent: number | null = null): Task {
  return {
    id: t.id,
    leadId: t.entity_type === "leads" && typeof t.entity_id === "number" ? t.entity_id : null,
    responsibleUserId: t.responsible_user_id,
    typeId: t.task_type_id,
    text: t.text ?? "",
    createdAt: ms(t.created_at),
    dueAt: ms(t.complete_till),
    isCompleted: t.is_completed,
    completedAt: t.is_completed ? (completedAtFromEvent ?? ms(t.updated_at)) : null,
  };
}
