/**
 * Protection of a sheet or range. Recorded, not enforced: the script's user owns the file and
 * owners can always edit, so nothing the add-on does is refused [doc: owners are always editors].
 */
import { type ExtraMembers, gas, INTERNAL, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";
import type { Book } from "./book";
import type { Anchor, ProtectionSpec, SheetModel } from "./model";
import { anchorOf, rangeAt } from "./rects";
import { FakeUser } from "./spreadsheet";

type GProtection = GoogleAppsScript.Spreadsheet.Protection;
type GRange = GoogleAppsScript.Spreadsheet.Range;
const PROTECTION = meta("spreadsheet", "Protection");

type Implemented =
  | "addEditor"
  | "addEditors"
  | "canDomainEdit"
  | "canEdit"
  | "getDescription"
  | "getEditors"
  | "getProtectionType"
  | "getRange"
  | "getUnprotectedRanges"
  | "isWarningOnly"
  | "remove"
  | "removeEditor"
  | "removeEditors"
  | "setDescription"
  | "setDomainEdit"
  | "setRange"
  | "setUnprotectedRanges"
  | "setWarningOnly";

function emailOf(x: unknown): string {
  return typeof x === "string" ? x : String((x as { getEmail?: () => string }).getEmail?.() ?? x);
}

export class FakeProtection implements Pick<GProtection, Implemented> {
  readonly [FAKE] = PROTECTION;
  readonly [INTERNAL]: { book: Book; sheet: SheetModel; spec: ProtectionSpec };

  constructor(book: Book, sheet: SheetModel, spec: ProtectionSpec) {
    this[INTERNAL] = { book, sheet, spec };
  }

  static create(book: Book, sheet: SheetModel, kind: "SHEET" | "RANGE", anchor: Anchor): FakeProtection {
    const spec: ProtectionSpec = {
      id: book.model.newObjectId(),
      kind,
      anchor: sheet.track(anchor),
      description: "",
      warningOnly: false,
      editors: new Set([book.env.userEmail]),
      domainEdit: false,
      unprotected: [],
      removed: false,
    };
    sheet.protections.push(spec);
    return new FakeProtection(book, sheet, spec);
  }

  private get spec(): ProtectionSpec {
    return this[INTERNAL].spec;
  }
  private self(): GProtection {
    return gas(this);
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return this.spec.kind as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  getRange(): GRange {
    const { book, sheet } = this[INTERNAL];
    return rangeAt(book, sheet, this.spec.anchor);
  }
  setRange(range: GRange): GProtection {
    const { sheet } = this[INTERNAL];
    const a = anchorOf(range).anchor;
    sheet.untrack(this.spec.anchor);
    this.spec.anchor = sheet.track(a);
    return this.self();
  }
  getDescription(): string {
    return this.spec.description;
  }
  setDescription(description: string): GProtection {
    this.spec.description = str(description);
    return this.self();
  }
  isWarningOnly(): boolean {
    return this.spec.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): GProtection {
    this.spec.warningOnly = !!warningOnly;
    return this.self();
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return [...this.spec.editors].map((e) => gas(new FakeUser(e)));
  }
  addEditor(user: unknown): GProtection {
    this.spec.editors.add(emailOf(user));
    return this.self();
  }
  addEditors(emailAddresses: string[]): GProtection {
    for (const e of emailAddresses) this.spec.editors.add(e);
    return this.self();
  }
  /** The owner stays an editor whatever is removed [doc]. */
  removeEditor(user: unknown): GProtection {
    const e = emailOf(user);
    if (e !== this[INTERNAL].book.env.userEmail) this.spec.editors.delete(e);
    return this.self();
  }
  removeEditors(users: unknown[]): GProtection {
    for (const u of users) this.removeEditor(u);
    return this.self();
  }
  canEdit(): boolean {
    return true;
  }
  canDomainEdit(): boolean {
    return this.spec.domainEdit;
  }
  setDomainEdit(editable: boolean): GProtection {
    this.spec.domainEdit = !!editable;
    return this.self();
  }
  getUnprotectedRanges(): GRange[] {
    const { book, sheet } = this[INTERNAL];
    return this.spec.unprotected.map((a) => rangeAt(book, sheet, a));
  }
  setUnprotectedRanges(ranges: GRange[]): GProtection {
    const { sheet } = this[INTERNAL];
    for (const a of this.spec.unprotected) sheet.untrack(a);
    this.spec.unprotected = ranges.map((r) => sheet.track(anchorOf(r).anchor));
    return this.self();
  }
  remove(): void {
    const { sheet } = this[INTERNAL];
    this.spec.removed = true;
    sheet.untrack(this.spec.anchor);
    sheet.protections = sheet.protections.filter((p) => p !== this.spec);
  }
}

export type _FakeProtectionCheck = NoExtraMembers<ExtraMembers<FakeProtection, GProtection>>;
