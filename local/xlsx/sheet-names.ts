/**
 * Excel's sheet-name rules are stricter than Google's: at most 31 characters, none of : \ / ? * [ ],
 * no apostrophe at either end, not "History", unique ignoring case. Names that break a rule are
 * changed, and formulas that refer to a renamed sheet are rewritten to its new name.
 */

const FORBIDDEN = /[:\\/?*[\]]/g;
const MAX = 31;

function clean(name: string): string {
  let n = name.replace(FORBIDDEN, "_").replace(/^'+|'+$/g, (m) => "_".repeat(m.length));
  if (n.toLowerCase() === "history") n = `${n}_`;
  if (n.length > MAX) n = n.slice(0, MAX);
  return n.trim() === "" ? "Sheet" : n;
}

/** New name for every Google sheet name, in order; unchanged names map to themselves. */
export function excelSheetNames(names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    const base = clean(name);
    let candidate = base;
    for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
      const suffix = ` (${i})`;
      candidate = base.slice(0, MAX - suffix.length) + suffix;
    }
    taken.add(candidate.toLowerCase());
    out.set(name, candidate);
  }
  return out;
}

/** Only the names that changed. */
export function renamedOnly(names: Map<string, string>): Map<string, string> {
  return new Map([...names].filter(([from, to]) => from !== to));
}

const WORD_END = /[\s!(),;:+\-*/^&=<>"'{}%]/;

/**
 * Rewrites sheet references ('Old name'!A1, Old!A1) to renamed sheets. String constants ("...")
 * are left alone, so text such as INDIRECT("Old!A1") is not changed.
 */
export function renameSheetRefs(formula: string, renames: Map<string, string>): string {
  if (renames.size === 0) return formula;
  const lower = new Map([...renames].map(([k, v]) => [k.toLowerCase(), v]));
  const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === '"' && formula[j + 1] === '"') j += 2;
        else if (formula[j] === '"') break;
        else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      while (j < formula.length) {
        if (formula[j] === "'" && formula[j + 1] === "'") {
          name += "'";
          j += 2;
        } else if (formula[j] === "'") break;
        else name += formula[j++];
      }
      const to = formula[j + 1] === "!" ? lower.get(name.toLowerCase()) : undefined;
      out += to === undefined ? formula.slice(i, j + 1) : quote(to);
      i = j + 1;
      continue;
    }
    const prev = i === 0 ? "" : formula[i - 1]!;
    if (prev === "" || WORD_END.test(prev)) {
      let j = i;
      while (j < formula.length && !WORD_END.test(formula[j]!)) j++;
      if (j > i && formula[j] === "!") {
        const to = lower.get(formula.slice(i, j).toLowerCase());
        if (to !== undefined) {
          out += quote(to);
          i = j;
          continue;
        }
      }
      if (j > i) {
        out += formula.slice(i, j);
        i = j;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}
