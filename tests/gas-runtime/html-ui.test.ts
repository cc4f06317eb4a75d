/** HtmlService and the Ui: sidebars from project files, templates, scripted alert/prompt answers. */
import { describe, expect, it } from "vitest";
import { makeRuntime } from "./helpers";

describe("HtmlService and Ui", () => {
  it("records the sidebar shown from a project file", () => {
    const rt = makeRuntime(
      `function openSidebar() {
        SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile("sidebar").setTitle("amoCRM KPI"));
      }`,
      { files: { sidebar: "<div id=app></div>" } },
    );
    rt.call("openSidebar");
    expect(rt.html.lastSidebar).toEqual({
      kind: "sidebar",
      title: "amoCRM KPI",
      html: "<div id=app></div>",
      width: undefined,
      height: undefined,
    });
    expect(() => rt.js(`HtmlService.createHtmlOutputFromFile("missing")`)).toThrow(
      "No HTML file named missing was found.",
    );
  });

  it("evaluates templates with assigned properties, escaping <?= ?>", () => {
    const rt = makeRuntime("", {
      files: { page: "<p><?= name ?></p><? for (var i = 0; i < n; i++) { ?>*<? } ?><?!= raw ?>" },
    });
    expect(
      rt.js(`var t = HtmlService.createTemplateFromFile("page"); t.name = "<Ann>"; t.n = 3; t.raw = "<b>ok</b>";
        t.evaluate().getContent()`),
    ).toBe("<p>&lt;Ann&gt;</p>***<b>ok</b>");
  });

  it("answers alerts and prompts with the scripted responder and records them", () => {
    const rt = makeRuntime("", {
      respond: (d) => (d.kind === "prompt" ? { button: "OK", text: "acme" } : { button: "NO" }),
    });
    expect(
      rt.js(`var ui = SpreadsheetApp.getUi();
        var r = ui.prompt("Connect", "amoCRM subdomain?", ui.ButtonSet.OK_CANCEL);
        var a = ui.alert("Overwrite the board?", ui.ButtonSet.YES_NO);
        [r.getResponseText(), r.getSelectedButton() == ui.Button.OK, a == ui.Button.NO]`),
    ).toEqual(["acme", true, true]);
    expect(rt.ui.dialogs.map((d) => [d.kind, d.title, d.prompt, d.buttons])).toEqual([
      ["prompt", "Connect", "amoCRM subdomain?", "OK_CANCEL"],
      ["alert", "", "Overwrite the board?", "YES_NO"],
    ]);
  });

  it("refuses a sidebar outside AuthMode.FULL", () => {
    const rt = makeRuntime(
      `function side() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput("x")); }`,
    );
    expect(() => rt.run("side", { authMode: "LIMITED" })).toThrow(
      "You do not have permission to call Ui.showSidebar",
    );
  });
});
