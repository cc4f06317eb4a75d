/**
 * How a cell's value looks (getDisplayValues, the Sheets API's FORMATTED_VALUE) under its number
 * format. APPROXIMATE by design — enough for the formats an add-on writes:
 *   numbers: "0", "0.0", "0.00", "#,##0", "#,##0.00", "0%", "0.0%", quoted prefixes/suffixes;
 *   dates:   yyyy yy mm m dd d (month/day), hh h HH (hour), mm (minute after h / before s), ss, am/pm,
 *            mmm mmmm ddd dddd (English names only);
 *   "@" plain text; the "Automatic" format prints numbers with up to 10 significant digits.
 * Not imitated: colours, conditions ([>100]), fractions, scientific and duration ([h]) formats,
 * locale month names other than English.
 */
import { DAYS, MONTHS } from "../calendar-names";
import type { Locale } from "./cell-input";
import { serialToMs, wallClock } from "./time-zone";

/** What getNumberFormat() returns for a cell left on "Automatic" [assumed: widely reported]. */
export const AUTOMATIC_FORMAT = "0.###############";

export type Scalar = number | string | boolean;

/** Strips quoted literals, escapes and [...] blocks, leaving the format's tokens. */
function tokensOnly(fmt: string): string {
  return fmt
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
}

/** A date/time format makes getValues return a Date for a numeric cell. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === AUTOMATIC_FORMAT || fmt === "@") return false;
  return /[ydmhs]/i.test(tokensOnly(fmt.split(";")[0]!)) && !/E[+-]/i.test(fmt);
}

const SEPARATORS: Record<Locale, { decimal: string; group: string }> = {
  en_US: { decimal: ".", group: "," },
  // Russian grouping uses a no-break space [assumed: Sheets' exact space character unverified].
  ru_RU: { decimal: ",", group: "\u00a0" },
};

const BOOLEAN_TEXT: Record<Locale, [string, string]> = {
  en_US: ["TRUE", "FALSE"],
  // A Russian-locale spreadsheet shows ИСТИНА/ЛОЖЬ [assumed from Sheets' localized function names].
  ru_RU: ["ИСТИНА", "ЛОЖЬ"],
};

export function formatDisplay(
  value: Scalar | undefined,
  fmt: string | undefined,
  locale: Locale,
  tz: string,
): string {
  if (value === undefined) return "";
  if (typeof value === "boolean") return BOOLEAN_TEXT[locale][value ? 0 : 1];
  if (typeof value === "string") return value;
  if (fmt === "@") return automaticNumber(value, locale);
  if (isDateFormat(fmt)) return formatDateSerial(value, fmt!, tz);
  if (!fmt || fmt === AUTOMATIC_FORMAT) return automaticNumber(value, locale);
  return formatNumber(value, fmt, locale);
}

function automaticNumber(n: number, locale: Locale): string {
  if (!Number.isFinite(n)) return "#NUM!";
  let s: string;
  if (Number.isInteger(n) && Math.abs(n) < 1e15) s = String(n);
  else {
    s = String(Number(n.toPrecision(10)));
    if (/e/.test(s))
      s = n
        .toExponential(2)
        .toUpperCase()
        .replace(/E\+?(-?)(\d)$/, "E+$10$2");
  }
  return s.replace(".", SEPARATORS[locale].decimal);
}

function formatNumber(n: number, fmt: string, locale: Locale): string {
  const sections = fmt.split(";");
  let section = sections[0]!;
  let value = n;
  if (n < 0 && sections[1] !== undefined) {
    section = sections[1];
    value = -n;
  } else if (n === 0 && sections[2] !== undefined) section = sections[2];

  // Split the section into literal prefix, digit pattern and literal suffix.
  let prefix = "";
  let pattern = "";
  let suffix = "";
  let percent = false;
  let inPattern = false;
  let after = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    let literal: string | null = null;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal = section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") {
      literal = section[i + 1] ?? "";
      i++;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      literal = inner.startsWith("$") ? inner.slice(1).split("-")[0]! : "";
      i = end < 0 ? section.length : end;
    } else if (!after && /[0#?.,]/.test(ch)) {
      inPattern = true;
      pattern += ch;
      continue;
    } else if (ch === "%") {
      percent = true;
      literal = "%";
    } else literal = ch === "_" || ch === "*" ? "" : ch;
    if (inPattern) after = true;
    if (after) suffix += literal;
    else prefix += literal;
  }
  if (percent) value *= 100;
  const [intPat = "", fracPat = ""] = pattern.split(".");
  const maxFrac = (fracPat.match(/[0#?]/g) ?? []).length;
  const minFrac = (fracPat.match(/0/g) ?? []).length;
  const minInt = (intPat.match(/0/g) ?? []).length;
  const group = /[0#?],[0#?]/.test(intPat);

  const negative = value < 0;
  let text = Math.abs(value).toFixed(maxFrac);
  let [intPart = "0", frac = ""] = text.split(".");
  while (frac.length > minFrac && frac.endsWith("0")) frac = frac.slice(0, -1);
  if (intPart === "0" && minInt === 0) intPart = "";
  intPart = intPart.padStart(minInt, "0");
  const seps = SEPARATORS[locale];
  if (group) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, seps.group);
  text = frac ? `${intPart}${seps.decimal}${frac}` : intPart;
  const isZero = Number(Math.abs(value).toFixed(maxFrac)) === 0;
  return `${negative && !isZero && sections[1] === undefined ? "-" : ""}${prefix}${text}${suffix}`;
}

function formatDateSerial(serial: number, fmt: string, tz: string): string {
  const w = wallClock(serialToMs(serial, tz), tz);
  const section = fmt.split(";")[0]!;
  const twelveHour = /am\/pm|a\/p/i.test(tokensOnly(section));
  // Tokenise first, so "m" can be resolved to minutes when it follows an hour or precedes seconds.
  const tokens: { t: string; lit: boolean }[] = [];
  for (let i = 0; i < section.length; ) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      tokens.push({ t: section.slice(i + 1, end < 0 ? undefined : end), lit: true });
      i = end < 0 ? section.length : end + 1;
    } else if (ch === "\\") {
      tokens.push({ t: section[i + 1] ?? "", lit: true });
      i += 2;
    } else if (/am\/pm/i.test(section.slice(i, i + 5))) {
      tokens.push({ t: "AM/PM", lit: false });
      i += 5;
    } else if (/[ydmhs]/i.test(ch)) {
      let j = i;
      while (j < section.length && section[j]!.toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ t: section.slice(i, j), lit: false });
      i = j;
    } else {
      tokens.push({ t: ch, lit: true });
      i++;
    }
  }
  const isMinute = (k: number): boolean => {
    for (let j = k - 1; j >= 0; j--) {
      const tok = tokens[j]!;
      if (tok.lit) continue;
      if (/^h/i.test(tok.t)) return true;
      break;
    }
    for (let j = k + 1; j < tokens.length; j++) {
      const tok = tokens[j]!;
      if (tok.lit) continue;
      return /^s/i.test(tok.t);
    }
    return false;
  };
  const pad = (n: number, len: number) => String(n).padStart(len, "0");
  return tokens
    .map((tok, k) => {
      if (tok.lit) return tok.t;
      const t = tok.t;
      const c = t[0]!.toLowerCase();
      if (t === "AM/PM") return w.hour < 12 ? "AM" : "PM";
      if (c === "y") return t.length <= 2 ? pad(w.year % 100, 2) : String(w.year);
      if (c === "d") {
        if (t.length >= 4) return DAYS[w.weekday]!;
        if (t.length === 3) return DAYS[w.weekday]!.slice(0, 3);
        return pad(w.day, t.length);
      }
      if (c === "h") {
        const h = twelveHour ? w.hour % 12 || 12 : w.hour;
        return pad(h, Math.min(t.length, 2));
      }
      if (c === "s") return pad(w.second, Math.min(t.length, 2));
      // m / M
      if (t.length <= 2 && isMinute(k)) return pad(w.minute, t.length);
      if (t.length >= 4) return MONTHS[w.month - 1]!;
      if (t.length === 3) return MONTHS[w.month - 1]!.slice(0, 3);
      return pad(w.month, t.length);
    })
    .join("");
}
