/**
 * HtmlService: HTML outputs (recorded when a sidebar or dialog shows them) and templates.
 * Files come from the runtime's `files` map ("sidebar" → the text of build/sidebar.html).
 * Templates support <?= ?> (escaped), <?!= ?> (raw) and <? ?> (code), evaluated in the script's
 * realm with the template's assigned properties in scope, as Apps Script does.
 */
import type { RuntimeEnv } from "../env";
import { fail, MSG } from "../errors";
import { type ExtraMembers, enumOf, gas, INTERNAL, integer, type NoExtraMembers, str } from "../facade";
import { FAKE, meta, SCRIPT_PROPS } from "../realm";
import type { HtmlShown } from "../spreadsheet/ui";

type GHtmlService = GoogleAppsScript.HTML.HtmlService;
type GOutput = GoogleAppsScript.HTML.HtmlOutput;
type GTemplate = GoogleAppsScript.HTML.HtmlTemplate;

const SERVICE = meta("html", "HtmlService");
const OUTPUT = meta("html", "HtmlOutput");
const TEMPLATE = meta("html", "HtmlTemplate");

export const HTML_ENUMS = {
  SandboxMode: enumOf(["EMULATED", "IFRAME", "NATIVE"]),
  XFrameOptionsMode: enumOf(["ALLOWALL", "DEFAULT"]),
} as const;

export interface HtmlDeps {
  env: RuntimeEnv;
  /** Project HTML files by name without ".html". */
  files: ReadonlyMap<string, string>;
  /** Evaluates JavaScript in the running script's realm. */
  scriptEval(source: string): unknown;
}

function readFile(deps: HtmlDeps, name: string): string {
  const key = str(name).replace(/\.html$/, "");
  const text = deps.files.get(key);
  if (text === undefined) fail(MSG.noHtmlFile(str(name)));
  return text;
}

function contentOf(x: unknown): string {
  if (x === undefined || x === null) return "";
  if (typeof x === "string") return x;
  const blob = x as { getDataAsString?: () => string };
  return typeof blob.getDataAsString === "function" ? blob.getDataAsString() : String(x);
}

export class FakeHtmlService
  implements
    Pick<
      GHtmlService,
      | "SandboxMode"
      | "XFrameOptionsMode"
      | "createHtmlOutput"
      | "createHtmlOutputFromFile"
      | "createTemplate"
      | "createTemplateFromFile"
      | "getUserAgent"
    >
{
  readonly [FAKE] = SERVICE;
  readonly SandboxMode = HTML_ENUMS.SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode;
  readonly XFrameOptionsMode =
    HTML_ENUMS.XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;

  constructor(private readonly deps: HtmlDeps) {}

  createHtmlOutput(html?: unknown): GOutput {
    return gas(new FakeHtmlOutput(contentOf(html)));
  }
  createHtmlOutputFromFile(filename: string): GOutput {
    return gas(new FakeHtmlOutput(readFile(this.deps, filename)));
  }
  createTemplate(html: unknown): GTemplate {
    return gas(new FakeHtmlTemplate(this.deps, contentOf(html)));
  }
  createTemplateFromFile(filename: string): GTemplate {
    return gas(new FakeHtmlTemplate(this.deps, readFile(this.deps, filename)));
  }
  getUserAgent(): string {
    return "Mozilla/5.0 (local/gas-runtime)";
  }
}

type OutputMethods =
  | "addMetaTag"
  | "append"
  | "appendUntrusted"
  | "clear"
  | "getContent"
  | "getFaviconUrl"
  | "getHeight"
  | "getTitle"
  | "getWidth"
  | "setContent"
  | "setFaviconUrl"
  | "setHeight"
  | "setSandboxMode"
  | "setTitle"
  | "setWidth"
  | "setXFrameOptionsMode";

interface OutputState {
  content: string;
  title: string;
  width: number | undefined;
  height: number | undefined;
  favicon: string;
  meta: { name: string; content: string }[];
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export class FakeHtmlOutput implements Pick<GOutput, OutputMethods> {
  readonly [FAKE] = OUTPUT;
  readonly [INTERNAL]: OutputState;

  constructor(content: string) {
    this[INTERNAL] = { content, title: "", width: undefined, height: undefined, favicon: "", meta: [] };
  }

  /** What a sidebar or dialog showed. */
  static snapshot(output: GOutput, kind: HtmlShown["kind"]): HtmlShown {
    const s = (output as unknown as FakeHtmlOutput)[INTERNAL];
    return { kind, title: s.title, html: s.content, width: s.width, height: s.height };
  }

  private self(): GOutput {
    return gas(this);
  }
  getContent(): string {
    return this[INTERNAL].content;
  }
  setContent(content: string): GOutput {
    this[INTERNAL].content = str(content);
    return this.self();
  }
  append(addedContent: string): GOutput {
    this[INTERNAL].content += str(addedContent);
    return this.self();
  }
  appendUntrusted(addedContent: string): GOutput {
    this[INTERNAL].content += escapeHtml(str(addedContent));
    return this.self();
  }
  clear(): GOutput {
    this[INTERNAL].content = "";
    return this.self();
  }
  getTitle(): string {
    return this[INTERNAL].title;
  }
  setTitle(title: string): GOutput {
    this[INTERNAL].title = str(title);
    return this.self();
  }
  getWidth(): number {
    return this[INTERNAL].width ?? 0;
  }
  setWidth(width: number): GOutput {
    this[INTERNAL].width = integer(width, "HtmlService.HtmlOutput.setWidth");
    return this.self();
  }
  getHeight(): number {
    return this[INTERNAL].height ?? 0;
  }
  setHeight(height: number): GOutput {
    this[INTERNAL].height = integer(height, "HtmlService.HtmlOutput.setHeight");
    return this.self();
  }
  getFaviconUrl(): string {
    return this[INTERNAL].favicon;
  }
  setFaviconUrl(iconUrl: string): GOutput {
    this[INTERNAL].favicon = str(iconUrl);
    return this.self();
  }
  addMetaTag(name: string, content: string): GOutput {
    this[INTERNAL].meta.push({ name: str(name), content: str(content) });
    return this.self();
  }
  /** "now has no effect" [doc]: only IFRAME remains. */
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): GOutput {
    void mode;
    return this.self();
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): GOutput {
    void mode;
    return this.self();
  }
}

export class FakeHtmlTemplate implements Pick<GTemplate, "evaluate" | "getCode" | "getRawContent"> {
  readonly [FAKE] = TEMPLATE;
  /** Properties the script assigns (`template.data = ...`), in scope while evaluating. */
  readonly [SCRIPT_PROPS]: Record<string, unknown> = {};

  constructor(
    private readonly deps: HtmlDeps,
    private readonly source: string,
  ) {}

  getRawContent(): string {
    return this.source;
  }
  getCode(): string {
    const parts: string[] = ["var __out = [];"];
    const re = /<\?(!?=)?([\s\S]*?)\?>/g;
    let last = 0;
    for (let m = re.exec(this.source); m; m = re.exec(this.source)) {
      if (m.index > last) parts.push(`__out.push(${JSON.stringify(this.source.slice(last, m.index))});`);
      const code = m[2]!.trim();
      if (m[1] === "=") parts.push(`__out.push(__escape(String(${code})));`);
      else if (m[1] === "!=") parts.push(`__out.push(String(${code}));`);
      else parts.push(code);
      last = re.lastIndex;
    }
    if (last < this.source.length) parts.push(`__out.push(${JSON.stringify(this.source.slice(last))});`);
    parts.push('return __out.join("");');
    return parts.join("\n");
  }
  evaluate(): GOutput {
    const fn = this.deps.scriptEval(
      `(function (__vars, __escape) { with (__vars) { return (function () {\n${this.getCode()}\n})(); } })`,
    ) as (vars: Record<string, unknown>, esc: (s: string) => string) => string;
    return gas(new FakeHtmlOutput(fn(this[SCRIPT_PROPS], escapeHtml)));
  }
}

export type _FakeHtmlServiceCheck = NoExtraMembers<ExtraMembers<FakeHtmlService, GHtmlService>>;
export type _FakeHtmlOutputCheck = NoExtraMembers<ExtraMembers<FakeHtmlOutput, GOutput>>;
