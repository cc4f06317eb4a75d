/**
 * Reads the Apps Script entry points from src/gas/globals.ts and writes the top-level stubs.
 *
 * Apps Script sees only top-level `function` declarations, and Sheets builds a custom function's
 * help from the JSDoc and the *parameter names* of that declaration (shared/reference/apps-script.md
 * §1.1). esbuild drops comments, so the bundle alone cannot carry them. Instead every
 * `export function NAME(params)` of globals.ts, with the JSDoc block right above it, becomes
 *
 *     /** …the same JSDoc… *\/
 *     function NAME(params) { return AmoKpiAddon.NAME(params); }
 *
 * and the bundle (an IIFE assigned to `AmoKpiAddon`) holds the logic. This is a deliberately small
 * text parser, not the TypeScript API (TypeScript 7 ships none): globals.ts keeps its signatures
 * simple — one line, no parentheses inside parameter types — and the parser refuses anything else.
 */

export const BUNDLE_GLOBAL = "AmoKpiAddon";

export interface EntryPoint {
  name: string;
  params: string[];
  /** The JSDoc block exactly as written, `/**` to `*\/`. */
  jsdoc: string;
  isCustomFunction: boolean;
}

const EXPORT_FUNCTION = /export\s+function\s+([A-Za-z_$][\w$]*)\s*\(([^)]*)\)/g;

/** Parse every exported function of the entry source, with its JSDoc. Throws on anything unclear. */
export function parseEntryPoints(source: string, fileName: string): EntryPoint[] {
  const points: EntryPoint[] = [];
  for (const match of source.matchAll(EXPORT_FUNCTION)) {
    const name = match[1]!;
    const at = match.index ?? 0;
    const line = source.slice(0, at).split("\n").length;
    const where = `${fileName}:${line} (${name})`;
    const before = source.slice(0, at).trimEnd();
    if (!before.endsWith("*/"))
      throw new Error(`${where}: an entry point needs a JSDoc block right above it`);
    const start = before.lastIndexOf("/**");
    if (start < 0) throw new Error(`${where}: the comment above it is not a JSDoc block (/** … */)`);
    const jsdoc = before.slice(start);
    if (name.endsWith("_")) throw new Error(`${where}: names ending in "_" are private in Apps Script`);
    const params = parseParams(match[2]!, where);
    const isCustomFunction = /@customfunction\b/.test(jsdoc);
    if (isCustomFunction) checkCustomFunctionDoc(jsdoc, params, where);
    points.push({ name, params, jsdoc, isCustomFunction });
  }
  const otherExports = [...source.matchAll(/export\s+(const|let|var|class|default|\{)/g)];
  if (otherExports.length > 0) {
    throw new Error(
      `${fileName}: only "export function" is allowed in the entry file (found "${otherExports[0]![0]}")`,
    );
  }
  return points;
}

function parseParams(text: string, where: string): string[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  return trimmed
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => {
      const m = /^([A-Za-z_$][\w$]*)\s*\??\s*(:|=|$)/.exec(p);
      if (!m) throw new Error(`${where}: cannot read the parameter "${p}" (keep entry signatures simple)`);
      return m[1]!;
    });
}

/** Sheets shows each `@param` in the formula help; a missing or misnamed one is a silent bug. */
function checkCustomFunctionDoc(jsdoc: string, params: string[], where: string): void {
  const documented = [...jsdoc.matchAll(/@param\s+(?:\{[^}]*\}\s+)?\[?([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  for (const p of params) {
    if (!documented.includes(p)) throw new Error(`${where}: custom function parameter "${p}" has no @param`);
  }
  if (!/^[A-Z][A-Z0-9_]*$/.test(where.replace(/^.*\((.*)\)$/, "$1"))) {
    throw new Error(`${where}: custom function names are upper case (KPI_…)`);
  }
}

/** The stubs file: one top-level declaration per entry point, delegating to the bundle. */
export function renderStubs(points: EntryPoint[]): string {
  const parts = points.map((p) => {
    const args = p.params.join(", ");
    return `${p.jsdoc}\nfunction ${p.name}(${args}) {\n  return ${BUNDLE_GLOBAL}.${p.name}(${args});\n}\n`;
  });
  return parts.join("\n");
}
