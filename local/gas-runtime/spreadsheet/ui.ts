/**
 * The spreadsheet UI: menus (recorded as built), alert/prompt (answered by a scripted responder,
 * recorded with the answer) and sidebars/dialogs (recorded with their HTML).
 */
import { type ExtraMembers, enumOf, gas, INTERNAL, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import { FakeHtmlOutput } from "../services/html";

export type MenuEntry =
  | { label: string; functionName: string }
  | { separator: true }
  | { submenu: MenuRecord };

export interface MenuRecord {
  /** "addon" = Ui.createAddonMenu() (shown under Extensions with the add-on's name). */
  kind: "addon" | "custom";
  title: string;
  items: MenuEntry[];
}

export type ButtonName = "OK" | "CANCEL" | "YES" | "NO" | "CLOSE";
export type ButtonSetName = "OK" | "OK_CANCEL" | "YES_NO" | "YES_NO_CANCEL";

export interface DialogRequest {
  kind: "alert" | "prompt";
  title: string;
  prompt: string;
  buttons: ButtonSetName;
}

export interface DialogAnswer {
  button: ButtonName;
  /** The prompt's text. */
  text?: string;
}

export interface HtmlShown {
  kind: "sidebar" | "modal" | "modeless";
  title: string;
  html: string;
  width: number | undefined;
  height: number | undefined;
}

/** What the UI did, across executions; the runtime exposes it to tests. */
export interface UiState {
  menus: MenuRecord[];
  dialogs: (DialogRequest & { answer: DialogAnswer })[];
  shown: HtmlShown[];
  lastSidebar: HtmlShown | undefined;
  /** Answers alerts and prompts; default: the first button (OK or YES), empty text. */
  respond: (d: DialogRequest) => DialogAnswer;
}

export function defaultRespond(d: DialogRequest): DialogAnswer {
  return { button: d.buttons.startsWith("YES") ? "YES" : "OK", text: "" };
}

const UI = meta("ui", "Ui");
const MENU = meta("ui", "Menu");
const PROMPT = meta("ui", "PromptResponse");

export const UI_ENUMS = {
  Button: enumOf(["CLOSE", "OK", "CANCEL", "YES", "NO"]),
  ButtonSet: enumOf(["OK", "OK_CANCEL", "YES_NO", "YES_NO_CANCEL"]),
} as const;

type GUi = GoogleAppsScript.Base.Ui;
type GMenu = GoogleAppsScript.Base.Menu;
type GButton = GoogleAppsScript.Base.Button;

export class FakeUi
  implements
    Pick<
      GUi,
      | "Button"
      | "ButtonSet"
      | "alert"
      | "createAddonMenu"
      | "createMenu"
      | "prompt"
      | "showModalDialog"
      | "showModelessDialog"
      | "showSidebar"
    >
{
  readonly [FAKE] = UI;
  readonly Button = UI_ENUMS.Button as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = UI_ENUMS.ButtonSet as unknown as typeof GoogleAppsScript.Base.ButtonSet;

  constructor(
    private readonly state: UiState,
    private readonly addonName: string,
  ) {}

  createAddonMenu(): GMenu {
    return gas(new FakeMenu(this.state, { kind: "addon", title: this.addonName, items: [] }));
  }
  createMenu(caption: string): GMenu {
    return gas(new FakeMenu(this.state, { kind: "custom", title: str(caption), items: [] }));
  }
  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). */
  alert(a: string, b?: unknown, c?: unknown): GButton {
    return this.ask("alert", a, b, c).button as unknown as GButton;
  }
  prompt(a: string, b?: unknown, c?: unknown): GoogleAppsScript.Base.PromptResponse {
    return gas(new FakePromptResponse(this.ask("prompt", a, b, c)));
  }
  private ask(kind: "alert" | "prompt", a: string, b?: unknown, c?: unknown): DialogAnswer {
    const hasTitle = c !== undefined;
    const request: DialogRequest = {
      kind,
      title: hasTitle ? str(a) : "",
      prompt: hasTitle ? str(b) : str(a),
      buttons: String((hasTitle ? c : b) ?? (kind === "alert" ? "OK" : "OK")) as ButtonSetName,
    };
    const answer = this.state.respond(request);
    this.state.dialogs.push({ ...request, answer });
    return answer;
  }
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const shown = FakeHtmlOutput.snapshot(userInterface, "sidebar");
    this.state.shown.push(shown);
    this.state.lastSidebar = shown;
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.state.shown.push({ ...FakeHtmlOutput.snapshot(userInterface, "modal"), title: str(title) });
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.state.shown.push({ ...FakeHtmlOutput.snapshot(userInterface, "modeless"), title: str(title) });
  }
}

export class FakeMenu implements Pick<GMenu, "addItem" | "addSeparator" | "addSubMenu" | "addToUi"> {
  readonly [FAKE] = MENU;
  readonly [INTERNAL]: MenuRecord;
  constructor(
    private readonly state: UiState,
    record: MenuRecord,
  ) {
    this[INTERNAL] = record;
  }
  private get record(): MenuRecord {
    return this[INTERNAL];
  }
  addItem(caption: string, functionName: string): GMenu {
    this.record.items.push({ label: str(caption), functionName: str(functionName) });
    return gas(this);
  }
  addSeparator(): GMenu {
    this.record.items.push({ separator: true });
    return gas(this);
  }
  addSubMenu(menu: GMenu): GMenu {
    this.record.items.push({ submenu: (menu as unknown as FakeMenu)[INTERNAL] });
    return gas(this);
  }
  /** A second addToUi of a menu with the same title replaces the first, as on reopen. */
  addToUi(): void {
    const i = this.state.menus.findIndex((m) => m.kind === this.record.kind && m.title === this.record.title);
    if (i >= 0) this.state.menus[i] = this.record;
    else this.state.menus.push(this.record);
  }
}

class FakePromptResponse
  implements Pick<GoogleAppsScript.Base.PromptResponse, "getResponseText" | "getSelectedButton">
{
  readonly [FAKE] = PROMPT;
  constructor(private readonly answer: DialogAnswer) {}
  getResponseText(): string {
    return this.answer.text ?? "";
  }
  getSelectedButton(): GButton {
    return this.answer.button as unknown as GButton;
  }
}

export type _FakeUiCheck = NoExtraMembers<ExtraMembers<FakeUi, GUi>>;
export type _FakeMenuCheck = NoExtraMembers<ExtraMembers<FakeMenu, GMenu>>;
