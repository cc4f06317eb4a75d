/**
 * Google Sheets number formats → Excel number formats. The two syntaxes are nearly the same
 * (sections, 0 # ? , . %, "literals", \x escapes, [Red], [$€-407], [h]:mm, E+00, @); the
 * differences handled here:
 *  - Google's "Automatic" (getNumberFormat() reads "0.###############") is Excel's General;
 *  - date/time tokens are written in lower case (Google's locale defaults use "dd.MM.yyyy H:mm:ss";
 *    Excel reads both cases, lower case is the canonical form other readers expect).
 */

/** What Apps Script reports for a cell left on "Automatic". */
export const GOOGLE_AUTOMATIC = "0.###############";

/** Strips "literals", \x escapes and [...] blocks other than elapsed-time ones ([h], [mm], [ss]). */
function tokensOnly(section: string): string {
  return section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
}

const dateFormats = new Map<string, boolean>();

/** A date or time format (Google reads a number under it as a Date). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === GOOGLE_AUTOMATIC || fmt === "@") return false;
  let known = dateFormats.get(fmt);
  if (known === undefined) {
    const first = tokensOnly(fmt.split(";")[0] ?? "");
    known = /[ydmhs]/i.test(first) && !/E[+-]/i.test(fmt);
    if (dateFormats.size < 10_000) dateFormats.set(fmt, known);
  }
  return known;
}

function lowerDateTokens(fmt: string): string {
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end + 1;
      out += fmt.slice(i, stop);
      i = stop - 1;
    } else if (ch === "\\") {
      out += fmt.slice(i, i + 2);
      i++;
    } else if (ch === "[") {
      const end = fmt.indexOf("]", i);
      const stop = end < 0 ? fmt.length : end + 1;
      const block = fmt.slice(i, stop);
      out += /^\[[hms]+\]$/i.test(block) ? block.toLowerCase() : block;
      i = stop - 1;
    } else if (/am\/pm/i.test(fmt.slice(i, i + 5))) {
      out += fmt.slice(i, i + 5);
      i += 4;
    } else if (/a\/p/i.test(fmt.slice(i, i + 3))) {
      out += fmt.slice(i, i + 3);
      i += 2;
    } else out += /[YMDHS]/.test(ch) ? ch.toLowerCase() : ch;
  }
  return out;
}

function convert(fmt: string): string | undefined {
  const f = fmt.trim();
  if (f === "" || f === GOOGLE_AUTOMATIC || /^general$/i.test(f)) return undefined;
  return isDateFormat(f) ? lowerDateTokens(f) : f;
}

/** A sheet uses a handful of formats on many cells: convert each once. */
const converted = new Map<string, string | undefined>();

/** The Excel format for a Google one; undefined means General. */
export function excelNumberFormat(fmt: string | undefined): string | undefined {
  if (fmt === undefined) return undefined;
  if (converted.has(fmt)) return converted.get(fmt);
  const out = convert(fmt);
  if (converted.size < 10_000) converted.set(fmt, out);
  return out;
}

/** Excel's format for a date cell whose own format is not a date one (should not happen). */
export const FALLBACK_DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";
