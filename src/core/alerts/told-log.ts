/**
 * The breaches already mailed, so that each is told once — across executions and restarts, since
 * every execution starts from nothing but the properties.
 *
 * A key is lead id + deadline (to the minute): the same lead breaching a different deadline (after
 * its SLA settings changed) is a different breach. Entries are kept only while a check window can
 * still reach their deadline (prune), and are stored compactly ("id.minute" in base 36, ~14 chars)
 * in chunks of at most CHUNK_CHARS characters: Apps Script allows 9 KB per property value and
 * 500 KB per store [DOC apps-script.md §3]. If even MAX_CHUNKS fill up (tens of thousands of
 * breaches in one day), the oldest entries are dropped first: they are at the edge of the window
 * and the least likely to come up again.
 */

const MINUTE_MS = 60_000;
export const CHUNK_CHARS = 8000;
export const MAX_CHUNKS = 16;

export function breachKey(leadId: number, deadline: number): string {
  return `${leadId.toString(36)}.${Math.floor(deadline / MINUTE_MS).toString(36)}`;
}

function deadlineOfKey(key: string): number {
  return Number.parseInt(key.slice(key.indexOf(".") + 1), 36) * MINUTE_MS;
}

export class ToldLog {
  private readonly keys = new Set<string>();

  static decode(chunks: readonly (string | null)[]): ToldLog {
    const log = new ToldLog();
    for (const chunk of chunks) {
      if (!chunk) continue;
      for (const key of chunk.split(",")) if (/^[0-9a-z]+\.[0-9a-z]+$/.test(key)) log.keys.add(key);
    }
    return log;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    this.keys.add(key);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Forget entries whose deadline is at or before `before`: no check window reaches them again. */
  prune(before: number): void {
    for (const key of this.keys) if (deadlineOfKey(key) <= before) this.keys.delete(key);
  }

  /** Chunks to store (oldest deadlines first), at most MAX_CHUNKS; what does not fit is dropped. */
  encode(): { chunks: string[]; dropped: number } {
    const sorted = [...this.keys].sort((a, b) => deadlineOfKey(a) - deadlineOfKey(b) || (a < b ? -1 : 1));
    const chunks: string[] = [];
    let current = "";
    let kept = 0;
    // Fill from the newest end so that, when space runs out, the oldest are the ones dropped.
    for (let i = sorted.length - 1; i >= 0; i--) {
      const key = sorted[i]!;
      if (current.length + key.length + 1 > CHUNK_CHARS) {
        chunks.push(current);
        current = "";
        if (chunks.length === MAX_CHUNKS) break;
      }
      current = current === "" ? key : `${current},${key}`;
      kept++;
    }
    // Without a break above, fewer than MAX_CHUNKS chunks are full: the last one fits.
    if (current !== "") chunks.push(current);
    return { chunks, dropped: sorted.length - kept };
  }
}
