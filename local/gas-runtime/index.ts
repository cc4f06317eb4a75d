/**
 * local/gas-runtime: runs the add-on's built bundle (build/Code.js) unchanged in node:vm with
 * in-memory fakes of the Apps Script services it uses. Entry point: createRuntime().
 */
export type { AuthMode } from "./auth";
export { type ClockPort, createVirtualClock, realClock, VirtualClock } from "./clock";
export { FREE_COSTS, MEASURED_COSTS, type ServiceCosts } from "./costs";
export { DEFAULT_LIMITS, type FormulaEvaluator, type Limits, type LogEntry, type Quota } from "./env";
export { GasException, MSG } from "./errors";
export { type ExecutionRecord, type RunOptions, ScriptError, type ServiceCallEvent } from "./executions";
export type { EffectiveFormat } from "./formulas/index";
export { loadBuild } from "./load-build";
export { createRuntime, type FormulaProbes, type Runtime, type RuntimeOptions } from "./runtime";
export type { SentMail } from "./services/mail";
export type { TriggerRecord, TriggerRun } from "./services/triggers";
export type { UrlFetchPort, UrlFetchPortRequest, UrlFetchPortResponse } from "./services/url-fetch";
export type { DialogAnswer, DialogRequest, HtmlShown, MenuRecord, UiState } from "./spreadsheet/ui";
