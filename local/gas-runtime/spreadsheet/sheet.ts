/**
 * Sheet: structure (insert/delete rows and columns, freezing, hiding, sizes), sheet-wide sort,
 * appendRow, and the entry points to ranges, filters, rules, protections and charts.
 */
import { fail, MSG } from "../errors";
import { type ExtraMembers, gas, INTERNAL, integer, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import { parseA1 } from "./a1";
import type { Book } from "./book";
import { cellScalar, compareForSort, displayCell, enterCell } from "./cells";
import { FakeEmbeddedChart, FakeEmbeddedChartBuilder } from "./charts";
import { FakeConditionalFormatRule } from "./conditional-format";
import { FakeFilter } from "./filter";
import { Anchor, type SheetModel } from "./model";
import { FakeNamedRange } from "./named-range";
import { FakeProtection } from "./protection";
import { FakeRange } from "./range";
import { FakeRangeList } from "./range-list";
import { FakeSpreadsheet } from "./spreadsheet";

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;

type Implemented =
  | "activate"
  | "appendRow"
  | "autoResizeColumn"
  | "autoResizeColumns"
  | "clear"
  | "clearConditionalFormatRules"
  | "clearContents"
  | "clearFormats"
  | "clearNotes"
  | "deleteColumn"
  | "deleteColumns"
  | "deleteRow"
  | "deleteRows"
  | "getCharts"
  | "getColumnWidth"
  | "getConditionalFormatRules"
  | "getDataRange"
  | "getFilter"
  | "getFrozenColumns"
  | "getFrozenRows"
  | "getIndex"
  | "getLastColumn"
  | "getLastRow"
  | "getMaxColumns"
  | "getMaxRows"
  | "getName"
  | "getNamedRanges"
  | "getParent"
  | "getProtections"
  | "getRange"
  | "getRangeList"
  | "getRowHeight"
  | "getSheetId"
  | "getSheetName"
  | "getSheetValues"
  | "getTabColor"
  | "getType"
  | "hideColumn"
  | "hideColumns"
  | "hideRow"
  | "hideRows"
  | "hideSheet"
  | "insertChart"
  | "insertColumnAfter"
  | "insertColumnBefore"
  | "insertColumns"
  | "insertColumnsAfter"
  | "insertColumnsBefore"
  | "insertRowAfter"
  | "insertRowBefore"
  | "insertRows"
  | "insertRowsAfter"
  | "insertRowsBefore"
  | "isColumnHiddenByUser"
  | "isRowHiddenByFilter"
  | "isRowHiddenByUser"
  | "isSheetHidden"
  | "newChart"
  | "protect"
  | "removeChart"
  | "setColumnWidth"
  | "setColumnWidths"
  | "setConditionalFormatRules"
  | "setFrozenColumns"
  | "setFrozenRows"
  | "setName"
  | "setRowHeight"
  | "setRowHeights"
  | "setTabColor"
  | "showColumns"
  | "showRows"
  | "showSheet"
  | "sort"
  | "unhideColumn"
  | "unhideRow"
  | "updateChart";

const SHEET = meta("spreadsheet", "Sheet");
const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;

export class FakeSheet implements Pick<GSheet, Implemented> {
  readonly [FAKE] = SHEET;
  readonly [INTERNAL]: { book: Book; sheet: SheetModel };

  private constructor(book: Book, sheet: SheetModel) {
    this[INTERNAL] = { book, sheet };
  }

  /** The facade of a sheet (one per sheet). */
  static of(book: Book, sheet: SheetModel): FakeSheet {
    let f = book.sheetFacades.get(sheet) as FakeSheet | undefined;
    if (!f) {
      f = new FakeSheet(book, sheet);
      book.sheetFacades.set(sheet, f);
    }
    return f;
  }

  private get s(): SheetModel {
    const { sheet } = this[INTERNAL];
    if (sheet.deleted) fail(MSG.sheetDeleted(sheet.name));
    return sheet;
  }

  private get book(): Book {
    return this[INTERNAL].book;
  }

  private self(): GSheet {
    return gas<GSheet>(this);
  }

  private range(
    r: number,
    c: number,
    nr: number,
    nc: number,
    whole?: { rows?: boolean; cols?: boolean },
  ): GRange {
    const s = this.s;
    if (r < 1) fail(MSG.startRowTooSmall);
    if (c < 1) fail(MSG.startColTooSmall);
    if (nr < 1) fail(MSG.numRowsTooSmall);
    if (nc < 1) fail(MSG.numColsTooSmall);
    if (r + nr - 1 > s.maxRows || c + nc - 1 > s.maxColumns) fail(MSG.outsideSheet);
    return gas(new FakeRange(this.book, s, r, c, nr, nc, whole));
  }

  // ---- identity ------------------------------------------------------------------------------

  getName(): string {
    return this.s.name;
  }
  getSheetName(): string {
    return this.s.name;
  }
  setName(name: string): GSheet {
    const s = this.s;
    const next = str(name);
    const other = s.book.sheetByName(next);
    if (other && other !== s) fail(MSG.duplicateSheet(next));
    s.name = next;
    s.book.formulas?.sheetsRenamed();
    return this.self();
  }
  getSheetId(): number {
    return this.s.id;
  }
  getIndex(): number {
    return this.s.book.sheets.indexOf(this.s) + 1;
  }
  getType(): GoogleAppsScript.Spreadsheet.SheetType {
    return "GRID" as unknown as GoogleAppsScript.Spreadsheet.SheetType;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return gas(FakeSpreadsheet.of(this.book));
  }
  activate(): GSheet {
    this.s.book.activeSheet = this.s;
    return this.self();
  }
  getTabColor(): string | null {
    return this.s.tabColor;
  }
  setTabColor(color: string | null): GSheet {
    this.s.tabColor = color;
    return this.self();
  }
  hideSheet(): GSheet {
    this.s.hidden = true;
    return this.self();
  }
  showSheet(): GSheet {
    this.s.hidden = false;
    return this.self();
  }
  isSheetHidden(): boolean {
    return this.s.hidden;
  }

  // ---- ranges --------------------------------------------------------------------------------

  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    if (!Array.isArray(a1Notations)) fail(MSG.rangeNotFound);
    return gas(new FakeRangeList(a1Notations.map((a1) => this.getRange(str(a1)))));
  }

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): GRange {
    if (typeof a === "string") {
      const ref = parseA1(a);
      if (!ref) fail(MSG.rangeNotFound);
      const target = ref.sheetName === undefined ? this.s : this.s.book.sheetByName(ref.sheetName);
      if (!target) fail(MSG.rangeNotFound);
      const sheet = FakeSheet.of(this.book, target);
      const r1 = ref.r1 ?? 1;
      const c1 = ref.c1 ?? 1;
      const r2 = ref.r2 ?? target.maxRows;
      const c2 = ref.c2 ?? target.maxColumns;
      return sheet.range(r1, c1, r2 - r1 + 1, c2 - c1 + 1, {
        cols: ref.c1 === undefined,
        rows: ref.r1 === undefined,
      });
    }
    const m = "SpreadsheetApp.Sheet.getRange";
    return this.range(
      integer(a, m),
      integer(column, m),
      numRows === undefined ? 1 : integer(numRows, m),
      numColumns === undefined ? 1 : integer(numColumns, m),
    );
  }
  getDataRange(): GRange {
    return this.range(1, 1, Math.max(1, this.s.lastRow()), Math.max(1, this.s.lastColumn()));
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    return this.getRange(startRow, startColumn, numRows, numColumns).getValues();
  }
  getLastRow(): number {
    return this.s.lastRow();
  }
  getLastColumn(): number {
    return this.s.lastColumn();
  }
  getMaxRows(): number {
    return this.s.maxRows;
  }
  getMaxColumns(): number {
    return this.s.maxColumns;
  }

  /** Writes after the last row with content, growing the sheet if it is full. */
  appendRow(rowContents: unknown[]): GSheet {
    const s = this.s;
    if (!Array.isArray(rowContents))
      fail(MSG.badSignature(typeof rowContents, "SpreadsheetApp.Sheet.appendRow"));
    const r = s.lastRow() + 1;
    if (r > s.maxRows) s.insertRows(s.maxRows + 1, 1);
    if (rowContents.length > s.maxColumns)
      s.insertColumns(s.maxColumns + 1, rowContents.length - s.maxColumns);
    rowContents.forEach((v, x) => {
      enterCell(s, r, x + 1, v);
    });
    this.book.env.charge(rowContents.length * this.book.env.costs.cellWriteMs);
    return this.self();
  }

  // ---- clearing ------------------------------------------------------------------------------

  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): GSheet {
    const s = this.s;
    const o = options ?? {};
    for (let r = 1; r <= s.rows.length; r++) {
      const row = s.row(r);
      if (!row) continue;
      if (!o.formatOnly) {
        row.v = [];
        row.f = undefined;
      }
      if (!o.contentsOnly) {
        row.s = undefined;
        row.dv = undefined;
      }
    }
    return this.self();
  }
  clearContents(): GSheet {
    return this.clear({ contentsOnly: true });
  }
  clearFormats(): GSheet {
    return this.clear({ formatOnly: true });
  }
  clearNotes(): GSheet {
    for (const row of this.s.rows) if (row) row.n = undefined;
    return this.self();
  }

  // ---- rows and columns ----------------------------------------------------------------------

  private checkRow(r: number): number {
    const n = integer(r, "SpreadsheetApp.Sheet");
    if (n < 1 || n > this.s.maxRows) fail(MSG.rowsOutOfBounds);
    return n;
  }
  private checkCol(c: number): number {
    const n = integer(c, "SpreadsheetApp.Sheet");
    if (n < 1 || n > this.s.maxColumns) fail(MSG.colsOutOfBounds);
    return n;
  }
  private count(n: number | undefined): number {
    const k = n === undefined ? 1 : integer(n, "SpreadsheetApp.Sheet");
    if (k < 1) fail(MSG.numRowsTooSmall);
    return k;
  }

  insertRowBefore(beforePosition: number): GSheet {
    this.s.insertRows(this.checkRow(beforePosition), 1);
    return this.self();
  }
  insertRowAfter(afterPosition: number): GSheet {
    this.s.insertRows(this.checkRow(afterPosition) + 1, 1);
    return this.self();
  }
  insertRows(rowIndex: number, numRows?: number): void {
    this.s.insertRows(this.checkRow(rowIndex), this.count(numRows));
  }
  insertRowsBefore(beforePosition: number, howMany: number): GSheet {
    this.s.insertRows(this.checkRow(beforePosition), this.count(howMany));
    return this.self();
  }
  insertRowsAfter(afterPosition: number, howMany: number): GSheet {
    this.s.insertRows(this.checkRow(afterPosition) + 1, this.count(howMany));
    return this.self();
  }
  deleteRow(rowPosition: number): GSheet {
    this.s.deleteRows(integer(rowPosition, "SpreadsheetApp.Sheet.deleteRow"), 1);
    return this.self();
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.s.deleteRows(
      integer(rowPosition, "SpreadsheetApp.Sheet.deleteRows"),
      integer(howMany, "SpreadsheetApp.Sheet.deleteRows"),
    );
  }
  insertColumnBefore(beforePosition: number): GSheet {
    this.s.insertColumns(this.checkCol(beforePosition), 1);
    return this.self();
  }
  insertColumnAfter(afterPosition: number): GSheet {
    this.s.insertColumns(this.checkCol(afterPosition) + 1, 1);
    return this.self();
  }
  insertColumns(columnIndex: number, numColumns?: number): void {
    this.s.insertColumns(this.checkCol(columnIndex), this.count(numColumns));
  }
  insertColumnsBefore(beforePosition: number, howMany: number): GSheet {
    this.s.insertColumns(this.checkCol(beforePosition), this.count(howMany));
    return this.self();
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GSheet {
    this.s.insertColumns(this.checkCol(afterPosition) + 1, this.count(howMany));
    return this.self();
  }
  deleteColumn(columnPosition: number): GSheet {
    this.s.deleteColumns(integer(columnPosition, "SpreadsheetApp.Sheet.deleteColumn"), 1);
    return this.self();
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.s.deleteColumns(
      integer(columnPosition, "SpreadsheetApp.Sheet.deleteColumns"),
      integer(howMany, "SpreadsheetApp.Sheet.deleteColumns"),
    );
  }

  getFrozenRows(): number {
    return this.s.frozenRows;
  }
  setFrozenRows(rows: number): void {
    const n = integer(rows, "SpreadsheetApp.Sheet.setFrozenRows");
    if (n < 0 || n >= this.s.maxRows) fail(MSG.rowsOutOfBounds);
    this.s.frozenRows = n;
  }
  getFrozenColumns(): number {
    return this.s.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    const n = integer(columns, "SpreadsheetApp.Sheet.setFrozenColumns");
    if (n < 0 || n >= this.s.maxColumns) fail(MSG.colsOutOfBounds);
    this.s.frozenColumns = n;
  }

  hideRows(rowIndex: number, numRows?: number): void {
    this.setRowsHidden(rowIndex, this.count(numRows), true);
  }
  showRows(rowIndex: number, numRows?: number): void {
    this.setRowsHidden(rowIndex, this.count(numRows), false);
  }
  hideRow(row: GRange): void {
    this.setRowsHidden(row.getRow(), row.getNumRows(), true);
  }
  unhideRow(row: GRange): void {
    this.setRowsHidden(row.getRow(), row.getNumRows(), false);
  }
  private setRowsHidden(first: number, n: number, hidden: boolean): void {
    const s = this.s;
    this.checkRow(first);
    if (first + n - 1 > s.maxRows) fail(MSG.rowsOutOfBounds);
    for (let r = first; r < first + n; r++) {
      if (hidden) s.rowForWrite(r).hiddenByUser = true;
      else {
        const row = s.row(r);
        if (row) row.hiddenByUser = false;
      }
    }
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.s.row(this.checkRow(rowPosition))?.hiddenByUser ?? false;
  }
  isRowHiddenByFilter(rowPosition: number): boolean {
    return this.s.row(this.checkRow(rowPosition))?.hiddenByFilter ?? false;
  }
  hideColumns(columnIndex: number, numColumns?: number): void {
    this.setColsHidden(columnIndex, this.count(numColumns), true);
  }
  showColumns(columnIndex: number, numColumns?: number): void {
    this.setColsHidden(columnIndex, this.count(numColumns), false);
  }
  hideColumn(column: GRange): void {
    this.setColsHidden(column.getColumn(), column.getNumColumns(), true);
  }
  unhideColumn(column: GRange): void {
    this.setColsHidden(column.getColumn(), column.getNumColumns(), false);
  }
  private setColsHidden(first: number, n: number, hidden: boolean): void {
    this.checkCol(first);
    if (first + n - 1 > this.s.maxColumns) fail(MSG.colsOutOfBounds);
    for (let c = first; c < first + n; c++) this.s.colHidden[c - 1] = hidden || undefined;
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.s.colHidden[this.checkCol(columnPosition) - 1] ?? false;
  }

  getColumnWidth(columnPosition: number): number {
    return this.s.colWidths[this.checkCol(columnPosition) - 1] ?? DEFAULT_COLUMN_WIDTH;
  }
  setColumnWidth(columnPosition: number, width: number): GSheet {
    this.s.colWidths[this.checkCol(columnPosition) - 1] = integer(
      width,
      "SpreadsheetApp.Sheet.setColumnWidth",
    );
    return this.self();
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.setColumnWidth(c, width);
    return this.self();
  }
  /** [approximate] about 7 px per character of the longest displayed value, plus padding. */
  autoResizeColumns(startColumn: number, numColumns: number): GSheet {
    const s = this.s;
    const last = s.lastRow();
    for (let c = this.checkCol(startColumn); c < startColumn + numColumns; c++) {
      let longest = 0;
      for (let r = 1; r <= last; r++) longest = Math.max(longest, displayCell(this.book.env, s, r, c).length);
      s.colWidths[c - 1] = Math.max(21, Math.ceil(longest * 7 + 10));
    }
    return this.self();
  }
  autoResizeColumn(columnPosition: number): GSheet {
    return this.autoResizeColumns(columnPosition, 1);
  }
  getRowHeight(rowPosition: number): number {
    return this.s.row(this.checkRow(rowPosition))?.height ?? DEFAULT_ROW_HEIGHT;
  }
  setRowHeight(rowPosition: number, height: number): GSheet {
    this.s.rowForWrite(this.checkRow(rowPosition)).height = integer(
      height,
      "SpreadsheetApp.Sheet.setRowHeight",
    );
    return this.self();
  }
  setRowHeights(startRow: number, numRows: number, height: number): GSheet {
    for (let r = startRow; r < startRow + numRows; r++) this.setRowHeight(r, height);
    return this.self();
  }

  /** Sorts every row below the frozen ones by one column, moving whole rows (values and formats). */
  sort(columnPosition: number, ascending?: boolean): GSheet {
    const s = this.s;
    const col = this.checkCol(columnPosition);
    const first = s.frozenRows + 1;
    const last = s.lastRow();
    if (last < first) return this.self();
    const keys = Array.from({ length: last - first + 1 }, (_, y) =>
      cellScalar(this.book.env, s, first + y, col),
    );
    const order = keys.map((_, y) => y);
    order.sort((a, b) => compareForSort(keys[a], keys[b], ascending !== false) || a - b);
    s.permuteRows(first, 1, s.maxColumns, order);
    return this.self();
  }

  // ---- rules, filter, protection, charts, named ranges ---------------------------------------

  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return this.s.cfRules.map((spec) => gas(new FakeConditionalFormatRule(this.book, this.s, spec)));
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    const s = this.s;
    for (const old of s.cfRules) for (const a of old.anchors) s.untrack(a);
    s.cfRules = rules.map((rule) => FakeConditionalFormatRule.specFor(rule, s));
  }
  clearConditionalFormatRules(): void {
    this.setConditionalFormatRules([]);
  }
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return this.s.filter ? gas(new FakeFilter(this.book, this.s)) : null;
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const s = this.s;
    return gas(FakeProtection.create(this.book, s, "SHEET", new Anchor(1, 1, s.maxRows, s.maxColumns)));
  }
  getProtections(
    type: GoogleAppsScript.Spreadsheet.ProtectionType,
  ): GoogleAppsScript.Spreadsheet.Protection[] {
    const kind = String(type);
    return this.s.protections
      .filter((p) => !p.removed && p.kind === kind)
      .map((p) => gas(new FakeProtection(this.book, this.s, p)));
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return gas(new FakeEmbeddedChartBuilder(this.book, this.s));
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const spec = FakeEmbeddedChart.specOf(chart);
    // Each range follows row and column inserts of its own sheet.
    spec.anchors.forEach((a, i) => {
      (spec.sources[i] ?? this.s).track(a);
    });
    this.s.charts.push(spec);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const spec = FakeEmbeddedChart.specOf(chart);
    const i = this.s.charts.findIndex((c) => c.id === spec.id);
    if (i >= 0) this.s.charts[i] = spec;
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const id = FakeEmbeddedChart.specOf(chart).id;
    this.s.charts = this.s.charts.filter((c) => c.id !== id);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return this.s.charts.map((spec) => gas(new FakeEmbeddedChart(this.book, this.s, spec)));
  }
  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return [...this.s.book.namedRanges.values()]
      .filter((nr) => nr.sheet === this.s)
      .map((nr) => gas(new FakeNamedRange(this.book, nr)));
  }
}

export type _FakeSheetCheck = NoExtraMembers<ExtraMembers<FakeSheet, GSheet>>;
