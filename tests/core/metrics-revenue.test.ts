import { describe, expect, it } from "vitest";
import { dataset, lead, settings, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

const now = utc("2026-03-20T12:00");
const period = { from: utc("2026-03-02T00:00"), to: utc("2026-03-16T00:00") };
const created = utc("2026-03-01T10:00");

const ds = dataset({
  leads: [
    lead({
      id: 1,
      createdAt: created,
      statusId: 142,
      closedAt: utc("2026-03-03T10:00"),
      price: 1000,
      source: "ads",
    }),
    lead({
      id: 2,
      createdAt: created,
      statusId: 142,
      closedAt: utc("2026-03-10T10:00"),
      price: 2500.5,
      responsibleUserId: 2,
    }),
    lead({
      id: 3,
      createdAt: created,
      statusId: 142,
      closedAt: utc("2026-03-12T10:00"),
      price: 0,
      source: "ads",
    }),
    lead({ id: 4, createdAt: created, statusId: 143, closedAt: utc("2026-03-05T10:00"), price: 9999 }),
    lead({
      id: 5,
      createdAt: created,
      statusId: 142,
      closedAt: utc("2026-03-05T10:00"),
      price: 7777,
      isDeleted: true,
    }),
    lead({ id: 6, createdAt: created, statusId: 142, closedAt: utc("2026-03-17T10:00"), price: 500 }),
    lead({ id: 7, createdAt: created, statusId: 13, price: 300 }),
  ],
});
const s = settings();

describe("revenue", () => {
  it("Σ price of deals won in the period; denominator = won deals", () => {
    const r = dept("revenue", { ds, s, now, ...period });
    // 1000 + 2500.5 + 0
    expect(r).toMatchObject({ value: 3500.5, numerator: 3500.5, denominator: 3, leadIds: [1, 2, 3] });
  });

  it("per manager and per source", () => {
    const m = rows("revenue", { ds, s, now, ...period }, "manager");
    expect(m.get(1)).toMatchObject({ value: 1000, denominator: 2 });
    expect(m.get(2)).toMatchObject({ value: 2500.5, denominator: 1 });
    const src = rows("revenue", { ds, s, now, ...period }, "source");
    expect(src.get("ads")).toMatchObject({ value: 1000, denominator: 2, leadIds: [1, 3] });
    expect(src.get("(none)")).toMatchObject({ value: 2500.5, leadIds: [2] });
  });

  it("no won deals → 0 (a sum), not null", () => {
    const r = dept("revenue", { ds, s, now, from: utc("2026-02-01T00:00"), to: utc("2026-03-01T00:00") });
    expect(r).toEqual({ value: 0, numerator: 0, denominator: 0, leadIds: [] });
  });
});
