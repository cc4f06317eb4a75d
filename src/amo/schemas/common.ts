/**
 * Building blocks shared by the response schemas. Every object is loose (unknown fields pass):
 * amoCRM adds fields over time and the add-on must not break on them. A field is required only
 * when the add-on reads it; `nullable` wherever the docs or the samples show null.
 */
import { lazySchema } from "../../core/schema/lazy";
import * as z from "../../core/schema/zod";

export const halLinkSchema = lazySchema(() => z.looseObject({ href: z.string() }));

/** `_links` of an envelope or an item [DOC §3.1]: `next` is absent on the last page. */
export const linksSchema = lazySchema(() =>
  z.looseObject({
    self: halLinkSchema.optional(),
    next: halLinkSchema.optional(),
    prev: halLinkSchema.optional(),
    first: halLinkSchema.optional(),
    last: halLinkSchema.optional(),
  }),
);

/** Unix seconds (UTC) as amoCRM sends them [DOC]; converted to ms by the mapping. */
export const unixSchema = lazySchema(() => z.number());

/** `{id, _links}` reference to another entity, as in `_embedded.companies[]` [DOC]. */
export const entityRefSchema = lazySchema(() => z.looseObject({ id: z.number() }));

/** `_embedded.tags[]` on leads/contacts [DOC]: color only on leads, null when unset. */
export const tagSchema = lazySchema(() =>
  z.looseObject({
    id: z.number(),
    name: z.string(),
    color: z.string().nullable().optional(),
  }),
);

/**
 * One value of a custom field. `value` is a string, a number (numeric, date as unix seconds) or a
 * boolean (checkbox); some field types (legal_entity, smart_address…) hold objects, which the
 * add-on does not read, so it is left unchecked [SDK CustomFieldValuesModelFactory].
 */
export const customFieldValueItemSchema = lazySchema(() =>
  z.looseObject({
    value: z.unknown().optional(),
    enum_id: z.number().nullable().optional(),
    enum_code: z.string().nullable().optional(),
    enum: z.string().nullable().optional(),
  }),
);

/** An entry of `custom_fields_values` (GET shape) [SDK][DOC §6.5]. */
export const customFieldValuesSchema = lazySchema(() =>
  z.looseObject({
    field_id: z.number(),
    field_name: z.string().nullable().optional(),
    field_code: z.string().nullable().optional(),
    field_type: z.string().nullable().optional(),
    values: z.array(customFieldValueItemSchema).nullable(),
  }),
);
export type ApiCustomFieldValues = z.infer<typeof customFieldValuesSchema>;

/** `custom_fields_values`: null (not []) when empty [DOC]. */
export const customFieldsValuesSchema = lazySchema(() =>
  z.array(customFieldValuesSchema).nullable().optional(),
);

/**
 * The HAL envelope of a list [DOC §3.1], checked before its items so that an item error can name
 * the item. Items stay `unknown` here and are parsed one by one by their entity schema.
 */
export function envelopeSchema(key: string) {
  return z.looseObject({
    _page: z.number().optional(),
    _total_items: z.number().optional(),
    _page_count: z.number().optional(),
    _links: linksSchema.optional(),
    _embedded: z.looseObject({ [key]: z.array(z.unknown()) }),
  });
}
