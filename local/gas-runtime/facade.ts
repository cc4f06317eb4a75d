/**
 * Helpers every fake service class uses.
 *
 * Each fake is declared `implements Pick<GoogleAppsScript.X, "a" | "b">`, so its methods carry Apps
 * Script's names and signatures, and a `NoExtraMembers<...>` check (exported type alias next to the
 * class) fails the type check if a public method that Apps Script lacks is added. State other fakes
 * need lives under the `INTERNAL` symbol (symbol keys are not API members).
 */
import { fail, MSG } from "./errors";

export const INTERNAL: unique symbol = Symbol("local/gas-runtime.internal");

/** Public members of C that T (the Apps Script interface) does not have. */
export type ExtraMembers<C, T> = Exclude<keyof C, keyof T | symbol>;

/** Compiles only when X is never, i.e. when the fake adds no member Apps Script lacks. */
export type NoExtraMembers<X extends never> = X;

/** The one cast between a fake and the Apps Script type it stands for. */
export function gas<T>(fake: object): T {
  return fake as unknown as T;
}

/** Apps Script enums are objects of named constants; here each constant is its own name. */
export function enumOf<const T extends string>(names: readonly T[]): { readonly [K in T]: K } {
  const out = {} as { [K in T]: K };
  for (const n of names) out[n] = n;
  return Object.freeze(out);
}

/** Google's name for a value's type in "The parameters (X) don't match..." messages. */
export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return v.length && !Array.isArray(v[0]) ? `${typeName(v[0])}[]` : "Object[][]";
  if (typeof v === "string") return "String";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "Boolean";
  return "Object";
}

/** Checks an integer argument as Apps Script does before calling into the service. */
export function integer(v: unknown, method: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(MSG.badSignature(typeName(v), method));
  return Math.trunc(v);
}

export function str(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}
