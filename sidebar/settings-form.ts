/**
 * The settings form. It edits a draft copy of the settings; every input is bound to a dotted path
 * of the settings object, so an error from the zod schema (the same schema the server uses, run
 * here first and again on the server) is shown under the input with that path.
 */
import { parseSettings, type Settings, type SettingsError } from "../src/core/settings";
import type { AccountView } from "../src/gas/sidebar-api-types";
import { call } from "./api";
import { h } from "./dom";
import { fieldForError, getPath, setPath } from "./paths";
import { schemaMessage, type TextId, t } from "./texts";

/** The alerts part of the settings (issue 6 contract); present once the server's schema has it. */
interface AlertsDraft {
  enabled: boolean;
  salesHeadEmails: string[];
  notifyManagers: boolean;
  quietHours: { start: string; end: string } | null;
  digest: boolean;
  endOfDayCheck: boolean;
  endOfDayAt: string;
}

type Draft = Settings & { alerts?: AlertsDraft };

type Kind = "number" | "int" | "text" | "time" | "lines" | "csv" | "csvInt" | "optInt" | "bool";

const parsers: Record<Kind, (raw: string, checked: boolean) => unknown> = {
  // An empty or unreadable number is sent as text, so the schema names the field ("expected number").
  number: (raw) => (raw.trim() === "" ? raw : Number.isFinite(Number(raw)) ? Number(raw) : raw),
  int: (raw) => (raw.trim() === "" ? raw : Number.isFinite(Number(raw)) ? Number(raw) : raw),
  text: (raw) => raw.trim(),
  time: (raw) => raw.trim(),
  lines: (raw) =>
    raw
      .split(/[\n,;]+/)
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  csv: (raw) =>
    raw
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  csvInt: (raw) =>
    raw
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "")
      .map((s) => (Number.isFinite(Number(s)) ? Number(s) : s)),
  optInt: (raw) => (raw.trim() === "" ? null : Number.isFinite(Number(raw)) ? Number(raw) : raw),
  bool: (_raw, checked) => checked,
};

function show(kind: Kind, v: unknown): string {
  if (v === null || v === undefined) return "";
  if (kind === "lines") return (v as unknown[]).join("\n");
  if (kind === "csv" || kind === "csvInt") return (v as unknown[]).join(", ");
  return String(v);
}

export interface SettingsFormDeps {
  settings: Settings;
  account: AccountView | null;
  storedErrors: SettingsError[];
  onSaved(s: Settings): void;
}

export function settingsForm(deps: SettingsFormDeps): HTMLElement {
  const draft = structuredClone(deps.settings) as Draft;
  const paths: string[] = [];
  const form = h("form", { id: "settings-form", novalidate: true });
  const summary = h("div", { class: "form-summary", id: "settings-summary", role: "status" });

  function errorSlot(path: string): HTMLElement {
    paths.push(path);
    return h("div", { class: "field-error", "data-error-for": path });
  }

  function input(path: string, label: TextId, kind: Kind, extra: Record<string, string> = {}): HTMLElement {
    const id = `f-${path.replace(/\./g, "-")}`;
    const value = getPath(draft, path);
    const onchange = (e: Event) => {
      const el = e.target as HTMLInputElement | HTMLTextAreaElement;
      setPath(
        draft as unknown as Record<string, unknown>,
        path,
        parsers[kind](el.value, (el as HTMLInputElement).checked),
      );
    };
    if (kind === "bool") {
      return h(
        "div",
        { class: "form-group inline-check" },
        h(
          "label",
          { for: id },
          h("input", { id, type: "checkbox", "data-path": path, checked: value === true, onchange }),
          ` ${t(label)}`,
        ),
        errorSlot(path),
      );
    }
    const control =
      kind === "lines"
        ? h("textarea", { id, rows: 3, "data-path": path, onchange }, show(kind, value))
        : h("input", {
            id,
            type: kind === "time" ? "time" : "text",
            inputmode: kind === "number" || kind === "int" || kind === "optInt" ? "decimal" : null,
            "data-path": path,
            value: show(kind, value),
            onchange,
            ...extra,
          });
    return h("div", { class: "form-group" }, h("label", { for: id }, t(label)), control, errorSlot(path));
  }

  function select(
    path: string,
    label: TextId,
    options: { value: string; text: string }[],
    toValue: (s: string) => unknown,
  ): HTMLElement {
    const id = `f-${path.replace(/\./g, "-")}`;
    const current = String(getPath(draft, path) ?? "");
    const el = h(
      "select",
      {
        id,
        "data-path": path,
        onchange: (e: Event) =>
          setPath(
            draft as unknown as Record<string, unknown>,
            path,
            toValue((e.target as HTMLSelectElement).value),
          ),
      },
      options.map((o) => h("option", { value: o.value, selected: o.value === current }, o.text)),
    );
    return h("div", { class: "form-group" }, h("label", { for: id }, t(label)), el, errorSlot(path));
  }

  const section = (title: TextId, ...children: (Node | null)[]) =>
    h("fieldset", {}, h("legend", {}, t(title)), ...children);

  // Language
  form.append(
    select(
      "locale",
      "s.locale",
      [
        { value: "ru", text: "Русский" },
        { value: "en", text: "English" },
      ],
      (s) => s,
    ),
  );

  // Pipelines and fields: choices from the connected account, plain ids otherwise.
  const account = deps.account;
  if (account && account.pipelines.length > 0) {
    paths.push("pipelineIds");
    const boxes = account.pipelines.map((p) =>
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          "data-pipeline": p.id,
          checked: draft.pipelineIds.includes(p.id),
          onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            draft.pipelineIds = on
              ? [...new Set([...draft.pipelineIds, p.id])]
              : draft.pipelineIds.filter((x) => x !== p.id);
          },
        }),
        ` ${p.name}`,
      ),
    );
    form.append(
      section(
        "s.pipelines",
        h("div", { "data-path": "pipelineIds" }, boxes),
        h("div", { class: "field-error", "data-error-for": "pipelineIds" }),
      ),
    );
  } else {
    form.append(section("s.pipelines", input("pipelineIds", "s.pipelineIds", "csvInt")));
  }
  const fieldChoice = (path: string, label: TextId) =>
    account && account.fields.length > 0
      ? select(
          path,
          label,
          [
            { value: "", text: t("s.fieldNone") },
            ...account.fields.map((f) => ({ value: String(f.id), text: f.name })),
          ],
          (s) => (s === "" ? null : Number(s)),
        )
      : input(path, label, "optInt");
  form.append(
    fieldChoice("sourceFieldId", "s.sourceField"),
    fieldChoice("segmentFieldId", "s.segmentField"),
    fieldChoice("channelFieldId", "s.channelField"),
  );

  // Lead class rules
  const classes = ["hot", "warm", "cold"].map((c) => ({ value: c, text: t(`s.class.${c}` as TextId) }));
  const rulesBox = h("div", { class: "rules" });
  const renderRules = () => {
    rulesBox.replaceChildren(
      ...draft.classRules.map((_r, i) =>
        h(
          "div",
          { class: "rule" },
          select(
            `classRules.${i}.field`,
            "s.rule.field",
            [
              { value: "channel", text: t("s.field.channel") },
              { value: "source", text: t("s.field.source") },
            ],
            (s) => s,
          ),
          input(`classRules.${i}.values`, "s.rule.values", "csv"),
          select(`classRules.${i}.class`, "s.defaultClass", classes, (s) => s),
          h(
            "button",
            {
              type: "button",
              class: "link",
              onclick: () => {
                draft.classRules.splice(i, 1);
                renderRules();
              },
            },
            t("s.rule.remove"),
          ),
        ),
      ),
    );
  };
  renderRules();
  form.append(
    section(
      "s.classRules",
      rulesBox,
      h(
        "button",
        {
          type: "button",
          class: "link",
          onclick: () => {
            draft.classRules.push({ field: "channel", values: [], class: "warm" });
            renderRules();
          },
        },
        t("s.rule.add"),
      ),
      select("defaultClass", "s.defaultClass", classes, (s) => s),
    ),
  );

  form.append(
    section(
      "s.sla",
      input("sla.hotMinutes", "s.sla.hot", "number"),
      input("sla.warmMinutes", "s.sla.warm", "number"),
      input("sla.coldNextWorkingDays", "s.sla.cold", "int"),
    ),
  );

  // Working calendar
  const days = h(
    "div",
    { class: "days", "data-path": "calendar.workingDays" },
    [1, 2, 3, 4, 5, 6, 7].map((d) =>
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          "data-day": d,
          checked: draft.calendar.workingDays.includes(d),
          onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            const set = new Set(draft.calendar.workingDays);
            if (on) set.add(d);
            else set.delete(d);
            draft.calendar.workingDays = [...set].sort();
          },
        }),
        t(`day.${d}` as TextId),
      ),
    ),
  );
  form.append(
    section(
      "s.calendar",
      input("calendar.timezone", "s.tz", "text"),
      h("div", { class: "form-group" }, h("label", {}, t("s.days")), days, errorSlot("calendar.workingDays")),
      input("calendar.workStart", "s.start", "time"),
      input("calendar.workEnd", "s.end", "time"),
      input("calendar.holidays", "s.holidays", "lines"),
      input("calendar.extraWorkingDays", "s.extraDays", "lines"),
    ),
  );

  // Control period per stage (of the account's pipelines), then the default.
  const stageInputs: HTMLElement[] = [];
  for (const p of account?.pipelines ?? []) {
    for (const st of p.stages) {
      if (st.id === 142 || st.id === 143) continue; // won / lost: closed, no control period
      const key = `${p.id}:${st.id}`;
      const path = `controlPeriodDays.${key}`;
      const id = `f-cp-${p.id}-${st.id}`;
      stageInputs.push(
        h(
          "div",
          { class: "form-group" },
          h("label", { for: id }, `${p.name} → ${st.name}`),
          h("input", {
            id,
            type: "text",
            inputmode: "decimal",
            "data-path": path,
            placeholder: String(draft.defaultControlPeriodDays),
            value: draft.controlPeriodDays[key] === undefined ? "" : String(draft.controlPeriodDays[key]),
            onchange: (e: Event) => {
              const raw = (e.target as HTMLInputElement).value.trim();
              if (raw === "") delete draft.controlPeriodDays[key];
              else
                draft.controlPeriodDays[key] = (Number.isFinite(Number(raw)) ? Number(raw) : raw) as number;
            },
          }),
          errorSlot(path),
        ),
      );
    }
  }
  form.append(
    section("s.control", ...stageInputs, input("defaultControlPeriodDays", "s.controlDefault", "number")),
  );

  const th = draft.thresholds;
  form.append(
    section(
      "s.thresholds",
      ...(Object.keys(th) as (keyof typeof th)[]).map((k) =>
        input(`thresholds.${k}`, `s.t.${k}` as TextId, "number"),
      ),
    ),
  );

  if (draft.alerts) {
    const a = draft.alerts;
    form.append(
      section(
        "s.alerts",
        input("alerts.enabled", "s.alerts.enabled", "bool"),
        input("alerts.salesHeadEmails", "s.alerts.emails", "lines"),
        input("alerts.notifyManagers", "s.alerts.notifyManagers", "bool"),
        a.quietHours ? input("alerts.quietHours.start", "s.alerts.quietStart", "time") : null,
        a.quietHours ? input("alerts.quietHours.end", "s.alerts.quietEnd", "time") : null,
        input("alerts.digest", "s.alerts.digest", "bool"),
        input("alerts.endOfDayCheck", "s.alerts.endOfDayCheck", "bool"),
        input("alerts.endOfDayAt", "s.alerts.endOfDayAt", "time"),
      ),
    );
  }

  const saveButton = h(
    "button",
    { type: "submit", class: "action", id: "settings-save" },
    t("settings.save"),
  );
  form.append(summary, saveButton);

  function showErrors(errors: SettingsError[]): void {
    for (const el of form.querySelectorAll<HTMLElement>("[data-error-for]")) el.textContent = "";
    for (const el of form.querySelectorAll<HTMLElement>(".invalid")) el.classList.remove("invalid");
    const loose: string[] = [];
    for (const raw of errors) {
      const e = { path: raw.path, message: schemaMessage(raw.message) };
      const field = fieldForError(e.path, paths);
      const slot =
        field === null ? null : form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(field)}"]`);
      if (field === null || !slot) {
        loose.push(`${e.path}: ${e.message}`);
        continue;
      }
      slot.textContent = slot.textContent ? `${slot.textContent}; ${e.message}` : e.message;
      form.querySelector(`[data-path="${CSS.escape(field)}"]`)?.classList.add("invalid");
    }
    summary.className = errors.length > 0 ? "form-summary error" : "form-summary";
    summary.textContent = errors.length > 0 ? [t("settings.invalid"), ...loose].join(" · ") : "";
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    // Same schema as the server: most mistakes are shown without a round trip.
    const local = parseSettings(draft);
    if (!local.ok) {
      showErrors(local.errors);
      return;
    }
    saveButton.setAttribute("disabled", "");
    call("sidebarSaveSettings", draft)
      .then((r) => {
        if (!r.ok) {
          showErrors(r.errors);
          return;
        }
        showErrors([]);
        summary.className = "form-summary ok";
        summary.textContent = t("settings.saved");
        deps.onSaved(r.settings);
      })
      .catch((err: Error) => {
        summary.className = "form-summary error";
        summary.textContent = t("err.server", { detail: err.message });
      })
      .finally(() => saveButton.removeAttribute("disabled"));
  });

  if (deps.storedErrors.length > 0) {
    showErrors(deps.storedErrors);
    summary.textContent = `${t("settings.storedInvalid")} · ${summary.textContent}`;
  }
  return form;
}
