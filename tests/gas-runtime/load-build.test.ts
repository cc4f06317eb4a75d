/** loadBuild reads a build directory: Code.js first, other .js files by name, .html as files. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRuntime, createVirtualClock, loadBuild } from "../../local/gas-runtime/index";

describe("loadBuild", () => {
  it("loads every file into one global scope, in clasp's order", () => {
    const dir = mkdtempSync(join(tmpdir(), "gas-build-"));
    writeFileSync(
      join(dir, "Code.js"),
      "var order = ['Code'];\nfunction answer() { return order.concat([greeting()]); }\n",
    );
    writeFileSync(
      join(dir, "b.js"),
      "order.push('b');\nfunction greeting() { return HtmlService.createHtmlOutputFromFile('sidebar').getContent(); }\n",
    );
    writeFileSync(join(dir, "a.js"), "order.push('a');\n");
    writeFileSync(join(dir, "sidebar.html"), "<p>hi</p>");
    writeFileSync(join(dir, "appsscript.json"), "{}");
    const rt = createRuntime({ ...loadBuild(dir), clock: createVirtualClock() });
    expect(rt.call("answer")).toEqual(["Code", "a", "b", "<p>hi</p>"]);
  });
});
