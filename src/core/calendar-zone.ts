/**
 * Civil-date arithmetic and per-timezone UTC-offset tables for the working calendar.
 *
 * This is the only module of the calendar that calls Intl, and it does so only while it discovers
 * a zone's offset transitions (a few thousand calls per year of time covered, once per timezone per
 * process). Every later conversion between instants and local wall times is arithmetic on the
 * recorded transitions.
 *
 * A "wall" value is a local wall-clock reading encoded as milliseconds since 1970-01-01T00:00 of
 * the proleptic Gregorian calendar, as if that reading were UTC. Local day numbers are days since
 * 1970-01-01 in the same encoding (wall = day * DAY_MS + time of day).
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1–12), exact for any year. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil: [year, month 1–12, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** "YYYY-MM-DD" of a day number (years 1000–9999). */
export function formatDay(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return y + "-" + pad2(m) + "-" + pad2(d);
}

/** Is y-m-d a real Gregorian date (month 1–12, day within the month)? */
export function isValidCivil(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const [, m2] = civilFromDays(daysFromCivil(y, m, d));
  return m2 === m;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a strict "YYYY-MM-DD" that names a real date, else undefined. */
export function parseDay(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidCivil(y, mo, d) ? daysFromCivil(y, mo, d) : undefined;
}

/**
 * Offsets are sampled this often and every change between two samples is bisected to the second.
 * Two transitions that cancel out within one step would go unseen; tzdb has none so close.
 */
const SAMPLE_MS = 6 * HOUR_MS;
/** Coverage grows by at least this much at a time. */
const ZONE_CHUNK_MS = 366 * DAY_MS;
/** Coverage never leaves this span (a little wider than the calendar's supported 1900–2199). */
const ZONE_MIN_MS = daysFromCivil(1899, 12, 1) * DAY_MS;
const ZONE_MAX_MS = daysFromCivil(2200, 2, 1) * DAY_MS;
/** Wider than any UTC offset tzdb has ever had (local mean times reach about ±16 h). */
const OFFSET_BOUND_MS = 2 * DAY_MS;

/**
 * The UTC offsets of one IANA timezone as a list of segments: segment k starts at starts[k]
 * (starts[0] = -Infinity) and has offset offs[k] (local wall − UTC, ms) until starts[k + 1].
 * Transitions are recorded exactly (to the second) inside [lo, hi]; the table grows on demand.
 */
export class ZoneOffsets {
  private readonly fmt: Intl.DateTimeFormat;
  private starts: number[] = [];
  private offs: number[] = [];
  private lo = Number.NaN;
  private hi = Number.NaN;

  constructor(readonly timezone: string) {
    this.fmt = new Intl.DateTimeFormat("en-US-u-ca-gregory-nu-latn", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** The offset (wall − UTC, ms) in force at instant t. */
  offsetAt(t: number): number {
    this.cover(t, t);
    return this.offs[this.segmentAt(t)]!;
  }

  /**
   * The first instant at which the local clock reads `wall` or later.
   * - An ordinary wall time → its one instant.
   * - A wall time repeated by a backward switch (autumn) → the earlier of its two instants.
   * - A wall time skipped by a forward switch (spring) → the instant of the switch, i.e. the first
   *   instant after the gap: Berlin 2026-03-29 02:30 → 03:00 CEST (01:00Z).
   * The mapping never decreases as `wall` grows, so wall-time intervals map to instant intervals.
   */
  wallToInstant(wall: number): number {
    const t0 = wall - OFFSET_BOUND_MS;
    this.cover(t0, wall + OFFSET_BOUND_MS);
    const starts = this.starts;
    const offs = this.offs;
    const last = starts.length - 1;
    let k = this.segmentAt(t0);
    // In the first segment the clock at t0 reads less than `wall` (offsets are below the bound).
    let segStart = t0;
    for (;;) {
      const o = offs[k]!;
      // The clock already reads past `wall` when this segment begins: `wall` was skipped.
      if (wall < segStart + o) return segStart;
      if (k === last || wall < starts[k + 1]! + o) return wall - o;
      k++;
      segStart = starts[k]!;
    }
  }

  /** Index of the segment that contains t (t must be covered or beyond the last transition). */
  private segmentAt(t: number): number {
    const starts = this.starts;
    let a = 0;
    let b = starts.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (starts[m]! <= t) a = m;
      else b = m - 1;
    }
    return a;
  }

  /** Make sure every transition in [a, b] (clamped to the supported span) is recorded. */
  private cover(a: number, b: number): void {
    if (a >= this.lo && b <= this.hi) return;
    if (!(Number.isFinite(a) && Number.isFinite(b))) throw new RangeError("not a finite instant: " + a);
    if (Number.isNaN(this.lo)) {
      const from = clampZone(alignDown(Math.min(a, b - ZONE_CHUNK_MS)));
      const to = clampZone(alignUp(Math.max(b, a + ZONE_CHUNK_MS)));
      const s = this.scan(from, to);
      this.starts = [Number.NEGATIVE_INFINITY, ...s.starts];
      this.offs = [s.first, ...s.offs];
      this.lo = from;
      this.hi = to;
    }
    if (a < this.lo && this.lo > ZONE_MIN_MS) {
      const from = clampZone(alignDown(Math.min(a, this.lo - ZONE_CHUNK_MS)));
      const s = this.scan(from, this.lo);
      // The scan ends with the offset at the old lo, which is offs[0]: keep the later segments.
      this.starts = [Number.NEGATIVE_INFINITY, ...s.starts, ...this.starts.slice(1)];
      this.offs = [s.first, ...s.offs, ...this.offs.slice(1)];
      this.lo = from;
    }
    if (b > this.hi && this.hi < ZONE_MAX_MS) {
      const to = clampZone(alignUp(Math.max(b, this.hi + ZONE_CHUNK_MS)));
      const s = this.scan(this.hi, to);
      this.starts.push(...s.starts);
      this.offs.push(...s.offs);
      this.hi = to;
    }
  }

  /** Sample [from, to] (both on the sampling grid) and bisect every change of offset. */
  private scan(from: number, to: number): { first: number; starts: number[]; offs: number[] } {
    const starts: number[] = [];
    const offs: number[] = [];
    const first = this.intlOffset(from);
    let prevT = from;
    let prevO = first;
    for (let t = from + SAMPLE_MS; t <= to; t += SAMPLE_MS) {
      const o = this.intlOffset(t);
      if (o !== prevO) this.bisect(prevT, prevO, t, o, starts, offs);
      prevT = t;
      prevO = o;
    }
    return { first, starts, offs };
  }

  /** Record every transition between lo (offset oLo) and hi (offset oHi), both whole seconds. */
  private bisect(lo: number, oLo: number, hi: number, oHi: number, starts: number[], offs: number[]): void {
    while (oLo !== oHi) {
      let a = lo;
      let b = hi;
      let ob = oHi;
      while (b - a > SECOND_MS) {
        const m = a + Math.floor((b - a) / (2 * SECOND_MS)) * SECOND_MS;
        const om = this.intlOffset(m);
        if (om === oLo) a = m;
        else {
          b = m;
          ob = om;
        }
      }
      starts.push(b);
      offs.push(ob);
      lo = b;
      oLo = ob;
    }
  }

  /** The offset at t (a whole second) as Intl reports it. */
  private intlOffset(t: number): number {
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const p of this.fmt.formatToParts(t)) {
      const v = Number(p.value);
      switch (p.type) {
        case "year":
          y = v;
          break;
        case "month":
          mo = v;
          break;
        case "day":
          d = v;
          break;
        case "hour":
          h = v === 24 ? 0 : v;
          break;
        case "minute":
          mi = v;
          break;
        case "second":
          s = v;
          break;
      }
    }
    return daysFromCivil(y, mo, d) * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS - t;
  }
}

function alignDown(t: number): number {
  return Math.floor(t / SAMPLE_MS) * SAMPLE_MS;
}

function alignUp(t: number): number {
  return Math.ceil(t / SAMPLE_MS) * SAMPLE_MS;
}

function clampZone(t: number): number {
  return Math.min(Math.max(t, ZONE_MIN_MS), ZONE_MAX_MS);
}

const zones = new Map<string, ZoneOffsets>();

/** The shared offset table of a timezone (the caller has checked that the name is valid). */
export function zoneOffsets(timezone: string): ZoneOffsets {
  let z = zones.get(timezone);
  if (!z) {
    z = new ZoneOffsets(timezone);
    zones.set(timezone, z);
  }
  return z;
}
