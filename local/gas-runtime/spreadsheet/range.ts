/**
 * Range: a fixed rectangle of one sheet (it does not follow later row inserts — Apps Script's Range
 * objects don't either). Values go in through cells.ts (formula and apostrophe rules), checked
 * against Google's dimension errors; formats, notes and validations are stored per cell.
 */
import { fail, MSG } from "../errors";
import { type ExtraMembers, gas, INTERNAL, integer, type NoExtraMembers, str, typeName } from "../facade";
import { FAKE, meta } from "../realm";
import { formatA1 } from "./a1";
import type { Book } from "./book";
import { cellScalar, compareForSort, displayCell, enterCell, numberFormatOf, readCell } from "./cells";
import { FakeDataValidation } from "./data-validation";
import { FakeFilter } from "./filter";
import { Anchor, type CellStyle, type SheetModel } from "./model";
import { FakeProtection } from "./protection";
import { FakeSheet } from "./sheet";

type GRange = GoogleAppsScript.Spreadsheet.Range;

type Implemented =
  | "activate"
  | "canEdit"
  | "check"
  | "clear"
  | "clearContent"
  | "clearDataValidations"
  | "clearFormat"
  | "clearNote"
  | "copyTo"
  | "createFilter"
  | "getA1Notation"
  | "getBackground"
  | "getBackgrounds"
  | "getCell"
  | "getColumn"
  | "getDataValidation"
  | "getDataValidations"
  | "getDisplayValue"
  | "getDisplayValues"
  | "getFilter"
  | "getFontFamilies"
  | "getFontFamily"
  | "getFontSize"
  | "getFontSizes"
  | "getFontColor"
  | "getFontColors"
  | "getFontLine"
  | "getFontLines"
  | "getFontStyle"
  | "getFontStyles"
  | "getFontWeight"
  | "getFontWeights"
  | "getFormula"
  | "getFormulas"
  | "getGridId"
  | "getHeight"
  | "getHorizontalAlignment"
  | "getHorizontalAlignments"
  | "getLastColumn"
  | "getLastRow"
  | "getNote"
  | "getNotes"
  | "getNumColumns"
  | "getNumRows"
  | "getNumberFormat"
  | "getNumberFormats"
  | "getRow"
  | "getRowIndex"
  | "getSheet"
  | "getValue"
  | "getValues"
  | "getVerticalAlignment"
  | "getVerticalAlignments"
  | "getWidth"
  | "getWrap"
  | "getWraps"
  | "insertCheckboxes"
  | "isBlank"
  | "isChecked"
  | "isEndColumnBounded"
  | "isEndRowBounded"
  | "isStartColumnBounded"
  | "isStartRowBounded"
  | "offset"
  | "protect"
  | "removeCheckboxes"
  | "setBackground"
  | "setBackgroundRGB"
  | "setBackgrounds"
  | "setBorder"
  | "setDataValidation"
  | "setDataValidations"
  | "setFontColor"
  | "setFontColors"
  | "setFontFamilies"
  | "setFontFamily"
  | "setFontLine"
  | "setFontSize"
  | "setFontSizes"
  | "setFontStyle"
  | "setFontWeight"
  | "setFontWeights"
  | "setFormula"
  | "setFormulas"
  | "setHorizontalAlignment"
  | "setHorizontalAlignments"
  | "setNote"
  | "setNotes"
  | "setNumberFormat"
  | "setNumberFormats"
  | "setValue"
  | "setValues"
  | "setVerticalAlignment"
  | "setWrap"
  | "setWrapStrategy"
  | "setWraps"
  | "sort"
  | "uncheck";

const RANGE = meta("spreadsheet", "Range");

/** Defaults Apps Script reports for a cell nobody formatted [assumed where not obvious]. */
const DEFAULT_STYLE = {
  background: "#ffffff",
  fontColor: "#000000",
  fontWeight: "normal",
  fontStyle: "normal",
  fontLine: "none",
  fontFamily: "Arial",
  fontSize: 10,
  horizontalAlignment: "general",
  verticalAlignment: "bottom",
  wrap: false,
} as const;

export interface RangeInternal {
  book: Book;
  sheet: SheetModel;
  r: number;
  c: number;
  nr: number;
  nc: number;
  whole: { rows?: boolean; cols?: boolean };
}

export class FakeRange implements Pick<GRange, Implemented> {
  readonly [FAKE] = RANGE;
  readonly [INTERNAL]: RangeInternal;

  constructor(
    book: Book,
    sheet: SheetModel,
    r: number,
    c: number,
    nr: number,
    nc: number,
    whole: { rows?: boolean; cols?: boolean } = {},
  ) {
    this[INTERNAL] = { book, sheet, r, c, nr, nc, whole };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private get i(): RangeInternal {
    const i = this[INTERNAL];
    if (i.sheet.deleted) fail(MSG.sheetDeleted(i.sheet.name));
    return i;
  }

  private self(): GRange {
    return gas<GRange>(this);
  }

  private grid<T>(fn: (r: number, c: number) => T): T[][] {
    const { r, c, nr, nc } = this.i;
    const out: T[][] = new Array(nr);
    for (let y = 0; y < nr; y++) {
      const row: T[] = new Array(nc);
      for (let x = 0; x < nc; x++) row[x] = fn(r + y, c + x);
      out[y] = row;
    }
    return out;
  }

  private each(fn: (r: number, c: number) => void): void {
    const { r, c, nr, nc } = this.i;
    for (let y = 0; y < nr; y++) for (let x = 0; x < nc; x++) fn(r + y, c + x);
  }

  /** Applies a 2-D argument cell by cell after Google's dimension checks. */
  private eachOf(values: unknown, method: string, fn: (r: number, c: number, v: unknown) => void): void {
    const { r, c, nr, nc } = this.i;
    if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
      fail(MSG.badSignature(typeName(values), `SpreadsheetApp.Range.${method}`));
    }
    if (values.length !== nr) fail(MSG.rowsMismatch(values.length, nr));
    for (const row of values as unknown[][]) if (row.length !== nc) fail(MSG.colsMismatch(row.length, nc));
    (values as unknown[][]).forEach((row, y) => {
      row.forEach((v, x) => {
        fn(r + y, c + x, v);
      });
    });
  }

  private cells(): number {
    return this.i.nr * this.i.nc;
  }

  private chargeRead(): void {
    const { book } = this.i;
    book.env.charge(this.cells() * book.env.costs.cellReadMs);
  }

  private chargeWrite(): void {
    const { book } = this.i;
    book.env.charge(this.cells() * book.env.costs.cellWriteMs);
  }

  private styleOf(r: number, c: number): CellStyle {
    return this.i.sheet.style(r, c) ?? {};
  }

  private setStyle(patch: Partial<CellStyle>): GRange {
    const { sheet } = this.i;
    this.each((r, c) => sheet.patchStyle(r, c, patch));
    return this.self();
  }

  private setStyles(values: unknown, method: string, key: keyof CellStyle): GRange {
    const { sheet } = this.i;
    this.eachOf(values, method, (r, c, v) =>
      sheet.patchStyle(r, c, { [key]: v === null || v === undefined ? undefined : v } as Partial<CellStyle>),
    );
    return this.self();
  }

  private sub(r: number, c: number, nr: number, nc: number): FakeRange {
    const { book, sheet } = this.i;
    if (r < 1) fail(MSG.startRowTooSmall);
    if (c < 1) fail(MSG.startColTooSmall);
    if (nr < 1) fail(MSG.numRowsTooSmall);
    if (nc < 1) fail(MSG.numColsTooSmall);
    if (r + nr - 1 > sheet.maxRows || c + nc - 1 > sheet.maxColumns) fail(MSG.outsideSheet);
    return new FakeRange(book, sheet, r, c, nr, nc);
  }

  // ---- geometry ------------------------------------------------------------------------------

  getA1Notation(): string {
    const { r, c, nr, nc, whole } = this.i;
    return formatA1(r, c, r + nr - 1, c + nc - 1, whole);
  }
  getRow(): number {
    return this.i.r;
  }
  getRowIndex(): number {
    return this.i.r;
  }
  getColumn(): number {
    return this.i.c;
  }
  getNumRows(): number {
    return this.i.nr;
  }
  getNumColumns(): number {
    return this.i.nc;
  }
  getHeight(): number {
    return this.i.nr;
  }
  getWidth(): number {
    return this.i.nc;
  }
  getLastRow(): number {
    return this.i.r + this.i.nr - 1;
  }
  getLastColumn(): number {
    return this.i.c + this.i.nc - 1;
  }
  getGridId(): number {
    return this.i.sheet.id;
  }
  isStartRowBounded(): boolean {
    return !this.i.whole.cols;
  }
  isEndRowBounded(): boolean {
    return !this.i.whole.cols;
  }
  isStartColumnBounded(): boolean {
    return !this.i.whole.rows;
  }
  isEndColumnBounded(): boolean {
    return !this.i.whole.rows;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return gas(FakeSheet.of(this.i.book, this.i.sheet));
  }
  getCell(row: number, column: number): GRange {
    const { r, c, nr, nc } = this.i;
    const y = integer(row, "SpreadsheetApp.Range.getCell");
    const x = integer(column, "SpreadsheetApp.Range.getCell");
    if (y < 1 || x < 1 || y > nr || x > nc) fail(MSG.cellOutOfRange);
    return gas(this.sub(r + y - 1, c + x - 1, 1, 1));
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GRange {
    const { r, c, nr, nc } = this.i;
    return gas(
      this.sub(
        r + integer(rowOffset, "SpreadsheetApp.Range.offset"),
        c + integer(columnOffset, "SpreadsheetApp.Range.offset"),
        numRows === undefined ? nr : integer(numRows, "SpreadsheetApp.Range.offset"),
        numColumns === undefined ? nc : integer(numColumns, "SpreadsheetApp.Range.offset"),
      ),
    );
  }
  activate(): GRange {
    const { book, sheet } = this.i;
    book.model.activeSheet = sheet;
    return this.self();
  }
  canEdit(): boolean {
    return true;
  }

  // ---- values --------------------------------------------------------------------------------

  getValues(): unknown[][] {
    const { book, sheet } = this.i;
    this.chargeRead();
    return this.grid((r, c) => readCell(book.env, sheet, r, c));
  }
  getValue(): unknown {
    const { book, sheet, r, c } = this.i;
    return readCell(book.env, sheet, r, c);
  }
  getDisplayValues(): string[][] {
    const { book, sheet } = this.i;
    this.chargeRead();
    return this.grid((r, c) => displayCell(book.env, sheet, r, c));
  }
  getDisplayValue(): string {
    const { book, sheet, r, c } = this.i;
    return displayCell(book.env, sheet, r, c);
  }
  setValues(values: unknown[][]): GRange {
    const { sheet } = this.i;
    this.eachOf(values, "setValues", (r, c, v) => enterCell(sheet, r, c, v));
    this.chargeWrite();
    return this.self();
  }
  /** Sets every cell of the range (Apps Script's setValue on a multi-cell range fills it). */
  setValue(value: unknown): GRange {
    const { sheet } = this.i;
    this.each((r, c) => enterCell(sheet, r, c, value));
    this.chargeWrite();
    return this.self();
  }
  isBlank(): boolean {
    const { sheet } = this.i;
    let blank = true;
    this.each((r, c) => {
      if (sheet.hasContent(r, c)) blank = false;
    });
    return blank;
  }

  // ---- formulas ------------------------------------------------------------------------------

  getFormulas(): string[][] {
    const { sheet } = this.i;
    this.chargeRead();
    return this.grid((r, c) => sheet.formula(r, c) ?? "");
  }
  getFormula(): string {
    const { sheet, r, c } = this.i;
    return sheet.formula(r, c) ?? "";
  }
  /** [assumed] references are not shifted per cell as Sheets does for relative references. */
  setFormula(formula: string): GRange {
    const { sheet } = this.i;
    this.each((r, c) => enterCell(sheet, r, c, formula));
    this.chargeWrite();
    return this.self();
  }
  setFormulas(formulas: string[][]): GRange {
    const { sheet } = this.i;
    this.eachOf(formulas, "setFormulas", (r, c, v) => enterCell(sheet, r, c, v));
    this.chargeWrite();
    return this.self();
  }

  // ---- clearing ------------------------------------------------------------------------------

  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): GRange {
    const { sheet } = this.i;
    const o = options ?? {};
    const only = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    this.each((r, c) => {
      if (o.skipFilteredRows && sheet.row(r)?.hiddenByFilter) return;
      if (!only || o.contentsOnly) sheet.setContent(r, c, undefined, undefined);
      if (!only || o.formatOnly) sheet.patchStyle(r, c, null);
      if (!only || o.validationsOnly) sheet.setValidation(r, c, undefined);
      if (o.commentsOnly) sheet.setNote(r, c, undefined);
    });
    return this.self();
  }
  clearContent(): GRange {
    return this.clear({ contentsOnly: true });
  }
  clearFormat(): GRange {
    return this.clear({ formatOnly: true });
  }
  clearDataValidations(): GRange {
    return this.clear({ validationsOnly: true });
  }
  clearNote(): GRange {
    const { sheet } = this.i;
    this.each((r, c) => sheet.setNote(r, c, undefined));
    return this.self();
  }

  // ---- formats -------------------------------------------------------------------------------

  getNumberFormat(): string {
    const { sheet, r, c } = this.i;
    return numberFormatOf(sheet, r, c);
  }
  getNumberFormats(): string[][] {
    const { sheet } = this.i;
    return this.grid((r, c) => numberFormatOf(sheet, r, c));
  }
  setNumberFormat(numberFormat: string): GRange {
    return this.setStyle({ numberFormat: str(numberFormat) });
  }
  setNumberFormats(numberFormats: string[][]): GRange {
    return this.setStyles(numberFormats, "setNumberFormats", "numberFormat");
  }
  getBackground(): string {
    return this.styleOf(this.i.r, this.i.c).background ?? DEFAULT_STYLE.background;
  }
  getBackgrounds(): string[][] {
    return this.grid((r, c) => this.styleOf(r, c).background ?? DEFAULT_STYLE.background);
  }
  setBackground(color: string | null): GRange {
    return this.setStyle({ background: color ?? undefined });
  }
  setBackgroundRGB(red: number, green: number, blue: number): GRange {
    const hex = [red, green, blue].map((n) => Math.max(0, Math.min(255, n)).toString(16).padStart(2, "0"));
    return this.setStyle({ background: `#${hex.join("")}` });
  }
  setBackgrounds(color: (string | null)[][]): GRange {
    return this.setStyles(color, "setBackgrounds", "background");
  }
  /** Deprecated in Apps Script in favour of getFontColorObject, but still there; "#000000" by default. */
  getFontColor(): string {
    return this.styleOf(this.i.r, this.i.c).fontColor ?? DEFAULT_STYLE.fontColor;
  }
  getFontColors(): string[][] {
    return this.grid((r, c) => this.styleOf(r, c).fontColor ?? DEFAULT_STYLE.fontColor);
  }
  setFontColor(color: string | null): GRange {
    return this.setStyle({ fontColor: color ?? undefined });
  }
  setFontColors(colors: unknown[][]): GRange {
    return this.setStyles(colors, "setFontColors", "fontColor");
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return (this.styleOf(this.i.r, this.i.c).fontWeight ??
      DEFAULT_STYLE.fontWeight) as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this.grid(
      (r, c) =>
        (this.styleOf(r, c).fontWeight ??
          DEFAULT_STYLE.fontWeight) as GoogleAppsScript.Spreadsheet.FontWeight,
    );
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): GRange {
    return this.setStyle({ fontWeight: fontWeight ?? undefined });
  }
  setFontWeights(fontWeights: (GoogleAppsScript.Spreadsheet.FontWeight | null)[][]): GRange {
    return this.setStyles(fontWeights, "setFontWeights", "fontWeight");
  }
  getFontStyle(): GoogleAppsScript.Spreadsheet.FontStyle {
    return (this.styleOf(this.i.r, this.i.c).fontStyle ??
      DEFAULT_STYLE.fontStyle) as GoogleAppsScript.Spreadsheet.FontStyle;
  }
  getFontStyles(): GoogleAppsScript.Spreadsheet.FontStyle[][] {
    return this.grid(
      (r, c) =>
        (this.styleOf(r, c).fontStyle ?? DEFAULT_STYLE.fontStyle) as GoogleAppsScript.Spreadsheet.FontStyle,
    );
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): GRange {
    return this.setStyle({ fontStyle: fontStyle ?? undefined });
  }
  getFontLine(): GoogleAppsScript.Spreadsheet.FontLine {
    return (this.styleOf(this.i.r, this.i.c).fontLine ??
      DEFAULT_STYLE.fontLine) as GoogleAppsScript.Spreadsheet.FontLine;
  }
  getFontLines(): GoogleAppsScript.Spreadsheet.FontLine[][] {
    return this.grid(
      (r, c) =>
        (this.styleOf(r, c).fontLine ?? DEFAULT_STYLE.fontLine) as GoogleAppsScript.Spreadsheet.FontLine,
    );
  }
  setFontLine(fontLine: GoogleAppsScript.Spreadsheet.FontLine | null): GRange {
    return this.setStyle({ fontLine: fontLine ?? undefined });
  }
  getFontFamily(): string {
    return this.styleOf(this.i.r, this.i.c).fontFamily ?? DEFAULT_STYLE.fontFamily;
  }
  getFontFamilies(): string[][] {
    return this.grid((r, c) => this.styleOf(r, c).fontFamily ?? DEFAULT_STYLE.fontFamily);
  }
  setFontFamily(fontFamily: string | null): GRange {
    return this.setStyle({ fontFamily: fontFamily ?? undefined });
  }
  setFontFamilies(fontFamilies: (string | null)[][]): GRange {
    return this.setStyles(fontFamilies, "setFontFamilies", "fontFamily");
  }
  getFontSize(): number {
    return this.styleOf(this.i.r, this.i.c).fontSize ?? DEFAULT_STYLE.fontSize;
  }
  getFontSizes(): number[][] {
    return this.grid((r, c) => this.styleOf(r, c).fontSize ?? DEFAULT_STYLE.fontSize);
  }
  setFontSize(size: number): GRange {
    return this.setStyle({ fontSize: integer(size, "SpreadsheetApp.Range.setFontSize") });
  }
  setFontSizes(sizes: number[][]): GRange {
    return this.setStyles(sizes, "setFontSizes", "fontSize");
  }
  getHorizontalAlignment(): string {
    return this.styleOf(this.i.r, this.i.c).horizontalAlignment ?? DEFAULT_STYLE.horizontalAlignment;
  }
  getHorizontalAlignments(): string[][] {
    return this.grid((r, c) => this.styleOf(r, c).horizontalAlignment ?? DEFAULT_STYLE.horizontalAlignment);
  }
  setHorizontalAlignment(alignment: "left" | "center" | "normal" | "right" | null): GRange {
    return this.setStyle({ horizontalAlignment: alignment ?? undefined });
  }
  setHorizontalAlignments(alignments: ("left" | "center" | "normal" | "right" | null)[][]): GRange {
    return this.setStyles(alignments, "setHorizontalAlignments", "horizontalAlignment");
  }
  getVerticalAlignment(): string {
    return this.styleOf(this.i.r, this.i.c).verticalAlignment ?? DEFAULT_STYLE.verticalAlignment;
  }
  getVerticalAlignments(): string[][] {
    return this.grid((r, c) => this.styleOf(r, c).verticalAlignment ?? DEFAULT_STYLE.verticalAlignment);
  }
  setVerticalAlignment(alignment: "top" | "middle" | "bottom" | null): GRange {
    return this.setStyle({ verticalAlignment: alignment ?? undefined });
  }
  getWrap(): boolean {
    return this.styleOf(this.i.r, this.i.c).wrap ?? DEFAULT_STYLE.wrap;
  }
  getWraps(): boolean[][] {
    return this.grid((r, c) => this.styleOf(r, c).wrap ?? DEFAULT_STYLE.wrap);
  }
  setWrap(isWrapEnabled: boolean): GRange {
    return this.setStyle({ wrap: !!isWrapEnabled });
  }
  setWraps(isWrapEnabled: boolean[][]): GRange {
    return this.setStyles(isWrapEnabled, "setWraps", "wrap");
  }
  setWrapStrategy(strategy: GoogleAppsScript.Spreadsheet.WrapStrategy): GRange {
    const s = String(strategy);
    return this.setStyle({ wrapStrategy: s, wrap: s === "WRAP" });
  }
  /** Borders are recorded as present/absent only. */
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
  ): GRange {
    const any = [top, left, bottom, right, vertical, horizontal].some((b) => b === true);
    return this.setStyle({ border: any || undefined });
  }

  // ---- notes ---------------------------------------------------------------------------------

  getNote(): string {
    const { sheet, r, c } = this.i;
    return sheet.note(r, c) ?? "";
  }
  getNotes(): string[][] {
    const { sheet } = this.i;
    return this.grid((r, c) => sheet.note(r, c) ?? "");
  }
  setNote(note: string | null): GRange {
    const { sheet } = this.i;
    this.each((r, c) => sheet.setNote(r, c, note === null ? undefined : String(note)));
    return this.self();
  }
  setNotes(notes: (string | null)[][]): GRange {
    const { sheet } = this.i;
    this.eachOf(notes, "setNotes", (r, c, v) => sheet.setNote(r, c, v === null ? undefined : String(v)));
    return this.self();
  }

  // ---- data validation and checkboxes --------------------------------------------------------

  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    const { sheet, r, c } = this.i;
    const spec = sheet.validation(r, c);
    return spec ? gas(new FakeDataValidation(spec)) : null;
  }
  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    const { sheet } = this.i;
    return this.grid((r, c) => {
      const spec = sheet.validation(r, c);
      return spec ? gas<GoogleAppsScript.Spreadsheet.DataValidation>(new FakeDataValidation(spec)) : null;
    });
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): GRange {
    const { sheet } = this.i;
    const spec = rule ? FakeDataValidation.specOf(rule) : undefined;
    this.each((r, c) => sheet.setValidation(r, c, spec));
    return this.self();
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): GRange {
    const { sheet } = this.i;
    this.eachOf(rules, "setDataValidations", (r, c, v) =>
      sheet.setValidation(
        r,
        c,
        v ? FakeDataValidation.specOf(v as GoogleAppsScript.Spreadsheet.DataValidation) : undefined,
      ),
    );
    return this.self();
  }
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): GRange {
    const { sheet } = this.i;
    const values = checkedValue === undefined ? [] : [checkedValue, uncheckedValue ?? ""];
    const spec = { criteria: "CHECKBOX", values, allowInvalid: false, helpText: "" };
    this.each((r, c) => {
      sheet.setValidation(r, c, spec);
      if (!sheet.hasContent(r, c))
        enterCell(sheet, r, c, checkedValue === undefined ? false : (uncheckedValue ?? ""));
    });
    return this.self();
  }
  removeCheckboxes(): GRange {
    const { sheet } = this.i;
    this.each((r, c) => {
      if (sheet.validation(r, c)?.criteria === "CHECKBOX") {
        sheet.setValidation(r, c, undefined);
        sheet.setContent(r, c, undefined, undefined);
      }
    });
    return this.self();
  }
  isChecked(): boolean | null {
    const { book, sheet } = this.i;
    let result: boolean | null | undefined;
    this.each((r, c) => {
      const spec = sheet.validation(r, c);
      if (spec?.criteria !== "CHECKBOX") {
        result = null;
        return;
      }
      const v = cellScalar(book.env, sheet, r, c);
      const checked = spec.values.length ? v === spec.values[0] : v === true;
      if (result === undefined) result = checked;
      else if (result !== checked) result = null;
    });
    return result ?? null;
  }
  check(): GRange {
    return this.setChecked(true);
  }
  uncheck(): GRange {
    return this.setChecked(false);
  }
  private setChecked(on: boolean): GRange {
    const { sheet } = this.i;
    this.each((r, c) => {
      const spec = sheet.validation(r, c);
      if (spec?.criteria !== "CHECKBOX") return;
      const value = spec.values.length ? spec.values[on ? 0 : 1] : on;
      enterCell(sheet, r, c, value);
    });
    return this.self();
  }

  // ---- sort, filter, protection, copy --------------------------------------------------------

  /** sortSpecObj: a column number (absolute, as in Apps Script), {column, ascending}, or an array. */
  sort(sortSpecObj: unknown): GRange {
    const { book, sheet, r, c, nr, nc } = this.i;
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) => {
      const spec =
        typeof s === "number"
          ? { column: s, ascending: true }
          : {
              column: Number((s as { column?: unknown }).column),
              ascending: (s as { ascending?: unknown }).ascending !== false,
            };
      if (!Number.isInteger(spec.column) || spec.column < c || spec.column > c + nc - 1)
        fail(MSG.sortColumnOutside);
      return spec;
    });
    const keys = Array.from({ length: nr }, (_, y) =>
      specs.map((s) => cellScalar(book.env, sheet, r + y, s.column)),
    );
    const order = keys.map((_, y) => y);
    order.sort((a, b) => {
      for (let k = 0; k < specs.length; k++) {
        const d = compareForSort(keys[a]![k], keys[b]![k], specs[k]!.ascending);
        if (d !== 0) return d;
      }
      return a - b;
    });
    sheet.permuteRows(r, c, c + nc - 1, order);
    this.chargeWrite();
    return this.self();
  }
  createFilter(): GoogleAppsScript.Spreadsheet.Filter {
    const { book, sheet, r, c, nr, nc } = this.i;
    if (sheet.filter) fail(MSG.filterExists);
    sheet.filter = { anchor: sheet.track(new Anchor(r, c, r + nr - 1, c + nc - 1)), criteria: new Map() };
    return gas(new FakeFilter(book, sheet));
  }
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    const { book, sheet } = this.i;
    return sheet.filter ? gas(new FakeFilter(book, sheet)) : null;
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const { book, sheet, r, c, nr, nc } = this.i;
    return gas(FakeProtection.create(book, sheet, "RANGE", new Anchor(r, c, r + nr - 1, c + nc - 1)));
  }
  /** Copies values, formulas and formats (Sheets also shifts relative references [not imitated]). */
  copyTo(destination: GRange, options?: unknown, transposed?: boolean): void {
    const src = this.i;
    const dst = (destination as unknown as FakeRange)[INTERNAL];
    const o = (typeof options === "object" && options ? options : {}) as {
      formatOnly?: boolean;
      contentsOnly?: boolean;
    };
    const pasteType = typeof options === "string" ? options : "PASTE_NORMAL";
    const formats = !o.contentsOnly && (pasteType === "PASTE_NORMAL" || pasteType === "PASTE_FORMAT");
    const contents = !o.formatOnly && pasteType !== "PASTE_FORMAT";
    void transposed;
    // Snapshot first: source and destination may overlap.
    const snap = this.grid((r, c) => ({
      v: src.sheet.value(r, c),
      f: src.sheet.formula(r, c),
      s: src.sheet.style(r, c),
      valuesOnly: pasteType === "PASTE_VALUES" ? cellScalar(src.book.env, src.sheet, r, c) : undefined,
    }));
    const rows = Math.max(dst.nr, src.nr);
    const cols = Math.max(dst.nc, src.nc);
    if (dst.r + rows - 1 > dst.sheet.maxRows || dst.c + cols - 1 > dst.sheet.maxColumns)
      fail(MSG.outsideSheet);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const cell = snap[y % src.nr]![x % src.nc]!;
        const r = dst.r + y;
        const c = dst.c + x;
        if (contents) {
          if (pasteType === "PASTE_VALUES") dst.sheet.setContent(r, c, cell.valuesOnly, undefined);
          else dst.sheet.setContent(r, c, cell.v, cell.f);
        }
        if (formats) {
          dst.sheet.patchStyle(r, c, null);
          if (cell.s) dst.sheet.patchStyle(r, c, cell.s);
        }
      }
    }
  }
}

export type _FakeRangeCheck = NoExtraMembers<ExtraMembers<FakeRange, GRange>>;
