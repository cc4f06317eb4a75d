/**
 * Serves a FakeAmo over node:http from a worker thread (the synchronous client blocks the main
 * thread, so its server must live elsewhere). Extra routes: /__state (log), /__control/storm?ms=
 * &retryAfter=, /__control/revoke?token=, and for the bridge's own tests /__test/echo,
 * /__test/delay?ms=, /__test/status?code=, /__test/drop, /__test/hang.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { FakeAmo, type FakeAmoOptions } from "./fake-amo";

export interface ServerWorkerData {
  fake?: FakeAmoOptions;
  /** Answer these paths only after a delay (ms), to widen race windows. */
  delays?: Record<string, number>;
  /** Storms relative to the server's start, in ms. */
  relativeStorms?: { fromMs: number; toMs: number; retryAfterSec?: number | null }[];
}

const opts = (workerData ?? {}) as ServerWorkerData;
const started = Date.now();
const fake = new FakeAmo({
  ...opts.fake,
  storms: [
    ...(opts.fake?.storms ?? []),
    ...(opts.relativeStorms ?? []).map((s) => ({
      from: started + s.fromMs,
      to: started + s.toMs,
      retryAfterSec: s.retryAfterSec ?? null,
    })),
  ],
});
let inFlight = 0;
let maxInFlight = 0;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

const server = createServer(async (req, res) => {
  const body = await readBody(req);
  const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
  const send = (status: number, text: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, headers);
    res.end(text);
  };
  if (url.pathname === "/__control/storm") {
    const now = Date.now();
    const retry = url.searchParams.get("retryAfter");
    fake.addStorm(
      now,
      now + Number(url.searchParams.get("ms") ?? 1000),
      retry === null ? null : Number(retry),
    );
    send(200, "ok");
    return;
  }
  if (url.pathname === "/__control/revoke") {
    fake.revokeAccess(url.searchParams.get("token") ?? "");
    send(200, "ok");
    return;
  }
  if (url.pathname === "/__state") {
    send(
      200,
      JSON.stringify({ log: fake.log, refreshTokensReceived: fake.refreshTokensReceived, maxInFlight }),
      {
        "content-type": "application/json",
      },
    );
    return;
  }
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  try {
    if (url.pathname.startsWith("/__test/")) {
      const what = url.pathname.slice("/__test/".length);
      if (what === "echo") {
        send(201, JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }), {
          "Content-Type": "application/json",
          "X-Custom-Header": "Yes",
        });
      } else if (what === "delay") {
        await new Promise((r) => setTimeout(r, Number(url.searchParams.get("ms") ?? 100)));
        send(200, url.searchParams.get("id") ?? "");
      } else if (what === "status") {
        send(Number(url.searchParams.get("code")), "");
      } else if (what === "redirect") {
        send(302, "", { Location: "/__test/echo?redirected=1" });
      } else if (what === "drop") {
        req.socket.destroy();
      } else if (what === "hang") {
        return; // never answers
      }
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
    const reply = fake.handle({ method: req.method ?? "GET", url: url.href, headers, body }, Date.now());
    const delay = opts.delays?.[url.pathname];
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (reply === "drop") req.socket.destroy();
    else if (reply !== "hang") send(reply.status, reply.body, reply.headers);
  } finally {
    inFlight--;
  }
});

server.listen(0, "127.0.0.1", () => {
  parentPort?.postMessage({ port: (server.address() as AddressInfo).port });
});
