/** Starts server-worker.ts in a Worker and talks to it asynchronously (when nothing blocks). */
import { once } from "node:events";
import { startTsWorker } from "../../../local/http-sync/ts-worker";
import type { LogEntry } from "./fake-amo";
import type { ServerWorkerData } from "./server-worker";

export interface FakeServer {
  baseUrl: string;
  state(): Promise<{ log: LogEntry[]; refreshTokensReceived: string[]; maxInFlight: number }>;
  /** GET /__control/{what}?{query} (a 429 storm from now, a revoked token). */
  control(what: "storm" | "revoke", query: Record<string, string | number>): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeServer(data: ServerWorkerData = {}): Promise<FakeServer> {
  const worker = startTsWorker(new URL("./server-worker.ts", import.meta.url), { workerData: data });
  const [msg] = (await once(worker, "message")) as [{ port: number }];
  const baseUrl = `http://127.0.0.1:${msg.port}`;
  return {
    baseUrl,
    state: async () => (await fetch(`${baseUrl}/__state`)).json() as ReturnType<FakeServer["state"]>,
    control: async (what, query) => {
      const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      await fetch(`${baseUrl}/__control/${what}?${q.toString()}`);
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
