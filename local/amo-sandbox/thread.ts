/**
 * Runs the sandbox in a worker thread, for callers that use the synchronous amoCRM client on their
 * own thread (tests, `npm start`, benchmarks).
 */
import { once } from "node:events";
import type { Worker } from "node:worker_threads";
import { startTsWorker } from "../http-sync/ts-worker";
import type { SandboxStats } from "./server";
import type { SandboxThreadOptions } from "./thread-entry";

export type { SandboxThreadOptions };

export interface SandboxThread {
  baseUrl: string;
  longLivedToken: string;
  issueAuthorizationCode(clientId: string): Promise<string>;
  stats(): Promise<SandboxStats>;
  close(): Promise<void>;
}

export async function startSandboxThread(opts: SandboxThreadOptions): Promise<SandboxThread> {
  const worker: Worker = startTsWorker(new URL("./thread-entry.ts", import.meta.url), { workerData: opts });
  const [hello] = (await Promise.race([
    once(worker, "message"),
    once(worker, "error").then(([e]) => {
      throw e;
    }),
  ])) as [{ baseUrl: string; longLivedToken: string }];
  const ask = async <T>(msg: object, key: string): Promise<T> => {
    worker.postMessage(msg);
    for (;;) {
      const [reply] = (await once(worker, "message")) as [Record<string, unknown>];
      if (key in reply) return reply[key] as T;
    }
  };
  return {
    ...hello,
    issueAuthorizationCode: (clientId) => ask<string>({ issueCode: clientId }, "code"),
    stats: () => ask<SandboxStats>({ stats: true }, "stats"),
    close: async () => {
      await worker.terminate();
    },
  };
}
