/**
 * The sidebar's server functions in the built bundle (no browser): what each failure returns, that
 * secrets never come back, settings errors by field path, the OAuth round trip through the state
 * token, demo data on and off. Expected values come from the generator (same seed as the sandbox)
 * or are written out by hand.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import type {
  AccountView,
  OAuthStart,
  Result,
  SaveSettingsResult,
  SidebarState,
  SyncRunView,
} from "../../src/gas/sidebar-api-types";
import { OAUTH_CLIENT, SCENARIO, SEED, startWorld, type World } from "./setup";

const { data } = generateAccount({ seed: SEED, scenario: SCENARIO });
/** The demo team the add-on generates for itself (src/gas/sidebar/demo.ts: seed 1). */
const demo = generateAccount({ seed: 1, scenario: "small" }).data;

describe("sidebar server functions in the local Apps Script runtime", () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it("fills the raw sheets with the demo team before any connection, and removes them again", () => {
    const start = w.rt.call<Result<{ demo: { scenario: string } }>>("sidebarStartDemo", "small");
    expect(start.ok).toBe(true);
    let run = w.rt.call<Result<{ run: SyncRunView }>>("sidebarSync", true);
    for (let i = 0; i < 10 && run.ok && run.run.status === "partial"; i++)
      run = w.rt.call<Result<{ run: SyncRunView }>>("sidebarSync", false);
    expect(run.ok && run.run.status).toBe("done");
    const leads = w.rt.spreadsheet.getSheetByName("amo_leads")!;
    const liveLeads = demo.leads.filter((l) => l["is_deleted"] !== true).length;
    expect(leads.getLastRow() - 1).toBe(liveLeads);
    const users = w.rt.spreadsheet.getSheetByName("amo_users")!;
    expect(users.getLastRow() - 1).toBe(demo.users.length);
    const state = w.rt.call<SidebarState>("getSidebarState");
    expect(state.demo?.scenario).toBe("small");
    expect(state.account?.kind).toBe("demo");
    expect(state.account?.accountName).toBe(demo.account["name"]);

    const after = w.rt.call<SidebarState>("sidebarRemoveDemo");
    expect(after.demo).toBeNull();
    expect(after.account).toBeNull();
    expect(after.status.syncedTo).toBeNull();
    expect(leads.getLastRow()).toBe(0);
    expect(users.getLastRow()).toBe(0);
    // The settings the demo filled are gone too (a real account detects its own fields).
    expect(w.rt.properties.document.map.has("amo_settings")).toBe(false);
  });

  it("opens build/Sidebar.html as the sidebar, and the menu has an item for it", () => {
    w.rt.call("showSidebar");
    const shown = w.rt.html.lastSidebar;
    expect(shown?.title).toBe("KPI amoCRM");
    expect(shown?.html).toBe(readFileSync(join(w.buildDir, "Sidebar.html"), "utf8"));
    w.rt.open({ authMode: "NONE" });
    expect(w.rt.ui.menus[0]?.items).toContainEqual({ label: "Открыть панель", functionName: "showSidebar" });
  });

  it("names each connection failure", () => {
    const badDomain = w.rt.call<Result<{ account: AccountView }>>(
      "sidebarConnectToken",
      "not a domain!",
      "x",
    );
    expect(badDomain).toEqual({ ok: false, error: { code: "bad_domain", detail: "not a domain!" } });
    const empty = w.rt.call<Result<{ account: AccountView }>>("sidebarConnectToken", w.sandbox.baseUrl, "  ");
    expect(empty).toEqual({ ok: false, error: { code: "empty_token", detail: null } });
    const bad = w.rt.call<Result<{ account: AccountView }>>(
      "sidebarConnectToken",
      w.sandbox.baseUrl,
      "wrong-token",
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe("bad_token");
    // Nothing was stored by the failed attempts.
    expect(Object.fromEntries(w.rt.properties.user.map)).not.toHaveProperty("amo_long_lived_token");
    const state = w.rt.call<SidebarState>("getSidebarState");
    expect(state.account).toBeNull();
  });

  it("connects with a good token: account name, users and pipelines; the token never comes back", () => {
    const r = w.rt.call<Result<{ account: AccountView }>>(
      "sidebarConnectToken",
      w.sandbox.baseUrl,
      w.sandbox.longLivedToken,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.account.accountName).toBe(data.account["name"]);
    expect(r.account.users?.map((u) => u.id).sort()).toEqual(data.users.map((u) => u["id"] as number).sort());
    expect(r.account.pipelines.map((p) => p.id)).toEqual(data.pipelines.map((p) => p["id"] as number));
    expect(r.account.secretMask).toBe(`••••${w.sandbox.longLivedToken.slice(-4)}`);
    const state = w.rt.call<SidebarState>("getSidebarState");
    expect(state.account?.accountName).toBe(data.account["name"]);
    const json = JSON.stringify(state) + JSON.stringify(r);
    expect(json).not.toContain(w.sandbox.longLivedToken);
    expect(json).not.toContain(w.sandbox.longLivedToken.slice(0, 20));
  });

  it("returns settings errors by field path, and saves valid settings", () => {
    const s = w.rt.call<SidebarState>("getSidebarState").settings;
    const bad = w.rt.call<SaveSettingsResult>("sidebarSaveSettings", {
      ...s,
      calendar: { ...s.calendar, workStart: "19:00" },
      thresholds: { ...s.thresholds, slaShare: 1.5 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.map((e) => e.path).sort()).toEqual(["calendar.workEnd", "thresholds.slaShare"]);
    }
    const good = w.rt.call<SaveSettingsResult>("sidebarSaveSettings", {
      ...s,
      sla: { ...s.sla, hotMinutes: 15 },
    });
    expect(good.ok).toBe(true);
    expect(w.rt.call<{ sla: { hotMinutes: number } }>("getSettings").sla.hotMinutes).toBe(15);
  });

  it("refuses demo data while a real account is connected", () => {
    const r = w.rt.call<Result<object>>("sidebarStartDemo", "small");
    expect(r).toEqual({ ok: false, error: { code: "already_connected", detail: null } });
  });

  it("disconnect deletes every stored token and secret", () => {
    w.rt.call("sidebarDisconnect");
    const user = JSON.stringify(Object.fromEntries(w.rt.properties.user.map));
    expect(user).not.toContain(w.sandbox.longLivedToken);
    expect(w.rt.call<SidebarState>("getSidebarState").account).toBeNull();
  });

  it("completes an OAuth round trip through the state token and /usercallback", async () => {
    const start = w.rt.call<Result<OAuthStart>>(
      "sidebarStartOAuth",
      w.sandbox.baseUrl,
      OAUTH_CLIENT.clientId,
      OAUTH_CLIENT.clientSecret,
    );
    expect(start.ok).toBe(true);
    if (!start.ok) return;
    const auth = new URL(start.authorizationUrl);
    expect(`${auth.origin}${auth.pathname}`).toBe(`${w.bridge.url}/oauth`);
    expect(auth.searchParams.get("client_id")).toBe(OAUTH_CLIENT.clientId);
    expect(start.redirectUri).toBe(`${w.bridge.url}/usercallback`);
    // A callback with another attempt's nonce is refused; the real one goes through.
    const state = auth.searchParams.get("state")!;
    const code = await w.sandbox.issueAuthorizationCode(OAUTH_CLIENT.clientId);
    const page = w.rt.userCallback(state, { code, referer: w.sandbox.baseUrl.replace("http://", "") }) as {
      getContent(): string;
    };
    expect(page.getContent()).toContain(String(data.account["name"]));
    const s = w.rt.call<SidebarState>("getSidebarState");
    expect(s.account?.kind).toBe("oauth");
    expect(s.account?.clientId).toBe(OAUTH_CLIENT.clientId);
    expect(s.oauthPending).toBeNull();
    expect(JSON.stringify(s)).not.toContain(OAUTH_CLIENT.clientSecret);
    // The stored pair works: a sync runs on it.
    const run = w.rt.call<Result<{ run: SyncRunView }>>("sidebarSync", false);
    expect(run.ok).toBe(true);
    if (run.ok) expect(["done", "partial"]).toContain(run.run.status);
    w.rt.call("sidebarDisconnect");
    expect(JSON.stringify(Object.fromEntries(w.rt.properties.user.map))).not.toContain("accessToken");
    // The account's rows stay in the sheets after a disconnect: demo data is refused then.
    expect(w.rt.call<Result<object>>("sidebarStartDemo", "small")).toEqual({
      ok: false,
      error: { code: "sheets_not_empty", detail: null },
    });
  });

  it("refuses a callback of an older attempt (its nonce no longer matches)", () => {
    const first = w.rt.call<Result<OAuthStart>>(
      "sidebarStartOAuth",
      w.sandbox.baseUrl,
      OAUTH_CLIENT.clientId,
      OAUTH_CLIENT.clientSecret,
    );
    const second = w.rt.call<Result<OAuthStart>>(
      "sidebarStartOAuth",
      w.sandbox.baseUrl,
      OAUTH_CLIENT.clientId,
      OAUTH_CLIENT.clientSecret,
    );
    if (!first.ok || !second.ok) throw new Error("start failed");
    const oldState = new URL(first.authorizationUrl).searchParams.get("state")!;
    w.rt.userCallback(oldState, { code: "whatever" });
    const s = w.rt.call<SidebarState>("getSidebarState");
    expect(s.account).toBeNull();
    expect(s.oauthPending?.error?.code).toBe("oauth_expired");
    w.rt.call("sidebarDisconnect");
  });

  it("reports a denied consent on the pending attempt", () => {
    const start = w.rt.call<Result<OAuthStart>>(
      "sidebarStartOAuth",
      w.sandbox.baseUrl,
      OAUTH_CLIENT.clientId,
      OAUTH_CLIENT.clientSecret,
    );
    if (!start.ok) throw new Error("start failed");
    const state = new URL(start.authorizationUrl).searchParams.get("state")!;
    w.rt.userCallback(state, { error: "access_denied" });
    const s = w.rt.call<SidebarState>("getSidebarState");
    expect(s.account).toBeNull();
    expect(s.oauthPending?.error?.code).toBe("oauth_denied");
    w.rt.call("sidebarDisconnect");
  });
});
