/** Shared test data for the sheet writers. */
import type { LeadRow } from "../../src/sheets/rows";
import type { FakeCell, FakeSpreadsheet } from "./fake-sheet";

export const T0 = Date.UTC(2024, 0, 15, 7, 0);
const HOUR = 3_600_000;

/** A full lead row (base + derived columns) whose every value is a function of `id` and `v`. */
export function lead(id: number, v = 0): LeadRow {
  return {
    lead_id: id,
    name: `Сделка ${id}${v ? ` v${v}` : ""}`,
    price: id * 100 + v,
    pipeline_id: 10,
    pipeline: "Продажи",
    status_id: id % 7 === 0 ? 142 : 20 + (id % 3),
    status: id % 7 === 0 ? "Успешно реализовано" : `Этап ${id % 3}`,
    status_kind: id % 7 === 0 ? "won" : "open",
    responsible_id: 100 + (id % 5),
    manager: `Менеджер ${id % 5}`,
    responsible_at_creation_id: null,
    created_at: T0 + id * HOUR,
    updated_at: T0 + id * HOUR + v * 60_000,
    closed_at: id % 7 === 0 ? T0 + (id + 5) * HOUR : null,
    source: id % 2 ? "Сайт" : '=HYPERLINK("http://evil")',
    segment: null,
    channel: "call",
    loss_reason_id: null,
    loss_reason: null,
    contact_ids: `${id},${id + 1}`,
    url: `https://demo.amocrm.ru/leads/detail/${id}`,
    lead_class: "hot",
    first_response_at: T0 + id * HOUR + 5 * 60_000,
    first_response_min: 5 + v,
    answered: true,
    sla_deadline: T0 + id * HOUR + 10 * 60_000,
    sla_status: "met",
    touches: 3 + v,
    touches_to_win: null,
    has_next_step: id % 2 === 0,
    stage_entered_at: T0 + id * HOUR,
    days_in_stage: 1.5,
    is_stale: false,
  };
}

export function leads(from: number, to: number, v = 0): LeadRow[] {
  const out: LeadRow[] = [];
  for (let id = from; id <= to; id++) out.push(lead(id, v));
  return out;
}

/** A deep copy of every stored cell of a sheet (rows × columns). */
export function snapshot(fake: FakeSpreadsheet, sheet: string): FakeCell[][] {
  const s = fake.sheets.get(sheet)!;
  return s.rows.map((r) => r.cells.map((c) => (c && typeof c === "object" ? { ...c } : c)));
}

export { mulberry32 as rng } from "../../local/mulberry32";

/** Number of maximal runs of consecutive integers in a set. */
export function countRuns(values: Iterable<number>): number {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  let runs = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]! + 1) runs++;
  return runs;
}

/** Map id → row number, read straight from the fake's key column. */
export function rowsById(fake: FakeSpreadsheet, sheet: string, keyHeader: string): Map<number, number> {
  const ids = fake.column(sheet, keyHeader);
  const m = new Map<number, number>();
  ids.forEach((v, i) => {
    if (typeof v === "number") m.set(v, i + 2);
  });
  return m;
}
