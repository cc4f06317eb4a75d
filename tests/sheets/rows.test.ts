import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/core/model";
import {
  datasetFromSheets,
  derivedLeadRow,
  leadRow,
  leadUrl,
  lossReasonRow,
  nameBook,
  stageMoveRow,
  stageRow,
  taskRow,
  touchRow,
  userRow,
} from "../../src/sheets/rows";
import { LEADS, LOSS_REASONS, STAGE_MOVES, STAGES, TASKS, TOUCHES, USERS } from "../../src/sheets/tables";
import { replaceAll, upsertRows, writeDerivedColumns } from "../../src/sheets/upsert";
import { FakeSpreadsheet } from "./fake-sheet";

const T = Date.UTC(2024, 2, 4, 6, 0);
const MIN = 60_000;

const ds: Dataset = {
  leads: [
    {
      id: 101,
      name: '=IMPORTXML("http://x","//a")',
      price: 150_000,
      pipelineId: 1,
      statusId: 11,
      responsibleUserId: 7,
      responsibleAtCreationId: 8,
      createdAt: T,
      updatedAt: T + 30 * MIN,
      closedAt: null,
      isDeleted: false,
      source: "+7 999 123-45-67",
      segment: null,
      channel: "call",
      lossReasonId: null,
      contactIds: [5, 6],
    },
    {
      id: 102,
      name: "Поставка",
      price: 0,
      pipelineId: 1,
      statusId: 143,
      responsibleUserId: 8,
      responsibleAtCreationId: null,
      createdAt: T + MIN,
      updatedAt: T + 90 * MIN,
      closedAt: T + 90 * MIN,
      isDeleted: false,
      source: null,
      segment: "B2B",
      channel: null,
      lossReasonId: 3,
      contactIds: [],
    },
  ],
  stageMoves: [
    {
      id: "e1f0",
      leadId: 102,
      at: T + 90 * MIN,
      fromPipelineId: 1,
      fromStatusId: 11,
      toPipelineId: 1,
      toStatusId: 143,
      byUserId: 8,
    },
    {
      id: "-17",
      leadId: 101,
      at: T + 5 * MIN,
      fromPipelineId: null,
      fromStatusId: null,
      toPipelineId: 1,
      toStatusId: 11,
      byUserId: 0,
    },
  ],
  tasks: [
    {
      id: 9001,
      leadId: 101,
      responsibleUserId: 7,
      typeId: 1,
      text: "@позвонить\nпосле обеда",
      createdAt: T,
      dueAt: T + 24 * 60 * MIN,
      isCompleted: false,
      completedAt: null,
    },
    {
      id: 9002,
      leadId: null,
      responsibleUserId: 8,
      typeId: 2,
      text: "",
      createdAt: T,
      dueAt: T + MIN,
      isCompleted: true,
      completedAt: T + 2 * MIN,
    },
  ],
  touches: [
    {
      id: "n1",
      leadId: 101,
      at: T + 3 * MIN,
      userId: 7,
      channel: "call",
      direction: "out",
      completed: false,
    },
    {
      id: "n2",
      leadId: 101,
      at: T + 4 * MIN,
      userId: 0,
      channel: "email",
      direction: "out",
      completed: null,
    },
    { id: "n3", leadId: 102, at: T + 9 * MIN, userId: 8, channel: "call", direction: "in", completed: true },
  ],
  users: [
    { id: 7, name: "Анна", isActive: true, groupId: 1 },
    { id: 8, name: "Борис", isActive: false, groupId: null },
  ],
  stages: [
    {
      pipelineId: 1,
      statusId: 11,
      pipelineName: "Продажи",
      name: "Первичный контакт",
      sort: 10,
      kind: "open",
    },
    { pipelineId: 1, statusId: 142, pipelineName: "Продажи", name: "Успешно", sort: 10000, kind: "won" },
    {
      pipelineId: 1,
      statusId: 143,
      pipelineName: "Продажи",
      name: "Закрыто и не реализовано",
      sort: 11000,
      kind: "lost",
    },
  ],
  lossReasons: [{ id: 3, name: "Дорого" }],
};

describe("rows", () => {
  it("lead rows carry names, kind and the deal link", () => {
    const names = nameBook(ds);
    const r = leadRow(ds.leads[1]!, names, "https://demo.amocrm.ru/");
    expect(r).toMatchObject({
      lead_id: 102,
      pipeline: "Продажи",
      status: "Закрыто и не реализовано",
      status_kind: "lost",
      manager: "Борис",
      loss_reason: "Дорого",
      contact_ids: "",
      url: "https://demo.amocrm.ru/leads/detail/102",
    });
    expect(leadRow(ds.leads[0]!, names, "https://demo.amocrm.ru").contact_ids).toBe("5,6");
    expect(leadUrl("https://x.kommo.com", 5)).toBe("https://x.kommo.com/leads/detail/5");
  });

  it("touch rows mark counted touches by the one rule", () => {
    expect(ds.touches.map((t) => touchRow(t).counted)).toEqual([true, false, true]);
  });

  it("a dataset written to the sheets reads back equal, whatever the write path", () => {
    for (const path of ["raw", "entered"] as const) {
      const fake = new FakeSpreadsheet({ path, timeZone: "Asia/Yekaterinburg" });
      const names = nameBook(ds);
      replaceAll(
        fake,
        LEADS,
        ds.leads.map((l) => leadRow(l, names, "https://demo.amocrm.ru")),
        { locale: "ru" },
      );
      upsertRows(fake, STAGE_MOVES, ds.stageMoves.map(stageMoveRow), { locale: "ru" });
      upsertRows(fake, TASKS, ds.tasks.map(taskRow), { locale: "ru" });
      upsertRows(fake, TOUCHES, ds.touches.map(touchRow), { locale: "ru" });
      upsertRows(fake, USERS, ds.users.map(userRow), { locale: "ru" });
      upsertRows(
        fake,
        STAGES,
        ds.stages.map((s) => stageRow(s, 7)),
        { locale: "ru" },
      );
      upsertRows(fake, LOSS_REASONS, ds.lossReasons.map(lossReasonRow), { locale: "ru" });
      expect(fake.formulas()).toEqual([]);
      // The user reorders one sheet and switches the locale of another's headers: no matter.
      fake.sortRows("amo_tasks", 1, true);
      fake.setCell("amo_users", 1, 2, "Name");
      const back = datasetFromSheets(fake, "en");
      expect(back.tasks.map((t) => t.id)).toEqual([9002, 9001]);
      expect({ ...back, tasks: [...back.tasks].reverse() }).toEqual(ds);
    }
  });

  it("derived lead values round into the derived columns", () => {
    const fake = new FakeSpreadsheet();
    const names = nameBook(ds);
    upsertRows(
      fake,
      LEADS,
      ds.leads.map((l) => leadRow(l, names, "")),
      { locale: "en" },
    );
    const r = writeDerivedColumns(
      fake,
      LEADS,
      [
        derivedLeadRow({
          id: 101,
          leadClass: "hot",
          firstTouchAt: T + 3 * MIN,
          firstResponseMinutes: 3.04,
          answered: true,
          slaDeadline: T + 10 * MIN,
          slaStatus: "met",
          touchesTotal: 1,
          touchesToWin: null,
          hasNextStep: true,
          stageEnteredAt: T + 5 * MIN,
          daysInStage: 1.23456,
          isStale: false,
        }),
      ],
      { locale: "en" },
    );
    expect(r.updated).toBe(1);
    expect(fake.column("amo_leads", "First response, min")).toEqual([3, ""]);
    // Whole days in stage (1.23456 → 1): the value changes once a day, not on every sync.
    expect(fake.column("amo_leads", "Days in stage")).toEqual([1, ""]);
    expect(fake.column("amo_leads", "SLA status")).toEqual(["met", ""]);
    expect((fake.column("amo_leads", "SLA deadline")[0] as Date).getTime()).toBe(T + 10 * MIN);
  });
});

describe("derivedLeadRow", () => {
  const base = {
    id: 7,
    leadClass: "warm",
    firstTouchAt: null,
    firstResponseMinutes: 12.345,
    answered: false,
    slaDeadline: 0,
    slaStatus: "breached",
    touchesTotal: 0,
    touchesToWin: null,
    hasNextStep: false,
    stageEnteredAt: 0,
    daysInStage: 40.9,
    isStale: false,
  };
  it("shows whole days in stage for an open deal and none for a closed one", () => {
    expect(derivedLeadRow({ ...base, isOpenAtNow: true }).days_in_stage).toBe(40);
    expect(derivedLeadRow({ ...base, isOpenAtNow: false }).days_in_stage).toBeNull();
  });
});
