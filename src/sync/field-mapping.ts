/**
 * A first guess of which lead custom fields hold the source, the segment and the channel, so an
 * owner who connects an account sees sliced numbers at once. Matched by field code, then by name
 * (Russian or English, case-insensitive); the user can change it in Settings. Fields of type
 * `tracking_data` (UTM) are never taken as the source field: amoCRM's own source / utm_source is
 * already the fallback when no field is mapped.
 */
export interface CustomFieldLike {
  id: number;
  name: string;
  code?: string | null;
  type: string;
}

export interface FieldMapping {
  sourceFieldId: number | null;
  segmentFieldId: number | null;
  channelFieldId: number | null;
}

const WANTED: Record<keyof FieldMapping, { codes: string[]; names: string[] }> = {
  sourceFieldId: {
    codes: ["SOURCE", "LEAD_SOURCE"],
    names: ["источник", "источник лида", "source", "lead source"],
  },
  segmentFieldId: { codes: ["SEGMENT"], names: ["сегмент", "сегмент клиента", "segment"] },
  channelFieldId: { codes: ["CHANNEL"], names: ["канал", "канал обращения", "channel"] },
};

export function detectFieldMapping(fields: readonly CustomFieldLike[]): FieldMapping {
  const usable = fields.filter((f) => f.type !== "tracking_data");
  const find = (w: { codes: string[]; names: string[] }): number | null => {
    const byCode = usable.find((f) => f.code && w.codes.includes(f.code.toUpperCase()));
    if (byCode) return byCode.id;
    const byName = usable.find((f) => w.names.includes(f.name.trim().toLowerCase()));
    return byName?.id ?? null;
  };
  return {
    sourceFieldId: find(WANTED.sourceFieldId),
    segmentFieldId: find(WANTED.segmentFieldId),
    channelFieldId: find(WANTED.channelFieldId),
  };
}
