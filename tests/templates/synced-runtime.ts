/**
 * The built add-on in the local Apps Script runtime after a full sync of a generator scenario
 * (as tests/e2e/addon-sync.test.ts does): connect, save the scenario's settings, sync to the end.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccountData } from "../../local/amo-sandbox/account-data";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import type { PlantedTruth } from "../../local/amo-sandbox/generator/truth-types";
import { startSandboxThread } from "../../local/amo-sandbox/thread";
import { buildAll } from "../../local/build/build";
import {
  createRuntime,
  createVirtualClock,
  loadBuild,
  MEASURED_COSTS,
  type Runtime,
} from "../../local/gas-runtime";
import { createSyncHttp } from "../../local/http-sync/sync-http";
import { truthSettings } from "../support/truth";

export interface SyncedRuntime {
  rt: Runtime;
  truth: PlantedTruth;
  data: AccountData;
  token: string;
  close(): Promise<void>;
}

interface Status {
  running: boolean;
  last: { status: string; message: string | null } | null;
}

export async function syncedRuntime(seed: number, scenario: "default" | "small"): Promise<SyncedRuntime> {
  const { truth, data } = generateAccount({ seed, scenario });
  const out = mkdtempSync(join(tmpdir(), "amo-kpi-templates-"));
  await buildAll(out);
  const sandbox = await startSandboxThread({ seed, scenario, rateLimit: false });
  const http = createSyncHttp({ timeoutMs: 20_000 });
  const rt = createRuntime({
    ...loadBuild(out),
    clock: createVirtualClock(truth.nowUnix * 1000),
    costs: MEASURED_COSTS,
    urlFetch: http,
    timeZone: truth.timezone,
    // Formula cells evaluated (KPI_* through the bundle) and conditional formats applied.
    evaluateFormulas: true,
  } as Parameters<typeof createRuntime>[0]);
  rt.call("connectAmo", sandbox.baseUrl, sandbox.longLivedToken);
  const saved = rt.call<{ ok: boolean }>("updateSettings", truthSettings(truth));
  if (!saved.ok) throw new Error("the scenario's settings did not validate");
  rt.call("syncNow", false);
  let status = rt.call<Status>("getSyncStatus");
  for (let i = 0; i < 40 && status.running; i++) {
    rt.triggers.fireDue(rt.clock.now() + 2 * 60_000);
    status = rt.call<Status>("getSyncStatus");
  }
  if (status.last?.status !== "done") throw new Error(`sync did not finish: ${JSON.stringify(status)}`);
  return {
    rt,
    truth,
    data,
    token: sandbox.longLivedToken,
    close: async () => {
      http.close();
      await sandbox.close();
    },
  };
}
