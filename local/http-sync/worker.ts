/**
 * The HTTP worker: performs real requests with node:http/https for the blocked main thread.
 * A job's requests run concurrently (fetchAll); the reply is posted on the job port and then the
 * shared flag is set and notified, so the main thread can read it with receiveMessageOnPort.
 * Redirects are not followed unless a request asks (`followRedirects`).
 */
import http from "node:http";
import https from "node:https";
import { type MessagePort, workerData } from "node:worker_threads";
import type { HttpRequest, NetworkErrorKind } from "../../src/amo/http";
import { DONE, type WorkerJob, type WorkerOutcome, type WorkerReply } from "./protocol";

const { port, flag } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
const signal = new Int32Array(flag);

function kindOf(err: NodeJS.ErrnoException): NetworkErrorKind {
  switch (err.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
      return "dns";
    case "ECONNREFUSED":
    case "EADDRNOTAVAIL":
    case "ENETUNREACH":
    case "EHOSTUNREACH":
      return "refused";
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
      return "reset";
    case "ETIMEDOUT":
      return "timeout";
    default:
      return err.message === "socket hang up" ? "reset" : "other";
  }
}

/** Like UrlFetchApp's messages: what failed and where (host and path only, never the query). */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

const MAX_REDIRECTS = 5;

/** `perform`, following redirects when asked (303 and 301/302 after a POST become GET, as browsers do). */
async function performFollowing(req: HttpRequest, timeoutMs: number): Promise<WorkerOutcome> {
  const deadline = Date.now() + timeoutMs; // one deadline for the whole chain
  let current = req;
  for (let hop = 0; ; hop++) {
    const out = await perform(current, Math.max(1, deadline - Date.now()));
    const location = out.ok ? out.headers["location"] : undefined;
    if (!out.ok || !req.followRedirects || location === undefined || out.status < 300 || out.status > 399)
      return out;
    if (hop >= MAX_REDIRECTS) return out;
    const toGet =
      out.status === 303 || ((out.status === 301 || out.status === 302) && current.method !== "get");
    const next: HttpRequest = { ...current, url: new URL(location, current.url).href };
    if (toGet) {
      next.method = "get";
      delete next.payload;
      delete next.contentType;
    }
    current = next;
  }
}

function perform(req: HttpRequest, timeoutMs: number): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      done({ ok: false, kind: "other", message: `Invalid URL: ${where(req.url)}` });
      return;
    }
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (req.payload !== undefined) {
      headers["Content-Type"] = req.contentType ?? "application/x-www-form-urlencoded";
      headers["Content-Length"] = String(Buffer.byteLength(req.payload));
    }
    const lib = url.protocol === "https:" ? https : http;
    const r = lib.request(url, { method: req.method.toUpperCase(), headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
        }
        done({
          ok: true,
          status: res.statusCode ?? 0,
          headers: h,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
      res.on("error", (e: NodeJS.ErrnoException) =>
        done({ ok: false, kind: kindOf(e), message: `${e.message}: ${where(req.url)}` }),
      );
      res.on("aborted", () =>
        done({ ok: false, kind: "reset", message: `Connection reset: ${where(req.url)}` }),
      );
    });
    // One deadline for the whole exchange (connect + headers + body), as UrlFetchApp has.
    const timer = setTimeout(() => {
      done({ ok: false, kind: "timeout", message: `Timeout: ${where(req.url)}` });
      r.destroy();
    }, timeoutMs);
    r.on("error", (e: NodeJS.ErrnoException) =>
      done({ ok: false, kind: kindOf(e), message: `${e.code ?? e.message}: ${where(req.url)}` }),
    );
    if (req.payload !== undefined) r.write(req.payload);
    r.end();
  });
}

port.on("message", (job: WorkerJob) => {
  void Promise.all(job.requests.map((r) => performFollowing(r, job.timeoutMs))).then((outcomes) => {
    const reply: WorkerReply = { id: job.id, outcomes };
    port.postMessage(reply);
    Atomics.store(signal, 0, DONE);
    Atomics.notify(signal, 0);
  });
});
