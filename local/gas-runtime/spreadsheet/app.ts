/**
 * SpreadsheetApp: the entry to the one spreadsheet this runtime holds, its UI, the builders and
 * the enums. In a time-driven trigger `getActiveSpreadsheet()` returns the document by default;
 * `activeSpreadsheetInTriggers: false` makes it return null, to rehearse the open risk in
 * apps-script.md §10.1 (whether an add-on's clock trigger sees the active document).
 */
import { fail, MSG } from "../errors";
import { type ExtraMembers, enumOf, gas, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import type { Book } from "./book";
import { FakeConditionalFormatRuleBuilder } from "./conditional-format";
import { createdById, createSpreadsheet } from "./created";
import { BOOLEAN_CRITERIA } from "./criteria";
import { FakeDataValidationBuilder } from "./data-validation";
import { FakeFilterCriteriaBuilder } from "./filter";
import { FakeSheet } from "./sheet";
import { FakeSpreadsheet } from "./spreadsheet";
import { FakeUi, type UiState } from "./ui";

type GApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type GS = typeof GoogleAppsScript.Spreadsheet;

const APP = meta("spreadsheet", "SpreadsheetApp");

export const SPREADSHEET_ENUMS = {
  BooleanCriteria: enumOf(BOOLEAN_CRITERIA),
  DataValidationCriteria: enumOf([
    "DATE_AFTER",
    "DATE_BEFORE",
    "DATE_BETWEEN",
    "DATE_EQUAL_TO",
    "DATE_IS_VALID_DATE",
    "DATE_NOT_BETWEEN",
    "DATE_ON_OR_AFTER",
    "DATE_ON_OR_BEFORE",
    "NUMBER_BETWEEN",
    "NUMBER_EQUAL_TO",
    "NUMBER_GREATER_THAN",
    "NUMBER_GREATER_THAN_OR_EQUAL_TO",
    "NUMBER_LESS_THAN",
    "NUMBER_LESS_THAN_OR_EQUAL_TO",
    "NUMBER_NOT_BETWEEN",
    "NUMBER_NOT_EQUAL_TO",
    "TEXT_CONTAINS",
    "TEXT_DOES_NOT_CONTAIN",
    "TEXT_EQUAL_TO",
    "TEXT_IS_VALID_EMAIL",
    "TEXT_IS_VALID_URL",
    "VALUE_IN_LIST",
    "VALUE_IN_RANGE",
    "CUSTOM_FORMULA",
    "CHECKBOX",
  ]),
  ProtectionType: enumOf(["RANGE", "SHEET"]),
  SheetType: enumOf(["GRID", "OBJECT"]),
  WrapStrategy: enumOf(["WRAP", "OVERFLOW", "CLIP"]),
  Dimension: enumOf(["COLUMNS", "ROWS"]),
  Direction: enumOf(["UP", "DOWN", "PREVIOUS", "NEXT"]),
  CopyPasteType: enumOf([
    "PASTE_NORMAL",
    "PASTE_NO_BORDERS",
    "PASTE_FORMAT",
    "PASTE_FORMULA",
    "PASTE_DATA_VALIDATION",
    "PASTE_VALUES",
    "PASTE_CONDITIONAL_FORMATTING",
    "PASTE_COLUMN_WIDTHS",
  ]),
  RelativeDate: enumOf(["TODAY", "TOMORROW", "YESTERDAY", "PAST_WEEK", "PAST_MONTH", "PAST_YEAR"]),
  InterpolationType: enumOf(["NUMBER", "PERCENT", "PERCENTILE", "MIN", "MAX"]),
  BorderStyle: enumOf(["DOTTED", "DASHED", "SOLID", "SOLID_MEDIUM", "SOLID_THICK", "DOUBLE"]),
  AutoFillSeries: enumOf(["DEFAULT_SERIES", "ALTERNATE_SERIES"]),
  TextDirection: enumOf(["LEFT_TO_RIGHT", "RIGHT_TO_LEFT"]),
  DeveloperMetadataVisibility: enumOf(["DOCUMENT", "PROJECT"]),
  RecalculationInterval: enumOf(["ON_CHANGE", "MINUTE", "HOUR"]),
} as const;

type Implemented =
  | keyof typeof SPREADSHEET_ENUMS
  | "create"
  | "flush"
  | "getActive"
  | "getActiveRange"
  | "getActiveSheet"
  | "getActiveSpreadsheet"
  | "getUi"
  | "newConditionalFormatRule"
  | "newDataValidation"
  | "newFilterCriteria"
  | "openById"
  | "openByUrl"
  | "setActiveSheet";

export interface AppDeps {
  book: Book;
  ui: UiState;
  /** False while a trigger runs with activeSpreadsheetInTriggers: false. */
  hasActiveDocument(): boolean;
}

export class FakeSpreadsheetApp implements Pick<GApp, Implemented> {
  readonly [FAKE] = APP;
  readonly BooleanCriteria = SPREADSHEET_ENUMS.BooleanCriteria as unknown as GS["BooleanCriteria"];
  readonly DataValidationCriteria =
    SPREADSHEET_ENUMS.DataValidationCriteria as unknown as GS["DataValidationCriteria"];
  readonly ProtectionType = SPREADSHEET_ENUMS.ProtectionType as unknown as GS["ProtectionType"];
  readonly SheetType = SPREADSHEET_ENUMS.SheetType as unknown as GS["SheetType"];
  readonly WrapStrategy = SPREADSHEET_ENUMS.WrapStrategy as unknown as GS["WrapStrategy"];
  readonly Dimension = SPREADSHEET_ENUMS.Dimension as unknown as GS["Dimension"];
  readonly Direction = SPREADSHEET_ENUMS.Direction as unknown as GS["Direction"];
  readonly CopyPasteType = SPREADSHEET_ENUMS.CopyPasteType as unknown as GS["CopyPasteType"];
  readonly RelativeDate = SPREADSHEET_ENUMS.RelativeDate as unknown as GS["RelativeDate"];
  readonly InterpolationType = SPREADSHEET_ENUMS.InterpolationType as unknown as GS["InterpolationType"];
  readonly BorderStyle = SPREADSHEET_ENUMS.BorderStyle as unknown as GS["BorderStyle"];
  readonly AutoFillSeries = SPREADSHEET_ENUMS.AutoFillSeries as unknown as GS["AutoFillSeries"];
  readonly TextDirection = SPREADSHEET_ENUMS.TextDirection as unknown as GS["TextDirection"];
  readonly DeveloperMetadataVisibility =
    SPREADSHEET_ENUMS.DeveloperMetadataVisibility as unknown as GS["DeveloperMetadataVisibility"];
  readonly RecalculationInterval =
    SPREADSHEET_ENUMS.RecalculationInterval as unknown as GS["RecalculationInterval"];

  constructor(private readonly deps: AppDeps) {}

  private spreadsheet(): FakeSpreadsheet {
    return FakeSpreadsheet.of(this.deps.book);
  }

  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.deps.hasActiveDocument() ? gas(this.spreadsheet()) : (null as never);
  }
  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.getActiveSpreadsheet();
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return gas(FakeSheet.of(this.deps.book, this.deps.book.model.active()));
  }
  setActiveSheet(
    sheet: GoogleAppsScript.Spreadsheet.Sheet,
    restoreSelection?: boolean,
  ): GoogleAppsScript.Spreadsheet.Sheet {
    return this.spreadsheet().setActiveSheet(sheet, restoreSelection);
  }
  /** The user's selection is not modelled: A1 of the active sheet. */
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.getActiveSheet().getRange(1, 1);
  }
  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const made = createdById(this.deps.book, str(id));
    if (made) return made;
    if (str(id) !== this.deps.book.model.id) fail(MSG.openById);
    return gas(this.spreadsheet());
  }
  openByUrl(url: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const id = /\/d\/([\w-]+)/.exec(str(url))?.[1] ?? "";
    const made = createdById(this.deps.book, id);
    if (made) return made;
    if (id !== this.deps.book.model.id) fail(MSG.openById.replace("openById", "openByUrl"));
    return gas(this.spreadsheet());
  }
  /** A new spreadsheet the user owns (created.ts). */
  create(name: string, rows?: number, columns?: number): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return createSpreadsheet(this.deps.book, name, rows, columns);
  }
  /** Writes are applied at once here; flush only costs time (see costs.ts). */
  flush(): void {
    this.deps.book.model.flushes++;
    this.deps.book.env.charge(this.deps.book.env.costs.flushMs);
  }
  getUi(): GoogleAppsScript.Base.Ui {
    return gas(new FakeUi(this.deps.ui, this.deps.book.env.addonName));
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return gas(new FakeConditionalFormatRuleBuilder());
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return gas(new FakeDataValidationBuilder());
  }
  newFilterCriteria(): GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder {
    return gas(new FakeFilterCriteriaBuilder());
  }
}

export type _FakeSpreadsheetAppCheck = NoExtraMembers<ExtraMembers<FakeSpreadsheetApp, GApp>>;
