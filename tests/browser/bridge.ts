/**
 * The browser tests' loopback server, standing in for Google between the sidebar and the script:
 * - GET /sidebar: build/Sidebar.html with the google.script.run shim injected;
 * - POST /__run {name, args}: one execution of that top-level function in the local Apps Script
 *   runtime (runtime.call), answering {ok, value} or {ok: false, message};
 * - GET /oauth: the amoCRM consent page ("Allow" → the sandbox issues an authorization code →
 *   redirect to the redirect URI with code, state and referer, as amoCRM does [DOC §2.2]);
 * - GET /usercallback: Apps Script's OAuth redirect target → runtime.userCallback(state, params).
 *
 * runtime.call blocks this thread while the script runs (UrlFetchApp waits synchronously), so the
 * sandbox lives in its own thread.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Runtime } from "../../local/gas-runtime";
import { GOOGLE_SCRIPT_RUN_SHIM } from "./shim";

export interface BridgeDeps {
  sidebarHtml: () => string;
  runtime: () => Runtime;
  /** The sandbox's "Allow": an authorization code for this client. */
  issueCode: (clientId: string) => Promise<string>;
  /** The account host amoCRM names in `referer` ("127.0.0.1:PORT" for the sandbox). */
  referer: () => string;
  redirectUri: () => string;
}

export interface Bridge {
  url: string;
  calls: { name: string; ok: boolean }[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string, headers = {}): void {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
  res.end(body);
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startBridge(deps: BridgeDeps): Promise<Bridge> {
  const calls: Bridge["calls"] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = `${req.method} ${url.pathname}`;
    (async () => {
      if (route === "GET /sidebar") {
        const html = deps
          .sidebarHtml()
          .replace("<script>", () => `<script>${GOOGLE_SCRIPT_RUN_SHIM}</script>\n<script>`);
        return send(res, 200, "text/html; charset=utf-8", html);
      }
      if (route === "POST /__run") {
        const { name, args } = JSON.parse(await readBody(req)) as { name: string; args: unknown[] };
        try {
          const value = deps.runtime().call(name, ...args);
          calls.push({ name, ok: true });
          // Plain values only, as Google's bridge: undefined becomes null.
          return send(res, 200, "application/json", JSON.stringify({ ok: true, value: value ?? null }));
        } catch (e) {
          calls.push({ name, ok: false });
          return send(
            res,
            200,
            "application/json",
            JSON.stringify({ ok: false, message: e instanceof Error ? e.message : String(e) }),
          );
        }
      }
      if (route === "GET /oauth") {
        const clientId = url.searchParams.get("client_id") ?? "";
        const state = url.searchParams.get("state") ?? "";
        const allow = `/oauth/allow?client_id=${encodeURIComponent(clientId)}&state=${encodeURIComponent(state)}`;
        const deny = `/oauth/deny?state=${encodeURIComponent(state)}`;
        return send(
          res,
          200,
          "text/html; charset=utf-8",
          `<!doctype html><meta charset="utf-8"><title>amoCRM</title><h1>Предоставить доступ</h1>` +
            `<p>Интеграция ${esc(clientId)} запрашивает доступ к аккаунту.</p>` +
            `<a id="allow" href="${esc(allow)}">Разрешить</a> <a id="deny" href="${esc(deny)}">Отказать</a>`,
        );
      }
      if (route === "GET /oauth/allow") {
        const code = await deps.issueCode(url.searchParams.get("client_id") ?? "");
        const q = new URLSearchParams({
          code,
          state: url.searchParams.get("state") ?? "",
          referer: deps.referer(),
          platform: "1",
        });
        res.writeHead(302, { Location: `${deps.redirectUri()}?${q}` });
        return res.end();
      }
      if (route === "GET /oauth/deny") {
        const q = new URLSearchParams({ error: "access_denied", state: url.searchParams.get("state") ?? "" });
        res.writeHead(302, { Location: `${deps.redirectUri()}?${q}` });
        return res.end();
      }
      if (route === "GET /usercallback") {
        const params = Object.fromEntries(url.searchParams);
        const { state, ...rest } = params;
        try {
          const out = deps.runtime().userCallback(state ?? "", rest) as { getContent(): string };
          return send(res, 200, "text/html; charset=utf-8", out.getContent());
        } catch (e) {
          return send(res, 400, "text/plain; charset=utf-8", e instanceof Error ? e.message : String(e));
        }
      }
      return send(res, 404, "text/plain", "not found");
    })().catch((e: unknown) => send(res, 500, "text/plain", e instanceof Error ? e.message : String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
