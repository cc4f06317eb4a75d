/** Leads, deleted-lead stubs, contacts, tasks. */

import { lazySchema } from "../../core/schema/lazy";
import * as z from "../../core/schema/zod";
import { customFieldsValuesSchema, entityRefSchema, tagSchema, unixSchema } from "./common";
import { lossReasonSchema } from "./dictionaries";

/**
 * `GET /api/v4/leads` item [DOC leads-api §5.1; samples leads_list_page.json,
 * lead_by_id_with_embedded.json]. `_embedded.contacts/loss_reason/source` come only with the
 * matching `with=`; `loss_reason` is an array in the docs' example though the field table says
 * object, so both are accepted.
 */
export const leadSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    // Believed always a string; null tolerated (mapped to "") rather than failing a whole sync.
    name: z.string().nullable(),
    price: z.number().nullable(),
    /** Newer accounts: price with the fractional part [SDK PR #620]. */
    price_with_minor_units: z.number().nullable().optional(),
    responsible_user_id: z.number(),
    group_id: z.number().optional(),
    status_id: z.number(),
    pipeline_id: z.number(),
    loss_reason_id: z.number().nullable().optional(),
    source_id: z.number().nullable().optional(),
    created_by: z.number().optional(),
    updated_by: z.number().optional(),
    created_at: unixSchema,
    updated_at: unixSchema,
    closed_at: unixSchema.nullable().optional(),
    closest_task_at: unixSchema.nullable().optional(),
    is_deleted: z.boolean().optional(),
    custom_fields_values: customFieldsValuesSchema,
    score: z.number().nullable().optional(),
    account_id: z.number().optional(),
    _embedded: z
      .looseObject({
        tags: z.array(tagSchema).optional(),
        companies: z.array(entityRefSchema).optional(),
        contacts: z.array(entityRefSchema.extend({ is_main: z.boolean().optional() })).optional(),
        loss_reason: z
          .union([z.array(lossReasonSchema), lossReasonSchema])
          .nullable()
          .optional(),
        source: z.looseObject({ id: z.number(), name: z.string() }).nullable().optional(),
      })
      .optional(),
  }),
);
export type ApiLead = z.infer<typeof leadSchema>;

/** `with=only_deleted` items: only id, updated_at, updated_by, is_deleted [DOC §5.1]. */
export const deletedLeadSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    updated_at: unixSchema,
    updated_by: z.number().optional(),
    is_deleted: z.boolean().optional(),
  }),
);
export type ApiDeletedLead = z.infer<typeof deletedLeadSchema>;

/** `GET /api/v4/contacts` item [DOC contacts-api; samples contacts_list_page.json, contact_by_id.json]. */
export const contactSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string().nullable(),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    responsible_user_id: z.number(),
    group_id: z.number().optional(),
    created_by: z.number().optional(),
    updated_by: z.number().optional(),
    created_at: unixSchema,
    updated_at: unixSchema,
    is_deleted: z.boolean().optional(),
    closest_task_at: unixSchema.nullable().optional(),
    custom_fields_values: customFieldsValuesSchema,
    account_id: z.number().optional(),
    _embedded: z
      .looseObject({
        tags: z.array(tagSchema).optional(),
        companies: z.array(entityRefSchema).optional(),
        leads: z.array(entityRefSchema).optional(),
      })
      .optional(),
  }),
);
export type ApiContact = z.infer<typeof contactSchema>;

/** Task `result`: `{text}` when set, `[]` when not [DOC tasks-api]. */
export const taskResultSchema = lazySchema(() =>
  z.union([z.array(z.unknown()).max(0), z.looseObject({ text: z.string().nullable().optional() })]),
);

/**
 * `GET /api/v4/tasks` item [DOC tasks-api; samples tasks_list_page.json,
 * task_by_id_completed_with_result.json]. `entity_type` is plural (`leads`); no `completed_at`.
 * Unattached tasks: entity_id/entity_type null or absent [BELIEF].
 */
export const taskSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    created_by: z.number().optional(),
    updated_by: z.number().optional(),
    created_at: unixSchema,
    updated_at: unixSchema,
    responsible_user_id: z.number(),
    group_id: z.number().optional(),
    entity_id: z.number().nullable().optional(),
    entity_type: z.string().nullable().optional(),
    is_completed: z.boolean(),
    task_type_id: z.number(),
    text: z.string().nullable(),
    duration: z.number().nullable().optional(),
    complete_till: unixSchema,
    result: taskResultSchema.nullable().optional(),
    account_id: z.number().optional(),
  }),
);
export type ApiTask = z.infer<typeof taskSchema>;
