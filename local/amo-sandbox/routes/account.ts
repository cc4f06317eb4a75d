/**
 * GET /api/v4/account [DOC] (crm_platform/account-info; account_with_all.json). The base fields are
 * always served; each `with=` value adds its top-level field or `_embedded` part, and only then.
 */
import type { ApiObject } from "../account-data";
import { readWith } from "../query";
import { hal, type Reply } from "../reply";
import { embeddedOf } from "../store";
import type { RequestContext } from "./context";

/** Top-level fields that need `with` [DOC]. `uuid` is not in the with-list, so it counts as base [BELIEF]. */
const TOP_LEVEL_WITH = new Set([
  "amojo_id",
  "version",
  "entity_names",
  "drive_url",
  "is_api_filter_enabled",
  "invoices_settings",
]);
/** `_embedded` parts that need `with` [DOC]. */
const EMBEDDED_WITH = ["amojo_rights", "users_groups", "task_types", "datetime_settings"];

export function getAccount(ctx: RequestContext): Reply {
  const stored = ctx.store.account;
  const wanted = readWith(ctx.query);
  const out: ApiObject = {};
  for (const [key, value] of Object.entries(stored)) {
    if (key === "_links" || key === "_embedded") continue;
    if (TOP_LEVEL_WITH.has(key) && !wanted.has(key)) continue;
    out[key] = value;
  }
  out["subdomain"] = ctx.subdomain;
  // The switch of the sandbox decides what the account says about API filtering.
  if (wanted.has("is_api_filter_enabled")) out["is_api_filter_enabled"] = ctx.apiFilterEnabled;
  out["_links"] = { self: { href: `${ctx.origin}/api/v4/account` } };
  const storedEmbedded = embeddedOf(stored);
  const embedded: ApiObject = {};
  for (const key of EMBEDDED_WITH) {
    if (wanted.has(key) && storedEmbedded[key] !== undefined) embedded[key] = storedEmbedded[key];
  }
  // Without any embedded part asked for, `_embedded` is left out [BELIEF]: the stricter choice, a
  // client must not count on it.
  if (Object.keys(embedded).length > 0) out["_embedded"] = embedded;
  return hal(out);
}
