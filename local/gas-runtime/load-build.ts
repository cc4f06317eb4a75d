/**
 * Reads a build directory (build/ from `npm run build`) into createRuntime's `code` and `files`:
 * every .js file (Code.js first, then by name — the order clasp pushes) and every .html file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RuntimeOptions } from "./runtime";

export function loadBuild(dir: string): Pick<RuntimeOptions, "code" | "files"> {
  const names = readdirSync(dir);
  const js = names
    .filter((n) => n.endsWith(".js"))
    .sort((a, b) => (a === "Code.js" ? -1 : b === "Code.js" ? 1 : a.localeCompare(b)));
  const files: Record<string, string> = {};
  for (const n of names.filter((x) => x.endsWith(".html")))
    files[n.slice(0, -5)] = readFileSync(join(dir, n), "utf8");
  return { code: js.map((name) => ({ name, source: readFileSync(join(dir, name), "utf8") })), files };
}
