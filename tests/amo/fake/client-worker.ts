/**
 * One "execution" of the add-on in its own thread: an OAuth client over the sync bridge with a
 * TokenStore in a JSON file and a Lock on shared memory, both shared with another such thread.
 * It waits at a barrier so both start together, makes a few calls, and reports.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { createSyncHttp, systemClock } from "../../../local/http-sync/sync-http";
import { createAmoClient } from "../../../src/amo/client";
import type { Lock, StoredTokens, TokenStore } from "../../../src/amo/ports";

export interface ClientWorkerData {
  baseUrl: string;
  storePath: string;
  /** Int32Array[2]: [0] 0 free / 1 held; [1] how many times a thread had to wait for it. */
  lock: SharedArrayBuffer;
  /** Int32Array[1]: the barrier, 1 = go. */
  go: SharedArrayBuffer;
  oauth: { clientId: string; clientSecret: string; redirectUri: string };
  calls: number;
}

const d = workerData as ClientWorkerData;
const held = new Int32Array(d.lock);
const go = new Int32Array(d.go);

const lock: Lock = {
  withLock(fn) {
    let waited = false;
    while (Atomics.compareExchange(held, 0, 0, 1) !== 0) {
      if (!waited) Atomics.add(held, 1, 1);
      waited = true;
      Atomics.wait(held, 0, 1, 100);
    }
    try {
      return fn();
    } finally {
      Atomics.store(held, 0, 0);
      Atomics.notify(held, 0);
    }
  },
};

const store: TokenStore = {
  load: () =>
    existsSync(d.storePath) ? (JSON.parse(readFileSync(d.storePath, "utf8")) as StoredTokens) : null,
  save: (t) => {
    const tmp = `${d.storePath}.${process.pid}.${Math.random()}.tmp`;
    writeFileSync(tmp, JSON.stringify(t));
    renameSync(tmp, d.storePath);
  },
  clear: () => {},
};

const http = createSyncHttp({ timeoutMs: 5000 });
// Warm the bridge up so both threads reach the barrier ready to send.
parentPort?.postMessage({ ready: true });
Atomics.wait(go, 0, 0);
try {
  const client = createAmoClient({
    baseUrl: d.baseUrl,
    http,
    clock: systemClock,
    auth: { kind: "oauth", ...d.oauth, store, lock },
  });
  for (let i = 0; i < d.calls; i++) client.getAccount();
  parentPort?.postMessage({ ok: true, refreshes: client.stats().tokenRefreshes });
} catch (e) {
  parentPort?.postMessage({ ok: false, error: (e as Error).message });
} finally {
  http.close();
}
