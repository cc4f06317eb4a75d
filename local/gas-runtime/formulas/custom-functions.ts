/**
 * Which formula names are the project's custom functions: the top-level `function NAME(` of the
 * loaded code whose JSDoc carries @customfunction (the build writes such stubs, local/build).
 * [doc] A name ending in "_" is private and never callable from a cell. [2nd] Google says a
 * top-level function works in a cell even without the tag (the tag only feeds autocomplete):
 * unmarked top-level functions are accepted too, so the runtime is no stricter than Sheets.
 */
const DECLARATION = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?^function\s+([A-Za-z_$][\w$]*)\s*\(/gm;

export interface CustomFunctionNames {
  /** Upper-case formula name → the script's function name. */
  byFormulaName: Map<string, string>;
  /** Names whose JSDoc has @customfunction (the ones Sheets lists in autocomplete). */
  tagged: Set<string>;
}

export function customFunctionNames(sources: readonly string[]): CustomFunctionNames {
  const byFormulaName = new Map<string, string>();
  const tagged = new Set<string>();
  for (const src of sources) {
    for (const m of src.matchAll(DECLARATION)) {
      const name = m[2]!;
      if (name.endsWith("_")) continue;
      // Sheets matches function names case-insensitively (=kpi_revenue(...) works) [assumed].
      byFormulaName.set(name.toUpperCase(), name);
      if (m[1] && /@customfunction\b/.test(m[1])) tagged.add(name);
    }
  }
  return { byFormulaName, tagged };
}
