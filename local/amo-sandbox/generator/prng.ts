/**
 * The generator's own seeded PRNG (sfc32, seeded through splitmix32). Never Math.random: the same
 * seed must give byte-identical accounts in Node and in Apps Script.
 *
 * `fork(label)` derives an independent stream from the root seed and a label, so that one part of
 * the plan (e.g. prices) can change without shifting every draw made after it elsewhere.
 */

/** FNV-1a over UTF-16 code units: a stable 32-bit hash for stream labels. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const HEX = "0123456789abcdef";

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly seed: number;

  constructor(seed: number, label = "") {
    this.seed = seed >>> 0;
    const init = splitmix32((this.seed ^ hashString(label)) >>> 0);
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    // Warm up: the first outputs of sfc32 are correlated with the seed words.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream for a named part of the plan. */
  fork(label: string): Rng {
    return new Rng(this.seed, label);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Pick by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error("weighted pick from an empty list");
    return last[0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale sigma. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with mean 1 (a Gamma(1) weight for random partitions). */
  exp1(): number {
    return -Math.log(1 - this.next());
  }

  /** Poisson by inversion (small means only). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Round x up or down at random so that the expectation is x (keeps planted shares unbiased). */
  stochRound(x: number): number {
    const f = Math.floor(x);
    return f + (this.chance(x - f) ? 1 : 0);
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  /** n lowercase hex digits (table lookup: number-to-string conversion is slow). */
  hex(n: number): string {
    let s = "";
    let x = 0;
    for (let i = 0; i < n; i++) {
      if (i % 8 === 0) x = this.uint32();
      s += HEX[x & 15];
      x >>>= 4;
    }
    return s;
  }

  /** A random (version 4) UUID. */
  uuid(): string {
    const h = this.hex(30);
    const variant = HEX[8 + (this.uint32() & 3)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-${variant}${h.slice(15, 18)}-${h.slice(18, 30)}`;
  }
}
