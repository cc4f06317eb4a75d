/**
 * Fault injection on /api/v4 routes (amocrm-api.md §13 item 12): 5xx answers, slow answers, truncated
 * JSON bodies and dropped connections, deterministic from a seed. Each request draws the same count of
 * random numbers whatever the spec, so request N's fate depends only on the seed and N.
 */
import { seededRandom } from "./rng";

export interface FaultSpec {
  /** Share (0..1) of requests answered 500/502/503/504 (502/504 as nginx HTML pages). */
  error5xxShare?: number;
  /** Delay before answering: fixed ms, or uniform in [min, max]. */
  latencyMs?: number | [number, number];
  /** Share of requests answered 200 with a truncated JSON body. */
  malformedShare?: number;
  /** Share of requests whose connection is destroyed without an answer. */
  dropShare?: number;
  seed?: number;
}

export type Fate =
  | { kind: "normal" }
  | { kind: "drop" }
  | { kind: "error"; status: 500 | 502 | 503 | 504 }
  | { kind: "malformed" };

const ERROR_STATUSES = [500, 502, 503, 504] as const;

function checkShare(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw new RangeError(`fault spec: ${name} must be a share between 0 and 1, got ${value}`);
  }
}

export function validateFaultSpec(spec: FaultSpec): void {
  checkShare("error5xxShare", spec.error5xxShare);
  checkShare("malformedShare", spec.malformedShare);
  checkShare("dropShare", spec.dropShare);
  const latency = spec.latencyMs;
  const [min, max] = Array.isArray(latency) ? latency : [latency ?? 0, latency ?? 0];
  if (!(min >= 0 && max >= min && Number.isFinite(max))) {
    throw new RangeError(`fault spec: latency must be ms ≥ 0 (or min ≤ max), got ${JSON.stringify(latency)}`);
  }
  if (spec.seed !== undefined && !Number.isInteger(spec.seed)) {
    throw new RangeError(`fault spec: seed must be an integer, got ${spec.seed}`);
  }
}

export class FaultInjector {
  private spec: FaultSpec = {};
  private random = seededRandom(0);

  constructor(spec: FaultSpec = {}) {
    this.set(spec);
  }

  /** Replaces the spec and restarts the sequence from its seed (default 0). */
  set(spec: FaultSpec): void {
    validateFaultSpec(spec);
    this.spec = { ...spec };
    this.random = seededRandom(spec.seed ?? 0);
  }

  /** True when the spec can change anything (saves the draws on a clean sandbox). */
  get active(): boolean {
    const s = this.spec;
    return !!(s.error5xxShare || s.malformedShare || s.dropShare || s.latencyMs);
  }

  next(): { fate: Fate; latencyMs: number } {
    const [uDrop, uError, uStatus, uMalformed, uLatency] = [1, 2, 3, 4, 5].map(() => this.random()) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const s = this.spec;
    const latency = s.latencyMs ?? 0;
    const latencyMs = Array.isArray(latency)
      ? Math.round(latency[0] + uLatency * (latency[1] - latency[0]))
      : latency;
    let fate: Fate = { kind: "normal" };
    if (uDrop < (s.dropShare ?? 0)) fate = { kind: "drop" };
    else if (uError < (s.error5xxShare ?? 0)) {
      fate = { kind: "error", status: ERROR_STATUSES[Math.floor(uStatus * ERROR_STATUSES.length)]! };
    } else if (uMalformed < (s.malformedShare ?? 0)) fate = { kind: "malformed" };
    return { fate, latencyMs };
  }
}

const SHARE_KEYS: Record<string, "error5xxShare" | "malformedShare" | "dropShare"> = {
  "5xx": "error5xxShare",
  malformed: "malformedShare",
  drop: "dropShare",
};

/**
 * Reads a CLI spec such as "5xx=0.05,latency=20-80,malformed=0.01,drop=0.01,seed=3". An empty string
 * is no faults. Errors name the offending item.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  const seen = new Set<string>();
  for (const raw of text.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq < 0) throw new Error(`fault spec: "${item}" is not key=value (e.g. 5xx=0.05)`);
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (seen.has(key)) throw new Error(`fault spec: "${key}" is given twice`);
    seen.add(key);
    const shareKey = SHARE_KEYS[key];
    if (shareKey) {
      const share = Number(value);
      if (value === "" || !(share >= 0 && share <= 1)) {
        throw new Error(`fault spec: ${key} must be a share between 0 and 1, got "${value}"`);
      }
      spec[shareKey] = share;
    } else if (key === "latency") {
      const m = /^(\d+)(?:-(\d+))?$/.exec(value);
      if (!m) throw new Error(`fault spec: latency must be MS or MIN-MAX in ms, got "${value}"`);
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : Number(m[2]);
      if (max < min)
        throw new Error(`fault spec: latency range "${value}" has its maximum below its minimum`);
      spec.latencyMs = m[2] === undefined ? min : [min, max];
    } else if (key === "seed") {
      if (!/^-?\d+$/.test(value)) throw new Error(`fault spec: seed must be an integer, got "${value}"`);
      spec.seed = Number(value);
    } else {
      throw new Error(`fault spec: unknown key "${key}" (known: 5xx, latency, malformed, drop, seed)`);
    }
  }
  return spec;
}
