/**
 * What every fake shares: time, costs, limits, quotas and the records tests read. One per runtime;
 * it outlives executions (the script's globals do not).
 */
import type { RuntimeClock } from "./clock";
import type { ServiceCosts } from "./costs";
import { fail, MSG } from "./errors";

/** Apps Script's limits; every number is from apps-script.md §3 / scale.md [V-doc] unless noted. */
export interface Limits {
  /** 6 min per execution. */
  executionMs: number;
  /** 30 s per custom-function call. */
  customFunctionMs: number;
  /** Simple triggers (onOpen, onEdit) in add-ons: 30 s. */
  simpleTriggerMs: number;
  /** 10,000,000 cells per spreadsheet. */
  cells: number;
  /** 9 KB per property value [assumed: measured in UTF-8 bytes of the value]. */
  propertyValueBytes: number;
  /** 500 KB per property store [assumed: UTF-8 bytes of keys + values]. */
  propertyStoreBytes: number;
  /** Properties read/write per day (consumer). */
  propertiesOpsPerDay: number;
  /** 100 KB per cache value. */
  cacheValueBytes: number;
  /** 250 characters per cache key. */
  cacheKeyChars: number;
  /** 6 h maximum cache expiry. */
  cacheMaxTtlSeconds: number;
  /** "The cap for cached items is 1,000" (docs copy). */
  cacheMaxItems: number;
  /** URL Fetch calls per day (consumer). */
  urlFetchPerDay: number;
  /** Email recipients per day (consumer). */
  emailRecipientsPerDay: number;
  emailRecipientsPerMessage: number;
  /** 200 KB body per message (consumer). */
  emailBodyBytes: number;
  /** 20 triggers per user per script. */
  triggersPerUser: number;
  /** Triggers' total runtime per day (consumer: 90 min). */
  triggerRuntimeMsPerDay: number;
  /** Sheets API requests per minute per user, for reads and for writes [V-src] scale.md §1 row 6. */
  sheetsApiPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  executionMs: 6 * 60_000,
  customFunctionMs: 30_000,
  simpleTriggerMs: 30_000,
  cells: 10_000_000,
  propertyValueBytes: 9 * 1024,
  propertyStoreBytes: 500 * 1024,
  propertiesOpsPerDay: 50_000,
  cacheValueBytes: 100 * 1024,
  cacheKeyChars: 250,
  cacheMaxTtlSeconds: 21_600,
  cacheMaxItems: 1000,
  urlFetchPerDay: 20_000,
  emailRecipientsPerDay: 100,
  emailRecipientsPerMessage: 50,
  emailBodyBytes: 200 * 1024,
  triggersPerUser: 20,
  triggerRuntimeMsPerDay: 90 * 60_000,
  sheetsApiPerMinute: 60,
};

/** Counters a test can read (cumulative since the runtime was created). */
export interface Quota {
  urlFetchCalls: number;
  /** Total virtual time spent in trigger executions (fireDue). */
  triggerRuntimeMs: number;
  executions: number;
  sheetsApiCalls: number;
  emailRecipients: number;
  propertiesReads: number;
  propertiesWrites: number;
  serviceCalls: number;
}

/** A per-day quota: Google resets it 24 h after the first request [V-doc] quotas page. */
export class DailyCounter {
  private windowStart = Number.NEGATIVE_INFINITY;
  used = 0;
  constructor(
    private readonly limit: () => number,
    private readonly message: string,
  ) {}

  /** Adds `n` uses at time `now`, or throws Google's quota text if that goes over the limit. */
  take(n: number, now: number): void {
    if (now - this.windowStart >= 86_400_000) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used + n > this.limit()) fail(this.message);
    this.used += n;
  }

  remaining(now: number): number {
    return now - this.windowStart >= 86_400_000 ? this.limit() : Math.max(0, this.limit() - this.used);
  }
}

export interface LogEntry {
  level: "log" | "info" | "warn" | "error" | "debug" | "Logger";
  message: string;
  at: number;
}

/** Evaluates a formula cell when it is read; the runtime has no formula engine of its own. */
export type FormulaEvaluator = (cell: {
  formula: string;
  sheetName: string;
  row: number;
  column: number;
}) => unknown;

export interface RuntimeEnv {
  readonly clock: RuntimeClock;
  readonly costs: ServiceCosts;
  readonly limits: Limits;
  readonly quota: Quota;
  readonly userEmail: string;
  /** Session.getActiveUserLocale(): a language code such as "ru" or "en" [V-doc]. */
  readonly userLocale: string;
  readonly scriptTimeZone: string;
  readonly addonMode: boolean;
  readonly addonName: string;
  readonly formulaEvaluator: FormulaEvaluator | undefined;
  /** Things the runtime had to bend (e.g. a TTL over 6 h capped); tests can assert none happened. */
  readonly warnings: string[];
  readonly logs: LogEntry[];
  readonly echoLogs: boolean;
  /** Virtual time a service call costs (moves the clock; the limit is checked at the next call). */
  charge(ms: number): void;
  /** The running execution's id (locks are held per execution), or 0 outside any execution. */
  executionId(): number;
  /** Evaluates JavaScript in the running execution's realm (HtmlTemplate.evaluate). */
  scriptEval(source: string): unknown;
}

export function dailyCounter(limit: () => number, service: string): DailyCounter {
  return new DailyCounter(limit, MSG.tooManyTimes(service));
}
