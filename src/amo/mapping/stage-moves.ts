/** `lead_status_changed` events → StageMove rows [DOC §8.3 value shapes]. */
import type { StageMove } from "../../core/model";
import type { ApiEvent } from "../schemas/events";
import { ms } from "./time";

type LeadStatusValue = { lead_status?: { id: number; pipeline_id: number } };

/**
 * A stage move, or null when the event is not a lead's status change or has no target status
 * (value shapes are checked by the schema; an empty `value_after` is the only gap left).
 */
export function mapStageMove(e: ApiEvent): StageMove | null {
  if (e.type !== "lead_status_changed" || e.entity_type !== "lead") return null;
  const to = (e.value_after?.[0] as LeadStatusValue | undefined)?.lead_status;
  if (!to) return null;
  const from = (e.value_before?.[0] as LeadStatusValue | undefined)?.lead_status;
  return {
    id: e.id,
    leadId: e.entity_id,
    at: ms(e.created_at),
    fromPipelineId: from?.pipeline_id ?? null,
    fromStatusId: from?.id ?? null,
    toPipelineId: to.pipeline_id,
    toStatusId: to.id,
    byUserId: e.created_by,
  };
}
