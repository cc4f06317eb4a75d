/**
 * createRuntime: runs an Apps Script project's built code (build/Code.js) unchanged in node:vm
 * with in-memory fakes of the services it uses. See README.md in this folder for the contract.
 */
import { randomBytes } from "node:crypto";
import vm from "node:vm";
import type { AuthMode } from "./auth";
import { type ClockPort, RuntimeClock, realClock } from "./clock";
import { FREE_COSTS, type ServiceCosts } from "./costs";
import {
  DEFAULT_LIMITS,
  type FormulaEvaluator,
  type Limits,
  type LogEntry,
  type Quota,
  type RuntimeEnv,
} from "./env";
import { type ExecutionRecord, Executor, type RunOptions, type ServiceCallEvent } from "./executions";
import { gas } from "./facade";
import { customFunctionNames, type EffectiveFormat, effectiveFormat, FormulaEngine } from "./formulas/index";
import { CacheStore, type CacheStores, FakeCacheService } from "./services/cache";
import { FakeHtmlService } from "./services/html";
import { FakeLockService, LockTable } from "./services/lock";
import { FakeConsole, FakeLogger } from "./services/logger";
import { FakeMailApp, type SentMail } from "./services/mail";
import { FakePropertiesService, PropertyStore, type PropertyStores } from "./services/properties";
import { FakeScriptApp, type ScriptAppDeps } from "./services/script-app";
import { FakeSession } from "./services/session";
import { FakeSheetsService } from "./services/sheets-api";
import {
  type TriggerEventType,
  type TriggerRecord,
  type TriggerRun,
  TriggerStore,
} from "./services/triggers";
import { FakeUrlFetchApp, type UrlFetchPort, type UrlFetchPortRequest } from "./services/url-fetch";
import { FakeUtilities } from "./services/utilities";
import { parseA1 } from "./spreadsheet/a1";
import { FakeSpreadsheetApp } from "./spreadsheet/app";
import type { Book } from "./spreadsheet/book";
import type { Locale } from "./spreadsheet/cell-input";
import { CHARTS_ENUMS } from "./spreadsheet/charts";
import { SpreadsheetModel } from "./spreadsheet/model";
import { FakeSpreadsheet, FakeUser } from "./spreadsheet/spreadsheet";
import {
  type DialogAnswer,
  type DialogRequest,
  defaultRespond,
  type HtmlShown,
  type UiState,
} from "./spreadsheet/ui";

export interface RuntimeOptions {
  /** The text of build/Code.js, or several files in load order (Apps Script's file order). */
  code: string | string[] | { name: string; source: string }[];
  /** Project HTML files by name without ".html" (HtmlService.createHtmlOutputFromFile). */
  files?: Record<string, string>;
  spreadsheetName?: string;
  spreadsheetId?: string;
  /** Number/date parsing and display, default sheet names ("Лист1"). Default ru_RU. */
  spreadsheetLocale?: Locale;
  /** Script (Session) and spreadsheet time zone. Default Europe/Moscow. */
  timeZone?: string;
  /** Session.getActiveUserLocale(); default "ru" or "en" from spreadsheetLocale. */
  userLocale?: string;
  userEmail?: string;
  scriptProperties?: Record<string, string>;
  userProperties?: Record<string, string>;
  documentProperties?: Record<string, string>;
  /** Virtual time (createVirtualClock()) or the real clock (default). */
  clock?: ClockPort;
  /** Per-execution budget; default 6 minutes. */
  executionLimitMs?: number;
  limits?: Partial<Limits>;
  /** Virtual time per service call / cell / fetch; default all zero (see MEASURED_COSTS). */
  costs?: Partial<ServiceCosts>;
  /** Synchronous HTTP port for UrlFetchApp; without one UrlFetchApp throws a clear error. */
  urlFetch?: UrlFetchPort;
  /** The manifest's urlFetchWhitelist; enforced when given. */
  urlFetchAllowlist?: string[];
  /** A published editor add-on (default): triggers at most hourly, one per type per document. */
  addonMode?: boolean;
  /** The add-on menu's title (Extensions → name). */
  addonName?: string;
  scriptId?: string;
  /** Values for formula cells when read; without it a formula cell reads as "". */
  formulaEvaluator?: FormulaEvaluator;
  /**
   * Evaluate formulas with the built-in engine (formulas/): built-ins, the project's custom
   * functions (as custom-function executions), spills, recalculation on edits. Default false,
   * when a formula cell reads as "" (or as formulaEvaluator says).
   */
  evaluateFormulas?: boolean;
  /** Answers Ui.alert/prompt; default: OK/YES and empty text. */
  respond?: (d: DialogRequest) => DialogAnswer;
  /** false: SpreadsheetApp.getActiveSpreadsheet() is null inside time-driven triggers. */
  activeSpreadsheetInTriggers?: boolean;
  /** Advanced services the manifest enables; default ["Sheets"]. */
  advancedServices?: "Sheets"[];
  /** Copy script logs to stderr. */
  echoLogs?: boolean;
}

export interface Runtime {
  /** The vm context of the latest execution (each execution gets a fresh one). */
  readonly context: vm.Context;
  /** Runs a top-level function as one execution in AuthMode.FULL; returns its value, rethrows its error. */
  call<T = unknown>(fnName: string, ...args: unknown[]): T;
  /** Runs a top-level function with an explicit auth mode, time limit or kind. */
  run<T = unknown>(fnName: string, options?: RunOptions): T;
  /** A custom-function call: AuthMode.CUSTOM_FUNCTION, 30 s, read-only Spreadsheet. */
  customFunction<T = unknown>(fnName: string, ...args: unknown[]): T;
  /** Opens the document: the simple onOpen (30 s, given auth mode, default LIMITED), then installable ON_OPEN triggers. */
  open(options?: { authMode?: AuthMode }): void;
  /** Completes an OAuth redirect: routes a state token to its method, as /usercallback does. */
  userCallback(stateToken: string, parameters?: Record<string, string>): unknown;
  /** The spreadsheet, for assertions (host objects: no auth checks, no time costs). */
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly properties: PropertyStores;
  readonly cache: CacheStores;
  readonly mail: { readonly outbox: SentMail[] };
  readonly triggers: {
    list(): TriggerRecord[];
    /** Runs due time-driven triggers in order up to untilMs, each as an execution, advancing the clock. */
    fireDue(untilMs: number): TriggerRun[];
    /** Runs the installable triggers of one spreadsheet event type (FULL executions). */
    fire(eventType: Exclude<TriggerEventType, "CLOCK">, event?: Record<string, unknown>): void;
    readonly runs: TriggerRun[];
  };
  readonly quota: Quota;
  readonly html: { readonly lastSidebar: HtmlShown | undefined; readonly shown: HtmlShown[] };
  readonly ui: UiState;
  readonly logs: LogEntry[];
  readonly warnings: string[];
  readonly executions: ExecutionRecord[];
  /** Requests UrlFetchApp sent through the port. */
  readonly http: { readonly requests: UrlFetchPortRequest[] };
  readonly clock: { now(): number; advance(ms: number): void; sleep(ms: number): void };
  /** Test hooks: onServiceCall runs before every service call (a test may start another execution from it). */
  readonly hooks: { onServiceCall: ((e: ServiceCallEvent) => void) | undefined };
  /** Toggle what ScriptApp.getAuthorizationInfo reports. */
  authorizationRequired: boolean;
  /** Members scripts read that no fake has ("Range.foo"). */
  readonly missingMembers: ReadonlySet<string>;
  /** Re-evaluates every formula now (needs evaluateFormulas). */
  recalculate(): void;
  /** The format a cell shows once conditional formats apply (needs evaluateFormulas). */
  effectiveFormat(sheetName: string, a1: string): EffectiveFormat;
  /** The formula engine's probes, or undefined when formulas are not evaluated. */
  readonly formulas: FormulaProbes | undefined;
}

export interface FormulaProbes {
  /** The error a formula cell shows ("#ERROR!", "#REF!", …) and its tooltip message. */
  errorAt(sheetName: string, a1: string): { code: string; message: string } | undefined;
  /** Formula evaluations so far. */
  readonly evaluations: number;
  /** Custom-function executions started by formulas so far. */
  readonly customCalls: number;
  /** Upper-case formula name → script function, for the custom functions found in the code. */
  readonly customFunctions: ReadonlyMap<string, string>;
}

function sources(code: RuntimeOptions["code"]): { name: string; source: string }[] {
  if (typeof code === "string") return [{ name: "Code.js", source: code }];
  return code.map((c, i) => (typeof c === "string" ? { name: `file${i + 1}.js`, source: c } : c));
}

function randomId(len: number, first = ""): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  const bytes = randomBytes(len);
  let s = first;
  for (let i = s.length; i < len; i++) s += alphabet[bytes[i]! % 64];
  return s;
}

export function createRuntime(opts: RuntimeOptions): Runtime {
  const clock = new RuntimeClock(opts.clock ?? realClock);
  const locale: Locale = opts.spreadsheetLocale ?? "ru_RU";
  const timeZone = opts.timeZone ?? "Europe/Moscow";
  const limits: Limits = {
    ...DEFAULT_LIMITS,
    ...opts.limits,
    ...(opts.executionLimitMs === undefined ? {} : { executionMs: opts.executionLimitMs }),
  };
  const quota: Quota = {
    urlFetchCalls: 0,
    triggerRuntimeMs: 0,
    executions: 0,
    sheetsApiCalls: 0,
    emailRecipients: 0,
    propertiesReads: 0,
    propertiesWrites: 0,
    serviceCalls: 0,
  };
  // The executor is created below; env reads it lazily.
  let executor: Executor;
  const env: RuntimeEnv = {
    clock,
    costs: { ...FREE_COSTS, ...opts.costs },
    limits,
    quota,
    userEmail: opts.userEmail ?? "owner@example.com",
    userLocale: opts.userLocale ?? (locale === "ru_RU" ? "ru" : "en"),
    scriptTimeZone: timeZone,
    addonMode: opts.addonMode ?? true,
    addonName: opts.addonName ?? "amoCRM KPI",
    formulaEvaluator: opts.formulaEvaluator,
    warnings: [],
    logs: [],
    echoLogs: opts.echoLogs ?? false,
    charge: (ms) => clock.advance(ms),
    executionId: () => executor.current()?.id ?? 0,
    scriptEval: (source) => executor.eval(source),
  };

  const model = new SpreadsheetModel(
    opts.spreadsheetId ?? randomId(44, "1"),
    opts.spreadsheetName ?? (locale === "ru_RU" ? "Новая таблица" : "Untitled spreadsheet"),
    locale,
    timeZone,
    limits.cells,
  );
  model.activeSheet = model.addSheet(locale === "ru_RU" ? "Лист1" : "Sheet1", 0);
  const book: Book = { env, model, sheetFacades: new WeakMap() };

  const properties: PropertyStores = {
    script: new PropertyStore(opts.scriptProperties),
    user: new PropertyStore(opts.userProperties),
    document: new PropertyStore(opts.documentProperties),
  };
  const cache: CacheStores = { script: new CacheStore(), user: new CacheStore(), document: new CacheStore() };
  const locks = new LockTable();
  const outbox: SentMail[] = [];
  const requests: UrlFetchPortRequest[] = [];
  const ui: UiState = {
    menus: [],
    dialogs: [],
    shown: [],
    lastSidebar: undefined,
    respond: opts.respond ?? defaultRespond,
  };
  const store = new TriggerStore(env);
  const hooks: Runtime["hooks"] = { onServiceCall: undefined };
  const scriptId = opts.scriptId ?? randomId(57, "1");
  const state = { authorizationRequired: false };
  const stateTokens: ScriptAppDeps["stateTokens"] = new Map();
  const files = new Map(Object.entries(opts.files ?? {}).map(([k, v]) => [k.replace(/\.html$/, ""), v]));
  const advanced = new Set(opts.advancedServices ?? ["Sheets"]);

  // Service singletons (host objects); each execution wraps them with its own guard.
  const services = {
    SpreadsheetApp: new FakeSpreadsheetApp({
      book,
      ui,
      hasActiveDocument: () =>
        !(executor.current()?.kind === "trigger" && opts.activeSpreadsheetInTriggers === false),
    }),
    PropertiesService: new FakePropertiesService(env, properties),
    CacheService: new FakeCacheService(env, cache),
    LockService: new FakeLockService(env, locks),
    UrlFetchApp: new FakeUrlFetchApp({
      env,
      port: opts.urlFetch,
      allowlist: opts.urlFetchAllowlist,
      log: requests,
    }),
    Utilities: new FakeUtilities(env),
    Session: new FakeSession(env),
    MailApp: new FakeMailApp(env, outbox),
    ScriptApp: new FakeScriptApp({
      env,
      store,
      scriptId,
      spreadsheetId: model.id,
      authorizationRequired: () => state.authorizationRequired,
      stateTokens,
    }),
    HtmlService: new FakeHtmlService({ env, files, scriptEval: env.scriptEval }),
  };
  const sheetsApi = new FakeSheetsService({ env, book });

  executor = new Executor({
    env,
    scripts: sources(opts.code).map((f) => new vm.Script(f.source, { filename: f.name })),
    installGlobals: (exec) => {
      const g = exec.realm.context as Record<string, unknown>;
      for (const [name, fake] of Object.entries(services)) g[name] = exec.guard.wrap(fake);
      if (advanced.has("Sheets")) g["Sheets"] = exec.guard.wrap(sheetsApi);
      g["Logger"] = exec.guard.wrap(new FakeLogger(env));
      g["console"] = exec.guard.wrap(new FakeConsole(env));
      g["Charts"] = exec.guard.toScript(CHARTS_ENUMS);
    },
    onEnd: (exec) => locks.releaseAll(exec.id),
    onServiceCall: (e) => hooks.onServiceCall?.(e),
  });

  // Load once now, as Apps Script loads the project for an installed-but-not-enabled onOpen
  // (AuthMode.NONE): a bundle that touches a service at load time fails here, early.
  executor.run("(load)", { kind: "load", authMode: "NONE" });

  const spreadsheet = gas<GoogleAppsScript.Spreadsheet.Spreadsheet>(FakeSpreadsheet.of(book));

  const custom = customFunctionNames(sources(opts.code).map((f) => f.source)).byFormulaName;
  const engine = opts.evaluateFormulas
    ? new FormulaEngine({
        env,
        book: model,
        customFunctions: custom,
        runCustomFunction: (name, args) =>
          executor.run(name, {
            args,
            authMode: "CUSTOM_FUNCTION",
            limitMs: limits.customFunctionMs,
            kind: "custom-function",
          }),
      })
    : undefined;
  model.formulas = engine;
  const needEngine = (): FormulaEngine => {
    if (!engine)
      throw new Error(
        "local/gas-runtime: formulas are not evaluated; pass createRuntime({ evaluateFormulas: true })",
      );
    return engine;
  };
  const cellAt = (sheetName: string, a1: string) => {
    const sheet = model.sheetByName(sheetName);
    if (!sheet) throw new Error(`local/gas-runtime: no sheet named "${sheetName}"`);
    const ref = parseA1(a1);
    if (!ref || ref.r1 === undefined || ref.c1 === undefined) {
      throw new Error(`local/gas-runtime: "${a1}" is not a cell in A1 notation`);
    }
    return { sheet, r: ref.r1, c: ref.c1 };
  };

  const runtime: Runtime = {
    get context() {
      return executor.lastContext!;
    },
    call: <T>(fnName: string, ...args: unknown[]) => executor.run(fnName, { args }) as T,
    run: <T>(fnName: string, options?: RunOptions) => executor.run(fnName, options) as T,
    customFunction: <T>(fnName: string, ...args: unknown[]) =>
      executor.run(fnName, {
        args,
        authMode: "CUSTOM_FUNCTION",
        limitMs: limits.customFunctionMs,
        kind: "custom-function",
      }) as T,
    open: (o = {}) => {
      const authMode = o.authMode ?? "LIMITED";
      const fn = (executor.lastContext as Record<string, unknown> | undefined)?.["onOpen"];
      if (typeof fn === "function") {
        const event: Record<string, unknown> = { authMode, user: new FakeUser(env.userEmail) };
        if (authMode !== "NONE") event["source"] = FakeSpreadsheet.of(book);
        executor.run("onOpen", {
          args: [event],
          authMode,
          limitMs: limits.simpleTriggerMs,
          kind: "simple-trigger",
        });
      }
      runtime.triggers.fire("ON_OPEN");
    },
    userCallback: (token, parameters = {}) => {
      const t = stateTokens.get(token);
      if (!t || t.expiresAt < clock.now()) {
        throw new Error("The state token is invalid or has expired. Please try again."); // [assumed]
      }
      const all = { ...t.args, ...parameters };
      const request = {
        parameter: all,
        parameters: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
      };
      return executor.run(t.method, { args: [request], kind: "callback" });
    },
    spreadsheet,
    properties,
    cache,
    mail: { outbox },
    triggers: {
      list: () => store.triggers.map((t) => ({ ...t })),
      fireDue: (untilMs) =>
        store.fireDue(untilMs, (t, event) => {
          try {
            executor.run(t.handler, { args: [event], kind: "trigger" });
            return undefined;
          } catch (e) {
            return e instanceof Error ? e.message : String(e);
          }
        }),
      fire: (eventType, event = {}) => {
        for (const t of store.triggers.filter((x) => x.eventType === eventType)) {
          executor.run(t.handler, {
            args: [{ authMode: "FULL", source: FakeSpreadsheet.of(book), triggerUid: t.id, ...event }],
            kind: "trigger",
          });
        }
      },
      runs: store.runs,
    },
    quota,
    html: {
      get lastSidebar() {
        return ui.lastSidebar;
      },
      shown: ui.shown,
    },
    ui,
    logs: env.logs,
    warnings: env.warnings,
    executions: executor.history,
    http: { requests },
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms), sleep: (ms) => clock.sleep(ms) },
    hooks,
    get authorizationRequired() {
      return state.authorizationRequired;
    },
    set authorizationRequired(v: boolean) {
      state.authorizationRequired = v;
    },
    missingMembers: executor.missing,
    recalculate: () => needEngine().recalculate(),
    effectiveFormat: (sheetName, a1) => {
      const { sheet, r, c } = cellAt(sheetName, a1);
      return effectiveFormat(env, needEngine(), sheet, r, c);
    },
    formulas: engine && {
      errorAt: (sheetName, a1) => {
        const { sheet, r, c } = cellAt(sheetName, a1);
        return engine.errorAt(sheet, r, c);
      },
      get evaluations() {
        return engine.evaluations;
      },
      get customCalls() {
        return engine.customCalls;
      },
      customFunctions: custom,
    },
  };
  return runtime;
}
