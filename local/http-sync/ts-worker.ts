/**
 * Starts a Worker from a TypeScript entry file. Node 20 workers do not get tsx's module hooks
 * (`--import tsx` preloads run, but `module.register` does not reach the worker's own entry), so
 * the entry is bundled with esbuild (already a dependency of tsx) into one ESM file. npm packages
 * stay imports; the file is written under node_modules/.cache so that they resolve from there.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { buildSync } from "esbuild";

const cache = new Map<string, URL>();

/**
 * The sync bridge's worker entry. Found next to this file, except inside a bundle made here,
 * where esbuild has replaced the variable by the original location.
 */
export const BRIDGE_WORKER_URL: string =
  process.env.HTTP_SYNC_WORKER_URL ?? new URL("./worker.ts", import.meta.url).href;

function cacheDir(): string {
  // …/node_modules/esbuild/package.json → …/node_modules/.cache/http-sync-workers
  const esbuildPkg = createRequire(import.meta.url).resolve("esbuild/package.json");
  return join(dirname(dirname(esbuildPkg)), ".cache", "http-sync-workers");
}

function bundled(entry: URL): URL {
  const hit = cache.get(entry.href);
  if (hit) return hit;
  const out = buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    // Inside a bundle `import.meta.url` is the bundle's; the bridge's worker file is passed in.
    define: { "process.env.HTTP_SYNC_WORKER_URL": JSON.stringify(BRIDGE_WORKER_URL) },
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]?.text ?? "";
  const dir = cacheDir();
  const file = join(dir, `${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    // Write then rename: parallel test processes never see a half-written file.
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  const url = pathToFileURL(file);
  cache.set(entry.href, url);
  return url;
}

export function startTsWorker(entry: URL, options: WorkerOptions = {}): Worker {
  return new Worker(bundled(entry), options);
}
