/**
 * An HttpPort that answers amoCRM API v4 requests in memory from the seeded demo account: the
 * generator's account (same seed → the same team as `npm run sandbox`) served by the sandbox's
 * own routes, so the demo goes through the real client, paging, mapping and sync engine. Nothing
 * is fetched over the network; no secret exists.
 *
 * The account is generated once per execution (an execution starts with fresh globals anyway):
 * the "default" team takes about 2 s in Node.
 */
import type { HttpPort, HttpRequest, HttpResponse } from "../amo/http";
import { AccountStore, apiRoutes, generateAccount, PageCursors, parseQuery } from "./generator";

/** The demo account's address: links in the answers and deal URLs in the sheet point here. */
export const DEMO_BASE_URL = "https://demo.amocrm.ru";

interface DemoServer {
  store: AccountStore;
  routes: ReturnType<typeof apiRoutes>;
  cursors: PageCursors;
}

let cached: { key: string; server: DemoServer } | null = null;

function server(seed: number, scenario: string): DemoServer {
  const key = `${seed}:${scenario}`;
  if (cached?.key !== key) {
    const { data } = generateAccount({ seed, scenario });
    cached = {
      key,
      server: { store: new AccountStore(data), routes: apiRoutes(), cursors: new PageCursors() },
    };
  }
  return cached.server;
}

function answer(s: DemoServer, req: HttpRequest): HttpResponse {
  const method = req.method.toUpperCase();
  const rest = req.url.replace(/^https?:\/\/[^/]+/, "");
  const q = rest.indexOf("?");
  const pathname = (q < 0 ? rest : rest.slice(0, q)).replace(/(.)\/$/, "$1");
  const rawQuery = q < 0 ? "" : rest.slice(q + 1);
  const match = s.routes.match(method, pathname);
  if (match.kind !== "found") {
    return { status: 404, headers: {}, body: JSON.stringify({ title: "Not Found", status: 404 }) };
  }
  const reply = match.handler({
    method,
    pathname,
    params: match.params,
    rawQuery,
    query: parseQuery(rawQuery),
    origin: DEMO_BASE_URL,
    store: s.store,
    nowMs: Date.now(),
    body: req.payload ? JSON.parse(req.payload) : undefined,
    apiFilterEnabled: true,
    subdomain: "demo",
    cursors: s.cursors,
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k.toLowerCase()] = v;
  if (reply.contentType) headers["content-type"] = reply.contentType;
  return { status: reply.status, headers, body: reply.body ?? "" };
}

/**
 * Each answer waits `paceMs`, as a real account's answer takes time: without it the pages come so
 * fast that the sync's writes pass the Sheets API's per-minute write quota (60 write requests a
 * minute per user [apps-script.md §3]; the local runtime enforces it) and the run stops with
 * "Quota exceeded". 150 ms a page keeps a flush of 25 pages under one write request every 4 s.
 */
export function demoHttpPort(
  seed: number,
  scenario: string,
  sleep: (ms: number) => void,
  paceMs = 150,
): HttpPort {
  return {
    fetch: (req) => {
      sleep(paceMs);
      return answer(server(seed, scenario), req);
    },
    fetchAll: (reqs) => {
      sleep(paceMs);
      return reqs.map((req) => answer(server(seed, scenario), req));
    },
  };
}
