/**
 * The sidebar: connection, demo data, sync status and actions, schedule, settings. One render of
 * the whole panel from the server's SidebarState; actions call the server (api.ts) and re-render.
 * Designed for Google's fixed ~300 px sidebar width [apps-script.md §8].
 */
import type {
  AccountView,
  ScheduleInfo,
  SidebarError,
  SidebarState,
  SyncRunView,
} from "../src/gas/sidebar-api-types";
import { call, isMissingFunction } from "./api";
import { $, h, sleep } from "./dom";
import { settingsForm } from "./settings-form";
import { formatTime, setLocale, setTimeZone, t, tKey } from "./texts";

interface Ui {
  state: SidebarState | null;
  /** undefined: not asked yet; null: the schedule functions are not in this build. */
  schedule: ScheduleInfo | null | undefined;
  connectTab: "token" | "oauth";
  message: { kind: "error" | "ok" | "info"; text: string } | null;
  busy: boolean;
  oauth: { url: string; redirectUri: string } | null;
  syncLog: string[];
  syncing: boolean;
}

const ui: Ui = {
  state: null,
  schedule: undefined,
  connectTab: "token",
  message: null,
  busy: false,
  oauth: null,
  syncLog: [],
  syncing: false,
};

const root = (): HTMLElement => document.getElementById("app")!;

function errorText(e: SidebarError): string {
  const base = tKey(`err.${e.code}`, { detail: e.detail ?? "" });
  return e.code === "unknown" || !e.detail || e.code === "bad_domain" ? base : `${base} (${e.detail})`;
}

function say(kind: "error" | "ok" | "info", text: string): void {
  ui.message = { kind, text };
}

async function refresh(): Promise<void> {
  ui.state = await call("getSidebarState");
  setLocale(ui.state.locale);
  setTimeZone(ui.state.settings.calendar.timezone);
  try {
    ui.schedule = await call("getScheduleInfo");
  } catch (e) {
    // The schedule helper's functions may be absent from this build: say so instead of failing.
    if (isMissingFunction(e)) ui.schedule = null;
    else throw e;
  }
  render();
}

async function act(fn: () => Promise<void>): Promise<void> {
  if (ui.busy) return;
  ui.busy = true;
  render();
  try {
    await fn();
  } catch (e) {
    say("error", t("err.server", { detail: e instanceof Error ? e.message : String(e) }));
  } finally {
    ui.busy = false;
    render();
  }
}

// ---------------------------------------------------------------- header

function header(s: SidebarState): HTMLElement {
  const mode = ui.schedule?.mode ?? s.mode;
  const fresh =
    ui.schedule?.freshness ??
    (s.status.syncedTo === null ? t("fresh.never") : t("fresh.at", { time: formatTime(s.status.syncedTo) }));
  return h(
    "header",
    {},
    h("h1", {}, t("title")),
    h(
      "div",
      { class: "mode", id: "mode", "data-mode": mode },
      t(mode === "addon" ? "mode.addon" : "mode.bound"),
    ),
    h("div", { class: "fresh", id: "freshness" }, fresh),
  );
}

// ---------------------------------------------------------------- connection

function accountBlock(a: AccountView): HTMLElement {
  return h(
    "section",
    { id: "account" },
    h("h2", {}, t("conn.title")),
    h("p", { class: "connected", id: "account-name" }, t("conn.connected", { name: a.accountName })),
    h("p", { class: "gray" }, `${a.baseUrl} · ${tKey(`conn.kind.${a.kind}`)}`),
    a.secretMask
      ? h("p", { class: "gray", id: "secret-mask" }, t("conn.secret", { mask: a.secretMask }))
      : null,
    a.users === null
      ? h("p", { class: "warn", id: "no-users" }, t("conn.noUsers"))
      : h(
          "details",
          { id: "users" },
          h("summary", {}, t("conn.users", { n: a.users.length })),
          h(
            "ul",
            {},
            a.users.map((u) => h("li", {}, u.name)),
          ),
        ),
    h(
      "details",
      { id: "pipelines" },
      h("summary", {}, t("conn.pipelines", { n: a.pipelines.length })),
      h(
        "ul",
        {},
        a.pipelines.map((p) => h("li", {}, p.name)),
      ),
    ),
    a.kind === "demo"
      ? null
      : h(
          "button",
          {
            id: "disconnect",
            disabled: ui.busy,
            onclick: () =>
              act(async () => {
                ui.state = await call("sidebarDisconnect");
                ui.oauth = null;
                ui.message = null;
                ui.syncLog = [];
                await refresh();
              }),
          },
          t("conn.disconnect"),
        ),
  );
}

function value(id: string): string {
  return ($(`#${id}`) as HTMLInputElement | null)?.value ?? "";
}

function connectForm(s: SidebarState): HTMLElement {
  const tab = (id: Ui["connectTab"], label: string) =>
    h(
      "button",
      {
        type: "button",
        class: ui.connectTab === id ? "tab current" : "tab",
        id: `tab-${id}`,
        onclick: () => {
          ui.connectTab = id;
          render();
        },
      },
      label,
    );
  const domain = h(
    "div",
    { class: "form-group" },
    h("label", { for: "domain" }, t("conn.domain")),
    h("input", { id: "domain", type: "text", placeholder: t("conn.domainHint"), autocomplete: "off" }),
  );
  const tokenFields = h(
    "div",
    {},
    h(
      "div",
      { class: "form-group" },
      h("label", { for: "token" }, t("conn.token")),
      h("textarea", { id: "token", rows: 3, autocomplete: "off", spellcheck: "false", class: "secret" }),
    ),
    h(
      "button",
      {
        class: "action",
        id: "connect-token",
        disabled: ui.busy,
        onclick: () =>
          act(async () => {
            say("info", t("conn.connecting"));
            render();
            const r = await call("sidebarConnectToken", value("domain"), value("token"));
            if (!r.ok) {
              say("error", errorText(r.error));
              return;
            }
            ui.message = null;
            await refresh();
          }),
      },
      t("conn.connect"),
    ),
  );
  const oauthFields = h(
    "div",
    {},
    h(
      "div",
      { class: "form-group" },
      h("label", { for: "client-id" }, t("conn.clientId")),
      h("input", { id: "client-id", type: "text", autocomplete: "off" }),
    ),
    h(
      "div",
      { class: "form-group" },
      h("label", { for: "client-secret" }, t("conn.clientSecret")),
      h("input", { id: "client-secret", type: "password", autocomplete: "off" }),
    ),
    h(
      "button",
      {
        class: "action",
        id: "connect-oauth",
        disabled: ui.busy,
        onclick: () =>
          act(async () => {
            const r = await call(
              "sidebarStartOAuth",
              value("domain"),
              value("client-id"),
              value("client-secret"),
            );
            if (!r.ok) {
              say("error", errorText(r.error));
              return;
            }
            ui.oauth = { url: r.authorizationUrl, redirectUri: r.redirectUri };
            say("info", t("conn.waiting"));
            void waitForOAuth();
          }),
      },
      t("conn.connect"),
    ),
    ui.oauth
      ? h(
          "div",
          { class: "oauth" },
          // A link the user clicks: sidebars may not navigate, and a window opened after an await
          // is no longer a user gesture (popup blockers) [apps-script.md §6.1].
          h(
            "a",
            { href: ui.oauth.url, target: "_blank", rel: "noopener", id: "oauth-link" },
            t("conn.openAuth"),
          ),
          h("p", { class: "gray small" }, t("conn.redirect", { uri: ui.oauth.redirectUri })),
        )
      : null,
  );
  return h(
    "section",
    { id: "connect" },
    h("h2", {}, t("conn.title")),
    h("div", { class: "tabs" }, tab("token", t("conn.byToken")), tab("oauth", t("conn.byOAuth"))),
    domain,
    ui.connectTab === "token" ? tokenFields : oauthFields,
    s.oauthPending?.error && !ui.oauth ? h("p", { class: "error" }, errorText(s.oauthPending.error)) : null,
  );
}

/** The consent happens in another window; the callback stores the connection. Poll until then. */
async function waitForOAuth(): Promise<void> {
  for (let i = 0; i < 300 && ui.oauth; i++) {
    await sleep(1500);
    const s = await call("getSidebarState");
    if (s.account && s.account.kind === "oauth") {
      ui.oauth = null;
      ui.message = null;
      await refresh();
      return;
    }
    if (s.oauthPending?.error) {
      ui.oauth = null;
      say("error", errorText(s.oauthPending.error));
      ui.state = s;
      render();
      return;
    }
  }
}

// ---------------------------------------------------------------- demo

function demoBlock(s: SidebarState): HTMLElement | null {
  if (s.demo) {
    return h(
      "section",
      { id: "demo" },
      h("p", { id: "demo-loaded" }, t("demo.loaded", { scenario: s.demo.scenario })),
      h(
        "button",
        {
          id: "demo-remove",
          disabled: ui.busy || ui.syncing,
          onclick: () =>
            act(async () => {
              ui.state = await call("sidebarRemoveDemo");
              ui.syncLog = [];
              await refresh();
            }),
        },
        t("demo.remove"),
      ),
    );
  }
  if (s.account) return null;
  return h(
    "section",
    { id: "demo" },
    h("h2", {}, t("demo.title")),
    h("p", { class: "gray" }, t("demo.hint")),
    h(
      "select",
      { id: "demo-scenario" },
      h("option", { value: "default" }, t("demo.default")),
      h("option", { value: "small" }, t("demo.small")),
    ),
    h(
      "button",
      {
        id: "demo-load",
        class: "create",
        disabled: ui.busy,
        onclick: () => {
          const scenario = value("demo-scenario") || "default";
          return act(async () => {
            const r = await call("sidebarStartDemo", scenario);
            if (!r.ok) {
              say("error", errorText(r.error));
              return;
            }
            await refresh();
            void syncLoop(true);
          });
        },
      },
      t("demo.load"),
    ),
  );
}

// ---------------------------------------------------------------- status and actions

function stepName(step: string): string {
  return tKey(`step.${step}`);
}

function progressLine(run: SyncRunView): string {
  if (run.status === "done") return t("status.done", { rows: run.rowsWritten, runs: run.executions });
  const p = run.progress;
  if (run.status === "partial" && p)
    return t("status.partial", {
      step: p.stepIndex + 1,
      count: p.stepCount,
      name: stepName(p.step),
      pages: p.pagesDone,
    });
  if (run.status === "busy") return t("err.busy");
  return t("status.lastError", { message: run.message ?? "" });
}

/**
 * "Sync now": one execution per call; while the run is partial the sidebar calls again (the
 * continuation trigger would also continue it a minute later), showing the progress after each.
 */
async function syncLoop(
  full: boolean,
  first: "sidebarSync" | "sidebarRebuild" = "sidebarSync",
): Promise<void> {
  if (ui.syncing) return;
  ui.syncing = true;
  ui.syncLog = [];
  ui.message = null;
  render();
  try {
    let r = first === "sidebarRebuild" ? await call("sidebarRebuild") : await call("sidebarSync", full);
    for (;;) {
      if (!r.ok) {
        say("error", errorText(r.error));
        break;
      }
      // An error of the run is shown by the status block (the state's last outcome).
      ui.syncLog.push(progressLine(r.run));
      ui.state = await call("getSidebarState");
      render();
      if (r.run.status !== "partial") break;
      // A pause between executions, so the progress is on screen before the next one starts.
      await sleep(500);
      r = await call("sidebarSync", false);
    }
  } catch (e) {
    say("error", t("err.server", { detail: e instanceof Error ? e.message : String(e) }));
  } finally {
    ui.syncing = false;
    await refresh();
  }
}

function statusBlock(s: SidebarState): HTMLElement {
  const st = s.status;
  const running = st.running;
  const pct = running ? Math.round(((running.stepIndex + 0.5) / running.stepCount) * 100) : 0;
  const connected = s.account !== null;
  return h(
    "section",
    { id: "status" },
    h("h2", {}, t("status.title")),
    h(
      "p",
      { id: "last-sync" },
      st.syncedTo === null ? t("status.none") : t("status.last", { time: formatTime(st.syncedTo) }),
    ),
    running
      ? h(
          "div",
          { id: "progress" },
          h("progress", { max: 100, value: pct, id: "progress-bar" }),
          h(
            "p",
            { id: "progress-text" },
            t("status.running", {
              step: running.stepIndex + 1,
              count: running.stepCount,
              name: stepName(running.step),
              pages: running.pagesDone,
              runs: running.executions,
            }),
          ),
        )
      : null,
    ui.syncLog.length > 0
      ? h(
          "ol",
          { id: "sync-log", class: "log" },
          ui.syncLog.map((l) => h("li", {}, l)),
        )
      : null,
    st.last?.status === "error" && st.last.message
      ? h("p", { class: "error", id: "last-error" }, t("status.lastError", { message: st.last.message }))
      : null,
    h(
      "div",
      { class: "buttons" },
      h(
        "button",
        {
          class: "action",
          id: "sync-now",
          disabled: !connected || ui.syncing || ui.busy,
          onclick: () => void syncLoop(false),
        },
        t("action.sync"),
      ),
      h(
        "button",
        {
          id: "rebuild",
          disabled: !connected || ui.syncing || ui.busy,
          onclick: () => void syncLoop(true, "sidebarRebuild"),
        },
        t("action.rebuild"),
      ),
    ),
  );
}

function scheduleBlock(s: SidebarState): HTMLElement {
  const info = ui.schedule;
  if (info === null || info === undefined) {
    return h(
      "section",
      { id: "schedule" },
      h("h2", {}, t("schedule.title")),
      h("p", { class: "gray", id: "schedule-missing" }, t("schedule.missing")),
    );
  }
  const choice = h(
    "select",
    { id: "schedule-every" },
    info.options.map((n) =>
      h(
        "option",
        { value: n, selected: n === (info.everyMinutes ?? info.options[0]) },
        t("schedule.every", { n }),
      ),
    ),
  );
  const guarded = (fn: () => Promise<unknown>) =>
    act(async () => {
      try {
        await fn();
      } catch (e) {
        if (!isMissingFunction(e)) throw e;
        ui.schedule = null;
        return;
      }
      ui.schedule = await call("getScheduleInfo");
    });
  return h(
    "section",
    { id: "schedule" },
    h("h2", {}, t("schedule.title")),
    h(
      "p",
      { id: "schedule-state" },
      info.installed && info.everyMinutes
        ? t("schedule.installed", { n: info.everyMinutes })
        : t("schedule.off"),
    ),
    info.options.length > 1 ? choice : null,
    h(
      "div",
      { class: "buttons" },
      h(
        "button",
        {
          id: "schedule-install",
          disabled: ui.busy || s.account === null,
          onclick: () =>
            guarded(() =>
              call("installSchedule", Number((choice as HTMLSelectElement).value) || info.options[0]!),
            ),
        },
        t("schedule.install"),
      ),
      info.installed
        ? h(
            "button",
            {
              id: "schedule-remove",
              disabled: ui.busy,
              onclick: () => guarded(() => call("removeSchedule")),
            },
            t("schedule.remove"),
          )
        : null,
    ),
  );
}

/**
 * The settings form is built again only when what it shows changed (saved settings, account,
 * language): a re-render during a sync must not throw away what the user is typing.
 */
let settingsCache: { key: string; el: HTMLElement } | null = null;

function settingsKey(s: SidebarState): string {
  return JSON.stringify([s.settings, s.account?.connectedAt ?? null, s.locale, s.settingsErrors]);
}

function settingsBlock(s: SidebarState): HTMLElement {
  const key = settingsKey(s);
  if (settingsCache?.key === key) return settingsCache.el;
  const el = h(
    "details",
    { id: "settings", open: settingsCache?.el.hasAttribute("open") ?? false },
    h("summary", {}, t("settings.title")),
    settingsForm({
      settings: s.settings,
      account: s.account,
      storedErrors: s.settingsErrors,
      onSaved: (saved) => {
        const relabel = saved.locale !== s.locale;
        s.settings = saved;
        s.settingsErrors = [];
        s.locale = saved.locale;
        setLocale(saved.locale);
        if (!relabel) {
          // The form already shows what was saved (and says so): keep it.
          settingsCache = { key: settingsKey(s), el };
          return;
        }
        settingsCache = null;
        say("ok", t("settings.saved"));
        render();
      },
    }),
  );
  settingsCache = { key, el };
  return el;
}

function render(): void {
  const s = ui.state;
  if (!s) return;
  // Keep what the user typed in the connect form across re-renders.
  const typed: Record<string, string> = {};
  for (const id of ["domain", "token", "client-id", "client-secret", "demo-scenario"]) {
    const el = $(`#${id}`) as HTMLInputElement | null;
    if (el) typed[id] = el.value;
  }
  const msg = ui.message?.text
    ? h("p", { class: `message ${ui.message.kind}`, id: "message", role: "alert" }, ui.message.text)
    : null;
  root().replaceChildren(
    header(s),
    msg ?? "",
    s.account ? accountBlock(s.account) : connectForm(s),
    demoBlock(s) ?? "",
    statusBlock(s),
    scheduleBlock(s),
    settingsBlock(s),
  );
  for (const [id, v] of Object.entries(typed)) {
    const el = $(`#${id}`) as HTMLInputElement | null;
    if (el) el.value = v;
  }
}

refresh().catch((e: unknown) => {
  root().replaceChildren(
    h("p", { class: "message error", id: "message" }, e instanceof Error ? e.message : String(e)),
  );
});
