/**
 * The sidebar's only way to the server: google.script.run wrapped into typed promises. Names and
 * types come from SidebarApi (src/gas/sidebar-api-types.ts), which the server implements.
 *
 * google.script.run [DOC apps-script.md §8]: calls are asynchronous and unordered; each
 * withSuccessHandler / withFailureHandler returns a new runner; the failure handler gets an Error
 * whose message is the server's; only plain values cross (no Date). An unknown function name fails
 * with "Script function not found: NAME" [seen] — isMissingFunction() tells that case apart.
 */
import type { SidebarApi, SidebarFunction } from "../src/gas/sidebar-api-types";

interface ScriptRunner {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRunner;
  withFailureHandler(fn: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } };

export class ServerError extends Error {
  constructor(
    readonly fn: string,
    message: string,
  ) {
    super(message);
    this.name = "ServerError";
  }
}

export function isMissingFunction(e: unknown): boolean {
  return e instanceof Error && /function not found|is not a function|is not defined/i.test(e.message);
}

export function call<K extends SidebarFunction>(
  name: K,
  ...args: Parameters<SidebarApi[K]>
): Promise<ReturnType<SidebarApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<SidebarApi[K]>))
      .withFailureHandler((e) => reject(new ServerError(name, e?.message ?? String(e))));
    const fn = runner[name];
    if (typeof fn !== "function") {
      reject(new ServerError(name, `Script function not found: ${name}`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}
