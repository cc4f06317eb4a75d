/**
 * The board's metric cells as cheap built-in lookups into ONE `KPI_MATRIX` spill.
 *
 * Why: a custom-function cell is one server round trip (≈0.5 s each in Sheets, scale.md) and each
 * receives the whole amo_daily range; 5 per manager row made every filter change 95 executions for
 * 18 managers. Now the board holds one `KPI_MATRIX(…; ids = TRUE)` in hidden columns (the helper
 * area, L:V), and each metric cell is `INDEX/MATCH` by the row's manager id — evaluated by Sheets
 * itself, no script. A filter change costs one execution for the board.
 *
 * The spill's shape is KPI_MATRIX's contract (docs/custom-functions.md): a header row, one row per
 * manager, the department last; with `ids` TRUE the manager's id is the last column; the metric
 * columns follow METRIC_IDS. So:
 * - a manager's value: MATCH the row's hidden id in the id column (two managers with one name stay
 *   apart); a manager the slice has no row for → "" (no data), as the single functions give;
 * - the department's value: the spill's last row, found as (helper row − 1) + COUNTA of the label
 *   column (every label is non-empty: a blank CRM name is labelled by its id);
 * - when KPI_MATRIX returns its one-cell "#KPI: …" message (or Sheets shows an error there), the
 *   helper's second column is empty, and every metric cell shows that message / error instead of a
 *   blank, so a bad filter is seen on the board itself.
 */
import { METRIC_IDS, type MetricId } from "../../core/metrics/types";
import { columnLetter } from "../a1";
import { absA1 } from "./spec";

/** Where the helper spill starts (its header row) and how wide it is: label, 9 metrics, id. */
export const BOARD_HELPER = {
  row: 6,
  col: 12,
  cols: 2 + METRIC_IDS.length,
  /** Rows the board's grid keeps for the spill (Sheets cannot spill past the grid's end). */
  maxRows: 200,
} as const;

export function helperLastCol(): number {
  return BOARD_HELPER.col + BOARD_HELPER.cols - 1;
}

/** The filter cells and names the helper's call passes (the board's row 4). */
export interface HelperArgs {
  daily: string;
  from: string;
  to: string;
  source: string;
  segment: string;
  pipeline: string;
  lastSync: string;
}

/**
 * The helper's one call: every manager (manager = ""), the raw path's extra tables empty, ids TRUE.
 */
export function helperFormula(a: HelperArgs): string {
  return (
    `=KPI_MATRIX(${a.daily},${a.from},${a.to},"",${a.source},${a.segment},${a.pipeline},` +
    `${a.lastSync},"","","",TRUE)`
  );
}

const col = (c: number) => `$${columnLetter(c)}:$${columnLetter(c)}`;

function metricCol(metric: MetricId): number {
  const i = METRIC_IDS.indexOf(metric);
  if (i < 0) throw new Error(`unknown metric ${metric}`);
  return BOARD_HELPER.col + 1 + i;
}

/** "If the helper failed, its message; else `lookup`". */
function guarded(lookup: string): string {
  const ok = absA1(BOARD_HELPER.row, BOARD_HELPER.col + 1);
  const anchor = absA1(BOARD_HELPER.row, BOARD_HELPER.col);
  return `=IF(ISBLANK(${ok}),${anchor},${lookup})`;
}

/** A manager row's cell: the metric of the spill row whose id equals `idCell` ("" when absent). */
export function managerLookup(metric: MetricId, idCell: string): string {
  const ids = col(helperLastCol());
  return guarded(`IFERROR(INDEX(${col(metricCol(metric))},MATCH(${idCell},${ids},0)),"")`);
}

/** The department row's cell: the metric of the spill's last row. */
export function departmentLookup(metric: MetricId): string {
  const labels = col(BOARD_HELPER.col);
  return guarded(`INDEX(${col(metricCol(metric))},COUNTA(${labels})+${BOARD_HELPER.row - 1})`);
}
