/**
 * Pipelines and their statuses [DOC] (crm_platform/leads_pipelines; pipelines_list.json,
 * pipeline_statuses_list.json). Not paged; `_total_items` is the whole count.
 */
import type { ApiObject } from "../account-data";
import { readWith } from "../query";
import { hal, noContent, type Reply } from "../reply";
import { embeddedOf } from "../store";
import { idParam, selfLinked } from "./common";
import type { RequestContext } from "./context";

function statusesOf(pipeline: ApiObject): ApiObject[] {
  const list = embeddedOf(pipeline)["statuses"];
  return Array.isArray(list) ? (list as ApiObject[]) : [];
}

/** `descriptions` only on the statuses endpoint with `with=descriptions` [DOC]. */
function renderStatus(
  ctx: RequestContext,
  pipelineId: number,
  status: ApiObject,
  descriptions: boolean,
): ApiObject {
  const { descriptions: stored, ...rest } = status;
  const out = selfLinked(
    rest,
    `${ctx.origin}/api/v4/leads/pipelines/${pipelineId}/statuses/${String(status["id"])}`,
  );
  if (descriptions) out["descriptions"] = stored ?? [];
  return out;
}

function renderPipeline(ctx: RequestContext, pipeline: ApiObject): ApiObject {
  const id = Number(pipeline["id"]);
  return selfLinked(pipeline, `${ctx.origin}/api/v4/leads/pipelines/${id}`, {
    statuses: statusesOf(pipeline).map((s) => renderStatus(ctx, id, s, false)),
  });
}

export function listPipelines(ctx: RequestContext): Reply {
  const pipelines = ctx.store.pipelines;
  if (pipelines.length === 0) return noContent();
  return hal({
    _total_items: pipelines.length,
    _links: { self: { href: `${ctx.origin}/api/v4/leads/pipelines` } },
    _embedded: { pipelines: pipelines.map((p) => renderPipeline(ctx, p)) },
  });
}

/** A missing pipeline answers 204 like a missing lead [BELIEF]. */
export function getPipeline(ctx: RequestContext): Reply {
  const pipeline = ctx.store.pipelineById.get(idParam(ctx));
  return pipeline ? hal(renderPipeline(ctx, pipeline)) : noContent();
}

/** The sample has no envelope `_links`, only `_total_items` and `_embedded` [DOC]. */
export function listStatuses(ctx: RequestContext): Reply {
  const id = idParam(ctx);
  const pipeline = ctx.store.pipelineById.get(id);
  const statuses = pipeline ? statusesOf(pipeline) : [];
  if (statuses.length === 0) return noContent();
  const descriptions = readWith(ctx.query).has("descriptions");
  return hal({
    _total_items: statuses.length,
    _embedded: { statuses: statuses.map((s) => renderStatus(ctx, id, s, descriptions)) },
  });
}
