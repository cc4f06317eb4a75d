/**
 * Settings: one zod schema whose defaults are the norms of shared/spec/kpi.md. The sidebar, the
 * Settings sheet and the server all validate through this schema, so an error names the field.
 * Each schema is built on first use (lazySchema), not when the bundle loads.
 */
import { lazySchema } from "./schema/lazy";
import * as z from "./schema/zod";

const hhmm = lazySchema(() =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM (00:00–23:59)")
    .describe("local time of day"),
);

const isoDate = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"));

/** Is `tz` an IANA timezone this runtime knows? (Intl is available in V8, Node and Apps Script.) */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const classRuleSchema = lazySchema(() =>
  z.object({
    /** Which lead attribute the rule looks at. */
    field: z.enum(["channel", "source"]),
    /** Case-insensitive values; a rule matches when the attribute equals one of them. */
    values: z.array(z.string().min(1)).min(1),
    class: z.enum(["hot", "warm", "cold"]),
  }),
);
export type ClassRule = z.infer<typeof classRuleSchema>;

/** kpi.md defaults: calls, chats and site widgets → hot; web forms, e-mail, social → warm; else cold. */
export const DEFAULT_CLASS_RULES: ClassRule[] = [
  { field: "channel", values: ["call", "sip", "chat", "chats", "widget"], class: "hot" },
  { field: "channel", values: ["form", "forms", "email", "mail", "social"], class: "warm" },
];

export const calendarSchema = lazySchema(() =>
  z
    .object({
      /** IANA timezone; the sync fills in the amoCRM account's own when the user has not chosen. */
      timezone: z.string().refine(isValidTimeZone, "unknown IANA timezone").default("Europe/Moscow"),
      /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
      workingDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
      workStart: hhmm.default("09:00"),
      workEnd: hhmm.default("18:00"),
      /** Non-working dates (local), e.g. public holidays. */
      holidays: z.array(isoDate).default([]),
      /** Extra working dates that would otherwise be days off (Russian "перенесённые" Saturdays). */
      extraWorkingDays: z.array(isoDate).default([]),
    })
    .refine((c) => c.workStart < c.workEnd, {
      message: "working hours must end after they start (same day)",
      path: ["workEnd"],
    }),
);
export type CalendarSettings = z.infer<typeof calendarSchema>;

export const slaSchema = lazySchema(() =>
  z.object({
    /** Business minutes allowed for a first response to a hot lead. */
    hotMinutes: z.number().positive().default(10),
    /** Business minutes allowed for a warm lead. */
    warmMinutes: z.number().positive().default(30),
    /** Cold leads: answered by the end of the N-th next working day (kpi.md: the next one, N = 1). */
    coldNextWorkingDays: z.number().int().min(0).max(30).default(1),
  }),
);
export type SlaSettings = z.infer<typeof slaSchema>;

export const thresholdsSchema = lazySchema(() =>
  z.object({
    /** Mean first response, business minutes: breach above. */
    firstResponseMinutes: z.number().nonnegative().default(30),
    slaShare: z.number().min(0).max(1).default(0.85),
    nextStepCoverage: z.number().min(0).max(1).default(0.85),
    overdueShare: z.number().min(0).max(1).default(0.05),
    touchesPerWonMin: z.number().nonnegative().default(8),
    touchesPerWonMax: z.number().nonnegative().default(12),
    staleShare: z.number().min(0).max(1).default(0.1),
    /** Win rate: a manager deviates when this many percentage points below the department. */
    winRateGapPp: z.number().min(0).max(100).default(0),
    /** Stage conversion: same rule as win rate, per stage. */
    stageConversionGapPp: z.number().min(0).max(100).default(0),
  }),
);
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** A plain e-mail address (one mailbox, no display name): what MailApp accepts in `to`. */
const email = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(/^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$/, "expected an e-mail address such as head@example.com"),
);

export const quietHoursSchema = lazySchema(() =>
  z
    .object({
      /** Local time (the calendar's timezone) when quiet hours begin. */
      start: hhmm,
      /** Local time when they end; earlier than `start` = across midnight (20:00–09:00). */
      end: hhmm,
    })
    .refine((q) => q.start !== q.end, {
      message: "quiet hours must not start and end at the same time (use null for none)",
      path: ["end"],
    }),
);
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** SLA alerts by e-mail (docs/alerts.md). Off until a sales head turns them on. */
export const alertsSchema = lazySchema(() =>
  z.object({
    enabled: z.boolean().default(false),
    /** Who gets every alert and the end-of-day list. */
    salesHeadEmails: z.array(email).max(50, "at most 50 addresses (MailApp's limit per message)").default([]),
    /** Also mail the lead's responsible manager (their amoCRM e-mail). */
    notifyManagers: z.boolean().default(true),
    /** No mail in these local hours; what comes up meanwhile arrives as one digest when they end. */
    quietHours: quietHoursSchema.nullable().default({ start: "20:00", end: "09:00" }),
    /** One mail per recipient per run listing every breach, instead of one mail per breach. */
    digest: z.boolean().default(false),
    /** Once a working day after `endOfDayAt`: open deals without a next step. */
    endOfDayCheck: z.boolean().default(true),
    endOfDayAt: hhmm.default("18:00"),
  }),
);
export type AlertSettings = z.infer<typeof alertsSchema>;

/** Creating "next step" tasks in amoCRM for open deals without one (docs/alerts.md). Off by default. */
export const writeBackSchema = lazySchema(() =>
  z.object({
    enabled: z.boolean().default(false),
    taskText: z.string().trim().min(1, "the task text must not be empty").max(1000).default("Следующий шаг"),
    /** The task's deadline: this many hours after it is created. */
    dueInHours: z
      .number()
      .positive()
      .max(24 * 365)
      .default(24),
  }),
);
export type WriteBackSettings = z.infer<typeof writeBackSchema>;

export const settingsSchema = lazySchema(() =>
  z.object({
    locale: z.enum(["ru", "en"]).default("ru"),
    /** Pipelines to analyse; empty = all. */
    pipelineIds: z.array(z.number().int().positive()).default([]),
    /** amoCRM lead custom field that holds the source; null = amoCRM's own source / UTM. */
    sourceFieldId: z.number().int().positive().nullable().default(null),
    /** amoCRM lead custom field that holds the segment; null = no segment. */
    segmentFieldId: z.number().int().positive().nullable().default(null),
    /**
     * amoCRM lead custom field that holds the channel the lead came through (call, chat, form…),
     * read by the lead-class rules; null = amoCRM's own source name only.
     */
    channelFieldId: z.number().int().positive().nullable().default(null),
    classRules: z.array(classRuleSchema).default(DEFAULT_CLASS_RULES),
    defaultClass: z.enum(["hot", "warm", "cold"]).default("cold"),
    // Section defaults are computed when used (a fresh object each time), not when this is built.
    calendar: calendarSchema.default(() => calendarSchema.parse({})),
    sla: slaSchema.default(() => slaSchema.parse({})),
    thresholds: thresholdsSchema.default(() => thresholdsSchema.parse({})),
    /** Control period per stage in calendar days, keyed "pipelineId:statusId" (see stageKey). */
    controlPeriodDays: z.record(z.string().regex(/^\d+:\d+$/), z.number().positive()).default({}),
    /** Control period of any stage not listed above (kpi.md: default 7 days). */
    defaultControlPeriodDays: z.number().positive().default(7),
    /** Stage names that the data-hygiene sheet flags as "junk" stages (case-insensitive substrings). */
    junkStageWords: z.array(z.string()).default(["думает", "ждём ответа", "ждем ответа", "thinking"]),
    /** Loss-reason directory size above which hygiene warns (kpi.md: at most 10). */
    maxLossReasons: z.number().int().positive().default(10),
    /** Optional in saved settings: settings saved before alerts existed still parse. */
    alerts: alertsSchema.default(() => alertsSchema.parse({})),
    writeBack: writeBackSchema.default(() => writeBackSchema.parse({})),
  }),
);
export type Settings = z.infer<typeof settingsSchema>;

/** Settings with every default applied. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/**
 * Validate user input; on failure the error lists every bad field by its dotted path, so the
 * sidebar and the Settings sheet can show each message next to its field.
 */
export function parseSettings(
  input: unknown,
): { ok: true; settings: Settings } | { ok: false; errors: SettingsError[] } {
  const r = settingsSchema.safeParse(input);
  if (r.success) return { ok: true, settings: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  };
}

export interface SettingsError {
  path: string;
  message: string;
}
