/**
 * The write-back preview: open deals in the analysed pipelines that have no next step (no open
 * task) as of the last sync — exactly what confirmWriteBack would create tasks for. Read from the
 * amo_leads sheet (has_next_step, written by enrichment); no amoCRM call.
 */
import { dealsWithoutNextStep } from "../../core/alerts/end-of-day";
import type { AlertLead } from "../../core/alerts/types";
import { loadSettings } from "../addon-settings";
import { readAlertLeads } from "../schedule/leads-sheet";
import { syncStatus } from "../sync-service";

export interface WriteBackDeal {
  leadId: number;
  /** CRM text: the sidebar must show it as text, never as HTML. */
  name: string;
  manager: string;
  url: string;
}

/** The candidates with everything confirm needs (the responsible user for the task). */
export function writeBackCandidates(): AlertLead[] {
  const settings = loadSettings();
  const at = syncStatus().syncedTo ?? Date.now();
  return dealsWithoutNextStep(readAlertLeads(settings.locale), at);
}

export function previewWriteBack(): { deals: WriteBackDeal[] } {
  return {
    deals: writeBackCandidates().map((l) => ({
      leadId: l.leadId,
      name: l.name,
      manager: l.manager,
      url: l.url ?? "",
    })),
  };
}
