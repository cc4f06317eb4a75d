import { describe, expect, it } from "vitest";
import { parseEntryPoints, renderStubs } from "../../local/build/entry-points";

const CUSTOM = `
/**
 * Share of leads answered within the SLA.
 * @param {Array<Array<*>>} leads the amo_leads range with its header row
 * @param {string} manager optional manager name
 * @return {number} the share
 * @customfunction
 */
export function KPI_SLA_SHARE(leads: unknown[][], manager?: string): number | string {
  return 0;
}
`;

describe("parseEntryPoints", () => {
  it("reads name, parameter names and JSDoc of a custom function", () => {
    const [p] = parseEntryPoints(CUSTOM, "x.ts");
    expect(p).toMatchObject({ name: "KPI_SLA_SHARE", params: ["leads", "manager"], isCustomFunction: true });
    expect(renderStubs([p!])).toContain(
      "function KPI_SLA_SHARE(leads, manager) {\n  return AmoKpiAddon.KPI_SLA_SHARE(leads, manager);\n}",
    );
  });

  it("refuses an entry point without JSDoc, naming file, line and function", () => {
    expect(() => parseEntryPoints("\n\nexport function onOpen(e: unknown) {}", "g.ts")).toThrow(
      "g.ts:3 (onOpen): an entry point needs a JSDoc block right above it",
    );
  });

  it("refuses a custom function whose parameter has no @param", () => {
    const src = CUSTOM.replace(" * @param {string} manager optional manager name\n", "");
    expect(() => parseEntryPoints(src, "x.ts")).toThrow('custom function parameter "manager" has no @param');
  });

  it("refuses private names and non-function exports", () => {
    expect(() => parseEntryPoints("/** x */\nexport function helper_() {}", "x.ts")).toThrow("private");
    expect(() => parseEntryPoints("/** x */\nexport function a() {}\nexport const b = 1;", "x.ts")).toThrow(
      'only "export function"',
    );
  });
});
