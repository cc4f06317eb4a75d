/**
 * Optional members of the Apps Script objects. The export reads the spreadsheet only through the
 * Apps Script API; a member the host lacks (the local runtime implements a subset) is skipped and
 * recorded, instead of failing the whole export.
 */

type Fn = (...args: unknown[]) => unknown;

/** The bound method `name` of `obj`, or undefined when the object has no such method. */
export function optionalMethod(obj: object, name: string): Fn | undefined {
  const f = (obj as Record<string, unknown>)[name];
  return typeof f === "function" ? (f as Fn).bind(obj) : undefined;
}

/** Records the members the host lacked ("Range.getFontColors" → what the export lost), once each. */
export class MissingMembers {
  readonly lost = new Map<string, string>();
  note(member: string, lost: string): void {
    if (!this.lost.has(member)) this.lost.set(member, lost);
  }
}
