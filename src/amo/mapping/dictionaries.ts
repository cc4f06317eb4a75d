/** Users, stages, loss reasons. */
import {
  LOST_STATUS_ID,
  type LossReason,
  type Stage,
  type StageKind,
  type User,
  WON_STATUS_ID,
} from "../../core/model";
import type { ApiLossReason, ApiPipeline, ApiStatus, ApiUser } from "../schemas/dictionaries";
import type { ApiLead } from "../schemas/entities";

/** Inactive users keep owning leads, so they stay in the list [BELIEF]. */
export function mapUser(u: ApiUser): User {
  return {
    id: u.id,
    name: u.name,
    isActive: u.rights.is_active,
    groupId: u.rights.group_id ?? u._embedded?.groups?.[0]?.id ?? null,
  };
}

/** 142 won, 143 lost in every pipeline; status type 1 = unsorted [DOC leads_pipelines]. */
export function stageKind(s: ApiStatus): StageKind {
  if (s.id === WON_STATUS_ID) return "won";
  if (s.id === LOST_STATUS_ID) return "lost";
  return s.type === 1 ? "unsorted" : "open";
}

export function mapStages(pipelines: readonly ApiPipeline[]): Stage[] {
  return pipelines.flatMap((p) =>
    p._embedded.statuses.map((s) => ({
      pipelineId: p.id,
      statusId: s.id,
      pipelineName: p.name,
      name: s.name,
      sort: s.sort,
      kind: stageKind(s),
    })),
  );
}

export function mapLossReasons(reasons: readonly ApiLossReason[]): LossReason[] {
  return reasons.map((r) => ({ id: r.id, name: r.name }));
}

/** Loss reasons seen in leads (`with=loss_reason`), for accounts without the list endpoint. */
export function lossReasonsFromLeads(leads: Iterable<ApiLead>): LossReason[] {
  const byId = new Map<number, LossReason>();
  for (const l of leads) {
    const r = l._embedded?.loss_reason;
    for (const x of r ? (Array.isArray(r) ? r : [r]) : []) byId.set(x.id, { id: x.id, name: x.name });
  }
  return [...byId.values()];
}
