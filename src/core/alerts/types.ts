/**
 * What the alert logic reads and returns. Pure data: the Apps Script side (src/gas/schedule) reads
 * the raw amo_leads sheet into AlertLead rows, asks the planners in this folder what to send, sends
 * it with MailApp and stores the state they return in document properties.
 */

/**
 * One row of amo_leads as the alerts see it: the lead's own columns plus the derived ones that
 * enrichment (src/core/enrich.ts) wrote at the sync's "now". Derived values are null for leads
 * outside the analysed pipelines, so such leads never alert.
 */
export interface AlertLead {
  leadId: number;
  /** CRM text: never trusted (mails are plain text; see compose.ts). */
  name: string;
  /** Link to the deal in amoCRM, null when unknown. */
  url: string | null;
  responsibleId: number | null;
  /** The responsible manager's name as the sheet shows it. */
  manager: string;
  pipelineId: number | null;
  /** "open" | "won" | "lost" | "unsorted" (amo_leads.status_kind). */
  statusKind: string | null;
  closedAt: number | null;
  leadClass: string | null;
  /** First counted touch by the sync's "now"; null = not answered then. */
  firstResponseAt: number | null;
  answered: boolean | null;
  slaDeadline: number | null;
  hasNextStep: boolean | null;
}

/** A lead past its SLA deadline with no counted touch, as of the data's instant. */
export interface Breach {
  lead: AlertLead;
  deadline: number;
  /** Dedupe key: lead id + deadline (see told-log.ts). */
  key: string;
}

/** One e-mail to send: plain text, addresses already checked and de-duplicated. */
export interface PlannedMail {
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  /** The breach keys this mail tells; a breach counts as told once one mail with it is sent. */
  keys: string[];
}

/** The small state kept between runs (one document property, well under 9 KB). */
export interface AlertState {
  /**
   * The data instant the last breach check covered (deadlines up to it have been considered).
   * null = never checked: the first check looks back one schedule period only.
   */
  checkedTo: number | null;
  /** Set while quiet hours hold mails back: the first check after them sends one digest. */
  heldSince: number | null;
  /** Local date ("YYYY-MM-DD") of the last end-of-day check. */
  endOfDayDate: string | null;
}

export const EMPTY_ALERT_STATE: AlertState = { checkedTo: null, heldSince: null, endOfDayDate: null };
