/**
 * POST /api/v4/tasks: batch add [DOC] (crm_platform/tasks-api "Добавление задач"). Required: `text`
 * and `complete_till`. Answers 200 with `_embedded.tasks[{id, request_id, _links}]` [DOC]; more than
 * 250 items → 422 (error_422_limit.json) [DOC] (Kommo http-codes); invalid items → 400 with
 * `validation-errors` (error_400_validation.json) and nothing is added [BELIEF: all or nothing].
 */
import type { ApiObject } from "../account-data";
import { numberField } from "../filters";
import { addLimitExceeded, emptyRequest, type ValidationItem, validationFailed } from "../problems";
import { hal, type Reply } from "../reply";
import { embeddedOf } from "../store";
import type { RequestContext } from "./context";

export const MAX_ADD_BATCH = 250;
const ENTITY_TYPES = ["leads", "contacts", "companies", "customers"];
const INT_FIELDS = [
  "responsible_user_id",
  "entity_id",
  "task_type_id",
  "duration",
  "created_by",
  "updated_by",
  "created_at",
  "updated_at",
];

type Issue = ValidationItem["errors"][number];

const invalidType = (path: string, type: string): Issue => ({
  code: "InvalidType",
  path,
  detail: `This value should be of type ${type}.`,
});
const notBlank = (path: string): Issue => ({
  code: "NotBlank",
  path,
  detail: "This value should not be blank.",
});
const notSupported = (path: string): Issue => ({
  code: "NotSupportedChoice",
  path,
  detail: "The value you selected is not a valid choice.",
});

function taskTypeIds(ctx: RequestContext): Set<number> {
  const types = embeddedOf(ctx.store.account)["task_types"];
  const ids = Array.isArray(types) ? (types as ApiObject[]).map((t) => numberField(t, "id")) : [];
  // The two system types always exist [DOC] (tasks-api: 1 call, 2 meeting).
  return new Set([1, 2, ...ids.filter((id): id is number => id !== null)]);
}

/** Code names and wording follow the published samples; which checks the server makes is [BELIEF]. */
function validate(ctx: RequestContext, item: unknown): Issue[] {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return [invalidType("", "object")];
  const t = item as ApiObject;
  const issues: Issue[] = [];
  if (t["text"] === undefined || t["text"] === "") issues.push(notBlank("text"));
  else if (typeof t["text"] !== "string") issues.push(invalidType("text", "string"));
  if (t["complete_till"] === undefined) issues.push(notBlank("complete_till"));
  else if (!Number.isInteger(t["complete_till"])) issues.push(invalidType("complete_till", "int"));
  for (const key of INT_FIELDS) {
    if (t[key] !== undefined && t[key] !== null && !Number.isInteger(t[key]))
      issues.push(invalidType(key, "int"));
  }
  if (t["is_completed"] !== undefined && typeof t["is_completed"] !== "boolean") {
    issues.push(invalidType("is_completed", "bool"));
  }
  if (t["request_id"] !== undefined && typeof t["request_id"] !== "string") {
    issues.push(invalidType("request_id", "string"));
  }
  const result = t["result"];
  if (result !== undefined && (typeof result !== "object" || result === null || Array.isArray(result))) {
    issues.push(invalidType("result", "object"));
  } else if (result !== undefined && typeof (result as ApiObject)["text"] !== "string") {
    issues.push(invalidType("result.text", "string"));
  }
  if (issues.length > 0) return issues;

  const entityType = t["entity_type"];
  if (entityType !== undefined && entityType !== null && !ENTITY_TYPES.includes(String(entityType))) {
    issues.push(notSupported("entity_type"));
  }
  if (
    t["entity_id"] !== undefined &&
    t["entity_id"] !== null &&
    (entityType === undefined || entityType === null)
  ) {
    issues.push(notBlank("entity_type"));
  }
  const entityId = t["entity_id"] as number | undefined;
  if (entityId !== undefined && entityType === "leads" && !ctx.store.leadById.has(entityId)) {
    issues.push(notSupported("entity_id"));
  }
  if (entityId !== undefined && entityType === "contacts" && !ctx.store.contactById.has(entityId)) {
    issues.push(notSupported("entity_id"));
  }
  const responsible = t["responsible_user_id"] as number | undefined;
  if (responsible !== undefined && !ctx.store.userById.has(responsible))
    issues.push(notSupported("responsible_user_id"));
  const taskType = t["task_type_id"] as number | undefined;
  if (taskType !== undefined && !taskTypeIds(ctx).has(taskType)) issues.push(notSupported("task_type_id"));
  return issues;
}

/** The stored task, in the field order of tasks_list_page.json. */
function buildTask(ctx: RequestContext, input: ApiObject, id: number): ApiObject {
  const now = Math.floor(ctx.nowMs / 1000);
  // Defaults are "the current user" [DOC]: the account's current_user_id.
  const currentUser = numberField(ctx.store.account, "current_user_id") ?? 0;
  const responsible = (input["responsible_user_id"] as number | undefined) ?? currentUser;
  const rights = ctx.store.userById.get(responsible)?.["rights"] as ApiObject | undefined;
  const createdBy = (input["created_by"] as number | undefined) ?? currentUser;
  return {
    id,
    created_by: createdBy,
    updated_by: (input["updated_by"] as number | undefined) ?? createdBy,
    created_at: (input["created_at"] as number | undefined) ?? now,
    updated_at: (input["updated_at"] as number | undefined) ?? now,
    responsible_user_id: responsible,
    group_id: (rights ? numberField(rights, "group_id") : null) ?? 0,
    entity_id: input["entity_id"] ?? null,
    entity_type: input["entity_type"] ?? null,
    duration: input["duration"] ?? 0,
    is_completed: input["is_completed"] ?? false,
    task_type_id: input["task_type_id"] ?? 1,
    text: input["text"],
    // `[]` when there is no result [DOC].
    result: input["result"] ?? [],
    complete_till: input["complete_till"],
    account_id: ctx.store.accountId,
  };
}

export function addTasks(ctx: RequestContext): Reply {
  const body = ctx.body;
  if (body === undefined || body === null || (Array.isArray(body) && body.length === 0))
    return emptyRequest();
  if (!Array.isArray(body)) {
    return validationFailed([{ request_id: "0", errors: [invalidType("", "array")] }]);
  }
  if (body.length > MAX_ADD_BATCH) return addLimitExceeded();
  const requestIdOf = (item: unknown, i: number) => {
    const rid = typeof item === "object" && item !== null ? (item as ApiObject)["request_id"] : undefined;
    return typeof rid === "string" ? rid : String(i);
  };
  const failures: ValidationItem[] = [];
  body.forEach((item, i) => {
    const errors = validate(ctx, item);
    if (errors.length > 0) failures.push({ request_id: requestIdOf(item, i), errors });
  });
  if (failures.length > 0) return validationFailed(failures);

  const created = body.map((item: ApiObject, i) => {
    const task = buildTask(ctx, item, ctx.store.nextTaskId());
    ctx.store.addTask(task);
    const href = `${ctx.origin}/api/v4/tasks/${String(task["id"])}`;
    return { id: task["id"], request_id: requestIdOf(item, i), _links: { self: { href } } };
  });
  return hal({ _links: { self: { href: `${ctx.origin}/api/v4/tasks` } }, _embedded: { tasks: created } });
}
