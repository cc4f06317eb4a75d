/** What exportXlsx reports: counts, and everything it could not carry over to the .xlsx. */

export type SkipKind =
  | "conditional-format"
  | "data-validation"
  | "named-range"
  | "chart"
  | "sheet-name"
  | "cell"
  | "runtime";

export interface Skipped {
  kind: SkipKind;
  /** The Google sheet name, when the item belongs to one sheet. */
  sheet?: string;
  /** A1 ranges (or a name) the item covered. */
  where?: string;
  reason: string;
}

export interface ExportResult {
  /** Worksheets written (every sheet of the spreadsheet, in order). */
  sheets: number;
  /** Cells written with a value or a formula. */
  cells: number;
  /** Conditional-format rules written. */
  rules: number;
  /** Data-validation ranges written. */
  validations: number;
  /** Defined names written. */
  names: number;
  /** Items skipped or changed on the way (unsupported rules, renamed sheets, missing host methods). */
  unsupported: Skipped[];
}

export interface ExportOptions {
  /** Rows read per batch for styles and validations (bounds memory on large sheets). Default 2000. */
  chunkRows?: number;
}
