/**
 * Calendar and time-zone arithmetic for the date/time functions: dates are days since
 * 2000-01-01, timestamps microseconds since 2000-01-01 00:00 (UTC for timestamptz), the
 * proleptic Gregorian calendar with year 0 = 1 BC, as PostgreSQL's date2j/j2date.
 * Zones: 'UTC'/'GMT'/'Z', fixed offsets ('+02', '-05:30', 'UTC+3' POSIX-inverted), or IANA names
 * resolved through Intl.DateTimeFormat (one formatter per zone, cached).
 */
import { SqlError } from '../errors.js';

export const usPerDay = 86_400_000_000n;
export const usPerDayNum = 86_400_000_000;
export const tsInfinity = 2n ** 63n - 1n;
export const tsMinusInfinity = -(2n ** 63n);
/** 1970-01-01 minus 2000-01-01 in seconds. */
export const unixEpochSeconds = 946_684_800;

export function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : monthDays[m - 1]!;
}

/** Days since 2000-01-01 of y-m-d (days-from-civil). */
export function daysFromYmd(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 730425;
}

export function ymdFromDays(days: number): [number, number, number] {
  const z = days + 730425;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Broken-down wall time. */
export interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
}

export function fieldsOf(ts: bigint): Fields {
  let days = ts / usPerDay;
  let rem = ts - days * usPerDay;
  if (rem < 0n) {
    days -= 1n;
    rem += usPerDay;
  }
  const [year, month, day] = ymdFromDays(Number(days));
  const r = Number(rem);
  const micro = r % 1_000_000;
  const secs = (r - micro) / 1_000_000;
  return { year, month, day, hour: Math.floor(secs / 3600), minute: Math.floor(secs / 60) % 60, second: secs % 60, micro };
}

export function fromFields(f: Fields): bigint {
  const days = BigInt(daysFromYmd(f.year, f.month, f.day));
  return days * usPerDay + BigInt(((f.hour * 60 + f.minute) * 60 + f.second) * 1_000_000 + f.micro);
}

export function isFiniteTs(ts: bigint): boolean {
  return ts !== tsInfinity && ts !== tsMinusInfinity;
}

// ---------------------------------------------------------------------------------------------
// Time zones

/** Seconds east of UTC for a fixed-offset zone name, or null for an IANA name. */
export function fixedZoneOffset(zone: string): number | null {
  const z = zone.trim();
  const u = z.toUpperCase();
  if (u === 'UTC' || u === 'GMT' || u === 'Z' || u === 'ZULU' || u === 'UCT' || u === 'ETC/UTC' || u === 'ETC/GMT') return 0;
  let m = /^([+-])(\d{1,2})(?::?(\d\d))?(?::?(\d\d))?$/.exec(z);
  if (m !== null) {
    const s = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? -s : s;
  }
  // POSIX style: 'UTC+3' means three hours WEST of UTC.
  m = /^(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d\d))?$/i.exec(z);
  if (m !== null) {
    const s = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60;
    return m[1] === '+' ? -s : s;
  }
  return null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new SqlError('22023', `time zone "${zone}" not recognized`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Offsets cached per zone and UTC day: a day whose first and last quarter hour have the same
 * offset has it throughout (zones change offset at most once a day); a day with a transition is
 * cached per quarter hour, since 1975 every zone's transitions falling on a local whole, half or
 * quarter hour. Earlier instants (local mean time, odd-second offsets) are computed each time.
 */
const offsetCache = new Map<string, Map<number, number>>();
const offsetCacheEntriesMax = 8192;
const cacheFromUs = -788_918_400_000_000n; // 1975-01-01 00:00 UTC
const quarterHourUs = 900_000_000n;
const fixedCache = new Map<string, number | null>();

/** Offset (seconds east of UTC) of `zone` at the UTC instant ts. */
export function zoneOffsetAt(zone: string, ts: bigint): number {
  let fixed = fixedCache.get(zone);
  if (fixed === undefined) {
    fixed = fixedZoneOffset(zone);
    fixedCache.set(zone, fixed);
  }
  if (fixed !== null) return fixed;
  if (ts < cacheFromUs || !isFiniteTs(ts)) return computeOffset(zone, ts);
  let zoneCache = offsetCache.get(zone);
  if (zoneCache === undefined) offsetCache.set(zone, (zoneCache = new Map()));
  if (zoneCache.size >= offsetCacheEntriesMax) zoneCache.clear();
  // Keys: day numbers for whole days (≥ 0 … as given), quarter-hour numbers offset by 2^40 for transition days.
  const day = Number(floorDiv(ts, usPerDay));
  const whole = zoneCache.get(day);
  if (whole !== undefined && !Number.isNaN(whole)) return whole;
  if (whole === undefined) {
    const start = BigInt(day) * usPerDay;
    const first = computeOffset(zone, start);
    const last = computeOffset(zone, start + usPerDay - quarterHourUs);
    zoneCache.set(day, first === last ? first : NaN);
    if (first === last) return first;
  }
  const q = Number(floorDiv(ts, quarterHourUs)) + 2 ** 40;
  let off = zoneCache.get(q);
  if (off === undefined) {
    off = computeOffset(zone, BigInt(q - 2 ** 40) * quarterHourUs);
    zoneCache.set(q, off);
  }
  return off;
}

/** ⌊a / b⌋ for b > 0 (bigint division truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}

function computeOffset(zone: string, ts: bigint): number {
  const f = formatter(zone);
  const unixSec = Math.floor(Number(ts / 1_000_000n)) + unixEpochSeconds;
  const ms = Math.max(Math.min(unixSec, 8.64e12) * 1000, -8.64e12 * 1000);
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  let bc = false;
  for (const p of f.formatToParts(new Date(ms))) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
      case 'era':
        bc = p.value.startsWith('B');
        break;
    }
  }
  if (bc) y = 1 - y;
  const local = daysFromYmd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return local - (unixSec - unixEpochSeconds);
}

export function utcToLocal(zone: string, ts: bigint): bigint {
  if (!isFiniteTs(ts)) return ts;
  return ts + BigInt(zoneOffsetAt(zone, ts)) * 1_000_000n;
}

/**
 * The UTC instant of a wall time in `zone`. Around a transition PostgreSQL prefers, for a time
 * that does not exist (spring forward), the offset from before the change and, for a time that
 * exists twice (fall back), the offset from after it: in both cases the smaller of the two offsets.
 */
export function localToUtc(zone: string, local: bigint): bigint {
  if (!isFiniteTs(local)) return local;
  const before = BigInt(zoneOffsetAt(zone, local - usPerDay)) * 1_000_000n;
  const after = BigInt(zoneOffsetAt(zone, local + usPerDay)) * 1_000_000n;
  if (before === after) {
    const o = BigInt(zoneOffsetAt(zone, local - before)) * 1_000_000n;
    return local - o;
  }
  const validBefore = BigInt(zoneOffsetAt(zone, local - before)) * 1_000_000n === before;
  const validAfter = BigInt(zoneOffsetAt(zone, local - after)) * 1_000_000n === after;
  if (validBefore !== validAfter) return local - (validBefore ? before : after);
  return local - (before < after ? before : after);
}
