/**
 * Spreadsheet: the workbook — its sheets (insert/delete/rename with Google's errors and the
 * 10,000,000-cell limit), named ranges, locale and time zone.
 */
import { fail, MSG } from "../errors";
import { type ExtraMembers, gas, INTERNAL, integer, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import { parseA1 } from "./a1";
import type { Book } from "./book";
import { Anchor, Row, type SheetModel } from "./model";
import { FakeNamedRange } from "./named-range";
import { FakeRange } from "./range";
import { FakeSheet } from "./sheet";
import { assertTimeZone } from "./time-zone";

type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;

type Implemented =
  | "appendRow"
  | "deleteActiveSheet"
  | "deleteSheet"
  | "getActiveSheet"
  | "getDataRange"
  | "getEditors"
  | "getId"
  | "getLastColumn"
  | "getLastRow"
  | "getName"
  | "getNamedRanges"
  | "getNumSheets"
  | "getOwner"
  | "getRange"
  | "getRangeByName"
  | "getSheetById"
  | "getSheetByName"
  | "getSheetId"
  | "getSheetName"
  | "getSheetValues"
  | "getSheets"
  | "getSpreadsheetLocale"
  | "getSpreadsheetTimeZone"
  | "getUrl"
  | "insertSheet"
  | "moveActiveSheet"
  | "removeNamedRange"
  | "rename"
  | "renameActiveSheet"
  | "setActiveSheet"
  | "setNamedRange"
  | "setSpreadsheetLocale"
  | "setSpreadsheetTimeZone"
  | "toast";

const SPREADSHEET = meta("spreadsheet", "Spreadsheet");
const USER = meta("base", "User");

/** Session.getActiveUser() / Spreadsheet.getOwner(): only the e-mail is modelled. */
export class FakeUser implements Pick<GoogleAppsScript.Base.User, "getEmail"> {
  readonly [FAKE] = USER;
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
}
export type _FakeUserCheck = NoExtraMembers<ExtraMembers<FakeUser, GoogleAppsScript.Base.User>>;

/** Default names of new sheets, per spreadsheet locale. */
const SHEET_WORD = { en_US: "Sheet", ru_RU: "Лист" } as const;

export class FakeSpreadsheet implements Pick<GSpreadsheet, Implemented> {
  readonly [FAKE] = SPREADSHEET;
  readonly [INTERNAL]: Book;

  private constructor(book: Book) {
    this[INTERNAL] = book;
  }

  private static readonly byBook = new WeakMap<Book, FakeSpreadsheet>();

  static of(book: Book): FakeSpreadsheet {
    let f = FakeSpreadsheet.byBook.get(book);
    if (!f) {
      f = new FakeSpreadsheet(book);
      FakeSpreadsheet.byBook.set(book, f);
    }
    return f;
  }

  private get m() {
    return this[INTERNAL].model;
  }

  private sheet(model: SheetModel): GSheet {
    return gas(FakeSheet.of(this[INTERNAL], model));
  }

  private activeSheet(): GSheet {
    return this.sheet(this.m.active());
  }

  getId(): string {
    return this.m.id;
  }
  getName(): string {
    return this.m.name;
  }
  rename(newName: string): void {
    this.m.name = str(newName);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.m.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.m.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    try {
      assertTimeZone(timezone);
    } catch {
      fail(`Invalid argument: ${timezone}`); // [assumed]
    }
    this.m.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return this.m.locale;
  }
  /** Only ru_RU and en_US are modelled (number/date parsing and display). */
  setSpreadsheetLocale(locale: string): void {
    if (locale !== "ru_RU" && locale !== "en_US") fail(`Invalid argument: ${locale}`); // [assumed]
    this.m.locale = locale;
  }
  getOwner(): GoogleAppsScript.Base.User | null {
    return gas(new FakeUser(this[INTERNAL].env.userEmail));
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return [gas(new FakeUser(this[INTERNAL].env.userEmail))];
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.m.toasts.push({ message: str(msg), title: str(title), timeoutSeconds: timeoutSeconds ?? null });
  }

  // ---- sheets --------------------------------------------------------------------------------

  getSheets(): GSheet[] {
    return this.m.sheets.map((s) => this.sheet(s));
  }
  getNumSheets(): number {
    return this.m.sheets.length;
  }
  getSheetByName(name: string): GSheet | null {
    const s = this.m.sheetByName(str(name));
    return s ? this.sheet(s) : null;
  }
  getSheetById(id: number): GSheet | null {
    const s = this.m.sheets.find((x) => x.id === id);
    return s ? this.sheet(s) : null;
  }
  getActiveSheet(): GSheet {
    return this.activeSheet();
  }
  setActiveSheet(sheet: GSheet, restoreSelection?: boolean): GSheet {
    void restoreSelection;
    const model = (sheet as unknown as FakeSheet)[INTERNAL].sheet;
    if (model.deleted) fail(MSG.sheetDeleted(model.name));
    this.m.activeSheet = model;
    return sheet;
  }
  getSheetName(): string {
    return this.m.active().name;
  }
  getSheetId(): number {
    return this.m.active().id;
  }
  renameActiveSheet(newName: string): void {
    this.activeSheet().setName(newName);
  }
  moveActiveSheet(pos: number): void {
    const s = this.m.active();
    const to = integer(pos, "SpreadsheetApp.Spreadsheet.moveActiveSheet");
    this.m.sheets = this.m.sheets.filter((x) => x !== s);
    this.m.sheets.splice(Math.max(0, Math.min(to - 1, this.m.sheets.length)), 0, s);
  }

  /**
   * All eight overloads. sheetIndex is 0-based [doc]. Without an index the sheet goes after the
   * active one [assumed]. The new sheet becomes the active sheet [doc].
   */
  insertSheet(a?: unknown, b?: unknown, c?: unknown): GSheet {
    const args = [a, b, c].filter((x) => x !== undefined);
    let name: string | undefined;
    let index: number | undefined;
    let template: SheetModel | undefined;
    for (const arg of args) {
      if (typeof arg === "string") name = arg;
      else if (typeof arg === "number") index = integer(arg, "SpreadsheetApp.Spreadsheet.insertSheet");
      else if (arg && typeof arg === "object") {
        const t = (arg as { template?: unknown }).template;
        if (t) template = (t as FakeSheet)[INTERNAL].sheet;
      }
    }
    const m = this.m;
    if (name === undefined) {
      const word = SHEET_WORD[m.locale];
      let n = m.sheets.length + 1;
      while (m.sheetByName(`${word}${n}`)) n++;
      name = `${word}${n}`;
    }
    const at = index ?? m.sheets.indexOf(m.active()) + 1;
    const sheet = m.addSheet(name, at, template?.maxRows, template?.maxColumns);
    if (template) copySheetContents(template, sheet);
    m.activeSheet = sheet;
    return this.sheet(sheet);
  }
  deleteSheet(sheet: GSheet): void {
    this.m.removeSheet((sheet as unknown as FakeSheet)[INTERNAL].sheet);
  }
  deleteActiveSheet(): GSheet {
    this.m.removeSheet(this.m.active());
    return this.activeSheet();
  }

  // ---- ranges --------------------------------------------------------------------------------

  /** "Sheet1!A1:B2", or plain "A1:B2" on the active sheet. */
  getRange(a1Notation: string): GRange {
    const text = str(a1Notation);
    const ref = parseA1(text);
    if (!ref) fail(MSG.rangeNotFound);
    const sheet = ref.sheetName === undefined ? this.m.active() : this.m.sheetByName(ref.sheetName);
    if (!sheet) fail(MSG.rangeNotFound);
    const cells = ref.sheetName === undefined ? text : text.slice(text.lastIndexOf("!") + 1);
    return this.sheet(sheet).getRange(cells);
  }
  getDataRange(): GRange {
    return this.activeSheet().getDataRange();
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    return this.activeSheet().getSheetValues(startRow, startColumn, numRows, numColumns);
  }
  getLastRow(): number {
    return this.m.active().lastRow();
  }
  getLastColumn(): number {
    return this.m.active().lastColumn();
  }
  appendRow(rowContents: unknown[]): GSheet {
    return this.activeSheet().appendRow(rowContents);
  }

  // ---- named ranges --------------------------------------------------------------------------

  /** Names: a letter or underscore, then letters, digits, underscores, dots; not a cell reference. */
  setNamedRange(name: string, range: GRange): void {
    const n = str(name);
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(n) || /^[A-Za-z]{1,3}\d+$/.test(n) || /^(true|false)$/i.test(n)) {
      fail(MSG.badNamedRangeName(n));
    }
    const r = (range as unknown as FakeRange)[INTERNAL];
    const old = this.m.namedRanges.get(n);
    if (old) old.sheet.untrack(old.anchor);
    const anchor = r.sheet.track(new Anchor(r.r, r.c, r.r + r.nr - 1, r.c + r.nc - 1));
    this.m.namedRanges.set(n, { name: n, sheet: r.sheet, anchor });
  }
  getRangeByName(name: string): GRange | null {
    const nr = this.m.namedRanges.get(str(name));
    if (!nr) return null;
    const { r1, c1, r2, c2 } = nr.anchor;
    return gas(new FakeRange(this[INTERNAL], nr.sheet, r1, c1, r2 - r1 + 1, c2 - c1 + 1));
  }
  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return [...this.m.namedRanges.values()].map((nr) => gas(new FakeNamedRange(this[INTERNAL], nr)));
  }
  removeNamedRange(name: string): void {
    const nr = this.m.namedRanges.get(str(name));
    if (!nr) return;
    nr.sheet.untrack(nr.anchor);
    this.m.namedRanges.delete(nr.name);
  }
}

export type _FakeSpreadsheetCheck = NoExtraMembers<ExtraMembers<FakeSpreadsheet, GSpreadsheet>>;

function copySheetContents(from: SheetModel, to: SheetModel): void {
  to.rows = from.rows.map((row) => {
    if (!row) return undefined;
    const copy = new Row();
    copy.v = row.v.slice();
    if (row.f) copy.f = row.f.slice();
    if (row.s) copy.s = row.s.slice();
    if (row.n) copy.n = row.n.slice();
    if (row.dv) copy.dv = row.dv.slice();
    copy.height = row.height;
    return copy;
  });
  to.colWidths = from.colWidths.slice();
  to.frozenRows = from.frozenRows;
  to.frozenColumns = from.frozenColumns;
}
