/**
 * Worker entry of bench/amo-pull.ts: the sandbox (local/amo-sandbox) serving a generated account,
 * in its own thread, because the synchronous amoCRM client blocks the bench's main thread while
 * a request is out. Posts { kind: "ready", baseUrl, longLivedToken } once listening, then answers
 * { kind: "stats" } with a copy of the sandbox's live counters.
 */
import { parentPort, workerData } from "node:worker_threads";
import { generateAccount } from "../local/amo-sandbox/generator/index";
import { createSandbox, type FaultSpec, type SandboxStats } from "../local/amo-sandbox/server";

export interface AmoPullSandboxData {
  seed: number;
  scenario: string;
  /** Omitted: a clean sandbox. The rate limit is always the real one (7/s per token). */
  faults?: FaultSpec;
}

export type AmoPullSandboxMessage =
  | { kind: "ready"; baseUrl: string; longLivedToken: string }
  | { kind: "stats"; stats: SandboxStats };

const d = workerData as AmoPullSandboxData;
const { data } = generateAccount({ seed: d.seed, scenario: d.scenario });
const sandbox = await createSandbox(d.faults ? { data, faults: d.faults } : { data });

const post = (m: AmoPullSandboxMessage) => parentPort?.postMessage(m);
parentPort?.on("message", (m: { kind?: string }) => {
  if (m.kind === "stats") post({ kind: "stats", stats: structuredClone(sandbox.stats) });
});
post({ kind: "ready", baseUrl: sandbox.baseUrl, longLivedToken: sandbox.longLivedToken });
