/**
 * GET /api/v4/leads/loss_reasons and /{id} [DOC] (Kommo reference "loss-reasons", 2026-02; fields of
 * loss_reasons_embedded_in_lead.json). No list page was ever published: a paged envelope without
 * totals like the other entity lists, limit ≤ 250 [BELIEF].
 */
import type { ApiObject } from "../account-data";
import { hal, noContent, type Reply } from "../reply";
import { idParam, pagedList, selfLinked } from "./common";
import type { RequestContext } from "./context";

export function renderLossReason(origin: string, reason: ApiObject): ApiObject {
  return selfLinked(reason, `${origin}/api/v4/leads/loss_reasons/${String(reason["id"])}`);
}

export function listLossReasons(ctx: RequestContext): Reply {
  return pagedList(ctx, {
    key: "loss_reasons",
    items: ctx.store.lossReasons,
    accept: () => true,
    maxLimit: 250,
    render: (r) => renderLossReason(ctx.origin, r),
  });
}

export function getLossReason(ctx: RequestContext): Reply {
  const reason = ctx.store.lossReasonById.get(idParam(ctx));
  return reason ? hal(renderLossReason(ctx.origin, reason)) : noContent();
}
