/** Data hygiene (hand-made and vs the generator) and the history rows. */
import { describe, expect, it } from "vitest";
import { enrichDataset } from "../../src/core/enrich";
import { computeMetricsFromEnriched } from "../../src/core/metrics/compute";
import { METRICS } from "../../src/core/metrics/registry";
import type { LossReason } from "../../src/core/model";
import { HISTORY_WINDOW_DAYS, historyRows, hygiene } from "../../src/core/rhythm";
import { calendarOf, DAY, dataset, lead, P1, STAGES, settings, task, utc } from "../core/fixtures/dataset";
import { generated } from "../support/generated";

const NOW = utc("2026-03-04T12:00");

describe("data hygiene, hand-made", () => {
  const S = settings();
  const stages = [
    ...STAGES,
    {
      pipelineId: P1,
      statusId: 14,
      pipelineName: "Sales",
      name: "Клиент думает",
      sort: 50,
      kind: "open" as const,
    },
    {
      pipelineId: P1,
      statusId: 15,
      pipelineName: "Sales",
      name: "ЖДЁМ ОТВЕТА",
      sort: 60,
      kind: "open" as const,
    },
  ];
  const reasons: LossReason[] = Array.from({ length: 11 }, (_, i) => ({ id: i + 1, name: `R${i + 1}` }));
  const ds = dataset({
    stages,
    lossReasons: reasons,
    leads: [
      lead({ id: 1, createdAt: NOW - 5 * DAY, source: "site", segment: "SMB", contactIds: [7], price: 100 }),
      lead({ id: 2, createdAt: NOW - 4 * DAY, source: null, segment: " ", contactIds: [], price: 0 }),
      lead({
        id: 3,
        createdAt: NOW - 3 * DAY,
        statusId: 143,
        closedAt: NOW - DAY,
        lossReasonId: null,
        source: "x",
        segment: "y",
        contactIds: [1],
      }),
      lead({
        id: 4,
        createdAt: NOW - 3 * DAY,
        statusId: 143,
        closedAt: NOW - DAY,
        lossReasonId: 2,
        source: "x",
        segment: "y",
        contactIds: [1],
      }),
      lead({
        id: 5,
        createdAt: NOW - 2 * DAY,
        statusId: 14,
        source: "x",
        segment: "y",
        contactIds: [1],
        price: 5,
        responsibleUserId: 99,
      }),
      lead({
        id: 6,
        createdAt: NOW - DAY,
        statusId: 15,
        source: "x",
        segment: "y",
        contactIds: [1],
        price: 5,
        responsibleUserId: 0,
      }),
      lead({
        id: 7,
        createdAt: NOW - DAY,
        statusId: 142,
        closedAt: NOW - 1,
        source: "x",
        segment: "y",
        contactIds: [1],
      }),
    ],
    tasks: [task({ id: 1, leadId: 1, dueAt: NOW + DAY, createdAt: NOW - DAY })],
  });
  const h = hygiene(enrichDataset(ds, S, calendarOf(S), NOW), S, ds);

  it("lists each check's deals, newest first", () => {
    expect(h.leads).toBe(7);
    expect(h.lists).toEqual({
      noSource: [2],
      noSegment: [2],
      noContact: [2],
      noResponsible: [6, 5],
      openWithoutBudget: [2],
      openWithoutNextStep: [6, 5, 2],
      lostWithoutReason: [3],
    });
  });

  it("warns about more than maxLossReasons reasons", () => {
    expect(h.lossReasons).toEqual({ count: 11, max: 10, tooMany: true });
    const ok = hygiene(enrichDataset(ds, S, calendarOf(S), NOW), S, {
      ...ds,
      lossReasons: reasons.slice(0, 10),
    });
    expect(ok.lossReasons.tooMany).toBe(false);
  });

  it("flags junk stages by name words, case-insensitively, with their open deals", () => {
    expect(h.junkStages.map((s) => [s.name, s.word, s.leadIds])).toEqual([
      ["Клиент думает", "думает", [5]],
      ["ЖДЁМ ОТВЕТА", "ждём ответа", [6]],
    ]);
  });
});

describe("data hygiene vs the generator", () => {
  const g = generated();
  const h = hygiene(g.data, g.settings, g.dataset);
  const live = g.raw.leads.filter((l) => l["is_deleted"] !== true);
  const truthLeads = Object.values(g.truth.leads);

  it("counts equal the planted truth and the raw leads", () => {
    expect(h.leads).toBe(truthLeads.length);
    expect(h.lists.noSource.length).toBe(truthLeads.filter((l) => l.source === "(none)").length);
    expect(h.lists.noSegment.length).toBe(truthLeads.filter((l) => l.segment === "(none)").length);
    expect(h.lists.openWithoutNextStep.length).toBe(g.truth.counts.openWithoutNextStep);
    const contacts = (l: Record<string, unknown>) =>
      ((l["_embedded"] as { contacts?: unknown[] } | undefined)?.contacts ?? []).length;
    expect(h.lists.noContact.length).toBe(live.filter((l) => contacts(l) === 0).length);
    expect(h.lists.lostWithoutReason.length).toBe(
      live.filter((l) => l["status_id"] === 143 && (l["loss_reason_id"] ?? null) === null).length,
    );
    expect(h.lists.openWithoutBudget.length).toBe(
      live.filter((l) => l["closed_at"] === null && !((l["price"] as number) > 0)).length,
    );
    expect(h.lists.noResponsible).toEqual([]);
    expect(h.lossReasons).toEqual({ count: g.raw.loss_reasons.length, max: 10, tooMany: false });
    // The demo's stage names hold no junk word.
    expect(h.junkStages).toEqual([]);
    expect(h.lists.lostWithoutReason.length).toBeGreaterThan(0);
  });
});

describe("history rows", () => {
  const g = generated();
  const window = (day: string, days: number) => {
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    const first = new Date(Date.parse(`${day}T00:00:00Z`) - (days - 1) * DAY).toISOString().slice(0, 10);
    return { from: g.calendar.startOfLocalDate(first), to: g.calendar.startOfLocalDate(next) };
  };

  it("today: one row per manager (and the department) and metric over the last 30 days, snapshots included", () => {
    const rows = historyRows(g.data, g.settings, "2026-10-31");
    const table = computeMetricsFromEnriched(g.data, { ...window("2026-10-31", 30), groupBy: "manager" });
    expect(HISTORY_WINDOW_DAYS).toBe(30);
    expect(rows.length).toBe(table.rows.length * METRICS.length);
    expect(table.rows.length).toBe(g.truth.managers.length + 1);
    for (const r of rows) {
      const want = table.rows.find((t) => t.key === r.managerId)!.metrics[r.metricId]!;
      expect([r.value, r.numerator, r.denominator]).toEqual([want.value, want.numerator, want.denominator]);
      expect(r.day).toBe("2026-10-31");
    }
    const keys = new Set(rows.map((r) => `${r.managerId}/${r.metricId}`));
    expect(keys.size).toBe(rows.length);
  });

  it("a past day: the period metrics of its own 30 days, no snapshot metrics", () => {
    const rows = historyRows(g.data, g.settings, "2026-06-15");
    expect(rows.some((r) => r.metricId === "next_step_coverage" || r.metricId === "stale_share")).toBe(false);
    const dept = computeMetricsFromEnriched(g.data, window("2026-06-15", 30)).rows[0]!.metrics;
    const sla = rows.find((r) => r.managerId === null && r.metricId === "sla_share")!;
    expect([sla.numerator, sla.denominator]).toEqual([
      dept.sla_share!.numerator,
      dept.sla_share!.denominator,
    ]);
  });

  it("rejects a bad or future day", () => {
    expect(() => historyRows(g.data, g.settings, "2026-13-01")).toThrow(/day must be a date YYYY-MM-DD/);
    expect(() => historyRows(g.data, g.settings, "2026-11-01")).toThrow(/after the data's day 2026-10-31/);
  });
});
