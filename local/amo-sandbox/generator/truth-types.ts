/**
 * The planted truth: the KPI values the generator put into the account, computed from its own plan
 * by the definitions of docs/metrics.md. JSON-serialisable. Instants in per-lead rows are Unix
 * seconds (as in the API); business minutes are integers by construction.
 */

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null when the denominator is 0. */
  value: number | null;
}

/** Numerator = Σ business minutes (censored leads included), denominator = leads, value = mean. */
export interface FirstResponseParts extends Ratio {
  median: number | null;
  /** Leads not answered by now (or by their closing), counted with their time so far. */
  censored: number;
}

/** Numerator = met, denominator = met + breached; pending leads are excluded and counted. */
export interface SlaParts extends Ratio {
  pending: number;
}

/** Numerator = overdue, denominator = tasks due in the period minus pending ones. */
export interface OverdueParts extends Ratio {
  pending: number;
}

/** Numerator = Σ price of won deals, denominator = won deals, value = the sum (0 with none). */
export type RevenueParts = Ratio;

/** Overall numerator / denominator are sums over stages; byStage is keyed "pipelineId:statusId". */
export interface StageConversionParts extends Ratio {
  byStage: Record<string, Ratio>;
}

export interface MetricParts {
  first_response: FirstResponseParts;
  sla_share: SlaParts;
  overdue_share: OverdueParts;
  touches_per_won: Ratio;
  win_rate: Ratio;
  revenue: RevenueParts;
  stage_conversion: StageConversionParts;
}

export interface SnapshotParts {
  next_step_coverage: Ratio;
  stale_share: Ratio & { byStage: Record<string, Ratio> };
}

/** One live (not deleted) lead as the truth sees it: handy when an engine figure differs. */
export interface LeadTruth {
  managerAtCreation: number;
  manager: number;
  source: string;
  segment: string;
  channel: string;
  class: "hot" | "warm" | "cold";
  pipelineId: number;
  statusId: number;
  createdAt: number;
  /** Earliest counted touch at or before now, null if none. */
  firstTouchAt: number | null;
  firstResponseMinutes: number;
  sla: "met" | "breached" | "pending";
  slaDeadline: number;
  closedAt: number | null;
  /** Counted touches from creation to closing (won deals only). */
  touchesToWin: number | null;
  price: number;
  /** Snapshot at now (open deals only). */
  hasOpenTask: boolean | null;
  stale: boolean | null;
}

export interface StoryFigures {
  sla_share_months_1_3: number;
  sla_share_months_5_6: number;
  win_rate_months_1_3: number;
  win_rate_months_5_6: number;
  revenue_per_manager_month_avg_1_3: number;
  revenue_per_manager_month_avg_5_6: number;
}

export interface PlantedTruth {
  scenario: string;
  seed: number;
  /** ISO with offset, e.g. "2026-10-31T18:00:00+03:00". */
  now: string;
  /** The same instant in Unix seconds. */
  nowUnix: number;
  timezone: string;
  /** Non-working local dates the engine's calendar must use. */
  holidays: string[];
  /**
   * The settings under which the truth holds (everything else = defaultSettings()): where the
   * source, segment and channel live, the calendar, and that all pipelines are analysed.
   */
  settings: {
    sourceFieldId: number;
    segmentFieldId: number;
    /** Lead custom field "Канал" (code CHANNEL); its values are the class rules' channel words. */
    channelFieldId: number;
    pipelineIds: number[];
    calendar: {
      timezone: string;
      holidays: string[];
      workingDays: number[];
      workStart: string;
      workEnd: string;
    };
  };
  managers: { id: number; name: string }[];
  /** The sales head (admin): owns nothing, reassigns leads. */
  head: { id: number; name: string };
  months: string[];
  /** Months of the story windows ("1–3" = before, "5–6" = after). */
  storyWindows: { before: string[]; after: string[] };
  byManagerMonth: Record<string, Record<string, MetricParts>>;
  byMonth: Record<string, MetricParts>;
  bySourceMonth: Record<string, Record<string, MetricParts>>;
  snapshot: { department: SnapshotParts; byManager: Record<string, SnapshotParts> };
  story: StoryFigures;
  counts: {
    leads: number;
    liveLeads: number;
    deletedLeads: number;
    contacts: number;
    tasks: number;
    events: number;
    notes: number;
    openAtNow: number;
    openWithoutNextStep: number;
    staleAtNow: number;
    censoredLeads: number;
    pendingSlaLeads: number;
    reassignedLeads: number;
    pipelineMovedLeads: number;
  };
  /** Keyed by lead id. Live leads only (deleted ones are out of every metric). */
  leads: Record<string, LeadTruth>;
}
