/**
 * `--data DIR`: a recorded account as the files of ACCOUNT_FILES. A missing file is an empty list (a
 * missing account.json a minimal default account); malformed JSON is an error naming the file and
 * the line/column; the shapes are checked lightly (lists of objects with an id, an account object).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ACCOUNT_FILES, type AccountData, type ApiObject } from "./account-data";
import { defaultAccount } from "./default-account";

const isObject = (v: unknown): v is ApiObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** "line L, column C" of a JSON.parse failure, read from V8's "at position N" when it gives one. */
function jsonErrorPlace(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  const pos = m ? Number(m[1]) : text.length;
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

function readJson(path: string, name: string): unknown {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${name}: malformed JSON at ${jsonErrorPlace(text, message)} (${message})`);
  }
}

function checkList(value: unknown, name: string): ApiObject[] {
  if (!Array.isArray(value))
    throw new Error(`${name}: expected a JSON array of API objects, got ${typeof value}`);
  value.forEach((item, i) => {
    if (!isObject(item)) throw new Error(`${name}: item [${i}] is not an object`);
    if (typeof item["id"] !== "number" && typeof item["id"] !== "string") {
      throw new Error(`${name}: item [${i}] has no "id"`);
    }
  });
  return value as ApiObject[];
}

export function loadAccountData(dir: string): AccountData {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`data directory not found: ${dir}`);
  const lists: Record<string, ApiObject[]> = {};
  let account: ApiObject | null = null;
  for (const [key, name] of Object.entries(ACCOUNT_FILES)) {
    const path = join(dir, name);
    if (key === "account") {
      if (!existsSync(path)) continue;
      const value = readJson(path, name);
      if (!isObject(value))
        throw new Error(`${name}: expected a JSON object (the GET /api/v4/account answer)`);
      account = value;
    } else {
      lists[key] = existsSync(path) ? checkList(readJson(path, name), name) : [];
    }
  }
  const users = lists["users"]!;
  const firstUserId = typeof users[0]?.["id"] === "number" ? (users[0]["id"] as number) : 0;
  return {
    account: account ?? defaultAccount(firstUserId),
    users,
    pipelines: lists["pipelines"]!,
    loss_reasons: lists["loss_reasons"]!,
    custom_fields: lists["custom_fields"]!,
    leads: lists["leads"]!,
    contacts: lists["contacts"]!,
    tasks: lists["tasks"]!,
    events: lists["events"]!,
    leads_notes: lists["leads_notes"]!,
    contacts_notes: lists["contacts_notes"]!,
  };
}
