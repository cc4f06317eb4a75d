import { describe, expect, it } from "vitest";
import {
  decodeCell,
  encodeCell,
  instantToSerial,
  isFormulaLike,
  keyOf,
  MAX_CELL_CHARS,
  sanitizeText,
  serialToInstant,
  toEnteredCell,
  toRawCell,
  zoneOffsetMs,
} from "../../src/sheets/cells";
import type { WritePath } from "../../src/sheets/port";
import { LEADS } from "../../src/sheets/tables";
import { upsertRows } from "../../src/sheets/upsert";
import { FakeSpreadsheet, typedIntoCell } from "./fake-sheet";

/** Texts a web form can put into a CRM field. */
const HOSTILE = [
  '=IMPORTXML("http://x","//a")',
  "=1+1",
  "+7 999 123-45-67",
  "+7 999",
  "-1",
  "-2+3",
  "@user",
  "@SUM(A1)",
  '   =HYPERLINK("http://evil")',
  "\t=cmd|' /C calc'!A0",
  '＝IMPORTXML("http://x","//a")',
  "＋79991234567",
  "－1",
  "＠user",
  "\u3000=1",
  "'=already quoted",
  "1,2",
  "12:142",
  "TRUE",
  "2024-01-05",
  "0012",
];

describe("sanitizeText", () => {
  it("strips control characters but keeps line breaks", () => {
    expect(sanitizeText("a\u0000b\u0007c\td\u001be\u007ff\u0085g")).toBe("abcdefg");
    expect(sanitizeText("line1\r\nline2\rline3\nline4")).toBe("line1\nline2\nline3\nline4");
  });

  it("caps at 50,000 characters without splitting a surrogate pair", () => {
    const long = "я".repeat(60_000);
    const s = sanitizeText(long);
    expect(s.length).toBe(MAX_CELL_CHARS);
    expect(s.endsWith("…")).toBe(true);
    const emoji = "a" + "😀".repeat(30_000);
    const e = sanitizeText(emoji);
    expect(e.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(e.endsWith("…")).toBe(true);
    const body = e.slice(0, -1);
    expect(/[\ud800-\udbff]$/.test(body)).toBe(false);
    expect(sanitizeText("short")).toBe("short");
  });
});

describe("encodeCell", () => {
  it("keeps numbers and booleans, turns instants into Dates and nulls into empty cells", () => {
    expect(encodeCell(1500, "number")).toBe(1500);
    expect(encodeCell(-1, "number")).toBe(-1);
    expect(encodeCell(Number.NaN, "number")).toBe("");
    expect(encodeCell(true, "bool")).toBe(true);
    expect(encodeCell(null, "date")).toBe("");
    expect(encodeCell(undefined, "crm_text")).toBe("");
    const d = encodeCell(Date.UTC(2024, 0, 5, 9, 30), "date");
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).getTime()).toBe(Date.UTC(2024, 0, 5, 9, 30));
  });

  it("text stays the literal string (escaping is the write path's job)", () => {
    expect(encodeCell("=1+1", "crm_text")).toBe("=1+1");
    expect(encodeCell(42, "text")).toBe("42");
    expect(encodeCell("a\u0000b", "text")).toBe("ab");
  });

  it("per path: entered strings get an apostrophe, RAW strings do not, RAW dates become serials", () => {
    expect(toEnteredCell("=1+1")).toBe("'=1+1");
    expect(toEnteredCell("plain")).toBe("'plain");
    expect(toEnteredCell("")).toBe("");
    expect(toEnteredCell(5)).toBe(5);
    expect(toRawCell("=1+1", "UTC")).toBe("=1+1");
    expect(toRawCell(new Date(Date.UTC(1899, 11, 30)), "UTC")).toBe(0);
    expect(toRawCell(new Date(Date.UTC(2024, 0, 1, 12)), "UTC")).toBe(45292.5);
  });

  it("knows what looks like a formula", () => {
    for (const s of ["=A1", " +1", "-x", "@a", "＝1", "＋1", "－1", "＠a", "\u3000=1"]) {
      expect(isFormulaLike(s), s).toBe(true);
    }
    for (const s of ["a=1", "Иван", "1-2", "email@x.ru"]) expect(isFormulaLike(s), s).toBe(false);
  });
});

describe("serial dates", () => {
  it("match known values in the spreadsheet's timezone", () => {
    // 2024-01-01 00:00 in Moscow (UTC+3) is 2023-12-31 21:00 UTC.
    expect(instantToSerial(Date.UTC(2023, 11, 31, 21), "Europe/Moscow")).toBe(45292);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 1), "Europe/Moscow")).toBe(3 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 1), "America/New_York")).toBe(-4 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 0, 1), "America/New_York")).toBe(-5 * 3600_000);
  });

  it("round-trip instants, across DST too", () => {
    for (const tz of ["Europe/Moscow", "America/New_York", "Europe/Berlin", "UTC", "Asia/Kolkata"]) {
      for (const ms of [
        Date.UTC(2024, 2, 10, 7, 30),
        Date.UTC(2024, 9, 27, 1, 15, 42),
        Date.UTC(2025, 5, 1),
      ]) {
        expect(serialToInstant(instantToSerial(ms, tz), tz), `${tz} ${ms}`).toBe(ms);
      }
    }
  });
});

describe("decodeCell / keyOf", () => {
  it("decodes what the sheet returns", () => {
    const ms = Date.UTC(2024, 4, 6, 10, 0);
    expect(decodeCell(new Date(ms), "date")).toBe(ms);
    expect(decodeCell(instantToSerial(ms, "Europe/Moscow"), "date", "Europe/Moscow")).toBe(ms);
    expect(decodeCell("", "date")).toBeNull();
    expect(decodeCell("", "text")).toBeNull();
    expect(decodeCell(12, "number")).toBe(12);
    expect(decodeCell("1 234,5", "number")).toBe(1234.5);
    expect(decodeCell("abc", "number")).toBeNull();
    expect(decodeCell(false, "bool")).toBe(false);
    expect(decodeCell("ИСТИНА", "bool")).toBe(true);
    expect(decodeCell(7, "text")).toBe("7");
  });

  it("keys compare numbers and numeric text equal, keep other text", () => {
    expect(keyOf(123)).toBe("123");
    expect(keyOf("123")).toBe("123");
    expect(keyOf(" 123 ")).toBe("123");
    expect(keyOf("0123")).toBe("0123");
    expect(keyOf("12:142")).toBe("12:142");
    expect(keyOf("")).toBeNull();
    expect(keyOf(null)).toBeNull();
  });
});

describe("hostile text lands as plain text on both write paths", () => {
  const paths: WritePath[] = ["raw", "entered"];
  for (const path of paths) {
    it(`path ${path}`, () => {
      const fake = new FakeSpreadsheet({ path, timeZone: "Europe/Moscow" });
      const rows = HOSTILE.map((text, i) => ({
        lead_id: i + 1,
        name: text,
        source: text,
        price: i % 2 === 0 ? -1 : 1500,
        created_at: Date.UTC(2024, 0, 5, 6, 0),
        answered: i % 3 === 0,
      }));
      upsertRows(fake, LEADS, rows, { locale: "ru" });
      expect(fake.formulas()).toEqual([]);
      const names = fake.column("amo_leads", "Название сделки");
      const sources = fake.column("amo_leads", "Источник");
      const expected = HOSTILE.map(sanitizeText);
      expect(names).toEqual(expected);
      expect(sources).toEqual(expected);
      // Numbers stay numbers, booleans booleans, dates dates.
      expect(fake.column("amo_leads", "Бюджет")).toEqual(rows.map((r) => r.price));
      expect(fake.column("amo_leads", "Отвечен")).toEqual(rows.map((r) => r.answered));
      for (const d of fake.column("amo_leads", "Создана")) {
        expect(d).toBeInstanceOf(Date);
        expect((d as Date).getTime()).toBe(Date.UTC(2024, 0, 5, 6, 0));
      }
    });
  }

  it("the fake's USER_ENTERED emulation is strict: unescaped, almost none of them would stay text", () => {
    const bare = HOSTILE.filter((s) => !s.startsWith("'")).map(sanitizeText);
    const stayedText = bare.filter((s) => typedIntoCell(s, "UTC") === s);
    // Typed bare, each becomes a formula, a number, a time, a boolean or a date; with the
    // apostrophe, each is stored as exactly its text.
    expect(stayedText).toEqual([]);
    for (const s of bare) expect(typedIntoCell(toEnteredCell(s), "UTC")).toBe(s);
  });
});
