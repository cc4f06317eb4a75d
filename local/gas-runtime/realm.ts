/**
 * The script's world: a fresh node:vm context per execution (Apps Script loads the whole project
 * anew for every run, so globals never survive between executions — apps-script.md §1.1), and the
 * guard that stands between that context and the host-side fakes.
 *
 * The guard is a Proxy around every service object. On each method call it
 *  1. runs the execution's checkpoint (time budget, auth mode, virtual cost, test hooks),
 *  2. unwraps proxies among the arguments so the fakes see their own objects,
 *  3. re-creates results in the script's realm (arrays, plain objects, Dates), so `instanceof Date`
 *     and `instanceof Array` inside the bundle behave as in Apps Script (zod's z.date() relies on it),
 *  4. turns host errors into errors of the script's realm, named "Exception" like Apps Script's.
 * Fakes therefore stay plain host code that never thinks about realms.
 */
import { types } from "node:util";
import vm from "node:vm";
import { GasException } from "./errors";

/** Which service a fake belongs to: the unit the auth-mode policy and diagnostics speak about. */
export type ServiceName =
  | "spreadsheet"
  | "ui"
  | "sheets-api"
  | "properties"
  | "cache"
  | "lock"
  | "urlfetch"
  | "utilities"
  | "session"
  | "logger"
  | "mail"
  | "script"
  | "html"
  | "charts"
  | "base";

export interface FakeMeta {
  readonly service: ServiceName;
  /** Apps Script's class name, e.g. "Range", "SpreadsheetApp" (used in messages). */
  readonly cls: string;
}

/** Marks a host object as an Apps Script service object; symbol-keyed so it is no API member. */
export const FAKE: unique symbol = Symbol.for("local/gas-runtime.fake");

export interface Fake {
  readonly [FAKE]: FakeMeta;
}

/**
 * A fake that lets the script set arbitrary properties (HtmlTemplate: `template.data = x`) keeps
 * them in this bag; everywhere else assignment to a service object is ignored.
 */
export const SCRIPT_PROPS: unique symbol = Symbol("local/gas-runtime.scriptProps");

export function isFake(x: unknown): x is Fake {
  return typeof x === "object" && x !== null && FAKE in x;
}

export function meta(service: ServiceName, cls: string): FakeMeta {
  return Object.freeze({ service, cls });
}

/** The script realm's own constructors, so values handed to the script are "its" values. */
export interface Realm {
  readonly context: vm.Context;
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
  readonly Date: DateConstructor;
  readonly Error: ErrorConstructor;
  /**
   * The realm's native Date, from before the clock patch: `new NativeDate(ms)` is a Date of the
   * script (same prototype as its Date, so `instanceof Date` holds) made without the patch's
   * argument handling — a range of dates crosses as hundreds of thousands of them.
   */
  readonly NativeDate: DateConstructor;
}

/**
 * Date in the script follows the runtime clock: `new Date()` and `Date.now()` read it, so virtual
 * time (Utilities.sleep, trigger runs) is what the script sees. Everything else is the native Date
 * (same prototype, so every Date is `instanceof Date`).
 * Not imitated: Apps Script runs Date's local-time methods in the script's time zone; here they use
 * the Node process's TZ. Code should format with Utilities.formatDate(date, tz, pattern).
 */
const DATE_PATCH = `(function (nowFn) {
  var NativeDate = globalThis.Date;
  var VirtualDate = function Date(year, monthIndex, day, hours, minutes, seconds, ms) {
    if (!new.target) return new NativeDate(nowFn()).toString();
    if (arguments.length === 0) return Reflect.construct(NativeDate, [nowFn()], new.target);
    return Reflect.construct(NativeDate, Array.prototype.slice.call(arguments), new.target);
  };
  VirtualDate.prototype = NativeDate.prototype;
  Object.defineProperty(NativeDate.prototype, "constructor", { value: VirtualDate, writable: true, configurable: true });
  VirtualDate.now = function now() { return nowFn(); };
  VirtualDate.parse = NativeDate.parse;
  VirtualDate.UTC = NativeDate.UTC;
  Object.defineProperty(globalThis, "Date", { value: VirtualDate, writable: true, configurable: true });
})`;

/**
 * The standard built-ins as lexical bindings of the context's script scope, shared by every script
 * later run in it: a name the script reads then resolves like a local variable. Without them each
 * read of `Date`, `Number`, `Math`… from the script is a lookup through node:vm's global-object
 * interceptor (measured ~150 ns against ~2 ns, node 20), which made a custom function's loops over
 * a range several times slower here than the same code in-process — an artifact of this runtime,
 * not a cost Apps Script has. `let`, so a script may still reassign one; declared after the clock
 * patch, so `Date` is the patched one. A script declaring one of these names at its top level
 * itself would fail to load ("already declared"); ours do not (esbuild's bundle keeps its names
 * inside one function).
 */
const BUILTINS = [
  "Object",
  "Function",
  "Array",
  "Number",
  "String",
  "Boolean",
  "Symbol",
  "BigInt",
  "Math",
  "JSON",
  "Date",
  "RegExp",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "Promise",
  "Reflect",
  "Proxy",
  "Intl",
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ArrayBuffer",
  "Uint8Array",
  "Int32Array",
  "Float64Array",
  "parseInt",
  "parseFloat",
  "isNaN",
  "isFinite",
  "encodeURIComponent",
  "decodeURIComponent",
];
const BUILTIN_BINDINGS = `let ${BUILTINS.map((n) => `${n} = globalThis.${n}`).join(", ")};`;

export function createRealm(now: () => number): Realm {
  // No setTimeout, require, process or fetch: Apps Script has none of them either.
  const context = vm.createContext(
    {},
    { name: "Apps Script", codeGeneration: { strings: true, wasm: false } },
  );
  const NativeDate = vm.runInContext("Date", context) as DateConstructor;
  (vm.runInContext(DATE_PATCH, context) as (f: () => number) => void)(now);
  vm.runInContext(BUILTIN_BINDINGS, context);
  const intrinsics = vm.runInContext("({ Array, Object, Date, Error })", context) as Omit<
    Realm,
    "context" | "NativeDate"
  >;
  return { context, NativeDate, ...intrinsics };
}

export interface GuardHooks {
  /** Runs before every service method; throws to refuse the call (time, auth mode...). */
  beforeCall(meta: FakeMeta, method: string): void;
  /** A property the fake does not have was read: a missing fake method, or one Apps Script lacks. */
  onMissing(meta: FakeMeta, prop: string): void;
}

/** Arrays up to this long are copied with an array literal compiled in the realm (arrayToScript). */
const MAX_LITERAL_ROW = 256;

/** Object.prototype methods that are not service calls and must not cost time or need auth. */
const PASSIVE = new Set(["toString", "valueOf", "toLocaleString", "hasOwnProperty", "isPrototypeOf"]);

export class Guard {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  /** Row copiers by width (arrayToScript). */
  private readonly copiers: ((row: readonly unknown[]) => unknown[])[] = [];

  constructor(
    readonly realm: Realm,
    private readonly hooks: GuardHooks,
  ) {}

  /** The script-facing proxy of a fake (one per fake per execution). */
  wrap<T extends object>(fake: T): T {
    const known = this.proxies.get(fake);
    if (known) return known as T;
    const cls = (fake as unknown as Fake)[FAKE].cls;
    const proxy = new Proxy(fake, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof prop === "symbol") return value;
        if (typeof value === "function") {
          if (prop === "constructor") return undefined;
          if (prop === "toString" && value === Object.prototype.toString) return () => cls;
          if (PASSIVE.has(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
          return (...args: unknown[]) =>
            this.invoke(target, prop, value as (...a: unknown[]) => unknown, args);
        }
        if (value === undefined) {
          const bag = (target as { [SCRIPT_PROPS]?: Record<string, unknown> })[SCRIPT_PROPS];
          if (bag) return bag[prop];
          if (!(prop in target)) this.hooks.onMissing((target as Fake)[FAKE], prop);
          return undefined;
        }
        return isFake(value) ? this.wrap(value) : value;
      },
      set: (target, prop, value) => {
        const bag = (target as { [SCRIPT_PROPS]?: Record<string, unknown> })[SCRIPT_PROPS];
        if (!bag || typeof prop === "symbol") return false;
        bag[prop] = value;
        return true;
      },
      // JSON.stringify(range) is "{}" in Apps Script; internal fields stay invisible.
      ownKeys: () => [],
      getOwnPropertyDescriptor: () => undefined,
    });
    this.proxies.set(fake, proxy);
    this.targets.set(proxy, fake);
    return proxy;
  }

  private invoke(target: object, method: string, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    let result: unknown;
    try {
      this.hooks.beforeCall((target as Fake)[FAKE], method);
      const hostArgs = args.map((a) => this.fromScript(a, 3));
      result = fn.apply(target, hostArgs);
    } catch (e) {
      throw this.toScriptError(e);
    }
    return this.toScript(result);
  }

  /** Host value → script realm (deep for arrays and plain objects; fakes become proxies). */
  toScript(v: unknown): unknown {
    if (v === null || typeof v !== "object") return v;
    // Arrays first: a range's rows are most of what crosses, and no array is a fake or a proxy.
    if (Array.isArray(v)) return this.arrayToScript(v);
    if (this.targets.has(v)) return v;
    if (isFake(v)) return this.wrap(v);
    if (types.isDate(v)) return new this.realm.NativeDate((v as Date).getTime());
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto === Object.prototype || proto === null || proto === this.realm.Object.prototype) {
      const out = new this.realm.Object() as Record<string, unknown>;
      for (const k of Object.keys(v)) out[k] = this.toScript((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  }

  /**
   * An array (a range: rows of cells) as the script's own array. A custom function over a large
   * named range receives millions of cells, so rows are copied by a function compiled in the
   * script's realm that returns an array literal of the row's width (`[r[0], r[1], …]`): one
   * packed array of the script's realm, made in one go (measured: ~4× faster than pushing cells
   * from here, bench/custom-functions.ts). Primitives are shared as they are (strings and numbers
   * have no realm); object cells are then replaced — Dates by the script's Dates, arrays and plain
   * objects by their copies. Longer arrays (a range's list of rows) are pushed into an empty array
   * of the script's realm, which keeps them packed too (`new Array(n)` would be holey, and
   * dictionary-backed past ~100 k elements).
   * Not a modelled Google cost: how long Sheets takes to hand a range to a custom function is not
   * documented; this copy is the local runtime's own, kept small so that the benches measure the code.
   */
  private arrayToScript(v: readonly unknown[]): unknown[] {
    const n = v.length;
    let out: unknown[];
    if (n <= MAX_LITERAL_ROW) {
      out = this.rowCopier(n)(v);
      for (let i = 0; i < n; i++) {
        const e = out[i];
        if (e !== null && typeof e === "object") out[i] = this.cellToScript(e);
      }
      return out;
    }
    out = new this.realm.Array<unknown>();
    for (let i = 0; i < n; i++) {
      const e = v[i];
      out.push(e === null || typeof e !== "object" ? e : this.cellToScript(e));
    }
    return out;
  }

  private cellToScript(e: object): unknown {
    if (Array.isArray(e)) return this.arrayToScript(e);
    if (e instanceof Date) return new this.realm.NativeDate(e.getTime());
    return this.toScript(e);
  }

  /** `(r) => [r[0], …, r[n-1]]` compiled in the script's realm (one per width per execution). */
  private rowCopier(n: number): (row: readonly unknown[]) => unknown[] {
    let f = this.copiers[n];
    if (f === undefined) {
      const cells = Array.from({ length: n }, (_, k) => `r[${k}]`).join(",");
      f = vm.compileFunction(`return [${cells}];`, ["r"], {
        parsingContext: this.realm.context,
      }) as (row: readonly unknown[]) => unknown[];
      this.copiers[n] = f;
    }
    return f;
  }

  /** Script value → host: unwraps service proxies, `depth` levels into arrays and plain objects. */
  fromScript(v: unknown, depth: number): unknown {
    if (v === null || typeof v !== "object") return v;
    const target = this.targets.get(v);
    if (target) return target;
    if (depth <= 0) return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const e = v[i] as unknown;
        if (e === null || typeof e !== "object") continue;
        const u = this.fromScript(e, depth - 1);
        if (u !== e) {
          copy ??= v.slice();
          copy[i] = u;
        }
      }
      return copy ?? v;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== this.realm.Object.prototype && proto !== Object.prototype && proto !== null) return v;
    let copy: Record<string, unknown> | undefined;
    for (const k of Object.keys(v)) {
      const e = (v as Record<string, unknown>)[k];
      if (e === null || typeof e !== "object") continue;
      const u = this.fromScript(e, depth - 1);
      if (u !== e) {
        copy ??= { ...(v as Record<string, unknown>) };
        copy[k] = u;
      }
    }
    return copy ?? v;
  }

  /** A host error as the script should see it: an Error of its realm, named as Apps Script names it. */
  toScriptError(e: unknown): unknown {
    if (e instanceof this.realm.Error || !(e instanceof Error)) return e;
    const err = new this.realm.Error(e.message);
    // A fake's own bug keeps its JS name (TypeError...); everything Google-shaped is an Exception.
    err.name = e instanceof GasException ? e.name : e.name === "Error" ? "Exception" : e.name;
    return err;
  }
}

/** Script realm value → host realm (deep), for values a test receives from `runtime.call`. */
export function toHost(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(toHost);
  if (types.isDate(v)) return new Date((v as Date).getTime());
  if (v instanceof Error || types.isNativeError(v)) return v;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto === null || (proto as { constructor?: { name?: string } }).constructor?.name === "Object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = toHost((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
