/**
 * Reading custom field values and normalising the channel. Values are `{value}` objects; enum
 * fields carry the label in `value` [SDK][DOC §6.5]; several values (multiselect) are joined.
 */
import type { ApiCustomFieldValues } from "../schemas/common";

function valueText(v: unknown): string | null {
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return null;
}

function entryText(entry: ApiCustomFieldValues | undefined): string | null {
  if (!entry) return null;
  const texts = (entry.values ?? []).map((v) => valueText(v.value)).filter((t): t is string => t !== null);
  return texts.length === 0 ? null : texts.join(", ");
}

/** The text of custom field `fieldId` on an entity, or null when absent or empty. */
export function customFieldText(
  values: readonly ApiCustomFieldValues[] | null | undefined,
  fieldId: number,
): string | null {
  return entryText(values?.find((f) => f.field_id === fieldId));
}

/**
 * A tracking (UTM) field by its code or name, e.g. "utm_source". Ids differ per account; codes
 * like UTM_SOURCE are written by integrations and the names are `utm_source` on real accounts [OBS].
 */
export function trackingText(
  values: readonly ApiCustomFieldValues[] | null | undefined,
  name: string,
): string | null {
  const wanted = name.toLowerCase();
  return entryText(
    values?.find(
      (f) => f.field_code?.toLowerCase() === wanted || f.field_name?.trim().toLowerCase() === wanted,
    ),
  );
}

export type Channel = "call" | "chat" | "widget" | "form" | "email" | "social" | "other";

/** Whole values or words that name a channel outright (Russian and English). */
const EXACT: Record<string, Channel> = {
  call: "call",
  calls: "call",
  sip: "call",
  phone: "call",
  звонок: "call",
  звонки: "call",
  телефон: "call",
  chat: "chat",
  chats: "chat",
  чат: "chat",
  чаты: "chat",
  widget: "widget",
  виджет: "widget",
  form: "form",
  forms: "form",
  форма: "form",
  формы: "form",
  email: "email",
  "e-mail": "email",
  mail: "email",
  почта: "email",
  social: "social",
  соцсети: "social",
  соцсеть: "social",
  vk: "social",
  other: "other",
  другое: "other",
  прочее: "other",
  иное: "other",
};

/** Fragments, tried in this order ("чат-виджет" is a widget, "онлайн-чат" a chat). */
const STEMS: readonly [RegExp, Channel][] = [
  [/widget|виджет/, "widget"],
  [/chat|чат|messenger|мессенджер|whatsapp|telegram|телеграм|viber|вайбер/, "chat"],
  [/call|звон|телефон|phone|телефони/, "call"],
  [/form|форм|заявк/, "form"],
  [/e-?mail|почт|письм|емейл|имейл/, "email"],
  [/social|соц\.?\s?сет|соцсет|вконтакт|instagram|инстаграм|facebook|фейсбук|одноклассник/, "social"],
];

/**
 * A mapped channel value → call/chat/widget/form/email/social/other when recognisable, else null
 * (lower-cased, ё = е). Examples: "Звонок" → call, "Почта/E-mail" → email, "Соцсети" → social.
 */
export function normalizeChannel(raw: string | null | undefined): Channel | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  if (s === "") return null;
  const whole = EXACT[s];
  if (whole) return whole;
  for (const word of s.split(/[^a-zа-я0-9-]+/)) {
    const hit = EXACT[word];
    if (hit && hit !== "other") return hit;
  }
  for (const [re, channel] of STEMS) if (re.test(s)) return channel;
  return null;
}
