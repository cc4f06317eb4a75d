import { describe, expect, it } from "vitest";
import {
  columnForHeader,
  findColumns,
  headerAliases,
  headerRow,
  LEADS,
  normalizeHeader,
  STAGE_MOVES,
  STAGES,
  TABLES,
  TOUCHES,
} from "../../src/sheets/tables";

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

describe("table schemas", () => {
  it("are the seven raw tables, named as their sheets", () => {
    expect(TABLES.map((t) => t.id)).toEqual([
      "amo_leads",
      "amo_stage_moves",
      "amo_tasks",
      "amo_touches",
      "amo_users",
      "amo_stages",
      "amo_loss_reasons",
    ]);
  });

  for (const t of TABLES) {
    describe(t.id, () => {
      it("has unique snake_case column ids and its key column", () => {
        const ids = t.columns.map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(SNAKE);
        expect(ids).toContain(t.key);
        expect(t.columns.find((c) => c.id === t.key)?.derived).toBeUndefined();
      });

      it("has unique, non-empty headers in each language", () => {
        for (const locale of ["ru", "en"] as const) {
          const hs = headerRow(t, locale).map(normalizeHeader);
          expect(hs.every((h) => h.length > 0)).toBe(true);
          expect(new Set(hs).size).toBe(hs.length);
        }
      });

      it("never lets one column's header (either language, or id) name another column", () => {
        const owner = new Map<string, string>();
        for (const c of t.columns) {
          for (const a of headerAliases(c)) {
            expect(owner.get(a) ?? c.id, `"${a}" names ${owner.get(a)} and ${c.id}`).toBe(c.id);
            owner.set(a, c.id);
          }
        }
      });

      it("formats date columns as dates and leaves text columns Automatic (never plain text)", () => {
        for (const c of t.columns) {
          if (c.type === "date") expect(c.numberFormat).toMatch(/yyyy/);
          if (c.type === "text" || c.type === "crm_text") expect(c.numberFormat).toBeUndefined();
        }
      });
    });
  }

  it("has the leads columns of the brief, derived ones marked", () => {
    const ids = LEADS.columns.map((c) => c.id);
    for (const id of [
      "lead_id",
      "name",
      "price",
      "pipeline_id",
      "pipeline",
      "status_id",
      "status",
      "status_kind",
      "responsible_id",
      "manager",
      "responsible_at_creation_id",
      "created_at",
      "updated_at",
      "closed_at",
      "source",
      "segment",
      "channel",
      "loss_reason",
      "contact_ids",
      "url",
    ]) {
      expect(ids).toContain(id);
      expect(LEADS.columns.find((c) => c.id === id)?.derived).toBeUndefined();
    }
    const derived = LEADS.columns.filter((c) => c.derived).map((c) => c.id);
    expect(derived).toEqual([
      "lead_class",
      "first_response_at",
      "first_response_min",
      "answered",
      "sla_deadline",
      "sla_status",
      "touches",
      "touches_to_win",
      "has_next_step",
      "stage_entered_at",
      "days_in_stage",
      "is_stale",
    ]);
    const byId = (id: string) => LEADS.columns.find((c) => c.id === id)!;
    expect([byId("lead_id").ru, byId("lead_id").en]).toEqual(["ID сделки", "Deal ID"]);
    expect([byId("price").ru, byId("price").en]).toEqual(["Бюджет", "Budget"]);
    expect([byId("created_at").ru, byId("created_at").en]).toEqual(["Создана", "Created"]);
    expect([byId("manager").ru, byId("manager").en]).toEqual(["Менеджер", "Manager"]);
    expect([byId("sla_status").ru, byId("sla_status").en]).toEqual(["Статус SLA", "SLA status"]);
    expect(byId("name").type).toBe("crm_text");
    expect(byId("answered").type).toBe("bool");
    expect(TOUCHES.columns.find((c) => c.id === "counted")?.derived).toBe(true);
    expect(STAGES.columns.find((c) => c.id === "control_period_days")?.derived).toBe(true);
  });
});

describe("findColumns", () => {
  it("finds columns by either language, case- and whitespace-insensitively, anywhere in the row", () => {
    const row = ["  deal ID ", "Моя заметка", "БЮДЖЕТ", "", "Created", "статус\u00a0 sla", "lead_class"];
    const m = findColumns(row, LEADS);
    expect(m.index.lead_id).toBe(0);
    expect(m.index.price).toBe(2);
    expect(m.index.created_at).toBe(4);
    expect(m.index.sla_status).toBe(5);
    expect(m.index.lead_class).toBe(6);
    expect(m.index.manager).toBe(-1);
    expect(m.userColumns).toEqual([1]);
    expect(m.missing).toContain("manager");
    expect(m.missing).not.toContain("price");
  });

  it("treats ё as е and full-width letters as ASCII", () => {
    expect(columnForHeader(STAGE_MOVES, "кто перевел (id)")).toBe("by_user_id");
    expect(columnForHeader(LEADS, "Ｂｕｄｇｅｔ")).toBe("price");
    expect(columnForHeader(LEADS, "Бюджет, ₽")).toBeNull();
  });

  it("uses the first of two equal headers and reports the duplicate", () => {
    const m = findColumns(headerRow(LEADS, "ru").concat(["Бюджет"]), LEADS);
    expect(m.index.price).toBe(2);
    expect(m.duplicated).toEqual([{ id: "price", positions: [2, LEADS.columns.length] }]);
    expect(m.missing).toEqual([]);
  });

  it("a full header row in either language has nothing missing and no user columns", () => {
    for (const locale of ["ru", "en"] as const) {
      for (const t of TABLES) {
        const m = findColumns(headerRow(t, locale), t);
        expect(m.missing).toEqual([]);
        expect(m.userColumns).toEqual([]);
        t.columns.forEach((c, i) => {
          expect((m.index as Record<string, number>)[c.id]).toBe(i);
        });
      }
    }
  });
});
