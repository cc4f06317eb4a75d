/**
 * Logger and console: every line goes to runtime.logs (and to the host console with echoLogs),
 * so tests can assert on what the add-on logged without parsing stdout.
 */
import { format } from "node:util";
import type { LogEntry, RuntimeEnv } from "../env";
import { type ExtraMembers, gas, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";

type GLogger = GoogleAppsScript.Base.Logger;
const LOGGER = meta("logger", "Logger");
const CONSOLE = meta("logger", "console");

function record(env: RuntimeEnv, level: LogEntry["level"], message: string): void {
  env.logs.push({ level, message, at: env.clock.now() });
  if (env.echoLogs) process.stderr.write(`[gas ${level}] ${message}\n`);
}

function text(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Error || (typeof v === "object" && v !== null && "stack" in v && "message" in v)) {
    return String((v as Error).stack ?? (v as Error).message);
  }
  try {
    return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
}

export class FakeLogger implements Pick<GLogger, "clear" | "getLog" | "log"> {
  readonly [FAKE] = LOGGER;
  private lines: string[] = [];
  constructor(private readonly env: RuntimeEnv) {}
  /** log(data) or log(format, ...values) with %s-style placeholders. */
  log(data: unknown, ...values: unknown[]): GLogger {
    const message = values.length ? format(String(data), ...values) : text(data);
    this.lines.push(message);
    record(this.env, "Logger", message);
    return gas(this);
  }
  getLog(): string {
    return this.lines.map((l) => `${l}\n`).join("");
  }
  clear(): void {
    this.lines = [];
  }
}

export class FakeConsole implements Pick<Console, "log" | "info" | "warn" | "error" | "time" | "timeEnd"> {
  readonly [FAKE] = CONSOLE;
  private readonly timers = new Map<string, number>();
  constructor(private readonly env: RuntimeEnv) {}
  private out(level: LogEntry["level"], args: unknown[]): void {
    const message =
      args.length > 1 && typeof args[0] === "string" ? format(...args) : args.map(text).join(" ");
    record(this.env, level, message);
  }
  log(...args: unknown[]): void {
    this.out("log", args);
  }
  info(...args: unknown[]): void {
    this.out("info", args);
  }
  warn(...args: unknown[]): void {
    this.out("warn", args);
  }
  error(...args: unknown[]): void {
    this.out("error", args);
  }
  time(label: string): void {
    this.timers.set(label, this.env.clock.now());
  }
  timeEnd(label: string): void {
    const start = this.timers.get(label);
    if (start === undefined) return;
    this.timers.delete(label);
    record(this.env, "debug", `${label}: ${this.env.clock.now() - start}ms`);
  }
}

export type _FakeLoggerCheck = NoExtraMembers<ExtraMembers<FakeLogger, GLogger>>;
export type _FakeConsoleCheck = NoExtraMembers<ExtraMembers<FakeConsole, Console>>;
