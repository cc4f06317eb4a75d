/** API lead → core Lead row. */
import { isClosedStatus, type Lead } from "../../core/model";
import type { ApiLead } from "../schemas/entities";
import type { ApiEvent } from "../schemas/events";
import { customFieldText, normalizeChannel, trackingText } from "./fields";
import { ms } from "./time";

export interface LeadMappingOptions {
  /**
   * Lead custom field holding the source. When set, the source is that field's value (empty →
   * null); when not set, amoCRM's own source (`_embedded.source.name`), else the utm_source
   * tracking field, else null — settings.ts: "null = amoCRM's own source / UTM".
   */
  sourceFieldId?: number | null;
  /** Lead custom field holding the segment; else null. */
  segmentFieldId?: number | null;
  /** Lead custom field holding the channel (normalised, see normalizeChannel); else null. */
  channelFieldId?: number | null;
}

function nonEmpty(s: string | null | undefined): string | null {
  return s === null || s === undefined || s.trim() === "" ? null : s.trim();
}

function embeddedLossReasonId(l: ApiLead): number | null {
  const r = l._embedded?.loss_reason;
  if (!r) return null;
  return Array.isArray(r) ? (r[0]?.id ?? null) : r.id;
}

/**
 * Maps one lead. `closedAt` is kept only while the status is 142/143: a reopened lead may still
 * carry its old `closed_at` [BELIEF], and a closed lead without `closed_at` falls back to
 * `updated_at` [BELIEF]. Price: `price_with_minor_units` when sent (same unit as `price`, with the
 * fraction [SDK PR #620]), else `price`.
 */
export function mapLead(
  l: ApiLead,
  opts: LeadMappingOptions = {},
  responsibleAtCreationId: number | null = null,
): Lead {
  const cfv = l.custom_fields_values;
  const source = opts.sourceFieldId
    ? customFieldText(cfv, opts.sourceFieldId)
    : (nonEmpty(l._embedded?.source?.name) ?? trackingText(cfv, "utm_source"));
  return {
    id: l.id,
    name: l.name ?? "",
    price: l.price_with_minor_units ?? l.price ?? 0,
    pipelineId: l.pipeline_id,
    statusId: l.status_id,
    responsibleUserId: l.responsible_user_id,
    responsibleAtCreationId,
    createdAt: ms(l.created_at),
    updatedAt: ms(l.updated_at),
    closedAt: isClosedStatus(l.status_id) ? ms(l.closed_at ?? l.updated_at) : null,
    isDeleted: l.is_deleted ?? false,
    source,
    segment: opts.segmentFieldId ? customFieldText(cfv, opts.segmentFieldId) : null,
    channel: opts.channelFieldId ? normalizeChannel(customFieldText(cfv, opts.channelFieldId)) : null,
    lossReasonId: l.loss_reason_id ?? embeddedLossReasonId(l),
    contactIds: (l._embedded?.contacts ?? []).map((c) => c.id),
  };
}

/**
 * The responsible user at creation, per lead: `value_before` of the earliest
 * `entity_responsible_changed` event on the lead (the responsible before the first change is the
 * one the lead was created with). Leads never reassigned are absent (→ null: same as now).
 * An incremental sync keeps the value it found first: later windows hold later changes only.
 */
export function responsibleAtCreation(events: Iterable<ApiEvent>): Map<number, number> {
  const earliest = new Map<number, { at: number; id: string; userId: number }>();
  for (const e of events) {
    if (e.type !== "entity_responsible_changed" || e.entity_type !== "lead") continue;
    const before = e.value_before?.[0] as { responsible_user?: { id: number } } | undefined;
    const userId = before?.responsible_user?.id;
    if (userId === undefined) continue;
    const seen = earliest.get(e.entity_id);
    if (!seen || e.created_at < seen.at || (e.created_at === seen.at && e.id < seen.id)) {
      earliest.set(e.entity_id, { at: e.created_at, id: e.id, userId });
    }
  }
  return new Map([...earliest].map(([leadId, v]) => [leadId, v.userId]));
}
