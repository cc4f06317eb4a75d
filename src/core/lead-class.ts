/**
 * Lead class (temperature) from the settings' rules: the first rule whose field (channel or
 * source) equals one of its values, compared case-insensitively and ignoring surrounding spaces;
 * no match → settings.defaultClass.
 */
import type { Lead, LeadClass } from "./model";
import type { Settings } from "./settings";

export type LeadClassifier = (lead: Pick<Lead, "channel" | "source">) => LeadClass;

/** Compile the rules once (lower-cased value sets) for classifying many leads. */
export function createLeadClassifier(
  settings: Pick<Settings, "classRules" | "defaultClass">,
): LeadClassifier {
  const rules = settings.classRules.map((r) => ({
    field: r.field,
    values: new Set(r.values.map(normalize)),
    cls: r.class,
  }));
  const fallback = settings.defaultClass;
  // Channels and sources repeat across leads: normalise each distinct text once.
  const normalized = new Map<string, string>();
  const norm = (s: string): string => {
    let v = normalized.get(s);
    if (v === undefined) {
      v = normalize(s);
      normalized.set(s, v);
    }
    return v;
  };
  return (lead) => {
    // Normalise each attribute at most once per lead, and only when a rule asks for it.
    let channel: string | null | undefined;
    let source: string | null | undefined;
    for (const rule of rules) {
      let value: string | null;
      if (rule.field === "channel") {
        if (channel === undefined) channel = lead.channel === null ? null : norm(lead.channel);
        value = channel;
      } else {
        if (source === undefined) source = lead.source === null ? null : norm(lead.source);
        value = source;
      }
      if (value !== null && rule.values.has(value)) return rule.cls;
    }
    return fallback;
  };
}

export function classifyLead(
  lead: Pick<Lead, "channel" | "source">,
  settings: Pick<Settings, "classRules" | "defaultClass">,
): LeadClass {
  return createLeadClassifier(settings)(lead);
}

function normalize(s: string): string {
  return s.trim().toLowerCase();
}
