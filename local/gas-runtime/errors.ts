/**
 * Every error text the runtime imitates, in one place, each tagged with where it comes from:
 *   [doc]     Google's documentation, or the text fixed by the project brief from it;
 *   [seen]    quoted verbatim from real Apps Script failures in public code and issue threads
 *             (several independent sources agree), but not in a Google page we could read;
 *   [assumed] our guess: the behaviour is documented or likely, the exact words are not known.
 * Tests may assert on [doc] and [seen] texts; an [assumed] text may change when a real one is found.
 */

/**
 * What Apps Script throws from a service: `name` is "Exception", so `String(e)` reads
 * "Exception: <message>" as in the Apps Script log. The vm guard re-creates it in the script's realm.
 */
export class GasException extends Error {
  constructor(message: string, name = "Exception") {
    super(message);
    this.name = name;
  }
}

/** Throws a GasException; typed `never` so callers can use it in expressions. */
export function fail(message: string, name?: string): never {
  throw new GasException(message, name);
}

export const MSG = {
  // ---- Range / Sheet -------------------------------------------------------------------------
  /** [doc] brief, from Google's setValues failure. */
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  /** [doc] brief: same wording for columns. */
  colsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  /** [doc] brief. */
  outsideSheet: "The coordinates of the range are outside the dimensions of the sheet.",
  /** [seen] getRange(0, …). */
  startRowTooSmall: "The starting row of the range is too small.",
  /** [seen] getRange(…, 0). */
  startColTooSmall: "The starting column of the range is too small.",
  /** [seen] getRange(r, c, 0). */
  numRowsTooSmall: "The number of rows in the range must be at least 1.",
  /** [assumed from memory] Range.getCell outside the range. */
  cellOutOfRange: "Cell reference out of range",
  /** [seen] getRange(r, c, n, 0). */
  numColsTooSmall: "The number of columns in the range must be at least 1.",
  /** [seen] deleteRows/insertRowsAfter past the sheet. */
  rowsOutOfBounds: "Those rows are out of bounds.",
  /** [seen] deleteColumns past the sheet. */
  colsOutOfBounds: "Those columns are out of bounds.",
  /** [seen] deleting every non-frozen row. */
  deleteAllRows: "Sorry, it is not possible to delete all non-frozen rows.",
  /** [assumed] deleting every non-frozen column (by analogy with rows). */
  deleteAllCols: "Sorry, it is not possible to delete all non-frozen columns.",
  /** [seen] A1 text that names no range. */
  rangeNotFound: "Range not found",
  /** [seen] a cell over 50,000 characters (limit: scale.md §2.1 [V-src]). */
  cellTooLong: "Your input contains more than the maximum of 50000 characters in a single cell.",
  /** [seen] the 10,000,000-cell limit (Google's "Invalid requests[i].addSheet: " prefix appears only in the REST API). */
  cellLimit:
    "This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
  /** [doc] brief. */
  duplicateSheet: (name: string) =>
    `A sheet with the name "${name}" already exists. Please enter another name.`,
  /** [seen] deleting the only sheet. */
  deleteLastSheet: "You can't remove all the sheets in a document.",
  /** [assumed] a Sheet object used after its sheet was deleted. */
  sheetDeleted: (name: string) => `The sheet ${name} has been deleted.`,
  /** [assumed] named-range names: letters, digits, underscores; not a cell reference. */
  badNamedRangeName: (name: string) => `Invalid named range name: ${name}`,
  /** [assumed] wrong argument shapes (Google: "The parameters (X) don't match the method signature for Y."). */
  badSignature: (got: string, method: string) =>
    `The parameters (${got}) don't match the method signature for ${method}.`,
  /** [assumed] range.sort with a column outside the range. */
  sortColumnOutside: "The sort column must be within the range.",
  /** [assumed] creating a second filter on a sheet (Sheets allows one basic filter per sheet). */
  filterExists: "You can't create a filter in a sheet that already has a filter.",
  /** [seen] openById with an id other than the one spreadsheet this runtime holds. */
  openById: "Unexpected error while getting the method or property openById on object SpreadsheetApp.",

  // ---- Properties / Cache -------------------------------------------------------------------
  /** [doc] brief, [seen]: a property value over 9 KB; also CacheService over 100 KB. */
  argumentTooLargeValue: "Argument too large: value",
  /** [assumed] cache keys over 250 characters. */
  argumentTooLargeKey: "Argument too large: key",
  /** [seen] a property store over 500 KB. */
  propertyQuota: "You have exceeded the property storage quota. Please remove some properties and try again.",
  /** [seen] the daily read/write quota (properties) or recipients quota (email), per service. */
  tooManyTimes: (service: string) => `Service invoked too many times for one day: ${service}.`,

  // ---- Lock -----------------------------------------------------------------------------------
  /** [seen] waitLock giving up. */
  lockTimeout: "Lock timeout: another process was holding the lock for too long.",

  // ---- Execution ------------------------------------------------------------------------------
  /** [doc] quotas page / custom-functions page. */
  exceededTime: "Exceeded maximum execution time",
  /** [doc] quotas page lists this message for the daily trigger runtime. */
  tooMuchComputerTime: "Service using too much computer time for one day",
  /** [seen] a handler name that is not a top-level function. */
  functionNotFound: (name: string) => `Script function not found: ${name}`,
  /** [assumed] shape: Google's texts read "You do not have permission to call X" (auth mode table in apps-script.md §2.3). */
  noPermission: (what: string) => `You do not have permission to call ${what}`,

  // ---- UrlFetch -------------------------------------------------------------------------------
  /**
   * [seen] Google names only the scheme and host, and cuts the body. The cut length is [assumed]:
   * public samples show about 150 characters followed by "...".
   */
  requestFailed: (origin: string, code: number, body: string) =>
    `Request failed for ${origin} returned code ${code}. Truncated server response: ${
      body.length > 150 ? `${body.slice(0, 150)}...` : body
    } (use muteHttpExceptions option to examine full response)`,
  /** [assumed] no HTTP port was given to the runtime. */
  noHttpPort:
    "UrlFetchApp is not connected: pass createRuntime({ urlFetch }) (local/gas-runtime has no network).",
  /** [assumed] a URL UrlFetchApp cannot parse. */
  badUrl: (url: string) => `Invalid argument: ${url}`,
  /** [assumed] a URL outside the manifest's urlFetchWhitelist (the rule itself is [doc], allowlist-url page). */
  notAllowlisted: (url: string) =>
    `Script is not allowed to fetch ${url}: it matches no urlFetchWhitelist prefix in appsscript.json.`,

  // ---- ScriptApp ------------------------------------------------------------------------------
  /** [seen] live error in an editor add-on (apps-script.md §3). */
  addonSubHourly: "Add-ons may not create time-based triggers to run more frequently than once per hour.",
  /** [seen] the add-on rule "one trigger of each type, per user, per document" ([doc]). */
  addonTooManyClockTriggers:
    "This add-on has created too many time-based triggers in this document for this Google user account.",
  /** [seen] 2nd source in apps-script.md §3. */
  everyMinutesInvalid:
    "The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.",
  /** [assumed] by analogy with everyMinutes; allowed values are [seen]. */
  everyHoursInvalid: "The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.",
  /** [seen] the 21st trigger of a user in a script (limit 20 is [doc]). */
  tooManyTriggers:
    "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
  /** [assumed] create() on a clock builder with no schedule, or atHour without everyDays/everyWeeks. */
  clockNotConfigured:
    "The time-based trigger is not fully configured: set a recurrence (everyMinutes, everyHours, everyDays, everyWeeks), at() or after() before create().",

  // ---- Mail -----------------------------------------------------------------------------------
  /** [seen] an address MailApp cannot parse (wording assumed beyond "Invalid email"). */
  invalidEmail: (to: string) => `Invalid email: ${to}`,
  /** [assumed] more than 50 recipients in one message (limit is [doc]). */
  tooManyRecipients: "Limit Exceeded: Email Recipients Per Message.",
  /** [assumed] body over 200 KB (limit is [doc]). */
  bodyTooLarge: "Limit Exceeded: Email Body Size.",

  // ---- Html -----------------------------------------------------------------------------------
  /** [seen] createHtmlOutputFromFile with a name the project lacks. */
  noHtmlFile: (name: string) => `No HTML file named ${name} was found.`,

  // ---- Utilities ------------------------------------------------------------------------------
  /** [assumed] Utilities.sleep over the documented 300000 ms maximum. */
  sleepTooLong: "Utilities.sleep: the maximum is 300000 milliseconds.",

  // ---- Advanced Sheets service ----------------------------------------------------------------
  /** [seen] shape of every advanced-service failure; the error's name is GoogleJsonResponseException. */
  api: (method: string, detail: string) =>
    `API call to sheets.spreadsheets.${method} failed with error: ${detail}`,
  /** [seen] */
  apiUnparsableRange: (range: string) => `Unable to parse range: ${range}`,
  /** [seen] */
  apiNoInputOption: "'valueInputOption' is required but not specified",
  /** [seen] (Google quotes the sheet name when it is not plain ASCII, e.g. ['Лист1'!B2:F4]). */
  apiWriteOutside: (range: string, what: "row" | "column", at: string) =>
    `Requested writing within range [${range}], but tried writing to ${what} [${at}]`,
  /** [seen] the REST API's 404 text. */
  apiNotFound: "Requested entity was not found.",
  /** [assumed] shape of Google's per-minute quota error (limit 60/min/user is [V-src] scale.md §1). */
  apiRateLimit: (kind: "Read" | "Write") =>
    `Quota exceeded for quota metric '${kind} requests' and limit '${kind} requests per minute per user' of service 'sheets.googleapis.com'.`,
} as const;
