/**
 * Worker-thread entry of the sandbox (see thread.ts): the synchronous amoCRM client blocks its own
 * thread while it waits for an answer, so a sandbox serving it must run in another thread.
 * Posts { baseUrl, longLivedToken } once listening; answers { code } to { issueCode: clientId }
 * and { stats } to { stats: true }.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { AccountData } from "./account-data";
import { loadAccountData } from "./data-loader";
import { generateAccount } from "./generator/index";
import { createSandbox, type FaultSpec, type OAuthClient, type RateLimitOptions } from "./server";

export interface SandboxThreadOptions {
  /** A generated account (seed + scenario) or a recorded one (dataDir). */
  seed?: number;
  scenario?: string;
  /** The generated account as it was at this earlier instant (epoch ms). */
  asOf?: number;
  dataDir?: string;
  port?: number;
  longLivedToken?: string;
  faults?: FaultSpec;
  rateLimit?: Partial<RateLimitOptions> | false;
  oauthClients?: OAuthClient[];
}

const d = workerData as SandboxThreadOptions;
const data: AccountData = d.dataDir
  ? loadAccountData(d.dataDir)
  : generateAccount({
      seed: d.seed ?? 1,
      scenario: d.scenario ?? "default",
      ...(d.asOf !== undefined ? { asOf: d.asOf } : {}),
    }).data;
const options: Parameters<typeof createSandbox>[0] = { data };
if (d.port !== undefined) options.port = d.port;
if (d.longLivedToken !== undefined) options.longLivedToken = d.longLivedToken;
if (d.faults) options.faults = d.faults;
if (d.rateLimit !== undefined) options.rateLimit = d.rateLimit;
if (d.oauthClients) options.oauthClients = d.oauthClients;
const sandbox = await createSandbox(options);
parentPort?.on("message", (m: { issueCode?: string; stats?: boolean }) => {
  if (m.issueCode !== undefined)
    parentPort?.postMessage({ code: sandbox.issueAuthorizationCode(m.issueCode) });
  if (m.stats) parentPort?.postMessage({ stats: JSON.parse(JSON.stringify(sandbox.stats)) });
});
parentPort?.postMessage({ baseUrl: sandbox.baseUrl, longLivedToken: sandbox.longLivedToken });
