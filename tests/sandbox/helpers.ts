/** Starting a sandbox on a free port and calling it, for the sandbox tests. */
import { readFileSync } from "node:fs";
import type { AccountData } from "../../local/amo-sandbox/account-data";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../local/amo-sandbox/server";
import { makeFixture } from "./fixtures";

/** A clock the test moves by hand (ms). */
export interface TestClock {
  now: number;
  fn: () => number;
}

export function testClock(start = 1_750_000_000_000): TestClock {
  const clock: TestClock = { now: start, fn: () => clock.now };
  return clock;
}

/** The fixture account, no rate limit unless asked, a fixed long-lived token. */
export async function startSandbox(
  opts: Partial<SandboxOptions> & { data?: AccountData } = {},
): Promise<Sandbox> {
  return createSandbox({ data: makeFixture(), rateLimit: false, longLivedToken: "test-token", ...opts });
}

export interface ApiResult {
  status: number;
  contentType: string | null;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are read field by field
  json: any;
}

export async function call(
  sb: Sandbox,
  path: string,
  init: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? sb.longLivedToken : init.token;
  if (token !== null) headers["Authorization"] = `Bearer ${token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await fetch(sb.baseUrl + path, { method: init.method ?? "GET", headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, contentType: res.headers.get("content-type"), text, json };
}

/** Follows `_links.next` from `path` to the end; returns every page's body. */
// biome-ignore lint/suspicious/noExplicitAny: see ApiResult
export async function allPages(sb: Sandbox, path: string): Promise<any[]> {
  const pages = [];
  let next: string | undefined = sb.baseUrl + path;
  while (next) {
    const res = await call(sb, next.slice(sb.baseUrl.length));
    if (res.status === 204) break;
    if (res.status !== 200) throw new Error(`${next}: ${res.status} ${res.text}`);
    pages.push(res.json);
    next = res.json._links.next?.href;
  }
  return pages;
}

/** A published sample from shared/reference/amocrm-samples (beside the repository). */
// biome-ignore lint/suspicious/noExplicitAny: samples are read field by field
export function sample(name: string): any {
  const url = new URL(`../../../shared/reference/amocrm-samples/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8"));
}

export const keysOf = (o: object) => Object.keys(o).sort();
