/** Hand-made API objects → the rows core reads, with values worked out by hand. */
import { describe, expect, it } from "vitest";
import { mapAccountData, mapLead, normalizeChannel } from "../../src/amo/mapping";
import { pipelineSchema, userSchema } from "../../src/amo/schemas/dictionaries";
import { leadSchema, taskSchema } from "../../src/amo/schemas/entities";
import { eventSchema, noteSchema } from "../../src/amo/schemas/events";
import type { Lead, Touch } from "../../src/core/model";
import { isCountedTouch } from "../../src/core/touches";
import { makeEvent, makeLead, makeNote, makeTask, T0 } from "./fake/data";

const lead = (id: number, over = {}) => leadSchema.parse(makeLead(id, over));
const ev = (...a: Parameters<typeof makeEvent>) => eventSchema.parse(makeEvent(...a));
const S = (unix: number) => unix * 1000;
const cf = (field_id: number, value: unknown, extra = {}) => ({ field_id, values: [{ value }], ...extra });

describe("leads", () => {
  it("map fields, times in ms, contacts, price with minor units", () => {
    const l = mapLead(
      lead(1, {
        price: 1500,
        price_with_minor_units: 1500.5,
        status_id: 142,
        closed_at: T0 + 500,
        responsible_user_id: 77,
        loss_reason_id: null,
        _embedded: {
          tags: [],
          companies: [],
          contacts: [
            { id: 11, is_main: true },
            { id: 12, is_main: false },
          ],
        },
      }),
      {},
      55,
    );
    expect(l).toEqual<Lead>({
      id: 1,
      name: "Сделка 1",
      price: 1500.5,
      pipelineId: 10,
      statusId: 142,
      responsibleUserId: 77,
      responsibleAtCreationId: 55,
      createdAt: S(T0 + 1),
      updatedAt: S(T0 + 10_001),
      closedAt: S(T0 + 500),
      isDeleted: false,
      source: null,
      segment: null,
      channel: null,
      lossReasonId: null,
      contactIds: [11, 12],
    });
  });

  it("keep closedAt only while closed; a closed lead without closed_at uses updated_at", () => {
    expect(mapLead(lead(1, { status_id: 20, closed_at: T0 })).closedAt).toBeNull();
    expect(mapLead(lead(2, { status_id: 143, closed_at: null })).closedAt).toBe(S(T0 + 10_002));
  });

  it("source: the mapped field when one is chosen (empty → null)", () => {
    const fields = [
      cf(501, "Реклама ВК"),
      cf(777, "yandex", { field_code: "UTM_SOURCE", field_name: "utm_source" }),
      cf(502, "Крупный бизнес"),
    ];
    const embedded = { tags: [], companies: [], source: { id: 1, name: "Сайт" } };
    const opts = { sourceFieldId: 501, segmentFieldId: 502 };
    expect(mapLead(lead(1, { custom_fields_values: fields, _embedded: embedded }), opts)).toMatchObject({
      source: "Реклама ВК",
      segment: "Крупный бизнес",
    });
    expect(
      mapLead(lead(2, { custom_fields_values: fields.slice(1), _embedded: embedded }), opts),
    ).toMatchObject({
      source: null,
      segment: "Крупный бизнес",
    });
    expect(mapLead(lead(5), opts)).toMatchObject({ source: null, segment: null });
  });

  it("source without a mapped field: amoCRM's source, else utm_source, else null", () => {
    const utm = cf(777, "yandex", { field_code: "UTM_SOURCE", field_name: "utm_source" });
    const embedded = { tags: [], companies: [], source: { id: 1, name: "Сайт" } };
    expect(mapLead(lead(1, { custom_fields_values: [utm], _embedded: embedded })).source).toBe("Сайт");
    expect(mapLead(lead(2, { custom_fields_values: [utm] }), { sourceFieldId: null }).source).toBe("yandex");
    expect(
      mapLead(lead(3, { custom_fields_values: [cf(9, "x", { field_name: "UTM_SOURCE" })] })).source,
    ).toBe("x");
    expect(mapLead(lead(4)).source).toBeNull();
  });

  it("channel: the mapped field, normalised", () => {
    const l = lead(1, { custom_fields_values: [cf(600, "Входящий звонок")] });
    expect(mapLead(l, { channelFieldId: 600 }).channel).toBe("call");
    expect(mapLead(l, {}).channel).toBeNull();
  });

  it("loss reason from the field or the embedded reason", () => {
    const embedded = { tags: [], companies: [], loss_reason: [{ id: 9, name: "Дорого" }] };
    expect(mapLead(lead(1, { status_id: 143, loss_reason_id: null, _embedded: embedded })).lossReasonId).toBe(
      9,
    );
  });
});

describe("channel names", () => {
  it.each([
    ["Звонок", "call"],
    ["звонки", "call"],
    ["SIP", "call"],
    ["Обратный звонок", "call"],
    ["Чат", "chat"],
    ["Онлайн-чат", "chat"],
    ["Telegram", "chat"],
    ["WhatsApp", "chat"],
    ["Виджет", "widget"],
    ["Виджет на сайте", "widget"],
    ["Форма", "form"],
    ["Заявка с сайта", "form"],
    ["Web form", "form"],
    ["Почта", "email"],
    ["E-mail", "email"],
    ["Почта/E-mail", "email"],
    ["Электронная почта", "email"],
    ["Соцсети", "social"],
    ["Соц. сети", "social"],
    ["ВКонтакте", "social"],
    ["Другое", "other"],
    ["Выставка", null],
    ["", null],
  ])("%s → %s", (raw, want) => {
    expect(normalizeChannel(raw)).toBe(want);
  });
});

describe("a whole account", () => {
  const C = { type: "contact", id: 900 };
  const leads = [
    // Contact 900 has three deals: an old one closed before the calls, and two open ones.
    lead(1, { created_at: T0, status_id: 143, closed_at: T0 + 100, _embedded: { contacts: [{ id: 900 }] } }),
    lead(2, { created_at: T0 + 200, _embedded: { contacts: [{ id: 900 }] } }),
    lead(3, { created_at: T0 + 300, _embedded: { contacts: [{ id: 900 }, { id: 901 }] } }),
    lead(4, { created_at: T0 + 50, is_deleted: true, _embedded: { contacts: [{ id: 902 }] } }),
  ];
  const notes = [
    noteSchema.parse(makeNote(71, 2, "call_out", { call_status: 4, duration: 95 })),
    noteSchema.parse(makeNote(72, 900, "call_in", { call_status: 6, duration: 0 })),
    noteSchema.parse(makeNote(73, 900, "call_in", { call_status: "4", duration: "0" })),
    noteSchema.parse(makeNote(74, 3, "call_out", { call_status: 3, duration: 0 })),
  ];
  const events = [
    ev("r1", "entity_responsible_changed", { type: "lead", id: 2 }, T0 + 900, {
      before: [{ responsible_user: { id: 33 } }],
      after: [{ responsible_user: { id: 44 } }],
    }),
    ev("r0", "entity_responsible_changed", { type: "lead", id: 2 }, T0 + 250, {
      before: [{ responsible_user: { id: 22 } }],
      after: [{ responsible_user: { id: 33 } }],
    }),
    ev("s1", "lead_status_changed", { type: "lead", id: 2 }, T0 + 400, {
      before: [{ lead_status: { id: 20, pipeline_id: 10 } }],
      after: [{ lead_status: { id: 21, pipeline_id: 10 } }],
      by: 0,
    }),
    ev("s2", "lead_status_changed", { type: "lead", id: 3 }, T0 + 500, {
      after: [{ lead_status: { id: 142, pipeline_id: 10 } }],
      by: 44,
    }),
    ev("c1", "outgoing_call", { type: "lead", id: 2 }, T0 + 210, { after: [{ note: { id: 71 } }], by: 44 }),
    // On the contact after lead 3 was created: lead 3 (the newest open one), unanswered.
    ev("c2", "incoming_call", C, T0 + 350, { after: [{ note: { id: 72 } }], by: 44 }),
    // On the contact between lead 2 and lead 3: lead 2; answered (status "4").
    ev("c3", "incoming_call", C, T0 + 250, { after: [{ note: { id: 73 } }], by: 45 }),
    // Before any deal of the contact was open (lead 1 was closed at +100, lead 2 begins at +200).
    ev("c4", "outgoing_call", C, T0 + 150, { after: [{ note: { id: 74 } }], by: 45 }),
    // Note not fetched: completed unknown.
    ev("c5", "incoming_call", { type: "lead", id: 3 }, T0 + 600, { after: [{ note: { id: 999 } }], by: 44 }),
    ev("m1", "outgoing_chat_message", { type: "lead", id: 3 }, T0 + 610, {
      after: [{ message: { id: "a-b" } }],
      by: 0,
      extra: { linked_talk_contact_id: 901 },
    }),
    ev("m2", "incoming_chat_message", { type: "lead", id: 3 }, T0 + 620, {
      after: [{ message: { id: "c-d" } }],
      by: 0,
    }),
    ev("e1", "outgoing_mail", { type: "lead", id: 2 }, T0 + 630, { by: 44 }),
    ev("e2", "incoming_mail", { type: "contact", id: 901 }, T0 + 640, { by: 0 }),
    ev("x1", "outgoing_sms", { type: "company", id: 5 }, T0 + 650, { after: [{ note: { id: 1 } }] }),
    // Contact 902's only lead is deleted: dropped.
    ev("x2", "outgoing_chat_message", { type: "contact", id: 902 }, T0 + 660),
    ev("t1", "task_completed", { type: "task", id: 300 }, T0 + 700, { by: 44 }),
  ];
  const tasks = [
    taskSchema.parse(
      makeTask(300, { entity_id: 3, task_type_id: 2, is_completed: true, updated_at: T0 + 800 }),
    ),
    taskSchema.parse(makeTask(301, { entity_id: 2, is_completed: true, updated_at: T0 + 810 })),
    taskSchema.parse(
      makeTask(302, {
        entity_id: 900,
        entity_type: "contacts",
        task_type_id: 2,
        is_completed: true,
        updated_at: T0 + 820,
      }),
    ),
    taskSchema.parse(makeTask(303, { entity_id: 2, task_type_id: 2, is_completed: false })),
    taskSchema.parse(
      makeTask(304, { entity_id: null, entity_type: null, task_type_id: 2, is_completed: true }),
    ),
  ];
  const r = mapAccountData({
    leads,
    events,
    tasks,
    notes,
    users: [
      userSchema.parse({ id: 44, name: "Анна", rights: { is_active: true, group_id: 7 } }),
      userSchema.parse({ id: 45, name: "Борис", rights: { is_active: false, group_id: null } }),
    ],
    pipelines: [
      pipelineSchema.parse({
        id: 10,
        name: "Продажи",
        sort: 1,
        _embedded: {
          statuses: [
            { id: 19, name: "Неразобранное", sort: 10, pipeline_id: 10, type: 1 },
            { id: 20, name: "Новая", sort: 20, pipeline_id: 10, type: 0 },
            { id: 142, name: "Успешно", sort: 10000, pipeline_id: 10, type: 0 },
            { id: 143, name: "Закрыто", sort: 11000, pipeline_id: 10, type: 0 },
          ],
        },
      }),
    ],
  });
  const touch = (id: string) => r.touches.find((t) => t.id === id);

  it("responsible at creation: value_before of the earliest change", () => {
    expect(r.leads.map((l) => l.responsibleAtCreationId)).toEqual([null, 22, null, null]);
  });

  it("stage moves from lead_status_changed, robots included", () => {
    expect(r.stageMoves).toEqual([
      {
        id: "s1",
        leadId: 2,
        at: S(T0 + 400),
        fromPipelineId: 10,
        fromStatusId: 20,
        toPipelineId: 10,
        toStatusId: 21,
        byUserId: 0,
      },
      {
        id: "s2",
        leadId: 3,
        at: S(T0 + 500),
        fromPipelineId: null,
        fromStatusId: null,
        toPipelineId: 10,
        toStatusId: 142,
        byUserId: 44,
      },
    ]);
  });

  it("tasks: completion from task_completed, else updated_at; lead only for entity_type leads", () => {
    expect(r.tasks.map((t) => [t.id, t.leadId, t.isCompleted, t.completedAt])).toEqual([
      [300, 3, true, S(T0 + 700)],
      [301, 2, true, S(T0 + 810)],
      [302, null, true, S(T0 + 820)],
      [303, 2, false, null],
      [304, null, true, S(T0 + 1000 + 304)],
    ]);
  });

  it("calls: answered / connected from the note; contact calls go to the lead open then", () => {
    expect(touch("c1")).toEqual<Touch>({
      id: "c1",
      leadId: 2,
      at: S(T0 + 210),
      userId: 44,
      channel: "call",
      direction: "out",
      completed: true,
    });
    expect(touch("c2")).toMatchObject({ leadId: 3, direction: "in", completed: false });
    expect(touch("c3")).toMatchObject({ leadId: 2, direction: "in", completed: true, userId: 45 });
    expect(touch("c4")).toBeUndefined();
    expect(touch("c5")).toMatchObject({ leadId: 3, completed: null });
  });

  it("chats, mail and meetings; robots and incoming kept as rows", () => {
    expect(touch("m1")).toMatchObject({ leadId: 3, channel: "chat", direction: "out", userId: 0 });
    expect(touch("m2")).toMatchObject({ leadId: 3, channel: "chat", direction: "in", userId: 0 });
    expect(touch("e1")).toMatchObject({ leadId: 2, channel: "email", direction: "out", userId: 44 });
    expect(touch("e2")).toMatchObject({ leadId: 3, channel: "email", direction: "in" });
    expect(touch("task:300")).toEqual<Touch>({
      id: "task:300",
      leadId: 3,
      at: S(T0 + 700),
      userId: 501,
      channel: "meeting",
      direction: "out",
      completed: true,
    });
    // A meeting on the contact, completed at +820: lead 3 is the newest open lead then.
    expect(touch("task:302")).toMatchObject({ leadId: 3, at: S(T0 + 820) });
    expect(touch("task:303")).toBeUndefined();
  });

  it("core's touch rule counts exactly the user-made outgoing / answered / held ones", () => {
    const counted = r.touches
      .filter(isCountedTouch)
      .map((t) => t.id)
      .sort();
    expect(counted).toEqual(["c1", "c3", "e1", "task:300", "task:302"]);
  });

  it("says what was dropped and why", () => {
    expect(r.stats).toEqual({
      dropped: {
        contact_without_open_lead: 2, // c4, x2
        unsupported_entity: 1, // x1
        meeting_without_lead: 1, // task 304
        stage_move_without_status: 0,
      },
      callsWithoutNote: 1, // c5
      contactEventsAttributed: 4, // c2, c3, e2, task 302
    });
  });

  it("dictionaries", () => {
    expect(r.users).toEqual([
      { id: 44, name: "Анна", isActive: true, groupId: 7 },
      { id: 45, name: "Борис", isActive: false, groupId: null },
    ]);
    expect(r.stages.map((s) => [s.statusId, s.kind])).toEqual([
      [19, "unsorted"],
      [20, "open"],
      [142, "won"],
      [143, "lost"],
    ]);
    expect(r.stages[0]).toMatchObject({ pipelineName: "Продажи", name: "Неразобранное", sort: 10 });
  });
});
