/**
 * PropertiesService: three string stores (script, user, document) that outlive executions.
 * Values are strings (numbers and booleans are coerced, as Apps Script does). Limits [doc]: 9 KB per
 * value ("Argument too large: value" [seen]) and 500 KB per store ("You have exceeded the property
 * storage quota..." [seen]); sizes are counted in UTF-8 bytes [assumed]. Every call counts against
 * the daily read/write quota (50,000 consumer [doc]).
 */
import { type DailyCounter, dailyCounter, type RuntimeEnv } from "../env";
import { fail, MSG } from "../errors";
import { type ExtraMembers, gas, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";

type GProperties = GoogleAppsScript.Properties.Properties;
type GService = GoogleAppsScript.Properties.PropertiesService;

const SERVICE = meta("properties", "PropertiesService");
const PROPERTIES = meta("properties", "Properties");

/** One store's contents; tests read and seed it through runtime.properties. */
export class PropertyStore {
  readonly map = new Map<string, string>();
  constructor(initial?: Record<string, unknown>) {
    for (const [k, v] of Object.entries(initial ?? {})) this.map.set(k, String(v));
  }
  bytes(map: ReadonlyMap<string, string> = this.map): number {
    let n = 0;
    for (const [k, v] of map) n += Buffer.byteLength(k) + Buffer.byteLength(v);
    return n;
  }
  toObject(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
}

export interface PropertyStores {
  script: PropertyStore;
  user: PropertyStore;
  document: PropertyStore;
}

export class FakePropertiesService
  implements Pick<GService, "getDocumentProperties" | "getScriptProperties" | "getUserProperties">
{
  readonly [FAKE] = SERVICE;
  private readonly daily: DailyCounter;

  constructor(
    private readonly env: RuntimeEnv,
    private readonly stores: PropertyStores,
  ) {
    this.daily = dailyCounter(() => env.limits.propertiesOpsPerDay, "properties");
  }
  getScriptProperties(): GProperties {
    return gas(new FakeProperties(this.env, this.stores.script, this.daily));
  }
  getUserProperties(): GProperties {
    return gas(new FakeProperties(this.env, this.stores.user, this.daily));
  }
  getDocumentProperties(): GProperties {
    return gas(new FakeProperties(this.env, this.stores.document, this.daily));
  }
}

type Implemented =
  | "deleteAllProperties"
  | "deleteProperty"
  | "getKeys"
  | "getProperties"
  | "getProperty"
  | "setProperties"
  | "setProperty";

export class FakeProperties implements Pick<GProperties, Implemented> {
  readonly [FAKE] = PROPERTIES;
  constructor(
    private readonly env: RuntimeEnv,
    private readonly store: PropertyStore,
    private readonly daily: DailyCounter,
  ) {}

  private read(): void {
    this.daily.take(1, this.env.clock.now());
    this.env.quota.propertiesReads++;
  }
  private write(): void {
    this.daily.take(1, this.env.clock.now());
    this.env.quota.propertiesWrites++;
  }
  private value(v: unknown, what: "key" | "value"): string {
    if (v === null || v === undefined) fail(`Invalid argument: ${what}`); // [assumed]
    return String(v);
  }
  /** Checks sizes on the store as it would be, then commits (all or nothing). */
  private commit(next: Map<string, string>): void {
    for (const v of next.values()) {
      if (Buffer.byteLength(v) > this.env.limits.propertyValueBytes) fail(MSG.argumentTooLargeValue);
    }
    if (this.store.bytes(next) > this.env.limits.propertyStoreBytes) fail(MSG.propertyQuota);
    this.store.map.clear();
    for (const [k, v] of next) this.store.map.set(k, v);
  }

  getProperty(key: string): string | null {
    this.read();
    return this.store.map.get(String(key)) ?? null;
  }
  getProperties(): { [key: string]: string } {
    this.read();
    return this.store.toObject();
  }
  getKeys(): string[] {
    this.read();
    return [...this.store.map.keys()];
  }
  setProperty(key: string, value: string): GProperties {
    this.write();
    const k = this.value(key, "key");
    const v = this.value(value, "value");
    if (Buffer.byteLength(v) > this.env.limits.propertyValueBytes) fail(MSG.argumentTooLargeValue);
    const next = new Map(this.store.map);
    next.set(k, v);
    this.commit(next);
    return gas(this);
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): GProperties {
    this.write();
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store.map);
    for (const [k, v] of Object.entries(properties ?? {})) next.set(k, this.value(v, "value"));
    this.commit(next);
    return gas(this);
  }
  deleteProperty(key: string): GProperties {
    this.write();
    this.store.map.delete(String(key));
    return gas(this);
  }
  deleteAllProperties(): GProperties {
    this.write();
    this.store.map.clear();
    return gas(this);
  }
}

export type _FakePropertiesServiceCheck = NoExtraMembers<ExtraMembers<FakePropertiesService, GService>>;
export type _FakePropertiesCheck = NoExtraMembers<ExtraMembers<FakeProperties, GProperties>>;
