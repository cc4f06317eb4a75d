/**
 * SpreadsheetApp.create and the spreadsheets it makes: each is a Book of its own (same env, so
 * the same clock, costs and quotas), reachable by openById / openByUrl in later executions, as a
 * file the user owns is in Google. Not bound to the script: it has no properties, no triggers and
 * no script of its own. Tests reach them with `createdSpreadsheets(runtime.spreadsheet)`.
 */
import type { RuntimeEnv } from "../env";
import { fail } from "../errors";
import { gas, INTERNAL, integer, str } from "../facade";
import type { Book } from "./book";
import { SpreadsheetModel } from "./model";
import { FakeSpreadsheet } from "./spreadsheet";

const byEnv = new WeakMap<RuntimeEnv, Map<string, Book>>();

function registry(env: RuntimeEnv): Map<string, Book> {
  let m = byEnv.get(env);
  if (!m) {
    m = new Map();
    byEnv.set(env, m);
  }
  return m;
}

function newId(taken: (id: string) => boolean): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  for (;;) {
    let s = "1";
    for (let i = 1; i < 44; i++) s += alphabet[Math.floor(Math.random() * 64)];
    if (!taken(s)) return s;
  }
}

/**
 * SpreadsheetApp.create(name, rows?, columns?): one sheet named in the spreadsheet's locale
 * ("Лист1" / "Sheet1"), 1000 × 26 by default [doc: the default grid of a new spreadsheet]. The
 * new file takes the script user's locale and time zone [assumed].
 */
export function createSpreadsheet(
  home: Book,
  name: unknown,
  rows?: unknown,
  columns?: unknown,
): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const title = str(name);
  if (title === "") fail("Invalid argument: name"); // [assumed]
  const r = rows === undefined ? 1000 : integer(rows, "SpreadsheetApp.create");
  const c = columns === undefined ? 26 : integer(columns, "SpreadsheetApp.create");
  if (r < 1 || c < 1) fail("Invalid argument: rows/columns"); // [assumed]
  const reg = registry(home.env);
  const id = newId((x) => x === home.model.id || reg.has(x));
  const hm = home.model;
  const model = new SpreadsheetModel(id, title, hm.locale, home.env.scriptTimeZone, hm.cellLimit);
  model.activeSheet = model.addSheet(hm.locale === "ru_RU" ? "Лист1" : "Sheet1", 0, r, c);
  const book: Book = { env: home.env, model, sheetFacades: new WeakMap() };
  reg.set(id, book);
  return gas(FakeSpreadsheet.of(book));
}

/** A spreadsheet made by create(), by id; undefined when there is none. */
export function createdById(home: Book, id: string): GoogleAppsScript.Spreadsheet.Spreadsheet | undefined {
  const book = registry(home.env).get(id);
  return book ? gas(FakeSpreadsheet.of(book)) : undefined;
}

/** Every spreadsheet the script created, for assertions (host objects, no auth or time checks). */
export function createdSpreadsheets(
  runtimeSpreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Spreadsheet[] {
  const home = (runtimeSpreadsheet as unknown as FakeSpreadsheet)[INTERNAL];
  return [...registry(home.env).values()].map((b) => gas(FakeSpreadsheet.of(b)));
}
