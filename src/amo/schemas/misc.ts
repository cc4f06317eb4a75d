/**
 * Responses the sync does not depend on but that the client can read (sources, talks, webhooks)
 * and the answer to creating tasks. Small, so a change of shape is noticed by the sample test.
 */

import { lazySchema } from "../../core/schema/lazy";
import * as z from "../../core/schema/zod";
import { unixSchema } from "./common";

/** `GET /api/v4/sources`: only the calling integration's own sources [DOC sources-api]. */
export const sourceSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    pipeline_id: z.number().optional(),
    external_id: z.string().nullable().optional(),
    default: z.boolean().optional(),
    origin_code: z.string().nullable().optional(),
  }),
);

/** `GET /api/v4/talks/{id}` [DOC talks-api; sample talk_by_id.json]. */
export const talkSchema = lazySchema(() =>
  z.looseObject({
    talk_id: z.number(),
    created_at: unixSchema,
    updated_at: unixSchema,
    contact_id: z.number().nullable().optional(),
    chat_id: z.string().optional(),
    entity_id: z.number().nullable().optional(),
    entity_type: z.string().nullable().optional(),
    is_in_work: z.boolean().optional(),
    is_read: z.boolean().optional(),
    origin: z.string().nullable().optional(),
    missed_at: unixSchema.nullable().optional(),
  }),
);

/** `GET/POST /api/v4/webhooks` item [DOC webhooks-api]. */
export const webhookSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    destination: z.string(),
    created_at: unixSchema.optional(),
    updated_at: unixSchema.optional(),
    account_id: z.number().optional(),
    created_by: z.number().optional(),
    sort: z.number().optional(),
    disabled: z.boolean().optional(),
    settings: z.array(z.string()),
  }),
);

/** `POST /api/v4/tasks` answer item: the new id and our `request_id` echoed back [DOC tasks-api]. */
export const createdTaskSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    request_id: z.string().optional(),
  }),
);
