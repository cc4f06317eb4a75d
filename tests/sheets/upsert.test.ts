import { beforeAll, describe, expect, it } from "vitest";
import { type CellValue, sanitizeText } from "../../src/sheets/cells";
import type { WritePath } from "../../src/sheets/port";
import type { LeadRow } from "../../src/sheets/rows";
import { headerRow, LEADS, STAGES, TOUCHES } from "../../src/sheets/tables";
import {
  addMissingColumns,
  readTable,
  replaceAll,
  SheetLayoutError,
  upsertRows,
  writeDerivedColumns,
} from "../../src/sheets/upsert";
import { FakeSpreadsheet } from "./fake-sheet";
import { countRuns, lead, leads, rng, rowsById, snapshot } from "./helpers";

const S = "amo_leads";
const RU = headerRow(LEADS, "ru");
const EN = headerRow(LEADS, "en");

/** The row of `id` as header → value (reading the fake like a person would). */
function rowOf(fake: FakeSpreadsheet, id: number, keyHeader = "ID сделки"): Record<string, CellValue> {
  const r = rowsById(fake, S, keyHeader).get(id);
  if (r === undefined) throw new Error(`id ${id} not in sheet`);
  const out: Record<string, CellValue> = {};
  fake.headers(S).forEach((h, i) => {
    out[String(h)] = fake.get(S, r, i + 1);
  });
  return out;
}

/** The few cells every test checks, as the sheet must show them for lead(id, v). */
function expectLead(fake: FakeSpreadsheet, id: number, v: number, h = RU): void {
  const want = lead(id, v);
  const got = rowOf(fake, id, h[0]);
  expect(got[h[1]!], `name of ${id}`).toBe(want.name);
  expect(got[h[2]!], `price of ${id}`).toBe(want.price);
  expect((got[h[11]!] as Date).getTime(), `created of ${id}`).toBe(want.created_at);
  expect(got[h[14]!], `source of ${id}`).toBe(want.source);
  expect(got[h[LEADS.columns.findIndex((c) => c.id === "touches")]!], `touches of ${id}`).toBe(want.touches);
}

function newSheet(n: number, path: WritePath = "raw"): FakeSpreadsheet {
  const fake = new FakeSpreadsheet({ path });
  upsertRows(fake, LEADS, leads(1, n), { locale: "ru" });
  return fake;
}

describe("upsertRows: a new sheet", () => {
  it("creates the sheet with Russian headers, formats, frozen header and the named range", () => {
    const fake = new FakeSpreadsheet();
    const r = upsertRows(fake, LEADS, leads(1, 3), { locale: "ru" });
    expect(r).toMatchObject({ created: true, appended: 3, updated: 0, deleted: 0, lastRow: 4 });
    expect(fake.headers(S)).toEqual(RU);
    expect(fake.sheets.get(S)!.frozenRows).toBe(1);
    expect(fake.format(S, 12)).toBe("yyyy-mm-dd hh:mm");
    expect(fake.format(S, 2)).toBeNull();
    expect(fake.format(S, 3)).toBe("#,##0.##");
    expect(fake.namedRanges.get(S)).toEqual({
      sheet: S,
      row: 1,
      col: 1,
      numRows: 4,
      numCols: LEADS.columns.length,
    });
    for (const id of [1, 2, 3]) expectLead(fake, id, 0);
    expect(fake.get(S, 2, 18)).toBe(""); // loss_reason_id null → empty
    expect(fake.formulas()).toEqual([]);
  });

  it("uses English headers for the English locale", () => {
    const fake = new FakeSpreadsheet();
    upsertRows(fake, LEADS, leads(1, 2), { locale: "en" });
    expect(fake.headers(S)).toEqual(EN);
    expectLead(fake, 2, 0, EN);
  });

  it("skips input rows without a key and keeps the last of a repeated key", () => {
    const fake = new FakeSpreadsheet();
    const r = upsertRows(fake, LEADS, [lead(1), { ...lead(2), lead_id: null }, lead(1, 7)], { locale: "ru" });
    expect(r.skippedRows).toBe(1);
    expect(r.appended).toBe(1);
    expectLead(fake, 1, 7);
  });
});

describe("upsertRows: the user's changes to the sheet", () => {
  it("updates rows in place after the user sorted by another column", () => {
    const fake = newSheet(20);
    fake.sortRows(S, 3, true); // by budget, descending
    const order = fake.column(S, "ID сделки");
    expect(order[0]).toBe(20);
    const r = upsertRows(fake, LEADS, [lead(5, 1), lead(17, 2), lead(21, 0)], { locale: "ru" });
    expect(r).toMatchObject({ updated: 2, appended: 1 });
    expect(fake.column(S, "ID сделки")).toEqual([...order, 21]); // the user's order is kept
    expectLead(fake, 5, 1);
    expectLead(fake, 17, 2);
    expectLead(fake, 21, 0);
    for (const id of [1, 4, 6, 16, 18, 20]) expectLead(fake, id, 0);
  });

  it("updates hidden and filtered-out rows too, leaving them hidden", () => {
    const fake = newSheet(10);
    fake.hideRows(S, [3, 4]); // ids 2 and 3
    fake.filter(S, 1, (v) => v !== 7); // hides id 7 (row 8)
    upsertRows(fake, LEADS, [lead(2, 1), lead(3, 1), lead(7, 1), lead(8, 1)], { locale: "ru" });
    for (const id of [2, 3, 7, 8]) expectLead(fake, id, 1);
    expect(fake.isHidden(S, 3)).toBe(true);
    expect(fake.isHidden(S, 4)).toBe(true);
    expect(fake.isHidden(S, 8)).toBe(true);
    expect(fake.isHidden(S, 9)).toBe(false);
  });

  for (const path of ["raw", "entered"] as const) {
    it(`never writes the user's own columns, right of ours or between them (${path})`, () => {
      const fake = newSheet(12, path);
      // Between name and budget: a note per row; far right: a formula and a value.
      fake.insertColumn(S, 3, "Комментарий РОПа", (row) => `заметка ${row}`);
      const right = fake.lastColumn(S) + 1;
      fake.setCell(S, 1, right, "Мой расчёт");
      for (let row = 2; row <= 20; row++) fake.setCell(S, row, right, { f: `=D${row}*0.1` });
      const before = snapshot(fake, S);

      const changed = [lead(3, 1), lead(4, 1), lead(9, 1), lead(13, 0), lead(14, 0)];
      const r = upsertRows(fake, LEADS, changed, { locale: "ru" });
      expect(r).toMatchObject({ updated: 3, appended: 2 });
      for (const id of [3, 4, 9]) expectLead(fake, id, 1);
      for (const id of [1, 2, 12]) expectLead(fake, id, 0);
      expectLead(fake, 13, 0);

      const after = snapshot(fake, S);
      for (let row = 0; row < before.length; row++) {
        expect(after[row]![2], `note in row ${row + 1}`).toEqual(before[row]![2]);
        expect(after[row]![right - 1], `formula in row ${row + 1}`).toEqual(before[row]![right - 1]);
      }
      for (const w of fake.written.slice(-r.writeCalls)) {
        const cols = Array.from({ length: w.numCols }, (_, i) => w.col + i);
        expect(cols).not.toContain(3);
        expect(cols).not.toContain(right);
      }
      // runs of rows: {4,5} (ids 3,4), {10} (id 9), appended {14,15}; each split around the note column.
      expect(r.writeCalls).toBe(3 * 2);
      expect(fake.formulas().every((f) => f.col === right)).toBe(true);
    });
  }

  it("finds columns the user moved, and headers renamed into the other language or re-cased", () => {
    const fake = newSheet(6);
    fake.moveColumn(S, 3, fake.lastColumn(S) + 1); // budget to the far right
    fake.setCell(S, 1, fake.col(S, "Менеджер"), "  MANAGER ");
    fake.setCell(S, 1, fake.col(S, "Название сделки"), "Deal name");
    const r = upsertRows(fake, LEADS, [lead(2, 3)], { locale: "ru" });
    expect(r.updated).toBe(1);
    const row = rowOf(fake, 2);
    expect(row["Бюджет"]).toBe(lead(2, 3).price);
    expect(row["Deal name"]).toBe(lead(2, 3).name);
    expect(row["  MANAGER "]).toBe(lead(2, 3).manager);
    expect(fake.namedRanges.get(S)).toMatchObject({ col: 1, numCols: LEADS.columns.length });
  });

  it("a missing column stops the write before anything is written, naming it in the user's language", () => {
    for (const locale of ["ru", "en"] as const) {
      const fake = new FakeSpreadsheet();
      upsertRows(fake, LEADS, leads(1, 5), { locale });
      fake.deleteColumn(S, 3); // budget
      const before = snapshot(fake, S);
      const stats = { ...fake.stats };
      let err: unknown;
      try {
        upsertRows(fake, LEADS, [lead(1, 1), lead(9)], { locale, deleteIds: [2] });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SheetLayoutError);
      const e = err as SheetLayoutError;
      expect(e.sheet).toBe(S);
      expect(e.missing).toEqual(["price"]);
      if (locale === "en") {
        expect(e.message).toContain(
          "Restore the column header 'Budget' in sheet amo_leads or use 'Rebuild sheets'",
        );
      } else {
        expect(e.message).toContain("Восстановите заголовок столбца «Бюджет» на листе amo_leads");
        expect(e.message).toContain("«Пересоздать листы»");
      }
      expect(snapshot(fake, S)).toEqual(before);
      expect(fake.stats.rangesWritten).toBe(stats.rangesWritten);
      expect(fake.stats.rowsDeleted).toBe(stats.rowsDeleted);
    }
  });

  it("deletes rows by id, bottom-up in contiguous runs, in one request", () => {
    const fake = newSheet(10);
    const r = upsertRows(fake, LEADS, [lead(1, 1)], { locale: "ru", deleteIds: [2, 4, 5, "9", 77] });
    expect(r).toMatchObject({ deleted: 4, updated: 1, deleteRequests: 1, lastRow: 7 });
    expect(fake.column(S, "ID сделки")).toEqual([1, 3, 6, 7, 8, 10]);
    expectLead(fake, 1, 1);
    expectLead(fake, 10, 0);
    expect(fake.namedRanges.get(S)!.numRows).toBe(7);
  });

  it("deletion wins over an update of the same id", () => {
    const fake = newSheet(3);
    const r = upsertRows(fake, LEADS, [lead(2, 1)], { locale: "ru", deleteIds: [2] });
    expect(r).toMatchObject({ updated: 0, deleted: 1 });
    expect(fake.column(S, "ID сделки")).toEqual([1, 3]);
  });

  it("repairs ids the user duplicated: keeps the first, deletes the others, says so", () => {
    const fake = newSheet(8);
    fake.duplicateRow(S, 4, 10); // id 3 pasted at the end (row 10)
    fake.duplicateRow(S, 4, 6); // and again in the middle (row 6); the end copy moves to row 11
    fake.duplicateRow(S, 8, 9); // id 6 (row 8 now) pasted below itself; the end copy → row 12
    expect(fake.column(S, "ID сделки")).toEqual([1, 2, 3, 4, 3, 5, 6, 6, 7, 8, 3]);
    const r = upsertRows(fake, LEADS, [lead(3, 2)], { locale: "ru" });
    expect(r.duplicates).toEqual([
      { id: "3", keptRow: 4, removedRows: [6, 12] },
      { id: "6", keptRow: 8, removedRows: [9] },
    ]);
    expect(r.duplicatesRemoved).toBe(3);
    expect(r.warnings.join(" ")).toMatch(/одинаковым ID/);
    expect(fake.column(S, "ID сделки")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expectLead(fake, 3, 2);
  });

  it("appends after the last id, writing nothing over the user's column further down", () => {
    const fake = newSheet(4);
    fake.setCell(S, 1, 40, "Итог");
    fake.setCell(S, 30, 40, "сумма"); // the user's total far below, in their own column
    const r = upsertRows(fake, LEADS, [lead(5)], { locale: "ru" });
    expect(r.appended).toBe(1);
    expect(fake.get(S, 6, 1)).toBe(5);
    expect(fake.get(S, 30, 40)).toBe("сумма");
  });

  it("with the key column cleared, appends below everything instead of over unidentified rows", () => {
    const fake = newSheet(4);
    for (let row = 2; row <= 5; row++) fake.setCell(S, row, 1, "");
    const r = upsertRows(fake, LEADS, [lead(9)], { locale: "ru" });
    expect(r.appended).toBe(1);
    expect(fake.get(S, 6, 1)).toBe(9);
    expect(fake.get(S, 2, 2)).toBe(lead(1).name);
  });
});

describe("write calls follow the changes, not the sheet size", () => {
  const N = 50_000;
  // One build of a big sheet shared by the checks below (they run in order).
  const fake = new FakeSpreadsheet();
  let built: ReturnType<typeof replaceAll>;
  beforeAll(() => {
    built = replaceAll(fake, LEADS, leads(1, N), { locale: "ru" });
  });

  it("builds 50,000 rows in a few big writes", () => {
    const width = LEADS.columns.length;
    const cells = N * width;
    const rowsPerRequest = Math.floor(50_000 / width); // requests are cut at row boundaries
    expect(built.mode).toBe("rewrite");
    expect(built.writeRequests).toBe(1 + Math.ceil(N / rowsPerRequest));
    expect(built.cellsWritten).toBe(cells + LEADS.columns.length);
    expect(fake.namedRanges.get(S)!.numRows).toBe(N + 1);
  });

  it("100 changes scattered in 50,000 rows: ≤ one write per contiguous run, one request", () => {
    const rand = rng(42);
    const ids = new Set<number>();
    while (ids.size < 100) {
      const start = 1 + Math.floor(rand() * N);
      const len = 1 + Math.floor(rand() * 4); // some changes come in small clusters
      for (let k = 0; k < len && ids.size < 100; k++) if (start + k <= N) ids.add(start + k);
    }
    const rows = [...ids].map((id) => lead(id, 1));
    const positions = [...ids].map((id) => id + 1); // row of id in the freshly built sheet
    const runs = countRuns(positions);
    expect(runs).toBeLessThan(100);

    const r = upsertRows(fake, LEADS, rows, { locale: "ru" });
    expect(r.updated).toBe(100);
    expect(r.writeCalls).toBeLessThanOrEqual(runs);
    expect(r.writeCalls).toBe(runs);
    expect(r.writeRequests).toBe(1);
    expect(r.cellsWritten).toBe(100 * LEADS.columns.length);
    expect(r.readRequests).toBe(2); // the header row and the key column
    for (const id of [...ids].slice(0, 10)) expectLead(fake, id, 1);
  });

  it("with a user column between ours, each run is split in two and no more", () => {
    fake.insertColumn(S, 10, "Моё поле", (row) => row);
    const rand = rng(7);
    const ids = new Set<number>();
    while (ids.size < 100) ids.add(1 + Math.floor(rand() * N));
    const runs = countRuns([...ids].map((id) => id + 1));
    const r = upsertRows(
      fake,
      LEADS,
      [...ids].map((id) => lead(id, 2)),
      { locale: "ru" },
    );
    expect(r.writeCalls).toBe(runs * 2);
    expect(r.writeRequests).toBe(1);
    expect(fake.get(S, 500, 10)).toBe(500);
  });

  it("30 scattered deletions: one delete request, rows gone", () => {
    const rand = rng(3);
    const ids = new Set<number>();
    while (ids.size < 30) ids.add(1 + Math.floor(rand() * N));
    const r = upsertRows(fake, LEADS, [], { locale: "ru", deleteIds: [...ids] });
    expect(r).toMatchObject({ deleted: 30, deleteRequests: 1, writeCalls: 0, lastRow: N + 1 - 30 });
    const left = new Set(fake.column(S, "ID сделки"));
    for (const id of ids) expect(left.has(id)).toBe(false);
    expect(left.size).toBe(N - 30);
  });
});

describe("replaceAll", () => {
  it("rewrites a sheet holding only our columns, dropping rows that are gone", () => {
    const fake = newSheet(10);
    const r = replaceAll(fake, LEADS, [...leads(3, 5, 1), lead(40)], { locale: "ru" });
    expect(r.mode).toBe("rewrite");
    expect(fake.column(S, "ID сделки")).toEqual([3, 4, 5, 40]);
    expect(fake.maxRows(S)).toBe(5);
    expectLead(fake, 4, 1);
    expect(fake.namedRanges.get(S)!.numRows).toBe(5);
  });

  it("keeps the user's columns: in place by id, restores a deleted column on the right", () => {
    const fake = newSheet(6);
    fake.insertColumn(S, 2, "Заметка", (row) => `n${row}`);
    fake.sortRows(S, 1, true); // ids 6..1
    fake.deleteColumn(S, fake.col(S, "Бюджет"));
    const noteOf = new Map<number, CellValue>();
    for (let row = 2; row <= 7; row++) noteOf.set(fake.get(S, row, 1) as number, fake.get(S, row, 2));

    const r = replaceAll(fake, LEADS, [lead(6, 1), lead(4, 1), lead(2, 1), lead(1, 1), lead(9, 1)], {
      locale: "ru",
    });
    expect(r.mode).toBe("in_place");
    expect(r.restoredColumns).toEqual(["price"]);
    expect(r).toMatchObject({ updated: 4, appended: 1, deleted: 2 });
    expect(fake.headers(S).at(-1)).toBe("Бюджет");
    expect(fake.column(S, "ID сделки")).toEqual([6, 4, 2, 1, 9]);
    for (const id of [6, 4, 2, 1]) {
      expect(rowOf(fake, id)["Заметка"]).toBe(noteOf.get(id));
      expectLead(fake, id, 1);
    }
    expect(rowOf(fake, 9)["Заметка"]).toBe("");
    expect(r.warnings[0]).toMatch(/Бюджет/);
  });
});

describe("writeDerivedColumns", () => {
  it("rewrites only the derived columns of existing rows, found by id", () => {
    const fake = newSheet(10);
    fake.sortRows(S, 2); // by name (text order: 1, 10, 2, 3, ...)
    const before = snapshot(fake, S);
    const updates: LeadRow[] = [1, 2, 3, 10, 99].map((id) => ({
      lead_id: id,
      lead_class: "cold",
      sla_status: "breached",
      answered: false,
      first_response_min: 1000 + id,
      is_stale: true,
      name: "ignored", // not derived: not written
    }));
    const r = writeDerivedColumns(fake, LEADS, updates, { locale: "ru" });
    expect(r).toMatchObject({ updated: 4, appended: 0, notFound: ["99"] });
    const derivedCols = LEADS.columns.flatMap((c, i) => (c.derived ? [i + 1] : []));
    for (const w of fake.written.slice(-r.writeCalls)) {
      for (let c = w.col; c < w.col + w.numCols; c++) expect(derivedCols).toContain(c);
    }
    const after = snapshot(fake, S);
    for (let row = 0; row < before.length; row++) {
      for (let c = 0; c < LEADS.columns.length; c++) {
        if (!derivedCols.includes(c + 1)) expect(after[row]![c]).toEqual(before[row]![c]);
      }
    }
    const one = rowOf(fake, 10);
    expect(one["Класс лида"]).toBe("cold");
    expect(one["Статус SLA"]).toBe("breached");
    expect(one["Время первого ответа, мин"]).toBe(1010);
    expect(one["Дата первого ответа"]).toBe(""); // not given → cleared
    expect(one["Название сделки"]).toBe(lead(10).name);
    // After the text sort ids 1, 10, 2, 3 sit in rows 2-5: one run, and the derived columns are
    // adjacent: one block.
    expect(fake.column(S, "ID сделки").slice(0, 4)).toEqual([1, 10, 2, 3]);
    expect(r.writeCalls).toBe(1);
  });

  it("works for other tables' derived columns", () => {
    const fake = new FakeSpreadsheet();
    upsertRows(
      fake,
      STAGES,
      [{ stage_key: "10:20", pipeline_id: 10, status_id: 20, name: "Новая", sort: 1, kind: "open" }],
      { locale: "en" },
    );
    writeDerivedColumns(fake, STAGES, [{ stage_key: "10:20", control_period_days: 3 }], { locale: "en" });
    expect(fake.column("amo_stages", "Control period, days")).toEqual([3]);
    expect(fake.column("amo_stages", "Stage key")).toEqual(["10:20"]);
    void TOUCHES;
  });
});

describe("addMissingColumns and readTable", () => {
  it("adds a column a newer schema has, to the right, with its format", () => {
    const fake = newSheet(3);
    fake.deleteColumn(S, LEADS.columns.length); // is_stale, as if an older version made the sheet
    fake.setCell(S, 1, LEADS.columns.length + 2, "Моё"); // a user column after a gap
    expect(() => upsertRows(fake, LEADS, [lead(1)], { locale: "ru" })).toThrow(SheetLayoutError);
    expect(addMissingColumns(fake, LEADS, "ru")).toEqual(["is_stale"]);
    const col = fake.col(S, "Зависла");
    expect(col).toBe(LEADS.columns.length + 3);
    const r = upsertRows(fake, LEADS, [lead(1, 1)], { locale: "ru" });
    expect(r.updated).toBe(1);
    expect(fake.get(S, 2, col)).toBe(false);
  });

  it("reads rows back by header, decoded (dates → ms, empty → null), skipping rows without id", () => {
    const fake = newSheet(5);
    fake.moveColumn(S, 2, 20);
    fake.setCell(S, 3, 1, "");
    const { rows, rowNumbers } = readTable(fake, LEADS, {
      locale: "ru",
      columns: ["price", "created_at", "closed_at", "source"],
    });
    expect(rowNumbers).toEqual([2, 4, 5, 6]);
    expect(rows.map((r) => r.lead_id)).toEqual([1, 3, 4, 5]);
    expect(rows[0]).toEqual({
      lead_id: 1,
      price: lead(1).price,
      created_at: lead(1).created_at,
      closed_at: null,
      source: sanitizeText(String(lead(1).source)),
    });
    expect(rows[1]!.source).toBe(lead(3).source);
  });
});

describe("a column of ours the user copied", () => {
  it("updates the leftmost, leaves the copy alone and says so", () => {
    const fake = newSheet(3);
    const copyCol = fake.lastColumn(S) + 1;
    for (let row = 1; row <= 4; row++) fake.setCell(S, row, copyCol, fake.get(S, row, 3) as number | string);
    const r = upsertRows(fake, LEADS, [lead(2, 5)], { locale: "en" });
    expect(fake.get(S, 3, 1)).toBe(2);
    expect(fake.get(S, 3, 3)).toBe(lead(2, 5).price);
    expect(fake.get(S, 3, copyCol)).toBe(lead(2).price);
    expect(r.warnings.join(" ")).toContain("'Budget' twice");
  });
});
