/**
 * The built bundle is what Apps Script runs: these tests load build/Code.js exactly as Apps Script
 * would (one classic script in a fresh global scope) and check the three promises of the build.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAll, ENTRY_FILE } from "../../local/build/build";
import { BUNDLE_GLOBAL, parseEntryPoints } from "../../local/build/entry-points";
import { manifestSchema } from "../../local/build/manifest-schema";
import * as globals from "../../src/gas/globals";

/** Every Apps Script service global the add-on could touch; none may be read while loading. */
const SERVICES = [
  "SpreadsheetApp",
  "PropertiesService",
  "UrlFetchApp",
  "LockService",
  "CacheService",
  "ScriptApp",
  "Session",
  "MailApp",
  "HtmlService",
  "Utilities",
  "Logger",
  "Sheets",
  "DriveApp",
  "Browser",
];

const OUT_DIR = mkdtempSync(join(tmpdir(), "amo-kpi-build-"));
let code = "";
beforeAll(async () => {
  await buildAll(OUT_DIR);
  code = readFileSync(join(OUT_DIR, "Code.js"), "utf8");
});

function topLevelFunctionNames(source: string): string[] {
  return [...source.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]!);
}

describe("build/Code.js", () => {
  it("exposes exactly the functions src/gas/globals.ts exports, as top-level declarations", () => {
    const exported = Object.keys(globals).filter(
      (k) => typeof (globals as Record<string, unknown>)[k] === "function",
    );
    expect(exported.length).toBeGreaterThan(0);
    expect(topLevelFunctionNames(code).sort()).toEqual([...exported].sort());

    const context = vm.createContext({});
    vm.runInContext(code, context);
    const bundleExports = Object.keys(context[BUNDLE_GLOBAL] as object).sort();
    expect(bundleExports).toEqual([...exported].sort());
    for (const name of exported) expect(typeof context[name]).toBe("function");
  });

  it("loads in a bare context with no Apps Script service defined", () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(code, context, { filename: "Code.js" })).not.toThrow();
  });

  it("reads no Apps Script service while loading", () => {
    const touched: string[] = [];
    const sandbox: Record<string, unknown> = {};
    for (const name of SERVICES) {
      Object.defineProperty(sandbox, name, {
        get() {
          touched.push(name);
          throw new Error(`${name} read at load time`);
        },
      });
    }
    vm.runInContext(code, vm.createContext(sandbox));
    expect(touched).toEqual([]);
  });

  it("takes zod's values only through src/core/schema, and builds schemas lazily", () => {
    // `import { z } from "zod"` (a namespace) would put all of zod, with every locale, into the
    // bundle and into every execution's load (measured: +518 KiB, ×6 load time; bench/bundle-load.ts).
    const files = execFileSync("git", ["ls-files", "src", "sidebar"], { encoding: "utf8" })
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f));
    const offenders = files.filter((f) => {
      // zod.ts names what the schemas use; lazy.ts takes zod's registry (one named value).
      if (f.startsWith("src/core/schema/")) return false;
      const text = readFileSync(f, "utf8");
      return /^import\s+(?!type\b)[^;]*from\s+"zod(\/[^"]*)?";/m.test(text);
    });
    expect(offenders).toEqual([]);
    // Every schema module's top level goes through lazySchema: no `= z.object(` at column 0.
    const eager = files.filter((f) => /^export const \w+ = z\./m.test(readFileSync(f, "utf8")));
    expect(eager).toEqual([]);
  });

  it("builds the Russian menu through the stubs when a Russian user opens the file", () => {
    const items: [string, string][] = [];
    const menu = {
      addItem(label: string, fn: string) {
        items.push([label, fn]);
        return menu;
      },
      addSeparator() {
        return menu;
      },
      addToUi() {},
    };
    const context = vm.createContext({
      Session: { getActiveUserLocale: () => "ru" },
      SpreadsheetApp: { getUi: () => ({ createAddonMenu: () => menu }) },
    });
    vm.runInContext(code, context);
    vm.runInContext("onOpen({ authMode: 'LIMITED' })", context);
    expect(items).toEqual([
      ["Открыть панель", "showSidebar"],
      ["Синхронизировать сейчас", "syncNow"],
      ["Пересоздать листы", "rebuildSheets"],
      ["Построить доску и листы KPI", "buildBoardSheets"],
      ["Поделиться доской (копия только для чтения)", "shareBoard"],
      ["О надстройке", "showAbout"],
    ]);
    // Every menu item names a function that Apps Script can see.
    for (const [, fn] of items) expect(typeof context[fn]).toBe("function");
  });

  it("keeps the JSDoc of each entry point above its stub", () => {
    const points = parseEntryPoints(readFileSync(ENTRY_FILE, "utf8"), "globals.ts");
    for (const p of points) expect(code).toContain(`${p.jsdoc}\nfunction ${p.name}(${p.params.join(", ")})`);
  });
});

describe("build/appsscript.json", () => {
  it("passes the manifest schema", () => {
    const manifest = JSON.parse(readFileSync(join(OUT_DIR, "appsscript.json"), "utf8"));
    expect(manifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifest.runtimeVersion).toBe("V8");
  });

  it("rejects a manifest missing a scope, with a bad allowlist entry, or with an unknown field", () => {
    const manifest = JSON.parse(readFileSync(join(OUT_DIR, "appsscript.json"), "utf8"));
    const noFetch = {
      ...manifest,
      oauthScopes: manifest.oauthScopes.filter((s: string) => !s.endsWith("external_request")),
    };
    expect(manifestSchema.safeParse(noFetch).success).toBe(false);
    // Google requires a path after the host: "https://*.amocrm.ru" (no slash) is invalid.
    const badPrefix = {
      ...manifest,
      urlFetchWhitelist: ["https://*.amocrm.ru", "https://*.amocrm.com/", "https://*.kommo.com/"],
    };
    expect(manifestSchema.safeParse(badPrefix).success).toBe(false);
    expect(manifestSchema.safeParse({ ...manifest, oauthScope: [] }).success).toBe(false);
  });
});
