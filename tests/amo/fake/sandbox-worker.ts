/**
 * Runs the project's sandbox (local/amo-sandbox/server.ts) on a generated account in a worker
 * thread, for the client's integration tests (the synchronous client blocks the main thread).
 * Posts { baseUrl, longLivedToken }; answers { code } to { issueCode: clientId }.
 */
import { parentPort, workerData } from "node:worker_threads";
import { generateAccount } from "../../../local/amo-sandbox/generator/index";
import {
  createSandbox,
  type FaultSpec,
  type OAuthClient,
  type RateLimitOptions,
} from "../../../local/amo-sandbox/server";

export interface SandboxWorkerData {
  seed: number;
  scenario: string;
  faults?: FaultSpec;
  rateLimit?: Partial<RateLimitOptions> | false;
  oauthClients?: OAuthClient[];
}

const d = workerData as SandboxWorkerData;
const { data } = generateAccount({ seed: d.seed, scenario: d.scenario });
const options: Parameters<typeof createSandbox>[0] = { data };
if (d.faults) options.faults = d.faults;
if (d.rateLimit !== undefined) options.rateLimit = d.rateLimit;
if (d.oauthClients) options.oauthClients = d.oauthClients;
const sandbox = await createSandbox(options);
parentPort?.on("message", (m: { issueCode?: string }) => {
  if (m.issueCode !== undefined)
    parentPort?.postMessage({ code: sandbox.issueAuthorizationCode(m.issueCode) });
});
parentPort?.postMessage({ baseUrl: sandbox.baseUrl, longLivedToken: sandbox.longLivedToken });
