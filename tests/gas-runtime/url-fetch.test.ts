/** UrlFetchApp over a tiny fake port: muteHttpExceptions, payload encoding, quota, network errors. */
import { describe, expect, it } from "vitest";
import type { UrlFetchPort, UrlFetchPortRequest, UrlFetchPortResponse } from "../../local/gas-runtime/index";
import type { SyncHttp } from "../../local/http-sync/sync-http";
import { makeRuntime } from "./helpers";

function port(respond: (req: UrlFetchPortRequest) => UrlFetchPortResponse) {
  return { fetch: respond };
}

const NOT_FOUND = port((req): UrlFetchPortResponse => {
  if (req.url.endsWith("/missing")) {
    return { status: 404, headers: { "Content-Type": "application/json" }, body: '{"title":"Not Found"}' };
  }
  return {
    status: 200,
    headers: { "Content-Type": "application/json", "Set-Cookie": ["a=1", "b=2"] },
    body: '{"ok":true}',
  };
});

/** Compile-time contract: local/http-sync's Node bridge plugs in as the runtime's HTTP port. */
const bridgeFits: SyncHttp extends UrlFetchPort ? true : false = true;

describe("UrlFetchApp", () => {
  it("accepts local/http-sync's bridge as its port (checked by tsc)", () => {
    expect(bridgeFits).toBe(true);
  });

  it("throws Google's text for a status >= 400 unless muteHttpExceptions", () => {
    const rt = makeRuntime("", { urlFetch: NOT_FOUND });
    expect(() => rt.js(`UrlFetchApp.fetch("https://acme.amocrm.ru/api/v4/missing")`)).toThrow(
      'Request failed for https://acme.amocrm.ru returned code 404. Truncated server response: {"title":"Not Found"} (use muteHttpExceptions option to examine full response)',
    );
    expect(
      rt.js(`var r = UrlFetchApp.fetch("https://acme.amocrm.ru/api/v4/missing", { muteHttpExceptions: true });
        [r.getResponseCode(), r.getContentText(), r.getBlob().getDataAsString()]`),
    ).toEqual([404, '{"title":"Not Found"}', '{"title":"Not Found"}']);
  });

  it("cuts a long error body to 150 characters followed by ...", () => {
    const long = "x".repeat(400);
    const rt = makeRuntime("", { urlFetch: port(() => ({ status: 500, headers: {}, body: long })) });
    expect(() => rt.js(`UrlFetchApp.fetch("https://a.kommo.com/x")`)).toThrow(
      `Request failed for https://a.kommo.com returned code 500. Truncated server response: ${"x".repeat(150)}... (use muteHttpExceptions option to examine full response)`,
    );
  });

  it("form-encodes an object payload, passes headers, counts every request", () => {
    const rt = makeRuntime("", { urlFetch: NOT_FOUND });
    const headers = rt.js(`var r = UrlFetchApp.fetch("https://a.amocrm.ru/oauth2/access_token", {
        method: "post", payload: { grant_type: "refresh_token", code: "a b&c" }, headers: { "X-Id": 7 } });
      [r.getHeaders(), r.getAllHeaders()["Set-Cookie"]]`);
    expect(headers).toEqual([
      { "Content-Type": "application/json", "Set-Cookie": "a=1, b=2" },
      ["a=1", "b=2"],
    ]);
    expect(rt.http.requests[0]).toMatchObject({
      url: "https://a.amocrm.ru/oauth2/access_token",
      method: "post",
      headers: { "X-Id": "7" },
      payload: "grant_type=refresh_token&code=a%20b%26c",
      contentType: "application/x-www-form-urlencoded",
    });
    rt.js(
      `UrlFetchApp.fetchAll(["https://a.amocrm.ru/1", { url: "https://a.amocrm.ru/2", muteHttpExceptions: true }])`,
    );
    expect(rt.quota.urlFetchCalls).toBe(3);
  });

  it("fetchAll throws on the first failed response without muteHttpExceptions", () => {
    const rt = makeRuntime("", { urlFetch: NOT_FOUND });
    expect(() =>
      rt.js(`UrlFetchApp.fetchAll(["https://a.amocrm.ru/ok", "https://a.amocrm.ru/missing"])`),
    ).toThrow("returned code 404");
  });

  it("maps a port's network failure to Apps Script's texts, and fails clearly without a port", () => {
    const failing = port(() => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { kind: "dns" });
    });
    const rt = makeRuntime("", { urlFetch: failing });
    expect(() => rt.js(`UrlFetchApp.fetch("https://nowhere.amocrm.ru/")`)).toThrow(
      "DNS error: https://nowhere.amocrm.ru/",
    );
    expect(() => makeRuntime().js(`UrlFetchApp.fetch("https://a.amocrm.ru/")`)).toThrow(
      "UrlFetchApp is not connected",
    );
  });

  it("enforces the daily quota and an allowlist when given", () => {
    const rt = makeRuntime("", {
      urlFetch: NOT_FOUND,
      limits: { urlFetchPerDay: 2 },
      urlFetchAllowlist: ["https://*.amocrm.ru/"],
    });
    expect(() => rt.js(`UrlFetchApp.fetch("https://evil.example.com/")`)).toThrow("urlFetchWhitelist");
    rt.js(`UrlFetchApp.fetch("https://a.amocrm.ru/1"); UrlFetchApp.fetch("https://a.amocrm.ru/2");`);
    expect(() => rt.js(`UrlFetchApp.fetch("https://a.amocrm.ru/3")`)).toThrow(
      "Service invoked too many times for one day: urlfetch.",
    );
    rt.clock.advance(86_400_000);
    expect(() => rt.js(`UrlFetchApp.fetch("https://a.amocrm.ru/4")`)).not.toThrow();
  });
});
