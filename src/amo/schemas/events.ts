/**
 * Events and notes. Their payloads vary by type, so the base schema keeps `value_after` /
 * `value_before` / `params` open and a per-type refinement checks only the shapes the add-on
 * reads (verbatim from the docs' table, sample event_value_structures_by_type.json).
 */

import { lazySchema } from "../../core/schema/lazy";
import * as z from "../../core/schema/zod";
import { unixSchema } from "./common";

/** `[{"lead_status": {"id": 5233224, "pipeline_id": 437642}}]` [DOC]. */
export const leadStatusValueSchema = lazySchema(() =>
  z.looseObject({
    lead_status: z.looseObject({ id: z.number(), pipeline_id: z.number() }),
  }),
);

/** `[{"responsible_user": {"id": 504329}}]` [DOC]. */
export const responsibleValueSchema = lazySchema(() =>
  z.looseObject({
    responsible_user: z.looseObject({ id: z.number() }),
  }),
);

/** `[{"note": {"id": 7422564}}]`: calls/SMS point at the note holding the details [DOC]. */
export const noteValueSchema = lazySchema(() =>
  z.looseObject({
    note: z.looseObject({ id: z.number() }),
  }),
);

/** The value shapes the add-on reads, by event type. Other types are not checked. */
const VALUE_SHAPES: Record<string, z.ZodType> = {
  lead_status_changed: leadStatusValueSchema,
  entity_responsible_changed: responsibleValueSchema,
  incoming_call: noteValueSchema,
  outgoing_call: noteValueSchema,
  incoming_sms: noteValueSchema,
  outgoing_sms: noteValueSchema,
};

const valueListSchema = lazySchema(() => z.array(z.record(z.string(), z.unknown())).nullable().optional());

/** Checks `value` against `schema` and re-reports its issues under `path` of the outer object. */
function checkNested(
  ctx: z.RefinementCtx,
  schema: z.ZodType,
  value: unknown,
  path: (string | number)[],
): void {
  const r = schema.safeParse(value);
  if (r.success) return;
  for (const issue of r.error.issues) {
    ctx.addIssue({ ...issue, path: [...path, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
  }
}

/**
 * `GET /api/v4/events` item [DOC events-and-notes §8.2; sample events_list_page.json]. `id` is a
 * string; `entity_type` singular; `created_by: 0` = robot/system [OBS]; chat events linked to a
 * talk carry `linked_talk_contact_id` [DOC].
 */
export const eventSchema = lazySchema(() =>
  z
    .looseObject({
      id: z.string(),
      type: z.string(),
      entity_id: z.number(),
      entity_type: z.string(),
      created_by: z.number(),
      created_at: unixSchema,
      value_after: valueListSchema,
      value_before: valueListSchema,
      account_id: z.number().optional(),
      linked_talk_contact_id: z.number().nullable().optional(),
      _embedded: z.looseObject({ entity: z.looseObject({ id: z.number() }).optional() }).optional(),
    })
    .superRefine((e, ctx) => {
      const shape = VALUE_SHAPES[e.type];
      if (!shape) return;
      for (const side of ["value_after", "value_before"] as const) {
        (e[side] ?? []).forEach((item, i) => {
          checkNested(ctx, shape, item, [side, i]);
        });
      }
    }),
);
export type ApiEvent = z.infer<typeof eventSchema>;

/**
 * `params` of `call_in` / `call_out` notes [DOC calls-api; SDK CallInterface; sample
 * note_call_in_sdk_fixture.json]. call_status 4 = conversation took place. Telephony widgets fill
 * these inconsistently [BELIEF], so numbers sent as strings are accepted and converted later.
 */
export const callParamsSchema = lazySchema(() =>
  z.looseObject({
    uniq: z.string().nullable().optional(),
    duration: z.union([z.number(), z.string()]).nullable().optional(),
    source: z.string().nullable().optional(),
    link: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    call_result: z.string().nullable().optional(),
    call_status: z.union([z.number(), z.string()]).nullable().optional(),
    call_responsible: z.union([z.number(), z.string()]).nullable().optional(),
  }),
);
export type ApiCallParams = z.infer<typeof callParamsSchema>;

export const CALL_NOTE_TYPES = ["call_in", "call_out"] as const;

/**
 * `GET /api/v4/{leads|contacts}/notes` item [DOC §9; samples notes_list_page.json,
 * notes_by_entity_page.json]. No entity_type in the body (it is in the path).
 */
export const noteSchema = lazySchema(() =>
  z
    .looseObject({
      id: z.number(),
      entity_id: z.number(),
      created_by: z.number(),
      updated_by: z.number().optional(),
      created_at: unixSchema,
      updated_at: unixSchema,
      responsible_user_id: z.number().optional(),
      group_id: z.number().optional(),
      note_type: z.string(),
      params: z.record(z.string(), z.unknown()).nullable().optional(),
      account_id: z.number().optional(),
      is_pinned: z.boolean().optional(),
    })
    .superRefine((n, ctx) => {
      if ((CALL_NOTE_TYPES as readonly string[]).includes(n.note_type)) {
        checkNested(ctx, callParamsSchema, n.params ?? {}, ["params"]);
      }
    }),
);
export type ApiNote = z.infer<typeof noteSchema>;

/** `GET /api/v4/events/types` item [DOC; sample events_types_real_account_excerpt.json]. */
export const eventTypeSchema = lazySchema(() =>
  z.looseObject({
    key: z.string(),
    type: z.number(),
    lang: z.string().nullable().optional(),
  }),
);
