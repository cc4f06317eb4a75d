/**
 * Test helpers: a runtime on a virtual clock whose code has one extra top-level function, `run_`,
 * that evaluates a snippet in the script's global scope — so each test can run a few lines of
 * Apps Script as one execution without writing a named function for it.
 */
import {
  createRuntime,
  createVirtualClock,
  type Runtime,
  type RuntimeOptions,
  type VirtualClock,
} from "../../local/gas-runtime/index";

export const T0 = Date.UTC(2025, 0, 15, 6, 0, 0); // 09:00 in Moscow

const EVAL = "function run_(src) { return (0, eval)(src); }\n";

export interface TestRuntime extends Runtime {
  /** Runs a snippet as one FULL execution and returns its value (host realm). */
  js<T = unknown>(src: string): T;
  virtual: VirtualClock;
}

export function makeRuntime(extra: string = "", opts: Partial<RuntimeOptions> = {}): TestRuntime {
  const virtual = createVirtualClock(T0);
  const rt = createRuntime({ code: EVAL + extra, clock: virtual, ...opts }) as TestRuntime;
  rt.js = <T>(src: string) => rt.call<T>("run_", src);
  rt.virtual = virtual;
  return rt;
}
