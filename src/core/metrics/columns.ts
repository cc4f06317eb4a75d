/**
 * Column helpers for the engine's tables.
 *
 * Columns are plain arrays of numbers, not typed arrays: V8 stores them unboxed (8 bytes a
 * value) on its own heap. Typed arrays live outside the heap, and on a heap already holding a
 * large dataset every further ~64 MB of them makes V8 run a full garbage collection over the
 * whole heap — measured at 1M leads, that alone cost tens of seconds.
 */

/** A column of `n` copies of `value`. */
export function filled(n: number, value: number): number[] {
  return new Array<number>(n).fill(value);
}

/** Values ↔ dense indices (0, 1, 2, ...), so a value can index a plain array. */
export class Dictionary<V> {
  readonly values: V[] = [];
  private readonly index = new Map<V, number>();

  constructor(initial: readonly V[] = []) {
    for (const v of initial) this.indexOf(v);
  }

  indexOf(value: V): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  get size(): number {
    return this.values.length;
  }
}

/**
 * id → position for a list of distinct integer ids. amoCRM ids grow by one per created entity,
 * so an account's lead ids usually fill a narrow range: then an array indexed by (id − min)
 * answers several times faster than a Map for the millions of touches and moves looked up.
 * Sparse or odd ids fall back to a Map.
 */
export class IdIndex {
  private readonly min: number;
  private readonly table: number[] | null;
  private readonly map: Map<number, number> | null;

  constructor(ids: readonly number[]) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let integers = true;
    for (const id of ids) {
      if (id < min) min = id;
      if (id > max) max = id;
      if (!Number.isInteger(id)) integers = false;
    }
    this.min = min;
    if (integers && ids.length > 0 && max - min + 1 <= 4 * ids.length + 1024) {
      const table = filled(max - min + 1, -1);
      for (let i = 0; i < ids.length; i++) table[ids[i]! - min] = i;
      this.table = table;
      this.map = null;
    } else {
      this.table = null;
      this.map = new Map();
      for (let i = 0; i < ids.length; i++) this.map.set(ids[i]!, i);
    }
  }

  /** The position of `id`, or -1. */
  get(id: number): number {
    if (this.table !== null) {
      // Outside the range (or not an integer) reads undefined → not present.
      return this.table[id - this.min] ?? -1;
    }
    return this.map!.get(id) ?? -1;
  }
}
