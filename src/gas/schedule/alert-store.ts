/**
 * Where the alerts keep their state between executions: document properties (they belong to the
 * spreadsheet and survive every restart). The state is one small JSON value; the told log is
 * chunked over `alerts_told`, `alerts_told_1`, … (told-log.ts explains the sizes).
 */

import { MAX_CHUNKS, ToldLog } from "../../core/alerts/told-log";
import { type AlertState, EMPTY_ALERT_STATE } from "../../core/alerts/types";
import { documentStore } from "../stores";

const STATE_KEY = "alerts_state";
const TOLD_KEY = "alerts_told";
const chunkKey = (i: number) => (i === 0 ? TOLD_KEY : `${TOLD_KEY}_${i}`);

export function loadAlertState(): AlertState {
  const text = documentStore().get(STATE_KEY);
  if (!text) return { ...EMPTY_ALERT_STATE };
  try {
    return { ...EMPTY_ALERT_STATE, ...(JSON.parse(text) as Partial<AlertState>) };
  } catch {
    return { ...EMPTY_ALERT_STATE };
  }
}

export function saveAlertState(s: AlertState): void {
  documentStore().set(STATE_KEY, JSON.stringify(s));
}

export function loadToldLog(): ToldLog {
  const store = documentStore();
  const chunks: (string | null)[] = [];
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const c = store.get(chunkKey(i));
    if (c === null) break;
    chunks.push(c);
  }
  return ToldLog.decode(chunks);
}

/** Returns how many entries did not fit (oldest first dropped). */
export function saveToldLog(log: ToldLog): number {
  const store = documentStore();
  const { chunks, dropped } = log.encode();
  chunks.forEach((c, i) => {
    store.set(chunkKey(i), c);
  });
  for (let i = chunks.length; i < MAX_CHUNKS; i++) {
    if (store.get(chunkKey(i)) === null) break;
    store.delete(chunkKey(i));
  }
  return dropped;
}

/** Alerts turned off: forget where checks stood, so turning them on again starts fresh. */
export function resetAlertState(): void {
  const store = documentStore();
  store.delete(STATE_KEY);
}
