/**
 * One world for the sidebar tests: the amoCRM sandbox (its own thread) with an OAuth integration
 * registered, the built add-on in the local Apps Script runtime (virtual clock at the demo's "now",
 * service calls costing the time measured in real Sheets), and the loopback bridge.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { type SandboxThread, startSandboxThread } from "../../local/amo-sandbox/thread";
import { buildAll } from "../../local/build/build";
import {
  createRuntime,
  createVirtualClock,
  loadBuild,
  MEASURED_COSTS,
  type Runtime,
} from "../../local/gas-runtime";
import { createSyncHttp, type SyncHttp } from "../../local/http-sync/sync-http";
import { type Bridge, startBridge } from "./bridge";

export const SEED = 5;
export const SCENARIO = "default";
export const OAUTH_CLIENT = {
  clientId: "3f2c6a1e-sidebar-test",
  clientSecret: "s3cr3t-Client-Secret-0042-XYZ",
};

export interface World {
  sandbox: SandboxThread;
  http: SyncHttp;
  rt: Runtime;
  bridge: Bridge;
  buildDir: string;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const buildDir = mkdtempSync(join(tmpdir(), "amo-kpi-sidebar-"));
  await buildAll(buildDir);
  const { truth } = generateAccount({ seed: SEED, scenario: SCENARIO });
  let rt: Runtime | null = null;
  let sandbox: SandboxThread | null = null;
  const bridge = await startBridge({
    sidebarHtml: () => readFileSync(join(buildDir, "Sidebar.html"), "utf8"),
    runtime: () => rt!,
    issueCode: (clientId) => sandbox!.issueAuthorizationCode(clientId),
    referer: () => sandbox!.baseUrl.replace(/^http:\/\//, ""),
    redirectUri: () => `${bridge.url}/usercallback`,
  });
  sandbox = await startSandboxThread({
    seed: SEED,
    scenario: SCENARIO,
    rateLimit: false,
    oauthClients: [{ ...OAUTH_CLIENT, redirectUri: `${bridge.url}/usercallback` }],
  });
  const http = createSyncHttp({ timeoutMs: 10_000 });
  rt = createRuntime({
    ...loadBuild(buildDir),
    clock: createVirtualClock(truth.nowUnix * 1000),
    // A slow amoCRM (2 s a request instead of the measured 0.65 s), so the first sync needs more
    // than one 6-minute execution and the sidebar's progress across executions is visible.
    costs: { ...MEASURED_COSTS, urlFetchMs: 2_000 },
    urlFetch: http,
    timeZone: truth.timezone,
    // Local stand-ins for amoCRM's consent page and Apps Script's /usercallback (connect.ts).
    scriptProperties: {
      AMO_OAUTH_AUTHORIZE_URL: `${bridge.url}/oauth`,
      AMO_OAUTH_REDIRECT_URI: `${bridge.url}/usercallback`,
    },
  });
  return {
    sandbox,
    http,
    rt,
    bridge,
    buildDir,
    close: async () => {
      http.close();
      await bridge.close();
      await sandbox!.close();
    },
  };
}
