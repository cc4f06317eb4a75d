/**
 * amo_leads as the alerts and the write-back read it: only the columns they need, in one read per
 * contiguous run of columns (readTable). The derived columns were written by the sync at its "now".
 */
import type { AlertLead } from "../../core/alerts/types";
import type { Locale } from "../../core/i18n";
import type { DecodedValue } from "../../sheets/cells";
import { LEADS } from "../../sheets/tables";
import { readTable } from "../../sheets/upsert";
import { GasSheetPort } from "../sheet-port";

const COLUMNS = [
  "lead_id",
  "name",
  "url",
  "responsible_id",
  "manager",
  "pipeline_id",
  "status_kind",
  "closed_at",
  "lead_class",
  "first_response_at",
  "answered",
  "sla_deadline",
  "has_next_step",
] as const;

const num = (v: DecodedValue): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const text = (v: DecodedValue): string | null => (v === null ? null : String(v));
const bool = (v: DecodedValue): boolean | null => (typeof v === "boolean" ? v : null);

export function readAlertLeads(locale: Locale): AlertLead[] {
  const { rows } = readTable(new GasSheetPort(), LEADS, { locale, columns: COLUMNS });
  const out: AlertLead[] = [];
  for (const r of rows) {
    const id = num(r.lead_id);
    if (id === null) continue;
    out.push({
      leadId: id,
      name: text(r.name) ?? "",
      url: text(r.url),
      responsibleId: num(r.responsible_id),
      manager: text(r.manager) ?? "",
      pipelineId: num(r.pipeline_id),
      statusKind: text(r.status_kind),
      closedAt: num(r.closed_at),
      leadClass: text(r.lead_class),
      firstResponseAt: num(r.first_response_at),
      answered: bool(r.answered),
      slaDeadline: num(r.sla_deadline),
      hasNextStep: bool(r.has_next_step),
    });
  }
  return out;
}
