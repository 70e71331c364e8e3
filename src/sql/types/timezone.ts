/**
 * Time zones: the UTC offset of a zone at an instant, and local wall time → UTC.
 *
 * Zones (the TimeZone setting, or a zone named in a literal) are IANA names resolved through
 * `Intl.DateTimeFormat` (offsets cached per zone and minute), 'UTC'/'GMT'/'Z', or POSIX-style
 * fixed offsets as PostgreSQL reads a TimeZone setting: '+02', 'UTC+2' = UTC-2, '<+02>-02' =
 * UTC+2. Offsets inside timestamp literals ('…12:00+02') use the ISO sign (see fixedOffset).
 * Offsets are in seconds, east positive.
 */
import { SqlError } from '../errors.js';

/** Microseconds between 1970-01-01 and 2000-01-01. */
export const unixEpochOffsetUs = 946_684_800_000_000n;
const msPerMinute = 60_000;
/** Date's representable range in ms (±8.64e15); instants beyond use the offset at the edge. */
const dateMsMax = 8.64e15 - 86_400_000;
const cacheEntriesMax = 65_536;

interface Zone {
  readonly fixed: number | null;
  readonly fmt: Intl.DateTimeFormat | null;
  readonly cache: Map<number, number>;
}

const zones = new Map<string, Zone>();

const isoOffset = /^(?:(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)$/i;
const posixOffset = /^(?:<[^>]*>|[A-Za-z]{3,})?([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$/;

function isUtcName(l: string): boolean {
  return l === 'utc' || l === 'gmt' || l === 'z' || l === 'zulu' || l === 'etc/utc' || l === 'etc/gmt' || l === 'universal' || l === 'uct';
}

function hms(h: string, m: string | undefined, s: string | undefined): number | null {
  const hh = Number(h);
  const mm = m === undefined ? 0 : Number(m);
  const ss = s === undefined ? 0 : Number(s);
  if (hh > 15 || mm > 59 || ss > 59) return null;
  return hh * 3600 + mm * 60 + ss;
}

/**
 * A fixed offset in seconds (east positive) written the ISO 8601 way, as in a timestamp literal:
 * 'Z', 'UTC', '+02', '+02:00', '-0530'. Null when the text is not one.
 */
export function fixedOffset(name: string): number | null {
  const n = name.trim();
  if (isUtcName(n.toLowerCase())) return 0;
  const m = isoOffset.exec(n);
  if (m === null) return null;
  const off = hms(m[2] as string, m[3], m[4]);
  if (off === null) return null;
  return m[1] === '-' ? -off : off;
}

/**
 * The offset of a TimeZone *setting* that is not an IANA name. PostgreSQL reads these as POSIX
 * zone specs, whose sign is the other way round: TimeZone '+02', 'UTC+2' and '<+02>-02'… mean
 * UTC-2, UTC-2 and UTC+2 (SET TIME ZONE INTERVAL '+02:00' stores '<+02>-02').
 */
function settingOffset(name: string): number | null {
  const n = name.trim();
  if (isUtcName(n.toLowerCase())) return 0;
  const m = posixOffset.exec(n);
  if (m === null) return null;
  const off = hms(m[2] as string, m[3], m[4]);
  if (off === null) return null;
  return m[1] === '-' ? off : -off;
}

function zone(name: string): Zone {
  let z = zones.get(name);
  if (z !== undefined) return z;
  const f = settingOffset(name);
  if (f !== null) z = { fixed: f, fmt: null, cache: new Map() };
  else {
    let fmt: Intl.DateTimeFormat;
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new SqlError('22023', `time zone "${name}" not recognized`);
    }
    z = { fixed: null, fmt, cache: new Map() };
  }
  zones.set(name, z);
  return z;
}

/** Is `name` a time zone we can use? */
export function isKnownZone(name: string): boolean {
  try {
    zone(name);
    return true;
  } catch {
    return false;
  }
}

function computeOffset(fmt: Intl.DateTimeFormat, ms: number): number {
  const parts = fmt.formatToParts(new Date(ms));
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let bc = false;
  for (const p of parts) {
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
      default:
        break;
    }
  }
  if (bc) y = 1 - y;
  const local = new Date(0);
  local.setUTCFullYear(y, mo - 1, d);
  local.setUTCHours(h, mi, s, 0);
  const wholeSecondMs = Math.floor(ms / 1000) * 1000;
  return Math.round((local.getTime() - wholeSecondMs) / 1000);
}

/** UTC offset (seconds, east positive) of zone `name` at the instant `utcUs` (µs since 2000-01-01 UTC). */
export function offsetAt(name: string, utcUs: bigint): number {
  const z = zone(name);
  if (z.fixed !== null) return z.fixed;
  let ms = Number(utcUs / 1000n + unixEpochOffsetUs / 1000n);
  if (ms > dateMsMax) ms = dateMsMax;
  if (ms < -dateMsMax) ms = -dateMsMax;
  const bucket = Math.floor(ms / msPerMinute);
  let off = z.cache.get(bucket);
  if (off === undefined) {
    off = computeOffset(z.fmt as Intl.DateTimeFormat, bucket * msPerMinute);
    if (z.cache.size >= cacheEntriesMax) z.cache.clear();
    z.cache.set(bucket, off);
  }
  return off;
}

const dayUs = 86_400_000_000n;

/**
 * Local wall time (µs since 2000-01-01 local) in zone `name` → UTC µs. In a spring-forward gap
 * the offset from before the transition applies; in a fall-back overlap the one after it, as
 * PostgreSQL's DetermineTimeZoneOffset chooses.
 */
export function localToUtc(name: string, localUs: bigint): bigint {
  const z = zone(name);
  if (z.fixed !== null) return localUs - BigInt(z.fixed) * 1_000_000n;
  const before = offsetAt(name, localUs - dayUs);
  const after = offsetAt(name, localUs + dayUs);
  const u1 = localUs - BigInt(before) * 1_000_000n;
  if (before === after) {
    // No transition nearby, or the guess lands on the other side of one: check it.
    const o = offsetAt(name, u1);
    return o === before ? u1 : localUs - BigInt(o) * 1_000_000n;
  }
  const u2 = localUs - BigInt(after) * 1_000_000n;
  if (offsetAt(name, u2) === after) return u2;
  return u1;
}

/** UTC µs → local wall time µs in zone `name`. */
export function utcToLocal(name: string, utcUs: bigint): bigint {
  return utcUs + BigInt(offsetAt(name, utcUs)) * 1_000_000n;
}

/** An offset as PostgreSQL prints it after a timestamptz: +01, -05:30, +00:09:21. */
export function formatOffset(off: number): string {
  const sign = off < 0 ? '-' : '+';
  let a = Math.abs(off);
  const h = Math.floor(a / 3600);
  a -= h * 3600;
  const m = Math.floor(a / 60);
  const s = a - m * 60;
  let out = sign + (h < 10 ? '0' : '') + h;
  if (m !== 0 || s !== 0) out += ':' + (m < 10 ? '0' : '') + m;
  if (s !== 0) out += ':' + (s < 10 ? '0' : '') + s;
  return out;
}

const abbrevLocales = ['en-US', 'en-GB', 'en-AU', 'en-IN'];
const abbrevFormats = new Map<string, Intl.DateTimeFormat[]>();
const abbrevCache = new Map<string, string>();

/**
 * The zone abbreviation PostgreSQL prints after a timestamptz in the SQL, Postgres and German
 * DateStyles ('CET', 'EDT', 'UTC'), from Intl's short names in a few English locales; zones
 * without one there get the numeric offset ('-03', '+09'), as PostgreSQL does for zones whose
 * tzdata abbreviation is numeric.
 */
export function zoneAbbreviation(name: string, utcUs: bigint): string {
  const off = offsetAt(name, utcUs);
  const key = `${name}|${off}`;
  let a = abbrevCache.get(key);
  if (a !== undefined) return a;
  a = formatOffset(off);
  const z = zone(name);
  if (z.fixed === null) {
    let fmts = abbrevFormats.get(name);
    if (fmts === undefined) {
      fmts = abbrevLocales.map((l) => new Intl.DateTimeFormat(l, { timeZone: name, timeZoneName: 'short' }));
      abbrevFormats.set(name, fmts);
    }
    let ms = Number(utcUs / 1000n + unixEpochOffsetUs / 1000n);
    if (ms > dateMsMax) ms = dateMsMax;
    if (ms < -dateMsMax) ms = -dateMsMax;
    for (const f of fmts) {
      const part = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName');
      if (part !== undefined && /^[A-Z]{2,5}$/.test(part.value)) {
        a = part.value;
        break;
      }
    }
  } else if (z.fixed === 0 && /^(utc|gmt|z|zulu|uct|universal|etc\/utc|etc\/gmt)$/i.test(name.trim())) a = 'UTC';
  if (abbrevCache.size >= cacheEntriesMax) abbrevCache.clear();
  abbrevCache.set(key, a);
  return a;
}
