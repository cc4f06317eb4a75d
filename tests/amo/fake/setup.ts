/** A client wired to an in-process FakeAmo on a virtual clock, plus everything it logged. */
import { type AmoClient, type AmoClientOptions, createAmoClient } from "../../../src/amo/client";
import type { Logger } from "../../../src/amo/ports";
import { FakeAmo, type FakeAmoOptions } from "./fake-amo";
import { type InProcessHttp, inProcessHttp } from "./in-process-http";
import { seededRandom, VirtualClock } from "./virtual-clock";

export const BASE_URL = "https://fake.amocrm.ru";
export const TOKEN = "long-lived-token-SECRET-123";

export interface Harness {
  fake: FakeAmo;
  clock: VirtualClock;
  http: InProcessHttp;
  client: AmoClient;
  /** Every log line the client wrote, with its fields, as text. */
  logs: string[];
}

export function capturingLogger(logs: string[]): Logger {
  return {
    info: (m, f) => logs.push(`info ${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => logs.push(`warn ${m} ${JSON.stringify(f ?? {})}`),
  };
}

export function harness(
  fakeOptions: FakeAmoOptions = {},
  clientOptions: Partial<AmoClientOptions> = {},
  clock = new VirtualClock(),
  latencyMs = 20,
): Harness {
  const fake = new FakeAmo({ longLivedToken: TOKEN, ...fakeOptions });
  const http = inProcessHttp(fake, clock, latencyMs);
  const logs: string[] = [];
  const client = createAmoClient({
    baseUrl: BASE_URL,
    http,
    clock,
    auth: { kind: "long_lived", token: TOKEN },
    logger: capturingLogger(logs),
    random: seededRandom(7),
    ...clientOptions,
  });
  return { fake, clock, http, client, logs };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, none was thrown");
}
