/**
 * shareBoard: a read-only copy of the board for an executive, in a separate spreadsheet. It holds
 * the board's values and formats, with the conditional colours frozen as static backgrounds
 * (computed by the same rule data as the live rules: rules.ts), and nothing else: no formulas, no
 * raw sheets, no named ranges, no script (a new spreadsheet has no bound script), no properties.
 * Re-running updates the same copy (its id is kept in document properties); the hidden
 * manager-id column and the helper spill (hidden columns J:V) are left out.
 *
 * Who can open the link is the owner's choice in Sheets' Share dialog: setting "anyone with the
 * link" from the script would need the Drive scope, which the add-on does not ask for.
 */
import { type CellValue, toEnteredCell } from "../../sheets/cells";
import { BOARD, boardRules, boardSheetName, departmentRow } from "../../sheets/templates/board";
import { tt } from "../../sheets/templates/messages";
import { effectiveRule } from "../../sheets/templates/rules";
import { loadSettings } from "../addon-settings";
import { documentStore } from "../stores";

export const SHARE_ID_KEY = "amo_board_share_id";

export interface ShareResult {
  url: string;
  id: string;
  created: boolean;
  rows: number;
  cols: number;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function openCopy(id: string | null): Spreadsheet | null {
  if (!id) return null;
  try {
    return SpreadsheetApp.openById(id);
  } catch {
    return null; // deleted or no longer ours: make a new one
  }
}

export function shareBoard(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): ShareResult {
  const locale = loadSettings().locale;
  const name = boardSheetName(locale);
  const board = ss.getSheetByName(name);
  if (!board)
    throw new Error(
      locale === "ru"
        ? `Нет листа «${name}»: сначала постройте доску (меню → «Построить доску»)`
        : `No "${name}" sheet: build the board first (menu → "Build the board")`,
    );

  // The department row closes the table (the hidden helper spill may reach further down); the
  // rules are those the builder set for that size.
  const last = Math.max(board.getLastRow(), BOARD.firstManagerRow);
  const ids = board
    .getRange(BOARD.firstManagerRow, BOARD.col.managerId, last - BOARD.firstManagerRow + 1, 1)
    .getValues();
  let managers = 0;
  while (managers < ids.length && typeof ids[managers]![0] === "number") managers++;
  const rules = boardRules(managers);
  const rows = departmentRow(managers);
  const cols = BOARD.col.managerId - 1; // without the hidden id column and the helper spill
  const src = board.getRange(1, 1, rows, cols);
  const values = src.getValues() as CellValue[][];
  const formats = src.getNumberFormats();
  const backgrounds = src.getBackgrounds();
  const fontColors = src.getFontColors();
  const weights = src.getFontWeights();
  const read = (r: number, c: number) =>
    r >= 1 && r <= rows && c >= 1 && c <= cols ? values[r - 1]![c - 1] : board.getRange(r, c).getValue();
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const rule = effectiveRule(rules, r, c, read);
      if (!rule) continue;
      backgrounds[r - 1]![c - 1] = rule.background;
      if (rule.fontColor) fontColors[r - 1]![c - 1] = rule.fontColor;
    }
  }

  const store = documentStore();
  let copy = openCopy(store.get(SHARE_ID_KEY));
  const created = copy === null;
  if (!copy) {
    copy = SpreadsheetApp.create(`${tt(locale, "share.title")} — ${ss.getName()}`);
    store.set(SHARE_ID_KEY, copy.getId());
  }
  const sheets = copy.getSheets();
  const target = sheets[0]!;
  for (const extra of sheets.slice(1)) copy.deleteSheet(extra);
  target.clear();
  target.setConditionalFormatRules([]);
  if (target.getName() !== name) target.setName(name);
  if (target.getMaxRows() < rows) target.insertRowsAfter(target.getMaxRows(), rows - target.getMaxRows());
  if (target.getMaxColumns() < cols)
    target.insertColumnsAfter(target.getMaxColumns(), cols - target.getMaxColumns());

  const out = target.getRange(1, 1, rows, cols);
  // Values only: every string apostrophe-prefixed, so no text (CRM or ours) becomes a formula.
  out.setValues(values.map((row) => row.map((v) => toEnteredCell(v))));
  out.setNumberFormats(formats);
  out.setBackgrounds(backgrounds);
  out.setFontColors(fontColors);
  out.setFontWeights(weights);
  for (let c = 1; c <= cols; c++) target.setColumnWidth(c, board.getColumnWidth(c));
  target.setFrozenRows(board.getFrozenRows());
  return { url: copy.getUrl(), id: copy.getId(), created, rows, cols };
}
