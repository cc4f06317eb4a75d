/**
 * Utilities.formatDate's patterns: Java SimpleDateFormat letters G y M d E u a H k K h m s S z Z X D,
 * with 'quoted' literals ('' is a quote). Names are English. z prints "GMT+03:00" [assumed: Java
 * prints a zone abbreviation such as MSK when it knows one].
 */
import { DAYS, MONTHS } from "../calendar-names";
import { wallClock } from "../spreadsheet/time-zone";

function pad(n: number, len: number): string {
  return String(Math.abs(n)).padStart(len, "0");
}

function offset(minutes: number, colon: boolean, short = false): string {
  const sign = minutes < 0 ? "-" : "+";
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (short) return `${sign}${h}`;
  return colon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

export function formatDate(ms: number, tz: string, pattern: string): string {
  const w = wallClock(ms, tz);
  let out = "";
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      out += pattern.slice(i + 1, end < 0 ? undefined : end).replace(/''/g, "'");
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let j = i;
    while (pattern[j] === ch) j++;
    const n = j - i;
    i = j;
    switch (ch) {
      case "G":
        out += w.year > 0 ? "AD" : "BC";
        break;
      case "y":
      case "Y":
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case "M":
      case "L":
        out += n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1]!.slice(0, 3) : pad(w.month, n);
        break;
      case "d":
        out += pad(w.day, n);
        break;
      case "D": {
        const start = Date.UTC(w.year, 0, 1);
        out += pad(Math.floor((Date.UTC(w.year, w.month - 1, w.day) - start) / 86_400_000) + 1, n);
        break;
      }
      case "E":
        out += n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday]!.slice(0, 3);
        break;
      case "u":
        out += pad(w.weekday === 0 ? 7 : w.weekday, n);
        break;
      case "a":
        out += w.hour < 12 ? "AM" : "PM";
        break;
      case "H":
        out += pad(w.hour, n);
        break;
      case "k":
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case "K":
        out += pad(w.hour % 12, n);
        break;
      case "h":
        out += pad(w.hour % 12 || 12, n);
        break;
      case "m":
        out += pad(w.minute, n);
        break;
      case "s":
        out += pad(w.second, n);
        break;
      case "S":
        out += pad(w.ms, 3).slice(0, Math.max(n, 3)).padEnd(n, "0");
        break;
      case "Z":
        out += offset(w.offsetMinutes, false);
        break;
      case "X":
        out += w.offsetMinutes === 0 ? "Z" : offset(w.offsetMinutes, n >= 3, n === 1);
        break;
      case "z":
        out += `GMT${offset(w.offsetMinutes, true)}`;
        break;
      default:
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}
