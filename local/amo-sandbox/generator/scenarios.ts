/**
 * Scenarios: the knobs of a generated account. "default" is the method's case (a Russian B2B
 * service company, 18 managers, 6 months, SLA share 57 % → 88 %); "small" is a quick account of
 * the same shape for tests that need a sync through the sandbox to be fast; "large" is a
 * benchmark-size account (50 managers, ~50,000 leads over 12 months).
 */

export interface TeamTargets {
  /** Team SLA share (met ÷ met + breached) the decks plant. */
  sla: number;
  /** Team win rate (won ÷ won + lost, by closing month). */
  win: number;
  /** Share of stage tasks completed after their deadline. */
  overdue: number;
  /** Probability that a manager sets a next-step task when a stage starts. */
  habit: number;
  /** Probability that a deal gets stuck (one very long stage). */
  stuck: number;
  /** Share of SLA breaches that are never answered at all. */
  silent: number;
}

export interface ScenarioConfig {
  name: string;
  description: string;
  /** First and last local dates on which leads are created (inclusive). */
  firstDay: string;
  lastDay: string;
  /** Local "YYYY-MM-DDTHH:MM": the moment the account is frozen at. */
  now: string;
  /** Non-working local dates (Russian public holidays); the engine's settings must list them too. */
  holidays: string[];
  managerCount: number;
  /** Non-deleted leads expected per local month (junk and duplicates come on top). */
  leadsPerMonth: Record<string, number>;
  /** Months of the "before" and "after" windows of the story; others are transitional. */
  beforeMonths: string[];
  afterMonths: string[];
  before: TeamTargets;
  after: TeamTargets;
  /** Revenue per manager-month, after ÷ before − 1 (planted exactly by scaling won prices). */
  revenueGrowth: number;
  /** Shares of all arrivals. */
  repeatShare: number;
  junkShare: number;
  duplicateShare: number;
  reassignShare: number;
  /** Of repeat deals: created in "Продажи" and moved to "Повторные продажи". */
  pipelineMoveShare: number;
}

const DEFAULT: ScenarioConfig = {
  name: "default",
  description:
    "Russian B2B service company, 18 managers + sales head, May–Oct 2026: SLA share 57 % → 88 %, win rate +4.5 pp, revenue per manager +17 %",
  firstDay: "2026-05-01",
  lastDay: "2026-10-31",
  now: "2026-10-31T18:00",
  // 2026 production calendar: 1 May, 11 May (for 9 May, a Saturday), 12 June, 4 November.
  holidays: ["2026-05-01", "2026-05-11", "2026-06-12", "2026-11-04"],
  managerCount: 18,
  // Spring is the high season; the autumn flow is lower, yet revenue per manager grows: the story
  // is the process, not the market. (Also keeps won prices of both windows alike: the pipeline
  // starts empty on 1 May, so May closes fewer deals than it receives.)
  leadsPerMonth: {
    "2026-05": 980,
    "2026-06": 930,
    "2026-07": 880,
    "2026-08": 770,
    "2026-09": 670,
    "2026-10": 660,
  },
  beforeMonths: ["2026-05", "2026-06", "2026-07"],
  afterMonths: ["2026-09", "2026-10"],
  before: { sla: 0.57, win: 0.22, overdue: 0.3, habit: 0.8, stuck: 0.16, silent: 0.22 },
  after: { sla: 0.88, win: 0.265, overdue: 0.12, habit: 0.93, stuck: 0.08, silent: 0.12 },
  revenueGrowth: 0.17,
  repeatShare: 0.08,
  junkShare: 0.025,
  duplicateShare: 0.006,
  reassignShare: 0.025,
  pipelineMoveShare: 0.2,
};

const SMALL: ScenarioConfig = {
  ...DEFAULT,
  name: "small",
  description: "Same company, 4 managers, Sep–Oct 2026 (~200 leads): a fast account for sync tests",
  firstDay: "2026-09-01",
  managerCount: 4,
  leadsPerMonth: { "2026-09": 100, "2026-10": 100 },
  beforeMonths: ["2026-09"],
  afterMonths: ["2026-10"],
};

/**
 * A benchmark-size account: the same company and mechanics, 50 managers and ~50,000 leads over the
 * 12 months Nov 2025 – Oct 2026 (about 4,000 a month, ~80 per manager; January is quiet after the
 * New Year holidays). The story: six "before" months, two transitional, four "after".
 */
const LARGE: ScenarioConfig = {
  ...DEFAULT,
  name: "large",
  description:
    "Same company at scale for benchmarks: 50 managers, Nov 2025 – Oct 2026, ~50,000 leads (~0.7 M events)",
  firstDay: "2025-11-01",
  lastDay: "2026-10-31",
  now: "2026-10-31T18:00",
  // Production calendars 2025–2026: 3–4 Nov 2025 (1 Nov, a Saturday, was worked instead of 3 Nov:
  // the calendar here has no working Saturdays, so that Saturday stays a day off), 31 Dec 2025,
  // 1–9 Jan 2026 (9 Jan for 3 Jan), 23 Feb, 9 Mar (for 8 Mar, a Sunday), 1 and 11 May, 12 Jun,
  // 4 Nov and 31 Dec 2026 (for 4 Jan).
  holidays: [
    "2025-11-03",
    "2025-11-04",
    "2025-12-31",
    "2026-01-01",
    "2026-01-02",
    "2026-01-05",
    "2026-01-06",
    "2026-01-07",
    "2026-01-08",
    "2026-01-09",
    "2026-02-23",
    "2026-03-09",
    "2026-05-01",
    "2026-05-11",
    "2026-06-12",
    "2026-11-04",
    "2026-12-31",
  ],
  managerCount: 50,
  leadsPerMonth: {
    "2025-11": 4150,
    "2025-12": 4350,
    "2026-01": 3050,
    "2026-02": 3950,
    "2026-03": 4350,
    "2026-04": 4450,
    "2026-05": 4350,
    "2026-06": 4150,
    "2026-07": 3950,
    "2026-08": 3550,
    "2026-09": 4050,
    "2026-10": 4250,
  },
  beforeMonths: ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"],
  afterMonths: ["2026-07", "2026-08", "2026-09", "2026-10"],
};

export const SCENARIO_CONFIGS: Record<string, ScenarioConfig> = {
  default: DEFAULT,
  small: SMALL,
  large: LARGE,
};

/** Scenario names with one-line descriptions. */
export const SCENARIOS: Record<string, string> = Object.fromEntries(
  Object.values(SCENARIO_CONFIGS).map((s) => [s.name, s.description]),
);

export function scenarioConfig(name: string): ScenarioConfig {
  const c = SCENARIO_CONFIGS[name];
  if (!c) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIO_CONFIGS).join(", ")}`);
  return c;
}

/** The local months "YYYY-MM" from firstDay to lastDay. */
export function scenarioMonths(c: ScenarioConfig): string[] {
  const months: string[] = [];
  let [y, m] = c.firstDay.slice(0, 7).split("-").map(Number) as [number, number];
  const last = c.lastDay.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

/** Where a month sits in the story: 0 = before, 1 = after, 0.5 = transitional. */
export function storyPhase(c: ScenarioConfig, month: string): number {
  if (c.beforeMonths.includes(month)) return 0;
  if (c.afterMonths.includes(month)) return 1;
  return 0.5;
}
