/** Account, users, pipelines with statuses, loss reasons, lead custom fields. */

import { lazySchema } from "../../core/schema/lazy";
import * as z from "../../core/schema/zod";
import { unixSchema } from "./common";

/** `_embedded.task_types[]` [DOC account-info]: 1 = FOLLOW_UP (call), 2 = MEETING; others custom. */
export const taskTypeSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    color: z.string().nullable().optional(),
    icon_id: z.number().nullable().optional(),
    code: z.string().nullable().optional(),
  }),
);

/** `_embedded.datetime_settings` [DOC]: the account's IANA timezone (calendar default). */
export const datetimeSettingsSchema = lazySchema(() =>
  z.looseObject({
    timezone: z.string(),
    timezone_offset: z.string().optional(),
  }),
);

/** `GET /api/v4/account?with=…` [DOC account-info; sample account_with_all.json]. */
export const accountSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    subdomain: z.string(),
    current_user_id: z.number().optional(),
    country: z.string().nullable().optional(),
    is_unsorted_on: z.boolean().optional(),
    is_loss_reason_enabled: z.boolean().optional(),
    is_api_filter_enabled: z.boolean().optional(),
    currency: z.string().nullable().optional(),
    _embedded: z
      .looseObject({
        users_groups: z
          .array(z.looseObject({ id: z.number(), name: z.string(), uuid: z.string().nullable().optional() }))
          .optional(),
        task_types: z.array(taskTypeSchema).optional(),
        datetime_settings: datetimeSettingsSchema.optional(),
      })
      .optional(),
  }),
);
export type ApiAccount = z.infer<typeof accountSchema>;

/** `GET /api/v4/users` item [DOC users-api; sample users_list_page.json]. */
export const userSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    email: z.string().nullable().optional(),
    lang: z.string().nullable().optional(),
    rights: z.looseObject({
      is_admin: z.boolean().optional(),
      is_free: z.boolean().optional(),
      is_active: z.boolean(),
      group_id: z.number().nullable().optional(),
      role_id: z.number().nullable().optional(),
    }),
    _embedded: z
      .looseObject({
        roles: z.array(z.looseObject({ id: z.number(), name: z.string() })).optional(),
        groups: z.array(z.looseObject({ id: z.number(), name: z.string() })).optional(),
      })
      .optional(),
  }),
);
export type ApiUser = z.infer<typeof userSchema>;

/** A pipeline status [DOC leads_pipelines]: 142 won / 143 lost in every pipeline; type 1 = unsorted. */
export const statusSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    sort: z.number(),
    is_editable: z.boolean().optional(),
    pipeline_id: z.number(),
    color: z.string().nullable().optional(),
    type: z.number(),
    account_id: z.number().optional(),
    descriptions: z.array(z.unknown()).optional(),
  }),
);
export type ApiStatus = z.infer<typeof statusSchema>;

/** `GET /api/v4/leads/pipelines` item with its statuses [DOC; sample pipelines_list.json]. */
export const pipelineSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    sort: z.number(),
    is_main: z.boolean().optional(),
    is_unsorted_on: z.boolean().optional(),
    is_archive: z.boolean().optional(),
    account_id: z.number().optional(),
    _embedded: z.looseObject({ statuses: z.array(statusSchema) }),
  }),
);
export type ApiPipeline = z.infer<typeof pipelineSchema>;

/** Loss reason [SDK LossReasons; Kommo reference]: also embedded in leads (`with=loss_reason`). */
export const lossReasonSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    sort: z.number().optional(),
    created_at: unixSchema.optional(),
    updated_at: unixSchema.optional(),
  }),
);
export type ApiLossReason = z.infer<typeof lossReasonSchema>;

/** `GET /api/v4/leads/custom_fields` item [DOC custom-fields; sample custom_fields_list_page.json]. */
export const customFieldSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    code: z.string().nullable().optional(),
    sort: z.number().optional(),
    type: z.string(),
    entity_type: z.string().optional(),
    is_api_only: z.boolean().optional(),
    enums: z
      .array(
        z.looseObject({
          id: z.number(),
          value: z.string(),
          sort: z.number().optional(),
          code: z.string().nullable().optional(),
        }),
      )
      .nullable()
      .optional(),
    required_statuses: z
      .array(z.looseObject({ status_id: z.number(), pipeline_id: z.number() }))
      .nullable()
      .optional(),
  }),
);
export type ApiCustomField = z.infer<typeof customFieldSchema>;
