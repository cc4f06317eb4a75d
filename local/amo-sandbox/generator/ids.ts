/**
 * Identifiers as amoCRM hands them out: numeric ids that grow with creation time (with gaps, since
 * ids are shared by all accounts on a server) and event ids that are ULID-like lowercase strings
 * [DOC] ("01pz58t6p04ymgsgfbmfyfy1mf"): 10 Crockford characters of the creation time in milliseconds,
 * 16 of randomness.
 */
import type { Rng } from "./prng";

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/** A ULID for an event created at Unix second `at`; unique within `seen`. */
export function eventId(at: number, rng: Rng, seen: Set<string>): string {
  // The docs' example id "01pz58t6p0…" is exactly the ULID time of its created_at × 1000.
  let ms = at * 1000;
  let time = "";
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  for (;;) {
    // 80 random bits, 5 at a time: 6 characters from each of two 32-bit words, 4 from a third.
    let rand = "";
    for (let w = 0; w < 3; w++) {
      let x = rng.uint32();
      for (let i = 0; i < (w < 2 ? 6 : 4); i++) {
        rand += CROCKFORD[x & 31];
        x >>>= 5;
      }
    }
    const id = time + rand;
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

/** Assign increasing ids with random gaps to items already sorted by creation. */
export function assignIds<T extends { id: number }>(
  items: T[],
  first: number,
  maxGap: number,
  rng: Rng,
): void {
  let id = first;
  for (const item of items) {
    item.id = id;
    id += rng.int(1, maxGap);
  }
}
