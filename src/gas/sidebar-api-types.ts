/**
 * The one typed surface between the sidebar (sidebar/api.ts, in the browser) and the server
 * functions it calls through google.script.run. Both sides import this file; it holds types only,
 * so nothing of it reaches either bundle.
 *
 * google.script.run passes only plain values: primitives, plain objects and arrays of them [DOC
 * apps-script.md §8]. A Date makes the call fail, so every instant here is epoch milliseconds.
 */
import type { Locale } from "../core/i18n";
import type { Settings, SettingsError } from "../core/settings";

/** Why a connection attempt or an action failed; the sidebar shows its own text for each. */
export type SidebarErrorCode =
  | "bad_domain"
  | "empty_token"
  | "empty_client"
  | "bad_token"
  | "no_rights"
  | "blocked"
  | "payment_required"
  | "unreachable"
  | "oauth_denied"
  | "oauth_failed"
  | "oauth_expired"
  | "not_connected"
  | "already_connected"
  | "sheets_not_empty"
  | "busy"
  | "unknown";

export interface SidebarError {
  code: SidebarErrorCode;
  /** The server's plain-language detail (never a token, a secret or a URL with a query). */
  detail: string | null;
}

export type Result<T> = ({ ok: true } & T) | { ok: false; error: SidebarError };

export interface NamedId {
  id: number;
  name: string;
}

export interface PipelineView extends NamedId {
  stages: NamedId[];
}

/** What the sidebar shows about the connected account; no secret is ever part of it. */
export interface AccountView {
  kind: "long_lived" | "oauth" | "demo";
  accountName: string;
  /** `https://x.amocrm.ru` (or the sandbox's loopback address). */
  baseUrl: string;
  timezone: string | null;
  /** null: the token's user is not an administrator, so GET /users was refused [DOC]. */
  users: NamedId[] | null;
  pipelines: PipelineView[];
  /** Lead custom fields (for choosing the source / segment / channel field). */
  fields: NamedId[];
  connectedAt: number;
  /** OAuth: the integration id (not secret); the client secret is shown masked only. */
  clientId: string | null;
  /** "••••1234" style mask of the stored secret (its last 4 characters at most), or null. */
  secretMask: string | null;
}

export interface OAuthStart {
  /** Open in a new window (sidebars may not navigate their own frame [DOC]). */
  authorizationUrl: string;
  /** The redirect URI to register in the amoCRM integration, exactly. */
  redirectUri: string;
}

/** An OAuth attempt that has been started but not completed. */
export interface OAuthPendingView {
  baseUrl: string;
  clientId: string;
  startedAt: number;
  /** Set when the callback ran and failed. */
  error: SidebarError | null;
}

export interface SyncProgressView {
  step: string;
  stepIndex: number;
  stepCount: number;
  pagesDone: number;
  executions: number;
  startedAt: number;
  full: boolean;
}

export interface StatusView {
  /** The end of the last completed sync (epoch ms), null before the first one. */
  syncedTo: number | null;
  running: SyncProgressView | null;
  last: { status: "done" | "partial" | "busy" | "error"; at: number; message: string | null } | null;
}

export interface SyncRunView {
  status: "done" | "partial" | "busy" | "error";
  step: string | null;
  executions: number;
  pages: number;
  rowsWritten: number;
  message: string | null;
  progress: SyncProgressView | null;
}

/** Contract of the schedule helper (its functions are called by name; see docs/sidebar.md). */
export interface ScheduleInfo {
  mode: "addon" | "bound";
  installed: boolean;
  everyMinutes: number | null;
  options: number[];
  freshness: string;
}

export interface DemoView {
  seed: number;
  scenario: string;
  loadedAt: number;
}

export interface SidebarState {
  locale: Locale;
  /** From ScriptApp.getInstallationSource(): a published add-on or a bound script. */
  mode: "addon" | "bound";
  account: AccountView | null;
  oauthPending: OAuthPendingView | null;
  status: StatusView;
  settings: Settings;
  /** Errors of the saved settings when they no longer validate (the defaults are in force). */
  settingsErrors: SettingsError[];
  demo: DemoView | null;
}

/**
 * Saved settings also recompute every derived column and the board's sheets from the raw sheets
 * (no amoCRM request): "busy" when a running sync will do it, "skipped" with no data yet; `warning`
 * names a part that failed afterwards (amo_daily, board, rhythm sheets).
 */
export type SaveSettingsResult =
  | { ok: true; settings: Settings; recompute: "done" | "busy" | "skipped"; warning: string | null }
  | { ok: false; errors: SettingsError[] };

/** Every server function the sidebar calls: name → (arguments) → result. */
export interface SidebarApi {
  getSidebarState(): SidebarState;
  sidebarConnectToken(domain: string, token: string): Result<{ account: AccountView }>;
  sidebarStartOAuth(domain: string, clientId: string, clientSecret: string): Result<OAuthStart>;
  sidebarDisconnect(): SidebarState;
  sidebarSaveSettings(settings: unknown): SaveSettingsResult;
  sidebarSync(full: boolean): Result<{ run: SyncRunView }>;
  sidebarRebuild(): Result<{ run: SyncRunView }>;
  sidebarStartDemo(scenario: string): Result<{ demo: DemoView }>;
  sidebarRemoveDemo(): SidebarState;
  // The schedule helper's functions (contract of issue 6):
  getScheduleInfo(): ScheduleInfo;
  installSchedule(everyMinutes: number): unknown;
  removeSchedule(): unknown;
}

/** What Apps Script passes to the /usercallback handler: the redirect's query parameters. */
export interface CallbackRequest {
  parameter?: Record<string, string>;
}

export type SidebarFunction = keyof SidebarApi;
