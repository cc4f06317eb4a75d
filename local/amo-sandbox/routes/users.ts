/**
 * GET /api/v4/users and /api/v4/users/{id} [DOC] (crm_platform/users-api; users_list_page.json).
 * limit ≤ 250; `_total_items` and `_page_count` on the list.
 */
import type { ApiObject } from "../account-data";
import { readWith } from "../query";
import { hal, noContent, type Reply } from "../reply";
import { embeddedOf } from "../store";
import { countedList, idParam, selfLinked } from "./common";
import type { RequestContext } from "./context";

/** Top-level fields that need `with` [DOC] (users-api with-list). */
const TOP_LEVEL_WITH = new Set(["uuid", "amojo_id", "user_rank", "phone_number"]);
/** `with=role` → `_embedded.roles`, `with=group` → `_embedded.groups` [DOC]. */
const EMBEDDED_WITH: Record<string, string> = { role: "roles", group: "groups" };

function renderUser(ctx: RequestContext, user: ApiObject, wanted: Set<string>): ApiObject {
  const base: ApiObject = {};
  for (const [key, value] of Object.entries(user)) {
    if (!TOP_LEVEL_WITH.has(key) || wanted.has(key)) base[key] = value;
  }
  const stored = embeddedOf(user);
  const embedded: ApiObject = {};
  for (const [withName, key] of Object.entries(EMBEDDED_WITH)) {
    if (wanted.has(withName)) embedded[key] = stored[key] ?? [];
  }
  // No `_embedded` unless role/group was asked for [BELIEF].
  return selfLinked(
    base,
    `${ctx.origin}/api/v4/users/${String(user["id"])}`,
    Object.keys(embedded).length > 0 ? embedded : undefined,
  );
}

export function listUsers(ctx: RequestContext): Reply {
  const wanted = readWith(ctx.query);
  return countedList(ctx, {
    key: "users",
    items: ctx.store.users,
    accept: () => true,
    maxLimit: 250,
    render: (u) => renderUser(ctx, u, wanted),
    withLast: false,
  });
}

/** A missing user answers 204 like a missing lead [BELIEF]. */
export function getUser(ctx: RequestContext): Reply {
  const user = ctx.store.userById.get(idParam(ctx));
  return user ? hal(renderUser(ctx, user, readWith(ctx.query))) : noContent();
}
