/** Messages between the blocking main thread (sync-http.ts) and the HTTP worker (worker.ts). */
import type { HttpRequest, NetworkErrorKind } from "../../src/amo/http";

export interface WorkerJob {
  id: number;
  requests: HttpRequest[];
  timeoutMs: number;
}

export type WorkerOutcome =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  | { ok: false; kind: NetworkErrorKind; message: string };

export interface WorkerReply {
  id: number;
  outcomes: WorkerOutcome[];
}

/** Slot 0 of the shared Int32Array: 0 while a job runs, 1 when its reply has been posted. */
export const DONE = 1;
export const BUSY = 0;
