/**
 * A synchronous HttpPort for Node, so the same amoCRM client that runs on UrlFetchApp runs in
 * tests and the CLI: the main thread posts the job to a worker thread and blocks in Atomics.wait
 * until the worker has performed the requests (concurrently for fetchAll) and posted the reply,
 * which is then read with receiveMessageOnPort.
 *
 * Because the main thread is blocked during a fetch, a server it talks to must run in another
 * thread or process (tests start theirs in a Worker).
 */
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { type HttpPort, type HttpRequest, type HttpResponse, NetworkError } from "../../src/amo/http";
import type { Clock } from "../../src/amo/ports";
import { BUSY, type WorkerJob, type WorkerReply } from "./protocol";
import { BRIDGE_WORKER_URL, startTsWorker } from "./ts-worker";

export interface SyncHttpOptions {
  /** Per request, connect to last byte (default 30 s; UrlFetchApp allows about 60 s). */
  timeoutMs?: number;
  /** Extra wait for the worker itself before giving up on it (startup, scheduling); default 20 s. */
  bridgeGraceMs?: number;
}

export interface SyncHttp extends HttpPort {
  /** Stops the worker; the port cannot be used afterwards. */
  close(): void;
}

/** Blocks the calling thread for `ms` (Utilities.sleep on Node). */
export function sleepSync(ms: number): void {
  if (ms <= 0) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export const systemClock: Clock = { now: () => Date.now(), sleep: sleepSync };

export function createSyncHttp(opts: SyncHttpOptions = {}): SyncHttp {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const grace = opts.bridgeGraceMs ?? 20_000;
  const flag = new SharedArrayBuffer(4);
  const signal = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  const worker = startTsWorker(new URL(BRIDGE_WORKER_URL), {
    workerData: { port: port2, flag },
    transferList: [port2],
  });
  worker.unref();
  let nextId = 1;
  let closed = false;

  /**
   * Block until the worker's reply to job `id` is readable. The worker posts the reply and then
   * flips the flag; on a busy machine the message can become visible on this side a moment after
   * the flag, so an empty port after the wake-up means "look again", not "lost".
   */
  function awaitReply(id: number, deadline: number): WorkerReply {
    for (;;) {
      const left = deadline - Date.now();
      if (Atomics.load(signal, 0) === BUSY && left > 0) Atomics.wait(signal, 0, BUSY, left);
      const msg = receiveMessageOnPort(port1);
      if (msg) {
        const reply = msg.message as WorkerReply;
        if (reply.id === id) return reply;
        throw new Error(`the HTTP bridge got the reply to request ${reply.id} while waiting for ${id}`);
      }
      if (Date.now() >= deadline) {
        closed = true;
        void worker.terminate();
        throw new NetworkError("timeout", "the HTTP bridge worker did not answer (did it fail to start?)");
      }
      sleepSync(1);
    }
  }

  function run(requests: HttpRequest[]): HttpResponse[] {
    if (closed) throw new Error("the HTTP bridge is closed");
    if (requests.length === 0) return [];
    const id = nextId++;
    Atomics.store(signal, 0, BUSY);
    const job: WorkerJob = { id, requests, timeoutMs };
    port1.postMessage(job);
    const reply = awaitReply(id, Date.now() + timeoutMs + grace);
    // Like UrlFetchApp.fetchAll: one request without an answer fails the whole call.
    const responses: HttpResponse[] = [];
    for (const o of reply.outcomes) {
      if (!o.ok) throw new NetworkError(o.kind, o.message);
      responses.push({ status: o.status, headers: o.headers, body: o.body });
    }
    return responses;
  }

  return {
    fetch: (req) => run([req])[0]!,
    fetchAll: (reqs) => run(reqs),
    close() {
      if (closed) return;
      closed = true;
      port1.close();
      void worker.terminate();
    },
  };
}
