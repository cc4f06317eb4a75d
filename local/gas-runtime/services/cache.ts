/**
 * CacheService: script, user and document caches whose entries expire on the runtime's clock.
 * Limits [doc]: keys up to 250 characters, values up to 100 KB ("Argument too large: value"
 * [seen]), expiry at least 1 s and at most 21,600 s (6 h), default 600 s, at most 1,000 items.
 * An expiry outside 1..21,600 is clamped and noted in runtime.warnings [assumed: Google's handling
 * is unknown; "expiry is only a suggestion" [doc]]. When full, the oldest entry is evicted.
 */
import type { RuntimeEnv } from "../env";
import { fail, MSG } from "../errors";
import { type ExtraMembers, gas, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";

type GCache = GoogleAppsScript.Cache.Cache;
type GService = GoogleAppsScript.Cache.CacheService;

const SERVICE = meta("cache", "CacheService");
const CACHE = meta("cache", "Cache");

export class CacheStore {
  readonly entries = new Map<string, { value: string; expiresAt: number }>();
}

export interface CacheStores {
  script: CacheStore;
  user: CacheStore;
  document: CacheStore;
}

export class FakeCacheService
  implements Pick<GService, "getDocumentCache" | "getScriptCache" | "getUserCache">
{
  readonly [FAKE] = SERVICE;
  constructor(
    private readonly env: RuntimeEnv,
    private readonly stores: CacheStores,
  ) {}
  getScriptCache(): GCache {
    return gas(new FakeCache(this.env, this.stores.script));
  }
  getUserCache(): GCache {
    return gas(new FakeCache(this.env, this.stores.user));
  }
  getDocumentCache(): GCache | null {
    return gas(new FakeCache(this.env, this.stores.document));
  }
}

export class FakeCache implements Pick<GCache, "get" | "getAll" | "put" | "putAll" | "remove" | "removeAll"> {
  readonly [FAKE] = CACHE;
  constructor(
    private readonly env: RuntimeEnv,
    private readonly store: CacheStore,
  ) {}

  private key(key: unknown): string {
    const k = String(key);
    if (k.length > this.env.limits.cacheKeyChars) fail(MSG.argumentTooLargeKey);
    return k;
  }
  private ttl(seconds: number | undefined): number {
    if (seconds === undefined) return 600;
    const max = this.env.limits.cacheMaxTtlSeconds;
    if (seconds > max || seconds < 1) {
      this.env.warnings.push(`CacheService: expiration ${seconds} s clamped to 1..${max} s`);
      return Math.min(max, Math.max(1, seconds));
    }
    return seconds;
  }
  private live(k: string): string | null {
    const e = this.store.entries.get(k);
    if (!e) return null;
    if (e.expiresAt <= this.env.clock.now()) {
      this.store.entries.delete(k);
      return null;
    }
    return e.value;
  }
  private set(k: string, value: unknown, seconds: number): void {
    const v = String(value);
    if (Buffer.byteLength(v) > this.env.limits.cacheValueBytes) fail(MSG.argumentTooLargeValue);
    this.store.entries.delete(k);
    this.store.entries.set(k, { value: v, expiresAt: this.env.clock.now() + seconds * 1000 });
    while (this.store.entries.size > this.env.limits.cacheMaxItems) {
      this.store.entries.delete(this.store.entries.keys().next().value!);
    }
  }

  get(key: string): string | null {
    return this.live(this.key(key));
  }
  getAll(keys: string[]): { [key: string]: string } {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this.live(this.key(key));
      if (v !== null) out[key] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.set(this.key(key), value, this.ttl(expirationInSeconds));
  }
  putAll(values: { [key: string]: unknown }, expirationInSeconds?: number): void {
    const ttl = this.ttl(expirationInSeconds);
    for (const [k, v] of Object.entries(values)) this.set(this.key(k), v, ttl);
  }
  remove(key: string): void {
    this.store.entries.delete(this.key(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.store.entries.delete(this.key(k));
  }
}

export type _FakeCacheServiceCheck = NoExtraMembers<ExtraMembers<FakeCacheService, GService>>;
export type _FakeCacheCheck = NoExtraMembers<ExtraMembers<FakeCache, GCache>>;
