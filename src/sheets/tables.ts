/**
 * The raw tables the sync keeps: one sheet per table, named by the table id, with a header row in
 * the user's language and one row per CRM object. Each table is also a named range of the same
 * name (header + data) that the custom functions take as their argument.
 *
 * Column ids are stable snake_case (code and custom functions use them); headers are what the
 * user sees. Columns are found by header text in either language (or by the id itself), so a
 * user who moves our columns, or switches the add-on's language, breaks nothing; see findColumns.
 */
import type { Locale } from "../core/i18n";

/**
 * - number: a finite number (ids, money, counts, minutes);
 * - text: our own short text (codes such as "won", keys such as "12:142", links);
 * - crm_text: free text that comes from the CRM (deal names, source, loss reasons, task text...),
 *   untrusted: a web form can put `=IMPORTXML(...)` there. Both text kinds are written so they can
 *   never become formulas (cells.ts); the distinction documents which columns carry foreign text.
 * - date: an instant (epoch ms in rows, a date-time cell in the sheet, spreadsheet timezone);
 * - bool: TRUE / FALSE.
 */
export type ColumnType = "number" | "text" | "date" | "bool" | "crm_text";

export interface ColumnDef {
  readonly id: string;
  readonly ru: string;
  readonly en: string;
  readonly type: ColumnType;
  /** Sheets number format applied to the column's data cells when the sheet is built. */
  readonly numberFormat?: string;
  /** Computed by enrichment (src/core/enrich.ts), rewritten when settings change. */
  readonly derived?: true;
  /** Headers an earlier version wrote for this column: a sheet it left is still found by them. */
  readonly formerHeaders?: readonly string[];
}

export interface TableDef<C extends readonly ColumnDef[] = readonly ColumnDef[]> {
  /** Sheet name and named-range name. */
  readonly id: string;
  /** The id of the key column: one row per key value. */
  readonly key: C[number]["id"];
  readonly columns: C;
}

export type ColumnIdOf<T extends TableDef> = T["columns"][number]["id"];

/** What a row may hold: numbers, text, booleans, instants as epoch ms (date columns), null = empty. */
export type RowValue = string | number | boolean | Date | null | undefined;
export type RowOf<T extends TableDef> = { [K in ColumnIdOf<T>]?: RowValue };

const FMT_ID = "0";
const FMT_INT = "0";
const FMT_MONEY = "#,##0.##";
const FMT_DEC1 = "0.0";
const FMT_DATE = "yyyy-mm-dd hh:mm";

/** A column definition (every table's, amo_daily's too: src/sheets/daily-table.ts). */
export function col<const I extends string>(
  id: I,
  type: ColumnType,
  ru: string,
  en: string,
  extra: { numberFormat?: string; derived?: true; formerHeaders?: readonly string[] } = {},
): ColumnDef & { readonly id: I } {
  // Text columns keep the Automatic format on purpose: in a plain-text ("@") cell Sheets would keep
  // the apostrophe that the USER_ENTERED path prefixes (cells.ts), corrupting the text and its ids.
  const numberFormat = extra.numberFormat ?? (type === "date" ? FMT_DATE : undefined);
  return {
    id,
    ru,
    en,
    type,
    ...(numberFormat ? { numberFormat } : {}),
    ...(extra.derived ? { derived: true } : {}),
    ...(extra.formerHeaders ? { formerHeaders: extra.formerHeaders } : {}),
  };
}

function table<const C extends readonly ColumnDef[]>(
  id: string,
  key: C[number]["id"],
  columns: C,
): TableDef<C> {
  return { id, key, columns };
}

const D = { derived: true } as const;

export const LEADS = table("amo_leads", "lead_id", [
  col("lead_id", "number", "ID сделки", "Deal ID", { numberFormat: FMT_ID }),
  col("name", "crm_text", "Название сделки", "Deal name"),
  col("price", "number", "Бюджет", "Budget", { numberFormat: FMT_MONEY }),
  col("pipeline_id", "number", "ID воронки", "Pipeline ID", { numberFormat: FMT_ID }),
  col("pipeline", "crm_text", "Воронка", "Pipeline"),
  col("status_id", "number", "ID этапа", "Stage ID", { numberFormat: FMT_ID }),
  col("status", "crm_text", "Этап", "Stage"),
  col("status_kind", "text", "Тип этапа", "Stage type"),
  col("responsible_id", "number", "ID ответственного", "Responsible ID", { numberFormat: FMT_ID }),
  col("manager", "crm_text", "Менеджер", "Manager"),
  col(
    "responsible_at_creation_id",
    "number",
    "ID ответственного при создании",
    "Responsible at creation ID",
    {
      numberFormat: FMT_ID,
    },
  ),
  col("created_at", "date", "Создана", "Created"),
  col("updated_at", "date", "Изменена", "Updated"),
  col("closed_at", "date", "Закрыта", "Closed"),
  col("source", "crm_text", "Источник", "Source"),
  col("segment", "crm_text", "Сегмент", "Segment"),
  col("channel", "crm_text", "Канал", "Channel"),
  col("loss_reason_id", "number", "ID причины отказа", "Loss reason ID", { numberFormat: FMT_ID }),
  col("loss_reason", "crm_text", "Причина отказа", "Loss reason"),
  col("contact_ids", "text", "ID контактов", "Contact IDs"),
  col("url", "text", "Ссылка на сделку", "Deal link"),
  col("lead_class", "text", "Класс лида", "Lead class", D),
  col("first_response_at", "date", "Дата первого ответа", "First response at", D),
  col("first_response_min", "number", "Время первого ответа, мин", "First response, min", {
    ...D,
    numberFormat: FMT_DEC1,
  }),
  col("answered", "bool", "Отвечен", "Answered", D),
  col("sla_deadline", "date", "Срок SLA", "SLA deadline", D),
  col("sla_status", "text", "Статус SLA", "SLA status", D),
  col("touches", "number", "Касаний", "Touches", { ...D, numberFormat: FMT_INT }),
  col("touches_to_win", "number", "Касаний до успеха", "Touches to win", { ...D, numberFormat: FMT_INT }),
  col("has_next_step", "bool", "Есть следующий шаг", "Has next step", D),
  col("stage_entered_at", "date", "На этапе с", "In stage since", D),
  col("days_in_stage", "number", "Дней на этапе", "Days in stage", { ...D, numberFormat: FMT_DEC1 }),
  col("is_stale", "bool", "Зависла", "Stale", D),
]);

export const STAGE_MOVES = table("amo_stage_moves", "move_id", [
  col("move_id", "text", "ID события", "Event ID"),
  col("lead_id", "number", "ID сделки", "Deal ID", { numberFormat: FMT_ID }),
  col("at", "date", "Время", "Time"),
  col("from_pipeline_id", "number", "Из воронки (ID)", "From pipeline ID", { numberFormat: FMT_ID }),
  col("from_status_id", "number", "Из этапа (ID)", "From stage ID", { numberFormat: FMT_ID }),
  col("to_pipeline_id", "number", "В воронку (ID)", "To pipeline ID", { numberFormat: FMT_ID }),
  col("to_status_id", "number", "В этап (ID)", "To stage ID", { numberFormat: FMT_ID }),
  col("by_user_id", "number", "Кто перевёл (ID)", "Moved by (user ID)", { numberFormat: FMT_ID }),
]);

export const TASKS = table("amo_tasks", "task_id", [
  col("task_id", "number", "ID задачи", "Task ID", { numberFormat: FMT_ID }),
  col("lead_id", "number", "ID сделки", "Deal ID", { numberFormat: FMT_ID }),
  col("responsible_id", "number", "ID ответственного", "Responsible ID", { numberFormat: FMT_ID }),
  col("type_id", "number", "Тип задачи (ID)", "Task type ID", { numberFormat: FMT_ID }),
  col("text", "crm_text", "Текст задачи", "Task text"),
  col("created_at", "date", "Создана", "Created"),
  col("due_at", "date", "Срок", "Due"),
  col("is_completed", "bool", "Выполнена", "Completed"),
  col("completed_at", "date", "Когда выполнена", "Completed at"),
]);

export const TOUCHES = table("amo_touches", "touch_id", [
  col("touch_id", "text", "ID касания", "Touch ID"),
  col("lead_id", "number", "ID сделки", "Deal ID", { numberFormat: FMT_ID }),
  col("at", "date", "Время", "Time"),
  col("user_id", "number", "ID пользователя", "User ID", { numberFormat: FMT_ID }),
  col("channel", "text", "Канал", "Channel"),
  col("direction", "text", "Направление", "Direction"),
  col("completed", "bool", "Состоялось", "Took place"),
  col("counted", "bool", "Засчитано", "Counted", D),
]);

export const USERS = table("amo_users", "user_id", [
  col("user_id", "number", "ID пользователя", "User ID", { numberFormat: FMT_ID }),
  col("name", "crm_text", "Имя", "Name"),
  col("is_active", "bool", "Активен", "Active"),
  col("group_id", "number", "ID группы", "Group ID", { numberFormat: FMT_ID }),
]);

export const STAGES = table("amo_stages", "stage_key", [
  col("stage_key", "text", "Ключ этапа", "Stage key"),
  col("pipeline_id", "number", "ID воронки", "Pipeline ID", { numberFormat: FMT_ID }),
  col("pipeline", "crm_text", "Воронка", "Pipeline"),
  col("status_id", "number", "ID этапа", "Stage ID", { numberFormat: FMT_ID }),
  col("name", "crm_text", "Этап", "Stage"),
  col("sort", "number", "Порядок", "Sort order", { numberFormat: FMT_INT }),
  col("kind", "text", "Тип этапа", "Stage type"),
  col("control_period_days", "number", "Контрольный срок, дней", "Control period, days", {
    ...D,
    numberFormat: "0.##",
  }),
]);

export const LOSS_REASONS = table("amo_loss_reasons", "loss_reason_id", [
  col("loss_reason_id", "number", "ID причины", "Loss reason ID", { numberFormat: FMT_ID }),
  col("name", "crm_text", "Причина отказа", "Loss reason"),
]);

export const TABLES = [LEADS, STAGE_MOVES, TASKS, TOUCHES, USERS, STAGES, LOSS_REASONS] as const;
export type AnyTable = (typeof TABLES)[number];

export function tableById(id: string): TableDef | undefined {
  return TABLES.find((t) => t.id === id);
}

export function header(column: ColumnDef, locale: Locale): string {
  return locale === "en" ? column.en : column.ru;
}

export function headerRow(t: TableDef, locale: Locale): string[] {
  return t.columns.map((c) => header(c, locale));
}

export function keyColumn(t: TableDef): ColumnDef {
  return t.columns.find((c) => c.id === t.key)!;
}

/**
 * Header text as compared: Unicode NFKC (full-width letters → ASCII), ё → е, case-folded, every run
 * of whitespace (incl. non-breaking spaces and line breaks) as one space, trimmed.
 */
export function normalizeHeader(text: unknown): string {
  if (text === null || text === undefined) return "";
  return String(text)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, " ")
    .trim();
}

/**
 * Every text that names `column` in a header cell: the Russian and English headers, the id and
 * any former header.
 */
export function headerAliases(column: ColumnDef): string[] {
  const names = [column.ru, column.en, column.id, ...(column.formerHeaders ?? [])];
  return [...new Set(names.map(normalizeHeader))];
}

export interface ColumnMatch<T extends TableDef = TableDef> {
  /** 0-based index of each of our columns in the header row; -1 when absent. */
  index: Record<ColumnIdOf<T>, number>;
  /** Our columns not found (in table order). */
  missing: ColumnIdOf<T>[];
  /** Header positions (0-based) whose text names none of our columns: the user's own columns. */
  userColumns: number[];
  /** Our columns whose header appears more than once: the first is used, the rest are left alone. */
  duplicated: { id: ColumnIdOf<T>; positions: number[] }[];
}

const aliasCache = new WeakMap<TableDef, Map<string, string>>();

function aliasMap(t: TableDef): Map<string, string> {
  let m = aliasCache.get(t);
  if (!m) {
    m = new Map();
    for (const c of t.columns) for (const a of headerAliases(c)) m.set(a, c.id);
    aliasCache.set(t, m);
  }
  return m;
}

/** The column id that a header cell names, or null (a user column or an empty cell). */
export function columnForHeader(t: TableDef, text: unknown): string | null {
  const n = normalizeHeader(text);
  return n === "" ? null : (aliasMap(t).get(n) ?? null);
}

/**
 * Find our columns in a header row by their text in either language (or their id), ignoring case
 * and whitespace. Custom functions call this with the first row of their range argument; the
 * writers call it with row 1 of the sheet. Empty header cells are neither ours nor the user's.
 */
export function findColumns<T extends TableDef>(headerCells: readonly unknown[], t: T): ColumnMatch<T> {
  const aliases = aliasMap(t);
  const index = {} as Record<string, number>;
  for (const c of t.columns) index[c.id] = -1;
  const userColumns: number[] = [];
  const seen = new Map<string, number[]>();
  headerCells.forEach((cell, i) => {
    const n = normalizeHeader(cell);
    if (n === "") return;
    const id = aliases.get(n);
    if (id === undefined) {
      userColumns.push(i);
      return;
    }
    const list = seen.get(id);
    if (list) list.push(i);
    else {
      seen.set(id, [i]);
      index[id] = i;
    }
  });
  const missing = t.columns.filter((c) => index[c.id] === -1).map((c) => c.id);
  const duplicated = [...seen].filter(([, p]) => p.length > 1).map(([id, positions]) => ({ id, positions }));
  return {
    index: index as Record<ColumnIdOf<T>, number>,
    missing: missing as ColumnIdOf<T>[],
    userColumns,
    duplicated: duplicated as { id: ColumnIdOf<T>; positions: number[] }[],
  };
}
