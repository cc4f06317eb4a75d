/** Colours as Apps Script reports them ("#rrggbb", CSS names) → Excel ARGB ("FFRRGGBB"). */

const NAMED: Record<string, string> = {
  black: "000000",
  white: "FFFFFF",
  red: "FF0000",
  green: "008000",
  lime: "00FF00",
  blue: "0000FF",
  yellow: "FFFF00",
  orange: "FFA500",
  purple: "800080",
  magenta: "FF00FF",
  fuchsia: "FF00FF",
  cyan: "00FFFF",
  aqua: "00FFFF",
  gray: "808080",
  grey: "808080",
  silver: "C0C0C0",
  maroon: "800000",
  navy: "000080",
  olive: "808000",
  teal: "008080",
  pink: "FFC0CB",
  brown: "A52A2A",
};

/** ARGB for a colour, or undefined when there is none or it cannot be read. */
export function toArgb(color: string | null | undefined): string | undefined {
  if (!color) return undefined;
  const c = color.trim().toLowerCase();
  let m = /^#?([0-9a-f]{6})$/.exec(c);
  if (m) return `FF${m[1]!.toUpperCase()}`;
  m = /^#?([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (m) return `FF${m[1]!.repeat(2)}${m[2]!.repeat(2)}${m[3]!.repeat(2)}`.toUpperCase();
  // CSS #rrggbbaa: alpha last; Excel wants it first.
  m = /^#([0-9a-f]{6})([0-9a-f]{2})$/.exec(c);
  if (m) return `${m[2]}${m[1]}`.toUpperCase();
  m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,[^)]*)?\)$/.exec(c);
  if (m) {
    const hex = [m[1], m[2], m[3]].map((n) => Math.min(255, Number(n)).toString(16).padStart(2, "0"));
    return `FF${hex.join("")}`.toUpperCase();
  }
  const named = NAMED[c];
  return named ? `FF${named}` : undefined;
}
