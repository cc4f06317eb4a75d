/**
 * sidebar/ → build/Sidebar.html: one self-contained file, as HtmlService serves it
 * (HtmlService.createHtmlOutputFromFile("Sidebar")). The TypeScript is bundled by esbuild into one
 * IIFE and inlined with the CSS into sidebar/index.html; nothing is loaded from elsewhere.
 *
 * createHtmlOutputFromFile, not a template: templating would parse `<?` / `?>` that bundled code
 * may contain [apps-script.md §8]. A `</script` inside the code would end the script element, so
 * it is escaped.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build, type Plugin } from "esbuild";

/**
 * zod's classic entry re-exports every locale (~260 KB minified), though only English messages
 * are ever used (they are the default, and the sidebar shows its own texts). Inside zod, the
 * locales index is replaced by English alone (zod's default); nothing else of zod changes.
 */
const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, "..", "locales", "en.js"), namespace: "zod-locales" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

export const SIDEBAR_HTML = "Sidebar.html";

export async function buildSidebar(
  root: string,
  outDir: string,
): Promise<{ bytes: number; jsBytes: number }> {
  const dir = join(root, "sidebar");
  const result = await build({
    entryPoints: [join(dir, "main.ts")],
    bundle: true,
    format: "iife",
    // The sidebar runs in the user's browser (Chrome, Edge, Firefox, Safari of recent years).
    target: "es2020",
    platform: "browser",
    minify: true,
    write: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    plugins: [zodEnglishOnly],
  });
  const js = result.outputFiles[0]!.text.replace(/<\/script/gi, "<\\/script");
  const css = readFileSync(join(dir, "styles.css"), "utf8");
  const template = readFileSync(join(dir, "index.html"), "utf8");
  if (!template.includes("/*CSS*/") || !template.includes("/*JS*/"))
    throw new Error("sidebar/index.html must hold the /*CSS*/ and /*JS*/ placeholders");
  // Function replacers: `$` sequences in the code must not be read as replacement patterns.
  const html = template.replace("/*CSS*/", () => css).replace("/*JS*/", () => js);
  writeFileSync(join(outDir, SIDEBAR_HTML), html);
  return { bytes: Buffer.byteLength(html), jsBytes: Buffer.byteLength(js) };
}
