/**
 * ScriptApp: trigger builders with Apps Script's rules, project/user trigger lists, auth info,
 * state tokens and the enums.
 * Rules imitated: everyMinutes only 1, 5, 10, 15, 30 and everyHours only 1, 2, 4, 6, 8, 12 [seen];
 * at most 20 triggers per user per script [doc]; and in add-on mode (a published editor add-on,
 * the default) time-driven triggers at most hourly — everyMinutes fails at create() with Google's
 * "Add-ons may not create time-based triggers to run more frequently than once per hour." [seen] —
 * and one trigger of each type per user per document [doc].
 */
import { createHash } from "node:crypto";
import { types } from "node:util";
import type { RuntimeEnv } from "../env";
import { fail, MSG } from "../errors";
import { type ExtraMembers, enumOf, gas, integer, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import type { Schedule, TriggerEventType, TriggerRecord, TriggerStore } from "./triggers";

type GScriptApp = GoogleAppsScript.Script.ScriptApp;
type GTrigger = GoogleAppsScript.Script.Trigger;
type GClock = GoogleAppsScript.Script.ClockTriggerBuilder;
type GSheetBuilder = GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
type GS = typeof GoogleAppsScript.Script;

const APP = meta("script", "ScriptApp");
const BUILDER = meta("script", "TriggerBuilder");
const CLOCK = meta("script", "ClockTriggerBuilder");
const SHEET_BUILDER = meta("script", "SpreadsheetTriggerBuilder");
const TRIGGER = meta("script", "Trigger");
const AUTH_INFO = meta("script", "AuthorizationInfo");
const STATE = meta("script", "StateTokenBuilder");
const SERVICE = meta("script", "Service");

export const SCRIPT_ENUMS = {
  AuthMode: enumOf(["NONE", "CUSTOM_FUNCTION", "LIMITED", "FULL"]),
  AuthorizationStatus: enumOf(["REQUIRED", "NOT_REQUIRED"]),
  EventType: enumOf(["CLOCK", "ON_OPEN", "ON_EDIT", "ON_FORM_SUBMIT", "ON_CHANGE", "ON_EVENT_UPDATED"]),
  InstallationSource: enumOf(["APPS_MARKETPLACE_DOMAIN_ADD_ON", "NONE", "WEB_STORE_ADD_ON"]),
  TriggerSource: enumOf(["SPREADSHEETS", "CLOCK", "FORMS", "DOCUMENTS", "CALENDAR"]),
  WeekDay: enumOf(["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]),
} as const;

const MINUTES = [1, 5, 10, 15, 30];
const HOURS = [1, 2, 4, 6, 8, 12];

export interface ScriptAppDeps {
  env: RuntimeEnv;
  store: TriggerStore;
  scriptId: string;
  spreadsheetId: string;
  /** What getAuthorizationInfo reports (tests flip it to rehearse re-authorization). */
  authorizationRequired: () => boolean;
  /** State tokens issued, by token. */
  stateTokens: Map<string, { method: string; args: Record<string, string>; expiresAt: number }>;
}

type Implemented =
  | keyof typeof SCRIPT_ENUMS
  | "deleteTrigger"
  | "getAuthorizationInfo"
  | "getIdentityToken"
  | "getInstallationSource"
  | "getOAuthToken"
  | "getProjectTriggers"
  | "getScriptId"
  | "getService"
  | "getUserTriggers"
  | "invalidateAuth"
  | "newStateToken"
  | "newTrigger"
  | "requireAllScopes"
  | "requireScopes";

export class FakeScriptApp implements Pick<GScriptApp, Implemented> {
  readonly [FAKE] = APP;
  readonly AuthMode = SCRIPT_ENUMS.AuthMode as unknown as GS["AuthMode"];
  readonly AuthorizationStatus = SCRIPT_ENUMS.AuthorizationStatus as unknown as GS["AuthorizationStatus"];
  readonly EventType = SCRIPT_ENUMS.EventType as unknown as GS["EventType"];
  readonly InstallationSource = SCRIPT_ENUMS.InstallationSource as unknown as GS["InstallationSource"];
  readonly TriggerSource = SCRIPT_ENUMS.TriggerSource as unknown as GS["TriggerSource"];
  readonly WeekDay = SCRIPT_ENUMS.WeekDay as unknown as typeof GoogleAppsScript.Base.Weekday;

  constructor(private readonly deps: ScriptAppDeps) {}

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    return gas(new FakeTriggerBuilder(this.deps, str(functionName)));
  }
  getProjectTriggers(): GTrigger[] {
    return this.deps.store.triggers
      .filter((t) => t.user === this.deps.env.userEmail)
      .map((t) => gas(new FakeTrigger(t)));
  }
  getUserTriggers(document: unknown): GTrigger[] {
    const id = (document as { getId?: () => string }).getId?.();
    void id;
    return this.getProjectTriggers();
  }
  deleteTrigger(trigger: GTrigger): void {
    this.deps.store.remove(trigger.getUniqueId());
  }
  getAuthorizationInfo(
    authMode: GoogleAppsScript.Script.AuthMode,
  ): GoogleAppsScript.Script.AuthorizationInfo {
    void authMode;
    return gas(new FakeAuthorizationInfo(this.deps.authorizationRequired(), this.deps.scriptId));
  }
  getScriptId(): string {
    return this.deps.scriptId;
  }
  getOAuthToken(): string {
    return `ya29.local-${createHash("sha256").update(this.deps.env.userEmail).digest("hex").slice(0, 24)}`;
  }
  getIdentityToken(): string {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    return `${b64({ alg: "none" })}.${b64({ email: this.deps.env.userEmail })}.`;
  }
  getInstallationSource(): GoogleAppsScript.Script.InstallationSource {
    return (this.deps.env.addonMode
      ? "WEB_STORE_ADD_ON"
      : "NONE") as unknown as GoogleAppsScript.Script.InstallationSource;
  }
  getService(): GoogleAppsScript.Script.Service {
    return gas(new FakeService(this.deps.scriptId));
  }
  invalidateAuth(): void {}
  requireAllScopes(authMode: GoogleAppsScript.Script.AuthMode): void {
    void authMode;
  }
  requireScopes(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): void {
    void authMode;
    void oAuthScopes;
  }
  newStateToken(): GoogleAppsScript.Script.StateTokenBuilder {
    return gas(new FakeStateTokenBuilder(this.deps));
  }
}

/** Shared create() rules: add-on limits, then the 20-trigger limit. */
function create(deps: ScriptAppDeps, t: Omit<TriggerRecord, "id" | "createdAt" | "user">): GTrigger {
  const mine = deps.store.triggers.filter((x) => x.user === deps.env.userEmail);
  if (deps.env.addonMode) {
    if (t.schedule?.kind === "every" && t.schedule.everyMinutes !== undefined) fail(MSG.addonSubHourly);
    if (mine.some((x) => x.eventType === t.eventType)) fail(MSG.addonTooManyClockTriggers);
  }
  if (mine.length >= deps.env.limits.triggersPerUser) fail(MSG.tooManyTriggers);
  return gas(new FakeTrigger(deps.store.add(t)));
}

class FakeTriggerBuilder
  implements Pick<GoogleAppsScript.Script.TriggerBuilder, "forSpreadsheet" | "timeBased">
{
  readonly [FAKE] = BUILDER;
  constructor(
    private readonly deps: ScriptAppDeps,
    private readonly handler: string,
  ) {}
  timeBased(): GClock {
    return gas(new FakeClockTriggerBuilder(this.deps, this.handler));
  }
  forSpreadsheet(sheet: unknown): GSheetBuilder {
    const id = typeof sheet === "string" ? sheet : (sheet as { getId(): string }).getId();
    if (id !== this.deps.spreadsheetId) fail(MSG.openById);
    return gas(new FakeSpreadsheetTriggerBuilder(this.deps, this.handler, id));
  }
}

type ClockMethods =
  | "after"
  | "at"
  | "atDate"
  | "atHour"
  | "create"
  | "everyDays"
  | "everyHours"
  | "everyMinutes"
  | "everyWeeks"
  | "inTimezone"
  | "nearMinute"
  | "onMonthDay"
  | "onWeekDay";

const WEEKDAYS = SCRIPT_ENUMS.WeekDay;

class FakeClockTriggerBuilder implements Pick<GClock, ClockMethods> {
  readonly [FAKE] = CLOCK;
  private minutes?: number;
  private hours?: number;
  private days?: number;
  private weeks?: number;
  private hour?: number;
  private minute?: number;
  private weekday?: number;
  private monthDay?: number;
  private once?: number;
  private tz: string;

  constructor(
    private readonly deps: ScriptAppDeps,
    private readonly handler: string,
  ) {
    this.tz = deps.env.scriptTimeZone;
  }
  private self(): GClock {
    return gas(this);
  }
  everyMinutes(n: number): GClock {
    const v = integer(n, "ScriptApp.ClockTriggerBuilder.everyMinutes");
    if (!MINUTES.includes(v)) fail(MSG.everyMinutesInvalid);
    this.minutes = v;
    return this.self();
  }
  everyHours(n: number): GClock {
    const v = integer(n, "ScriptApp.ClockTriggerBuilder.everyHours");
    if (!HOURS.includes(v)) fail(MSG.everyHoursInvalid);
    this.hours = v;
    return this.self();
  }
  everyDays(n: number): GClock {
    this.days = Math.max(1, integer(n, "ScriptApp.ClockTriggerBuilder.everyDays"));
    return this.self();
  }
  everyWeeks(n: number): GClock {
    this.weeks = Math.max(1, integer(n, "ScriptApp.ClockTriggerBuilder.everyWeeks"));
    return this.self();
  }
  atHour(hour: number): GClock {
    const h = integer(hour, "ScriptApp.ClockTriggerBuilder.atHour");
    if (h < 0 || h > 23) fail(`Invalid argument: hour`); // [assumed]
    this.hour = h;
    return this.self();
  }
  nearMinute(minute: number): GClock {
    const m = integer(minute, "ScriptApp.ClockTriggerBuilder.nearMinute");
    if (m < 0 || m > 59) fail(`Invalid argument: minute`); // [assumed]
    this.minute = m;
    return this.self();
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): GClock {
    this.weekday = (Object.keys(WEEKDAYS) as string[]).indexOf(String(day));
    return this.self();
  }
  onMonthDay(day: number): GClock {
    this.monthDay = integer(day, "ScriptApp.ClockTriggerBuilder.onMonthDay");
    return this.self();
  }
  inTimezone(timezone: string): GClock {
    this.tz = str(timezone);
    return this.self();
  }
  at(date: GoogleAppsScript.Base.Date): GClock {
    if (!types.isDate(date)) fail(MSG.badSignature(typeof date, "ScriptApp.ClockTriggerBuilder.at"));
    this.once = (date as unknown as Date).getTime();
    return this.self();
  }
  after(durationMilliseconds: number): GClock {
    this.once =
      this.deps.env.clock.now() + integer(durationMilliseconds, "ScriptApp.ClockTriggerBuilder.after");
    return this.self();
  }
  atDate(year: number, month: number, day: number): GClock {
    this.once = Date.UTC(year, month - 1, day);
    return this.self();
  }
  create(): GTrigger {
    return create(this.deps, {
      handler: this.handler,
      eventType: "CLOCK",
      source: "CLOCK",
      sourceId: null,
      schedule: this.schedule(),
    });
  }
  private schedule(): Schedule {
    const hour = this.hour ?? 0;
    const minute = this.minute ?? 0;
    if (this.once !== undefined) return { kind: "once", at: this.once };
    if (this.minutes !== undefined)
      return { kind: "every", periodMs: this.minutes * 60_000, everyMinutes: this.minutes };
    if (this.hours !== undefined)
      return { kind: "every", periodMs: this.hours * 3_600_000, everyHours: this.hours };
    if (this.weeks !== undefined || this.weekday !== undefined) {
      return { kind: "weeks", weeks: this.weeks ?? 1, weekday: this.weekday ?? 1, hour, minute, tz: this.tz };
    }
    if (this.monthDay !== undefined)
      return { kind: "month-day", day: this.monthDay, hour, minute, tz: this.tz };
    if (this.days !== undefined) return { kind: "days", days: this.days, hour, minute, tz: this.tz };
    return fail(MSG.clockNotConfigured);
  }
}

class FakeSpreadsheetTriggerBuilder
  implements Pick<GSheetBuilder, "create" | "onChange" | "onEdit" | "onFormSubmit" | "onOpen">
{
  readonly [FAKE] = SHEET_BUILDER;
  private eventType: TriggerEventType | undefined;
  constructor(
    private readonly deps: ScriptAppDeps,
    private readonly handler: string,
    private readonly id: string,
  ) {}
  private on(t: TriggerEventType): GSheetBuilder {
    this.eventType = t;
    return gas(this);
  }
  onOpen(): GSheetBuilder {
    return this.on("ON_OPEN");
  }
  onEdit(): GSheetBuilder {
    return this.on("ON_EDIT");
  }
  onChange(): GSheetBuilder {
    return this.on("ON_CHANGE");
  }
  onFormSubmit(): GSheetBuilder {
    return this.on("ON_FORM_SUBMIT");
  }
  create(): GTrigger {
    if (!this.eventType) fail("The trigger's event type is not set."); // [assumed]
    return create(this.deps, {
      handler: this.handler,
      eventType: this.eventType,
      source: "SPREADSHEETS",
      sourceId: this.id,
    });
  }
}

class FakeTrigger
  implements
    Pick<
      GTrigger,
      "getEventType" | "getHandlerFunction" | "getTriggerSource" | "getTriggerSourceId" | "getUniqueId"
    >
{
  readonly [FAKE] = TRIGGER;
  constructor(private readonly t: TriggerRecord) {}
  getEventType(): GoogleAppsScript.Script.EventType {
    return this.t.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getHandlerFunction(): string {
    return this.t.handler;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this.t.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  getTriggerSourceId(): string {
    return this.t.sourceId as string;
  }
  getUniqueId(): string {
    return this.t.id;
  }
}

class FakeAuthorizationInfo
  implements Pick<GoogleAppsScript.Script.AuthorizationInfo, "getAuthorizationStatus" | "getAuthorizationUrl">
{
  readonly [FAKE] = AUTH_INFO;
  constructor(
    private readonly required: boolean,
    private readonly scriptId: string,
  ) {}
  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    return (this.required
      ? "REQUIRED"
      : "NOT_REQUIRED") as unknown as GoogleAppsScript.Script.AuthorizationStatus;
  }
  getAuthorizationUrl(): string {
    return this.required ? `https://script.google.com/macros/d/${this.scriptId}/authorize` : (null as never);
  }
}

/** Tokens route an OAuth callback (…/usercallback?state=) to a top-level function: runtime.userCallback. */
class FakeStateTokenBuilder
  implements
    Pick<
      GoogleAppsScript.Script.StateTokenBuilder,
      "createToken" | "withArgument" | "withMethod" | "withTimeout"
    >
{
  readonly [FAKE] = STATE;
  private method = "";
  private args: Record<string, string> = {};
  /** Default 60 s, maximum 3600 s [doc]. */
  private timeout = 60;
  constructor(private readonly deps: ScriptAppDeps) {}
  withMethod(method: string): GoogleAppsScript.Script.StateTokenBuilder {
    this.method = str(method);
    return gas(this);
  }
  withArgument(name: string, value: string): GoogleAppsScript.Script.StateTokenBuilder {
    this.args[str(name)] = str(value);
    return gas(this);
  }
  withTimeout(seconds: number): GoogleAppsScript.Script.StateTokenBuilder {
    this.timeout = Math.min(3600, Math.max(1, integer(seconds, "ScriptApp.StateTokenBuilder.withTimeout")));
    return gas(this);
  }
  createToken(): string {
    const token = `ADEpC8${createHash("sha256")
      .update(`${this.deps.stateTokens.size}:${this.method}:${JSON.stringify(this.args)}`)
      .digest("base64url")
      .slice(0, 40)}`;
    this.deps.stateTokens.set(token, {
      method: this.method,
      args: { ...this.args },
      expiresAt: this.deps.env.clock.now() + this.timeout * 1000,
    });
    return token;
  }
}

class FakeService implements Pick<GoogleAppsScript.Script.Service, "getUrl" | "isEnabled"> {
  readonly [FAKE] = SERVICE;
  constructor(private readonly scriptId: string) {}
  getUrl(): string {
    return `https://script.google.com/macros/s/${this.scriptId}/exec`;
  }
  isEnabled(): boolean {
    return false;
  }
}

export type _FakeScriptAppCheck = NoExtraMembers<ExtraMembers<FakeScriptApp, GScriptApp>>;
export type _FakeClockCheck = NoExtraMembers<ExtraMembers<FakeClockTriggerBuilder, GClock>>;
