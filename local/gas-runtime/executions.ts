/**
 * Executions: each call, trigger run or simple trigger is one Apps Script execution with its own
 * fresh global scope (the code is loaded again, as Apps Script does), its own auth mode and its
 * own time budget. Executions nest (a test hook may start one inside another) on a stack, which is
 * how "another process" holds a lock in a single-threaded runtime.
 *
 * The time limit is checked at every service call and when the function returns: Apps Script
 * kills a run the moment it passes 6 minutes; a checkpoint at the next service call is the
 * faithful-enough approximation (a pure-JS loop that never calls a service is not interrupted,
 * but its result is discarded with "Exceeded maximum execution time" when it returns).
 */
import vm from "node:vm";
import { type AuthMode, authDenial } from "./auth";
import type { RuntimeEnv } from "./env";
import { fail, GasException, MSG } from "./errors";
import { createRealm, type FakeMeta, Guard, type Realm, toHost } from "./realm";

export type ExecutionKind = "load" | "call" | "trigger" | "simple-trigger" | "custom-function" | "callback";

export interface Execution {
  id: number;
  fn: string;
  kind: ExecutionKind;
  authMode: AuthMode;
  startedAt: number;
  limitMs: number;
  timedOut: boolean;
  realm: Realm;
  guard: Guard;
}

export interface ExecutionRecord {
  id: number;
  fn: string;
  kind: ExecutionKind;
  authMode: AuthMode;
  startedAt: number;
  durationMs: number;
  error?: string;
}

export interface ServiceCallEvent {
  executionId: number;
  service: FakeMeta["service"];
  cls: string;
  method: string;
}

export interface RunOptions {
  args?: unknown[];
  authMode?: AuthMode;
  limitMs?: number;
  kind?: ExecutionKind;
}

export interface ExecutorDeps {
  env: RuntimeEnv;
  scripts: vm.Script[];
  /** Puts the service globals into a fresh context, wrapped by that execution's guard. */
  installGlobals(exec: Execution): void;
  /** Called when an execution ends (locks are released here). */
  onEnd(exec: Execution): void;
  /** Test hook, run before every service call inside the execution making it. */
  onServiceCall(e: ServiceCallEvent): void;
}

/** A script error as the test sees it: a host Error with the script's name and message. */
export class ScriptError extends Error {
  constructor(
    name: string,
    message: string,
    readonly scriptError: unknown,
  ) {
    super(message);
    this.name = name;
  }
}

export class Executor {
  readonly stack: Execution[] = [];
  readonly history: ExecutionRecord[] = [];
  readonly missing = new Set<string>();
  lastContext: vm.Context | undefined;
  private seq = 0;

  constructor(private readonly deps: ExecutorDeps) {}

  current(): Execution | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Runs a top-level function as one execution; returns its value (host realm), rethrows its error. */
  run(fn: string, o: RunOptions = {}): unknown {
    const { env } = this.deps;
    const realm = createRealm(() => env.clock.now());
    const exec: Execution = {
      id: ++this.seq,
      fn,
      kind: o.kind ?? "call",
      authMode: o.authMode ?? "FULL",
      startedAt: env.clock.now(),
      limitMs: o.limitMs ?? env.limits.executionMs,
      timedOut: false,
      realm,
      guard: undefined as unknown as Guard,
    };
    exec.guard = new Guard(realm, {
      beforeCall: (m, method) => this.checkpoint(exec, m, method),
      onMissing: (m, prop) => this.missing.add(`${m.cls}.${prop}`),
    });
    this.stack.push(exec);
    if (exec.kind !== "load") env.quota.executions++;
    const record: ExecutionRecord = {
      id: exec.id,
      fn,
      kind: exec.kind,
      authMode: exec.authMode,
      startedAt: exec.startedAt,
      durationMs: 0,
    };
    try {
      this.deps.installGlobals(exec);
      this.lastContext = realm.context;
      for (const script of this.deps.scripts) script.runInContext(realm.context);
      if (exec.kind === "load") return undefined;
      this.checkTime(exec);
      const target = (realm.context as Record<string, unknown>)[fn];
      if (typeof target !== "function") fail(MSG.functionNotFound(fn));
      const args = (o.args ?? []).map((a) => exec.guard.toScript(a));
      const result = (target as (...a: unknown[]) => unknown).apply(undefined, args);
      this.checkTime(exec);
      // Service objects come back as the host fakes (no budget or auth checks after the run).
      return toHost(exec.guard.fromScript(result, 3));
    } catch (e) {
      const err = this.toHostError(e);
      record.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw err;
    } finally {
      record.durationMs = env.clock.now() - exec.startedAt;
      if (exec.kind !== "load") this.history.push(record);
      this.stack.pop();
      this.deps.onEnd(exec);
    }
  }

  /** Evaluates source in the running execution's realm. */
  eval(source: string): unknown {
    const exec = this.current();
    if (!exec) throw new Error("local/gas-runtime: no execution is running");
    return vm.runInContext(source, exec.realm.context);
  }

  private checkpoint(exec: Execution, m: FakeMeta, method: string): void {
    const { env } = this.deps;
    this.deps.onServiceCall({ executionId: exec.id, service: m.service, cls: m.cls, method });
    env.quota.serviceCalls++;
    if (exec.timedOut) fail(MSG.exceededTime);
    const denial = authDenial(exec.authMode, m, method);
    if (denial) fail(denial);
    env.charge(env.costs.serviceCallMs);
    this.checkTime(exec);
  }

  private checkTime(exec: Execution): void {
    if (this.deps.env.clock.now() - exec.startedAt > exec.limitMs) {
      exec.timedOut = true;
      fail(MSG.exceededTime);
    }
  }

  private toHostError(e: unknown): unknown {
    if (e instanceof GasException || e instanceof ScriptError) return e;
    if (typeof e !== "object" || e === null || !("message" in e)) return e;
    const { name, message, stack } = e as { name?: unknown; message?: unknown; stack?: unknown };
    let text = String(message);
    if (/is not a function/.test(text) && this.missing.size) {
      text += ` (local/gas-runtime: members read but not implemented, or absent from Apps Script: ${[...this.missing].join(", ")})`;
    }
    const err = new ScriptError(String(name ?? "Error"), text, e);
    if (typeof stack === "string") err.stack = stack;
    return err;
  }
}
