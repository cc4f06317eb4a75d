/**
 * The board renderer: a KPI sheet built in the runtime (a custom function's spilled table, number
 * formats, a conditional rule against a threshold cell) drawn to HTML, then to PNG by Chromium.
 * What each cell must show is worked out by hand in the comments.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, createVirtualClock, type Runtime } from "../../local/gas-runtime/index";
import { renderSheetHtml } from "../../local/render/board-html";
import { renderSheet } from "../../local/render/cli";
import { CHROMIUM } from "../../local/render/screenshot";
import { countColor, readPng } from "./png";

const RED = "#f4c7c3";

const CODE = `
/**
 * SLA share per manager (fixed numbers for the test).
 * @param {string} last_sync ignored
 * @customfunction
 */
function KPI_TEST(last_sync) {
  return [["Менеджер", "SLA", "Сделок"], ["Анна", 0.97, 12], ["Иван <b>", 0.5, 7], ["Олег", 0.85, 1234]];
}

function setup() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var set = ss.insertSheet("Настройки");
  set.getRange("B3").setValue(0.8);
  var b = ss.insertSheet("Доска");
  b.getRange("A1").setFormula("=KPI_TEST(Настройки!B3)");
  b.getRange("A1:C1").setFontWeight("bold").setBackground("#d9ead3");
  b.getRange("B2:B4").setNumberFormat("0%");
  b.getRange("C2:C4").setNumberFormat("#,##0");
  b.setColumnWidth(1, 180);
  b.getRange("D1").setValue("скрыто");
  b.hideColumns(4);
  b.setFrozenRows(1);
  b.setConditionalFormatRules([
    SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied("=$B2<Настройки!$B$3")
      .setBackground("${RED}").setFontColor("#990000").setRanges([b.getRange("A2:C4")]).build(),
  ]);
}
`;

function board(): Runtime {
  const rt = createRuntime({
    code: CODE,
    clock: createVirtualClock(Date.UTC(2025, 5, 1)),
    evaluateFormulas: true,
  });
  rt.call("setup");
  return rt;
}

/** The cells of one table row as [style, text] pairs (row 1 is the first sheet row). */
function row(html: string, n: number): [string, string][] {
  const tr = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)][n]![1]!;
  return [...tr.matchAll(/<td[^>]*style="([^"]*)"[^>]*>([\s\S]*?)<\/td>/g)].map((m) => [m[1]!, m[2]!]);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("renderSheetHtml", () => {
  it("draws display values, the cells' formats and conditional highlights", () => {
    const rt = board();
    const r = renderSheetHtml(rt, "Доска");
    expect([r.rows, r.columns, r.conditionalFormats]).toEqual([4, 3, true]); // D is hidden
    const header = row(r.html, 1);
    expect(header.map(([, t]) => t)).toEqual(["Менеджер", "SLA", "Сделок"]);
    expect(header[0]![0]).toContain("background:#d9ead3");
    expect(header[0]![0]).toContain("font-weight:bold");
    // 0.97 → "97%", right-aligned; 12 → "12". Not highlighted: 0.97 ≥ 0.8.
    expect(row(r.html, 2)).toEqual([
      ["text-align:left", "Анна"],
      ["text-align:right", "97%"],
      ["text-align:right", "12"],
    ]);
    // 0.5 < 0.8: the whole row is red; the manager's name is escaped.
    const ivan = row(r.html, 3);
    expect(ivan.map(([, t]) => t)).toEqual(["Иван &lt;b&gt;", "50%", "7"]);
    for (const [style] of ivan) expect(style).toContain(`background:${RED};color:#990000`);
    // 1234 under "#,##0" in ru_RU: a no-break space groups thousands.
    expect(row(r.html, 4)[2]![1]).toBe("1\u00a0234");
    expect(r.highlighted).toBe(3);
    expect(r.html).toContain('<col style="width:180px">');
    expect(r.html).not.toContain("скрыто");
    expect(r.html).toContain('class="frozen-row"');
  });

  it("follows a threshold edit with no rebuild", () => {
    const rt = board();
    rt.spreadsheet.getSheetByName("Настройки")!.getRange("B3").setValue(0.9); // 0.85 is now below too
    const r = renderSheetHtml(rt, "Доска");
    expect(r.highlighted).toBe(6);
    expect(row(r.html, 4)[0]![0]).toContain(`background:${RED}`);
  });

  it("names the sheets when the one asked for is missing", () => {
    expect(() => renderSheetHtml(board(), "Board")).toThrow(
      'render: no sheet named "Board" (the spreadsheet has "Лист1", "Настройки", "Доска")',
    );
  });
});

describe.skipIf(!existsSync(CHROMIUM))("renderSheet → PNG", () => {
  it("screenshots the board with Chromium, highlights included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "render-"));
    dirs.push(dir);
    const out = await renderSheet(board(), "Доска", join(dir, "board"));
    expect(readFileSync(out.htmlPath, "utf8")).toContain("Менеджер");
    const img = readPng(readFileSync(out.pngPath!));
    expect(img.width).toBeGreaterThan(300);
    expect(img.height).toBeGreaterThan(80);
    // Three red cells of about 180+100+100 px × 20 px: thousands of pixels of exactly #f4c7c3.
    expect(countColor(img, RED)).toBeGreaterThan(3000);
    expect(countColor(img, "#d9ead3")).toBeGreaterThan(3000);
  }, 60_000);
});
