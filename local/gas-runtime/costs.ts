/**
 * Virtual time that service calls cost, so that the 6-minute limit can be reached the way it is in
 * production (too many cells, too many fetches) rather than only by sleeping. All zero by default:
 * a test that does not care about time sees none pass.
 */
export interface ServiceCosts {
  /** Every service call (any method on any service object). */
  serviceCallMs: number;
  /** Per cell read through SpreadsheetApp (getValues, getDisplayValues, getFormulas...). */
  cellReadMs: number;
  /** Per cell written through SpreadsheetApp (setValues, setFormulas, appendRow...). */
  cellWriteMs: number;
  /** Per cell read through the advanced Sheets service. */
  apiCellReadMs: number;
  /** Per cell written through the advanced Sheets service. */
  apiCellWriteMs: number;
  /** Per advanced Sheets service request (round trip). */
  apiRequestMs: number;
  /** Per HTTP request made by UrlFetchApp (fetchAll requests run in parallel: the slowest counts). */
  urlFetchMs: number;
  /** Per SpreadsheetApp.flush(). */
  flushMs: number;
}

export const FREE_COSTS: ServiceCosts = {
  serviceCallMs: 0,
  cellReadMs: 0,
  cellWriteMs: 0,
  apiCellReadMs: 0,
  apiCellWriteMs: 0,
  apiRequestMs: 0,
  urlFetchMs: 0,
  flushMs: 0,
};

/**
 * Costs derived from the measurements in /work/shared/reference/scale.md §2.2 (tanaike's reports,
 * 10 M cells of ~10-character strings), so a run that would time out in Apps Script times out here:
 * - read: SpreadsheetApp 85 s / 10 M cells = 0.0085 ms/cell; Sheets API 45 s / 10 M = 0.0045 ms/cell [V-src];
 * - write: Sheets API 220 s / 10 M = 0.022 ms/cell [V-src]; SpreadsheetApp failed to write 10 M in
 *   6 min even chunked, and scale.md §2.3 estimates 30–70 s per 1 M cells [B] → 0.05 ms/cell;
 * - one-cell read/write round trip 0.2–0.3 s [V-src] is dominated by script start-up; a call inside a
 *   running script is much cheaper, so 1 ms per call is an assumption;
 * - flush: +560 ms on a 4,000-cell write [2nd] (apps-script.md §5);
 * - amoCRM page fetch 0.57–0.76 s sequential [V-src] (scale.md §1 row 11) → 650 ms.
 */
export const MEASURED_COSTS: ServiceCosts = {
  serviceCallMs: 1,
  cellReadMs: 0.0085,
  cellWriteMs: 0.05,
  apiCellReadMs: 0.0045,
  apiCellWriteMs: 0.022,
  apiRequestMs: 100,
  urlFetchMs: 650,
  flushMs: 500,
};
