/**
 * The advanced Sheets service (manifest userSymbol "Sheets", v4) over the same workbook:
 * Spreadsheets.Values.get/batchGet/update/batchUpdate/append/clear/batchClear and a few
 * Spreadsheets.batchUpdate requests. REST semantics that differ from SpreadsheetApp are kept:
 *  - valueInputOption is required [seen: "'valueInputOption' is required but not specified"];
 *    RAW stores strings as text even when they start with "=" [doc], USER_ENTERED parses as typing;
 *  - null in `values` leaves the cell unchanged, "" clears it [doc, ValueRange];
 *  - a write to a single cell or an open range grows the grid as needed; a write past an explicit
 *    range fails with "Requested writing within range [..], but tried writing to row [N]" [seen];
 *  - reads default to FORMATTED_VALUE (strings!), omit trailing empty rows and cells, and omit
 *    `values` altogether for an empty range [doc];
 *  - errors are GoogleJsonResponseException: "API call to sheets.spreadsheets.values.get failed
 *    with error: Unable to parse range: X" [seen];
 *  - every call counts (quota.sheetsApiCalls) and 60 reads and 60 writes per minute per user [V-src
 *    scale.md] are enforced on the runtime's clock.
 * Not imitated: atomicity of Spreadsheets.batchUpdate (requests before a failing one stay applied).
 */
import type { RuntimeEnv } from "../env";
import { GasException, MSG } from "../errors";
import { type ExtraMembers, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import { columnLetters, formatA1, parseCells, quoteSheetName, splitSheet } from "../spreadsheet/a1";
import type { Book } from "../spreadsheet/book";
import { cellScalar, displayCell, enterCell, enterRaw } from "../spreadsheet/cells";
import type { SheetModel } from "../spreadsheet/model";
import { isDateFormat } from "../spreadsheet/number-format";

type GValues = GoogleAppsScript.Sheets.Collection.Spreadsheets.ValuesCollection;
type GSpreadsheets = GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection;
type GSheets = GoogleAppsScript.Sheets;

const SERVICE = meta("sheets-api", "Sheets");
const SPREADSHEETS = meta("sheets-api", "Sheets.Spreadsheets");
const VALUES = meta("sheets-api", "Sheets.Spreadsheets.Values");

interface Target {
  sheet: SheetModel;
  r1: number;
  c1: number;
  /** Undefined when the range is open in that direction. */
  r2: number | undefined;
  c2: number | undefined;
  /** One cell: a read reads it; a write starts there and extends as far as the data goes. */
  single: boolean;
  /** As the request wrote it, with the sheet name Google's way (for messages). */
  text: string;
}

class ApiError extends GasException {
  constructor(method: string, detail: string) {
    super(MSG.api(method, detail), "GoogleJsonResponseException");
  }
}

interface ApiDeps {
  env: RuntimeEnv;
  book: Book;
}

/** Rolling one-minute windows of read and write requests. */
class RateLimiter {
  private readonly calls = { Read: [] as number[], Write: [] as number[] };
  constructor(private readonly env: RuntimeEnv) {}
  take(kind: "Read" | "Write", method: string): void {
    const now = this.env.clock.now();
    const list = this.calls[kind].filter((t) => now - t < 60_000);
    if (list.length >= this.env.limits.sheetsApiPerMinute) throw new ApiError(method, MSG.apiRateLimit(kind));
    list.push(now);
    this.calls[kind] = list;
  }
}

/** Shared by the three collections. */
class Api {
  readonly limiter: RateLimiter;
  constructor(readonly deps: ApiDeps) {
    this.limiter = new RateLimiter(deps.env);
  }

  begin(method: string, id: unknown, kind: "Read" | "Write"): void {
    const { env, book } = this.deps;
    env.quota.sheetsApiCalls++;
    env.charge(env.costs.apiRequestMs);
    this.limiter.take(kind, method);
    if (str(id) !== book.model.id) throw new ApiError(method, MSG.apiNotFound);
  }

  target(method: string, range: unknown): Target {
    const text = str(range);
    const split = splitSheet(text);
    const fail = (): never => {
      throw new ApiError(method, MSG.apiUnparsableRange(text));
    };
    if (!split) return fail();
    const model = this.deps.book.model;
    // A bare name may be a named range or a sheet; no sheet at all means the first sheet.
    if (split.sheetName === undefined) {
      const named = model.namedRanges.get(split.rest);
      if (named) {
        const a = named.anchor;
        return { sheet: named.sheet, r1: a.r1, c1: a.c1, r2: a.r2, c2: a.c2, single: false, text };
      }
      const whole = model.sheetByName(split.rest);
      if (whole) {
        return {
          sheet: whole,
          r1: 1,
          c1: 1,
          r2: undefined,
          c2: undefined,
          single: false,
          text: quoteSheetName(whole.name),
        };
      }
    }
    const sheet = split.sheetName === undefined ? model.sheets[0]! : model.sheetByName(split.sheetName);
    if (!sheet) return fail();
    const cells = parseCells(split.rest);
    if (!cells) return fail();
    return {
      sheet,
      r1: cells.r1 ?? 1,
      c1: cells.c1 ?? 1,
      r2: cells.r2,
      c2: cells.c2,
      single: cells.r1 !== undefined && cells.r1 === cells.r2 && cells.c1 === cells.c2,
      text: `${quoteSheetName(sheet.name)}!${split.rest}`,
    };
  }

  a1(sheet: SheetModel, r1: number, c1: number, r2: number, c2: number): string {
    return `${quoteSheetName(sheet.name)}!${formatA1(r1, c1, r2, c2)}`;
  }

  read(
    method: string,
    range: unknown,
    opts: Record<string, unknown>,
  ): GoogleAppsScript.Sheets.Schema.ValueRange {
    const t = this.target(method, range);
    const { sheet } = t;
    const r2 = t.r2 ?? sheet.maxRows;
    const c2 = t.c2 ?? sheet.maxColumns;
    if (r2 > sheet.maxRows || c2 > sheet.maxColumns) {
      // [assumed] Google's wording for reads past the grid.
      throw new ApiError(
        method,
        `Range (${this.a1(sheet, t.r1, t.c1, r2, c2)}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
      );
    }
    const render = str(opts["valueRenderOption"] || "FORMATTED_VALUE");
    const dates = str(opts["dateTimeRenderOption"] || "SERIAL_NUMBER");
    const env = this.deps.env;
    const rows: unknown[][] = [];
    for (let r = t.r1; r <= r2; r++) {
      const row: unknown[] = [];
      for (let c = t.c1; c <= c2; c++) {
        const formula = sheet.formula(r, c);
        if (render === "FORMULA" && formula !== undefined) {
          row.push(formula);
          continue;
        }
        const v = cellScalar(env, sheet, r, c);
        if (v === undefined) row.push("");
        else if (render === "FORMATTED_VALUE") row.push(displayCell(env, sheet, r, c));
        else if (
          typeof v === "number" &&
          isDateFormat(sheet.style(r, c)?.numberFormat) &&
          dates === "FORMATTED_STRING"
        ) {
          row.push(displayCell(env, sheet, r, c));
        } else row.push(v);
      }
      while (row.length && row[row.length - 1] === "") row.pop();
      rows.push(row);
    }
    while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
    env.charge((r2 - t.r1 + 1) * (c2 - t.c1 + 1) * env.costs.apiCellReadMs);
    const major = str(opts["majorDimension"] || "ROWS");
    const out: GoogleAppsScript.Sheets.Schema.ValueRange = {
      range: this.a1(sheet, t.r1, t.c1, r2, c2),
      majorDimension: major,
    };
    if (rows.length) out.values = major === "COLUMNS" ? transpose(rows) : rows;
    return out;
  }

  write(
    method: string,
    vr: GoogleAppsScript.Sheets.Schema.ValueRange,
    range: unknown,
    option: unknown,
  ): GoogleAppsScript.Sheets.Schema.UpdateValuesResponse {
    if (option === undefined || option === null || option === "")
      throw new ApiError(method, MSG.apiNoInputOption);
    const opt = str(option);
    if (opt !== "RAW" && opt !== "USER_ENTERED") {
      throw new ApiError(method, `Invalid value at 'value_input_option' (${opt})`); // [assumed]
    }
    const t = this.target(method, range ?? vr.range);
    const values = vr.majorDimension === "COLUMNS" ? transpose(vr.values ?? []) : (vr.values ?? []);
    const { sheet } = t;
    const width = values.reduce((n, row) => Math.max(n, row.length), 0);
    const lastRow = t.r1 + values.length - 1;
    const lastCol = t.c1 + width - 1;
    const r2 = t.single ? undefined : t.r2;
    const c2 = t.single ? undefined : t.c2;
    if (r2 !== undefined && lastRow > r2)
      throw new ApiError(method, MSG.apiWriteOutside(t.text, "row", String(r2 + 1)));
    if (c2 !== undefined && lastCol > c2) {
      throw new ApiError(method, MSG.apiWriteOutside(t.text, "column", columnLetters(c2 + 1)));
    }
    try {
      if (lastRow > sheet.maxRows) sheet.insertRows(sheet.maxRows + 1, lastRow - sheet.maxRows);
      if (lastCol > sheet.maxColumns) sheet.insertColumns(sheet.maxColumns + 1, lastCol - sheet.maxColumns);
    } catch (e) {
      throw new ApiError(method, (e as Error).message);
    }
    const enter = opt === "RAW" ? enterRaw : enterCell;
    let cells = 0;
    values.forEach((row, y) => {
      row.forEach((v, x) => {
        if (v === null || v === undefined) return;
        try {
          enter(sheet, t.r1 + y, t.c1 + x, v);
        } catch (e) {
          throw new ApiError(method, (e as Error).message);
        }
        cells++;
      });
    });
    const env = this.deps.env;
    env.charge(cells * env.costs.apiCellWriteMs);
    const out: GoogleAppsScript.Sheets.Schema.UpdateValuesResponse = {
      spreadsheetId: this.deps.book.model.id,
    };
    if (values.length && width) {
      out.updatedRange = this.a1(sheet, t.r1, t.c1, lastRow, lastCol);
      out.updatedRows = values.filter((row) => row.some((v) => v !== null && v !== undefined)).length;
      out.updatedColumns = width;
      out.updatedCells = cells;
    }
    return out;
  }

  clear(method: string, range: unknown): string {
    const t = this.target(method, range);
    const r2 = Math.min(t.r2 ?? t.sheet.maxRows, t.sheet.maxRows);
    const c2 = Math.min(t.c2 ?? t.sheet.maxColumns, t.sheet.maxColumns);
    for (let r = t.r1; r <= r2; r++)
      for (let c = t.c1; c <= c2; c++) t.sheet.setContent(r, c, undefined, undefined);
    return this.a1(t.sheet, t.r1, t.c1, r2, c2);
  }
}

function transpose(rows: unknown[][]): unknown[][] {
  const width = rows.reduce((n, r) => Math.max(n, r.length), 0);
  return Array.from({ length: width }, (_, x) => {
    const col = rows.map((r) => (x < r.length ? r[x] : ""));
    while (col.length && col[col.length - 1] === "") col.pop();
    return col;
  });
}

export class FakeValuesCollection
  implements Pick<GValues, "append" | "batchClear" | "batchGet" | "batchUpdate" | "clear" | "get" | "update">
{
  readonly [FAKE] = VALUES;
  constructor(private readonly api: Api) {}

  get(
    spreadsheetId: string,
    range: string,
    optionalArgs?: object,
  ): GoogleAppsScript.Sheets.Schema.ValueRange {
    const m = "values.get";
    this.api.begin(m, spreadsheetId, "Read");
    return this.api.read(m, range, (optionalArgs ?? {}) as Record<string, unknown>);
  }
  batchGet(
    spreadsheetId: string,
    optionalArgs?: object,
  ): GoogleAppsScript.Sheets.Schema.BatchGetValuesResponse {
    const m = "values.batchGet";
    this.api.begin(m, spreadsheetId, "Read");
    const opts = (optionalArgs ?? {}) as Record<string, unknown>;
    const ranges =
      opts["ranges"] === undefined ? [] : Array.isArray(opts["ranges"]) ? opts["ranges"] : [opts["ranges"]];
    return { spreadsheetId: str(spreadsheetId), valueRanges: ranges.map((r) => this.api.read(m, r, opts)) };
  }
  update(
    resource: GoogleAppsScript.Sheets.Schema.ValueRange,
    spreadsheetId: string,
    range: string,
    optionalArgs?: object,
  ): GoogleAppsScript.Sheets.Schema.UpdateValuesResponse {
    const m = "values.update";
    this.api.begin(m, spreadsheetId, "Write");
    return this.api.write(
      m,
      resource,
      range,
      (optionalArgs as Record<string, unknown> | undefined)?.["valueInputOption"],
    );
  }
  batchUpdate(
    resource: GoogleAppsScript.Sheets.Schema.BatchUpdateValuesRequest,
    spreadsheetId: string,
  ): GoogleAppsScript.Sheets.Schema.BatchUpdateValuesResponse {
    const m = "values.batchUpdate";
    this.api.begin(m, spreadsheetId, "Write");
    const option = resource?.valueInputOption;
    if (!option) throw new ApiError(m, MSG.apiNoInputOption);
    const responses = (resource.data ?? []).map((vr) => this.api.write(m, vr, vr.range, option));
    const sheets = new Set(
      responses.map((r) => r.updatedRange?.split("!")[0]).filter((x) => x !== undefined),
    );
    return {
      spreadsheetId: str(spreadsheetId),
      totalUpdatedRows: sum(responses, "updatedRows"),
      totalUpdatedColumns: sum(responses, "updatedColumns"),
      totalUpdatedCells: sum(responses, "updatedCells"),
      totalUpdatedSheets: sheets.size,
      responses,
    };
  }
  /** Appends after the last row with content in the range's columns ("the table"). */
  append(
    resource: GoogleAppsScript.Sheets.Schema.ValueRange,
    spreadsheetId: string,
    range: string,
    optionalArgs?: object,
  ): GoogleAppsScript.Sheets.Schema.AppendValuesResponse {
    const m = "values.append";
    this.api.begin(m, spreadsheetId, "Write");
    const opts = (optionalArgs ?? {}) as Record<string, unknown>;
    const t = this.api.target(m, range);
    const width = (resource.values ?? []).reduce((n, row) => Math.max(n, row.length), 0);
    const c2 = t.c2 ?? t.c1 + Math.max(width, 1) - 1;
    let last = t.r1 - 1;
    for (let r = t.sheet.rows.length; r >= t.r1; r--) {
      let any = false;
      for (let c = t.c1; c <= c2; c++) if (t.sheet.hasContent(r, c)) any = true;
      if (any) {
        last = r;
        break;
      }
    }
    const start = last + 1;
    if (opts["insertDataOption"] === "INSERT_ROWS" && start <= t.sheet.maxRows) {
      t.sheet.insertRows(start, (resource.values ?? []).length);
    }
    const startA1 = `${quoteSheetName(t.sheet.name)}!${columnLetters(t.c1)}${start}`;
    const updates = this.api.write(m, resource, startA1, opts["valueInputOption"]);
    return {
      spreadsheetId: str(spreadsheetId),
      tableRange: last >= t.r1 ? this.api.a1(t.sheet, t.r1, t.c1, last, c2) : undefined,
      updates,
    } as GoogleAppsScript.Sheets.Schema.AppendValuesResponse;
  }
  clear(
    resource: unknown,
    spreadsheetId: string,
    range: string,
  ): GoogleAppsScript.Sheets.Schema.ClearValuesResponse {
    void resource;
    const m = "values.clear";
    this.api.begin(m, spreadsheetId, "Write");
    return { spreadsheetId: str(spreadsheetId), clearedRange: this.api.clear(m, range) };
  }
  batchClear(
    resource: GoogleAppsScript.Sheets.Schema.BatchClearValuesRequest,
    spreadsheetId: string,
  ): GoogleAppsScript.Sheets.Schema.BatchClearValuesResponse {
    const m = "values.batchClear";
    this.api.begin(m, spreadsheetId, "Write");
    return {
      spreadsheetId: str(spreadsheetId),
      clearedRanges: (resource.ranges ?? []).map((r) => this.api.clear(m, r)),
    };
  }
}

function sum(
  rs: GoogleAppsScript.Sheets.Schema.UpdateValuesResponse[],
  k: "updatedRows" | "updatedColumns" | "updatedCells",
): number {
  return rs.reduce((n, r) => n + (r[k] ?? 0), 0);
}

export class FakeSpreadsheetsCollection implements Pick<GSpreadsheets, "Values" | "batchUpdate" | "get"> {
  readonly [FAKE] = SPREADSHEETS;
  readonly Values: GValues;
  constructor(private readonly api: Api) {
    this.Values = new FakeValuesCollection(api) as unknown as GValues;
  }

  get(spreadsheetId: string, optionalArgs?: object): GoogleAppsScript.Sheets.Schema.Spreadsheet {
    void optionalArgs;
    this.api.begin("get", spreadsheetId, "Read");
    const model = this.api.deps.book.model;
    return {
      spreadsheetId: model.id,
      spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${model.id}/edit`,
      properties: { title: model.name, locale: model.locale, timeZone: model.timeZone },
      sheets: model.sheets.map((s, index) => ({ properties: sheetProperties(s, index) })),
      namedRanges: [...model.namedRanges.values()].map((nr) => ({
        name: nr.name,
        range: {
          sheetId: nr.sheet.id,
          startRowIndex: nr.anchor.r1 - 1,
          endRowIndex: nr.anchor.r2,
          startColumnIndex: nr.anchor.c1 - 1,
          endColumnIndex: nr.anchor.c2,
        },
      })),
    };
  }

  /** addSheet, deleteSheet, updateSheetProperties, appendDimension, insertDimension, deleteDimension. */
  batchUpdate(
    resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest,
    spreadsheetId: string,
  ): GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse {
    const m = "batchUpdate";
    this.api.begin(m, spreadsheetId, "Write");
    const model = this.api.deps.book.model;
    const replies = (resource.requests ?? []).map((req, i) => {
      const [kind, body] = Object.entries(req as Record<string, Record<string, unknown>>)[0] ?? [
        "(empty)",
        {},
      ];
      const invalid = (detail: string): never => {
        throw new ApiError(m, `Invalid requests[${i}].${kind}: ${detail}`);
      };
      const sheetById = (id: unknown) =>
        model.sheets.find((s) => s.id === Number(id ?? 0)) ?? invalid(`No grid with id: ${id}`);
      try {
        switch (kind) {
          case "addSheet": {
            const p = (body["properties"] ?? {}) as GoogleAppsScript.Sheets.Schema.SheetProperties;
            const title = p.title ?? `Sheet${model.sheets.length + 1}`;
            const s = model.addSheet(
              title,
              p.index ?? model.sheets.length,
              p.gridProperties?.rowCount ?? 1000,
              p.gridProperties?.columnCount ?? 26,
            );
            return { addSheet: { properties: sheetProperties(s, model.sheets.indexOf(s)) } };
          }
          case "deleteSheet":
            model.removeSheet(sheetById(body["sheetId"]));
            return {};
          case "updateSheetProperties": {
            const p = (body["properties"] ?? {}) as GoogleAppsScript.Sheets.Schema.SheetProperties;
            const s = sheetById(p.sheetId);
            if (p.title !== undefined) {
              const other = model.sheetByName(p.title);
              if (other && other !== s) invalid(MSG.duplicateSheet(p.title));
              s.name = p.title;
              model.formulas?.sheetsRenamed();
            }
            const g = p.gridProperties;
            if (g?.rowCount !== undefined && g.rowCount > s.maxRows)
              s.insertRows(s.maxRows + 1, g.rowCount - s.maxRows);
            if (g?.rowCount !== undefined && g.rowCount < s.maxRows)
              s.deleteRows(g.rowCount + 1, s.maxRows - g.rowCount);
            if (g?.columnCount !== undefined && g.columnCount > s.maxColumns) {
              s.insertColumns(s.maxColumns + 1, g.columnCount - s.maxColumns);
            }
            if (g?.columnCount !== undefined && g.columnCount < s.maxColumns) {
              s.deleteColumns(g.columnCount + 1, s.maxColumns - g.columnCount);
            }
            if (g?.frozenRowCount !== undefined) s.frozenRows = g.frozenRowCount;
            if (g?.frozenColumnCount !== undefined) s.frozenColumns = g.frozenColumnCount;
            return {};
          }
          case "appendDimension": {
            const s = sheetById(body["sheetId"]);
            const n = Number(body["length"] ?? 0);
            if (body["dimension"] === "COLUMNS") s.insertColumns(s.maxColumns + 1, n);
            else s.insertRows(s.maxRows + 1, n);
            return {};
          }
          case "insertDimension":
          case "deleteDimension": {
            const r = (body["range"] ?? {}) as GoogleAppsScript.Sheets.Schema.DimensionRange;
            const s = sheetById(r.sheetId);
            const start = (r.startIndex ?? 0) + 1;
            const n = (r.endIndex ?? 0) - (r.startIndex ?? 0);
            const cols = r.dimension === "COLUMNS";
            if (kind === "insertDimension") {
              if (cols) s.insertColumns(start, n);
              else s.insertRows(start, n);
            } else if (cols) s.deleteColumns(start, n);
            else s.deleteRows(start, n);
            return {};
          }
          default:
            return invalid(`local/gas-runtime does not implement this request type`);
        }
      } catch (e) {
        if (e instanceof ApiError) throw e;
        return invalid((e as Error).message);
      }
    });
    return { spreadsheetId: model.id, replies };
  }
}

function sheetProperties(s: SheetModel, index: number): GoogleAppsScript.Sheets.Schema.SheetProperties {
  const grid: GoogleAppsScript.Sheets.Schema.GridProperties = {
    rowCount: s.maxRows,
    columnCount: s.maxColumns,
  };
  if (s.frozenRows) grid.frozenRowCount = s.frozenRows;
  if (s.frozenColumns) grid.frozenColumnCount = s.frozenColumns;
  const p: GoogleAppsScript.Sheets.Schema.SheetProperties = {
    sheetId: s.id,
    title: s.name,
    index,
    sheetType: "GRID",
    gridProperties: grid,
  };
  if (s.hidden) p.hidden = true;
  return p;
}

export class FakeSheetsService
  implements
    Pick<
      GSheets,
      | "Spreadsheets"
      | "newBatchClearValuesRequest"
      | "newBatchUpdateSpreadsheetRequest"
      | "newBatchUpdateValuesRequest"
      | "newClearValuesRequest"
      | "newRequest"
      | "newValueRange"
    >
{
  readonly [FAKE] = SERVICE;
  readonly Spreadsheets: GSpreadsheets;
  constructor(deps: ApiDeps) {
    this.Spreadsheets = new FakeSpreadsheetsCollection(new Api(deps)) as unknown as GSpreadsheets;
  }
  newValueRange(): GoogleAppsScript.Sheets.Schema.ValueRange {
    return {};
  }
  newBatchUpdateValuesRequest(): GoogleAppsScript.Sheets.Schema.BatchUpdateValuesRequest {
    return {};
  }
  newBatchUpdateSpreadsheetRequest(): GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest {
    return {};
  }
  newBatchClearValuesRequest(): GoogleAppsScript.Sheets.Schema.BatchClearValuesRequest {
    return {};
  }
  newClearValuesRequest(): object {
    return {};
  }
  newRequest(): GoogleAppsScript.Sheets.Schema.Request {
    return {};
  }
}

export type _FakeValuesCheck = NoExtraMembers<ExtraMembers<FakeValuesCollection, GValues>>;
export type _FakeSpreadsheetsCheck = NoExtraMembers<ExtraMembers<FakeSpreadsheetsCollection, GSpreadsheets>>;
export type _FakeSheetsServiceCheck = NoExtraMembers<ExtraMembers<FakeSheetsService, GSheets>>;
