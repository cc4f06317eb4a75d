/**
 * What the Spreadsheet-service fakes share: the runtime env and the one workbook this runtime
 * holds (an editor add-on only ever sees the document it is open in).
 */
import type { RuntimeEnv } from "../env";
import type { SheetModel, SpreadsheetModel } from "./model";

export interface Book {
  readonly env: RuntimeEnv;
  readonly model: SpreadsheetModel;
  /** One Sheet facade per sheet, so repeated lookups return the same object. */
  readonly sheetFacades: WeakMap<SheetModel, object>;
}
