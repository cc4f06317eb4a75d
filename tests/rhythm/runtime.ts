/** Bundles runtime-entry.ts (esbuild, as the add-on's build does) and loads it into a runtime. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import {
  createRuntime,
  createVirtualClock,
  type Runtime,
  type RuntimeOptions,
} from "../../local/gas-runtime/index";

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), "runtime-entry.ts");
let code: string | null = null;

function bundle(): string {
  if (code !== null) return code;
  const out = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    format: "iife",
    globalName: "RhythmTest",
    target: "es2020",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  code = `function writeDemo(o) { return RhythmTest.writeDemo(o); }\n${out.outputFiles[0]!.text}`;
  return code;
}

export function rhythmRuntime(now: number, opts: Partial<RuntimeOptions> = {}): Runtime {
  return createRuntime({
    code: bundle(),
    clock: createVirtualClock(now),
    timeZone: "Europe/Moscow",
    ...opts,
  });
}
