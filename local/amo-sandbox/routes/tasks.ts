/**
 * GET /api/v4/tasks and /api/v4/tasks/{id} [DOC] (crm_platform/tasks-api; tasks_list_page.json,
 * task_by_id_completed_with_result.json). limit ≤ 250; filters and `order[created_at|complete_till|id]`.
 */
import type { ApiObject } from "../account-data";
import { allOf, compileFilters, type FieldRule } from "../filters";
import { FilterError, readOrder } from "../query";
import { hal, noContent, type Reply } from "../reply";
import { ID_ASC, idParam, ordered, pagedList, selfLinked } from "./common";
import type { RequestContext } from "./context";

const TASK_RULES: Record<string, FieldRule> = {
  id: { kind: "ints" },
  responsible_user_id: { kind: "ints" },
  // `filter[is_completed]=1` and the docs example's `filter[is_completed][]=1` [DOC].
  is_completed: { kind: "bool" },
  task_type: { kind: "ints", field: "task_type_id" },
  // The SDK sends the old name too [SDK] (TasksFilter.php).
  task_type_id: { kind: "ints" },
  created_by: { kind: "ints" },
  entity_type: { kind: "strings" },
  entity_id: { kind: "ints" },
  // A bare timestamp means "changed after" here [DOC].
  updated_at: { kind: "range", scalar: "after" },
};

export function renderTask(origin: string, task: ApiObject): ApiObject {
  return selfLinked(task, `${origin}/api/v4/tasks/${String(task["id"])}`);
}

export function listTasks(ctx: RequestContext): Reply {
  const filter = ctx.query["filter"];
  // "To use it, pass filter[entity_type]" [DOC]; without it the sandbox answers 400 [BELIEF], as
  // the events endpoint does for the same mistake [ISSUE] #522.
  if (
    typeof filter === "object" &&
    filter["entity_id"] !== undefined &&
    filter["entity_type"] === undefined
  ) {
    throw new FilterError(
      "filter.entity_type",
      "NotBlank",
      "filter[entity_id] requires filter[entity_type].",
    );
  }
  const { tests } = compileFilters(filter, TASK_RULES);
  const matches = allOf(tests);
  return pagedList(ctx, {
    key: "tasks",
    items: ordered(ctx.store.tasks, readOrder(ctx.query, ["created_at", "complete_till", "id"]), ID_ASC),
    accept: matches,
    maxLimit: 250,
    render: (t) => renderTask(ctx.origin, t),
  });
}

/** A missing task answers 204 like a missing lead [BELIEF]. */
export function getTask(ctx: RequestContext): Reply {
  const task = ctx.store.taskById.get(idParam(ctx));
  return task ? hal(renderTask(ctx.origin, task)) : noContent();
}
