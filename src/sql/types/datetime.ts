/**
 * date, time, timestamp and timestamptz: input, output and calendar arithmetic.
 *
 * Representations (type.ts): date = days since 2000-01-01 (±Infinity for ±infinity); time = µs
 * since midnight; timestamp(tz) = bigint µs since 2000-01-01 00:00 (UTC for timestamptz), with
 * -infinity/infinity at the int8 extremes. Years are astronomical inside (1 BC = year 0).
 *
 * Input accepts what PostgreSQL's datetime parser accepts in practice: ISO 8601 (`2024-03-15`,
 * `2024-03-15T12:00:00.5+01:00`, `20240315`), `3/15/2024` per DateStyle's field order,
 * month names (`March 15, 2024`, `15 Mar 2024`), BC/AD, AM/PM, zones (`Z`, `+02`, `-05:30`,
 * `UTC`, IANA names, common abbreviations), Julian days (`J2451545`) and the special words
 * epoch, infinity, -infinity, now, today, tomorrow, yesterday, allballs.
 */
import { SqlError } from '../errors.js';
import { Interval, usecPerDay } from './interval.js';
import type { TypeContext } from './type.js';
import { fixedOffset, formatOffset, isKnownZone, localToUtc, offsetAt, utcToLocal, zoneAbbreviation } from './timezone.js';

export const postgresEpochJdate = 2451545;
export const timestampMinusInfinity = -(2n ** 63n);
export const timestampInfinity = 2n ** 63n - 1n;
/** Julian day of 4714-11-24 BC (day 0) and the first day after the last valid date. */
const dateEndJulian = 2147483494; // date2j(5874898, 1, 1)
const timestampEndJulian = 109203528; // date2j(294277, 1, 1)
const usPerDayNum = 86_400_000_000;

// ---------------------------------------------------------------------------------------------
// Calendar

/** Julian day number of a proleptic Gregorian date (astronomical year). */
export function date2j(y: number, m: number, d: number): number {
  if (m > 2) {
    m += 1;
    y += 4800;
  } else {
    m += 13;
    y += 4799;
  }
  const century = Math.floor(y / 100);
  let julian = y * 365 - 32167;
  julian += Math.floor(y / 4) - century + Math.floor(century / 4);
  julian += Math.floor((7834 * m) / 256) + d;
  return julian;
}

/** [year, month, day] of a Julian day number. */
export function j2date(jd: number): [number, number, number] {
  let julian = jd + 32044;
  let quad = Math.floor(julian / 146097);
  const extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + Math.floor(extra / 146097);
  quad = Math.floor(julian / 1461);
  julian -= quad * 1461;
  let y = Math.floor((julian * 4) / 1461);
  julian = (y !== 0 ? (julian + 305) % 365 : (julian + 306) % 366) + 123;
  y += quad * 4;
  const year = y - 4800;
  quad = Math.floor((julian * 2141) / 65536);
  const day = julian - Math.floor((7834 * quad) / 256);
  const month = ((quad + 10) % 12) + 1;
  return [year, month, day];
}

export function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : (monthDays[m - 1] as number);
}

/** Days since 2000-01-01 of a date. */
export function daysFromYmd(y: number, m: number, d: number): number {
  return date2j(y, m, d) - postgresEpochJdate;
}

export function ymdFromDays(days: number): [number, number, number] {
  return j2date(days + postgresEpochJdate);
}

/** Floor division of a bigint µs value into days and µs within the day. */
export function splitTimestamp(ts: bigint): [number, number] {
  let days = ts / usecPerDay;
  let rem = ts % usecPerDay;
  if (rem < 0n) {
    rem += usecPerDay;
    days -= 1n;
  }
  return [Number(days), Number(rem)];
}

export function isFiniteTimestamp(ts: bigint): boolean {
  return ts !== timestampInfinity && ts !== timestampMinusInfinity;
}

function timestampInRange(ts: bigint): boolean {
  const [days] = splitTimestamp(ts);
  const j = days + postgresEpochJdate;
  return j >= 0 && j < timestampEndJulian;
}

// ---------------------------------------------------------------------------------------------
// DateStyle

export interface DateStyle {
  readonly style: 'iso' | 'sql' | 'postgres' | 'german';
  readonly order: 'mdy' | 'dmy' | 'ymd';
}

const styleCache = new Map<string, DateStyle>();

export function dateStyleOf(ctx: TypeContext): DateStyle {
  let s = styleCache.get(ctx.dateStyle);
  if (s !== undefined) return s;
  let style: DateStyle['style'] = 'iso';
  let order: DateStyle['order'] = 'mdy';
  for (const part of ctx.dateStyle.toLowerCase().split(/[\s,]+/)) {
    if (part === 'iso' || part === 'sql' || part === 'postgres' || part === 'german') style = part;
    else if (part === 'mdy' || part === 'us' || part === 'noneuropean') order = 'mdy';
    else if (part === 'dmy' || part === 'euro' || part === 'european') order = 'dmy';
    else if (part === 'ymd') order = 'ymd';
  }
  if (style === 'german' && !/mdy|dmy|ymd|us|euro/i.test(ctx.dateStyle)) order = 'dmy';
  s = { style, order };
  styleCache.set(ctx.dateStyle, s);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Input

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthFull = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const weekdays = ['sun', 'mon', 'tue', 'tues', 'wed', 'wednes', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Zone abbreviations PostgreSQL's default set knows, in seconds east of UTC (a useful subset). */
const zoneAbbrevs: Readonly<Record<string, number>> = {
  utc: 0, gmt: 0, z: 0, zulu: 0, ut: 0,
  est: -5 * 3600, edt: -4 * 3600, cst: -6 * 3600, cdt: -5 * 3600, mst: -7 * 3600, mdt: -6 * 3600,
  pst: -8 * 3600, pdt: -7 * 3600, akst: -9 * 3600, akdt: -8 * 3600, hst: -10 * 3600,
  cet: 3600, cest: 7200, met: 3600, mest: 7200, eet: 7200, eest: 10800, wet: 0, west: 3600,
  bst: 3600, ist: 7200, msk: 10800, jst: 9 * 3600, kst: 9 * 3600, aest: 10 * 3600, aedt: 11 * 3600,
  acst: 34200, awst: 8 * 3600, nzst: 12 * 3600, nzdt: 13 * 3600,
};

function monthOf(w: string): number {
  let i = monthNames.indexOf(w);
  if (i < 0) i = monthFull.indexOf(w);
  if (i < 0 && w === 'sept') i = 8;
  return i + 1;
}

/** What a date/time string decoded to. */
interface Decoded {
  special: 'epoch' | 'infinity' | '-infinity' | 'now' | 'today' | 'tomorrow' | 'yesterday' | null;
  hasDate: boolean;
  year: number;
  month: number;
  day: number;
  julian: number | null;
  hasTime: boolean;
  /** µs since midnight. */
  time: number;
  /** Zone offset in seconds, or a zone name to resolve at the local time, or null. */
  zoneOffset: number | null;
  zoneName: string | null;
}

type Kind = 'date' | 'time' | 'timestamp' | 'timestamptz';

const labels: Readonly<Record<Kind, string>> = {
  date: 'date',
  time: 'time',
  timestamp: 'timestamp',
  timestamptz: 'timestamp with time zone',
};

function bad(kind: Kind, text: string): SqlError {
  return new SqlError('22007', `invalid input syntax for type ${labels[kind] === 'time' ? 'time' : labels[kind]}: "${text}"`);
}

function fieldRange(text: string, hint = false): SqlError {
  return new SqlError(
    '22008',
    `date/time field value out of range: "${text}"`,
    hint ? { hint: 'Perhaps you need a different "datestyle" setting.' } : {},
  );
}

const timeRe = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(\.\d*)?)?(.*)$/;
const zoneSuffixRe = /^(?:z|[+-]\d{1,2}(?::?\d{2})?(?::?\d{2})?)$/;

/** Parse `hh:mm[:ss[.f]]` into µs; returns null if not a time. */
function parseClock(m: RegExpExecArray, text: string): number {
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  const frac = m[4] === undefined || m[4] === '.' ? 0 : Math.round(Number('0' + m[4]) * 1e6);
  if (h > 24 || mi > 59 || s > 60 || (h === 24 && (mi !== 0 || s !== 0 || frac !== 0))) throw fieldRange(text);
  return ((h * 60 + mi) * 60 + s) * 1e6 + frac;
}

function decode(text: string, kind: Kind, ctx: TypeContext): Decoded {
  const r: Decoded = {
    special: null, hasDate: false, year: 0, month: 0, day: 0, julian: null,
    hasTime: false, time: 0, zoneOffset: null, zoneName: null,
  };
  const s = text.trim().toLowerCase();
  if (s === '') throw bad(kind, text);
  switch (s) {
    case 'epoch':
    case 'infinity':
    case '-infinity':
    case 'now':
    case 'today':
    case 'tomorrow':
    case 'yesterday':
      r.special = s;
      return r;
    case '+infinity':
      r.special = 'infinity';
      return r;
    case 'allballs':
      r.hasTime = true;
      r.zoneOffset = 0;
      return r;
    default:
      break;
  }
  // Split into words; an ISO 'T' between a date and a time separates them too.
  const words = s
    .replace(/^(\d{4,}-\d{1,2}-\d{1,2}|\d{8})t(?=\d)/, '$1 ')
    .split(/[\s,]+/)
    .filter((w) => w !== '');
  const nums: string[] = [];
  let bc = false;
  let pm: boolean | null = null;
  let textMonth = 0;
  let dateParts: string[] | null = null;
  let dateSep = '';
  let forceYmd = false;
  for (let wi = 0; wi < words.length; wi++) {
    let w = words[wi] as string;
    const doy = /^(\d{4})\.(\d{3})$/.exec(w);
    if (doy !== null && dateParts === null) {
      // year.day-of-year
      const y = Number(doy[1]);
      const n = Number(doy[2]);
      if (n < 1) throw fieldRange(text);
      r.julian = date2j(y, 1, 1) + n - 1;
      continue;
    }
    if (dateParts === null && /^\d+([-/.])\d+\1\d+$/.test(w)) {
      dateSep = (/[-/.]/.exec(w) as RegExpExecArray)[0];
      dateParts = w.split(dateSep);
      continue;
    }
    // 15-mar-2024, mar-15-2024, 2024-mar-15
    if (/^[a-z0-9]+-[a-z0-9]+(-[a-z0-9]+)?$/.test(w) && /[a-z]/.test(w) && /\d/.test(w)) {
      const parts = w.split('-');
      for (const p of parts) {
        const mo = monthOf(p);
        if (mo > 0 && textMonth === 0) textMonth = mo;
        else if (/^\d+$/.test(p)) nums.push(p);
        else throw bad(kind, text);
      }
      continue;
    }
    const tm = timeRe.exec(w);
    if (tm !== null && !r.hasTime) {
      r.hasTime = true;
      r.time = parseClock(tm, text);
      let rest = tm[5] as string;
      if (rest === '' && wi + 1 < words.length && zoneSuffixRe.test(words[wi + 1] as string) && /^[+-]/.test(words[wi + 1] as string)) {
        rest = words[++wi] as string;
      }
      if (rest !== '') {
        if (rest === 'am' || rest === 'pm') pm = rest === 'pm';
        else if (zoneSuffixRe.test(rest)) r.zoneOffset = rest === 'z' ? 0 : (fixedOffset(rest) ?? badZone(rest));
        else throw bad(kind, text);
      }
      continue;
    }
    if (/^\d+$/.test(w)) {
      if (w.length === 8 && !r.hasDate && dateParts === null && nums.length === 0 && textMonth === 0) {
        dateParts = [w.slice(0, 4), w.slice(4, 6), w.slice(6, 8)];
        dateSep = '-';
        continue;
      }
      if (w.length === 6 && !r.hasTime && (dateParts !== null || kind === 'time')) {
        // hhmmss after a date (or as a time).
        r.hasTime = true;
        r.time = parseClock(/^(\d\d)(\d\d)(\d\d)()()$/.exec(w) as RegExpExecArray, text);
        continue;
      }
      if (w.length === 6 && dateParts === null && nums.length === 0 && textMonth === 0) {
        // yymmdd
        dateParts = [w.slice(0, 2), w.slice(2, 4), w.slice(4, 6)];
        dateSep = '-';
        forceYmd = true;
        continue;
      }
      nums.push(w);
      continue;
    }
    if (/^[+-]\d{1,2}(:?\d{2})?(:?\d{2})?$/.test(w) && (r.hasTime || dateParts !== null)) {
      r.zoneOffset = fixedOffset(w) ?? badZone(w);
      continue;
    }
    if (w === 'bc' || w === 'ad') {
      bc = w === 'bc';
      continue;
    }
    if (w === 'am' || w === 'pm' || w === 'a.m.' || w === 'p.m.') {
      pm = w[0] === 'p';
      continue;
    }
    if (w === 'at' || w === 'on') continue;
    if (/^j\d+$/.test(w)) {
      r.julian = Number(w.slice(1));
      continue;
    }
    const mo = monthOf(w.replace(/\.$/, ''));
    if (mo > 0 && textMonth === 0) {
      textMonth = mo;
      continue;
    }
    if (weekdays.includes(w.replace(/\.$/, ''))) continue;
    if (w === 'today' || w === 'tomorrow' || w === 'yesterday' || w === 'now' || w === 'epoch') {
      r.special = w;
      continue;
    }
    const abbrev = zoneAbbrevs[w];
    if (abbrev !== undefined) {
      r.zoneOffset = abbrev;
      continue;
    }
    if (w.includes('/') || /^[a-z_]+$/.test(w)) {
      const original = findOriginal(text, w);
      if (isKnownZone(original)) {
        r.zoneName = original;
        continue;
      }
      if (w.includes('/')) throw new SqlError('22023', `time zone "${original}" not recognized`);
    }
    throw bad(kind, text);
  }
  if (pm !== null) {
    const h = Math.floor(r.time / 3.6e9);
    if (h > 12 || !r.hasTime) throw fieldRange(text);
    if (pm && h < 12) r.time += 12 * 3.6e9;
    else if (!pm && h === 12) r.time -= 12 * 3.6e9;
  }
  assembleDate(r, dateParts, forceYmd ? 'ymd' : dateSep, nums, textMonth, bc, kind, text, ctx);
  if (r.hasDate && bc) {
    if (r.year <= 0) throw fieldRange(text);
    r.year = 1 - r.year;
  } else if (r.hasDate && r.year === 0 && r.julian === null) throw fieldRange(text);
  return r;
}

function badZone(z: string): never {
  throw new SqlError('22023', `time zone "${z}" not recognized`);
}

/** The word as written in the original text (zone names are case-sensitive to Intl). */
function findOriginal(text: string, lower: string): string {
  const i = text.toLowerCase().indexOf(lower);
  return i < 0 ? lower : text.slice(i, i + lower.length);
}

function expandYear(field: string, y: number): number {
  if (field.length === 2) return y < 70 ? 2000 + y : 1900 + y;
  return y;
}

function assembleDate(
  r: Decoded,
  parts: string[] | null,
  sep: string,
  nums: string[],
  textMonth: number,
  bc: boolean,
  kind: Kind,
  text: string,
  ctx: TypeContext,
): void {
  // Two-digit years mean 1970–2069, except with BC.
  const twoDigitYear = (field: string, y: number): number => (bc ? y : expandYear(field, y));
  if (r.julian !== null) {
    r.hasDate = true;
    const [y, m, d] = j2date(r.julian);
    r.year = y;
    r.month = m;
    r.day = d;
    return;
  }
  if (parts !== null) {
    if (nums.length > 0 || textMonth !== 0) throw bad(kind, text);
    const [a, b, c] = parts as [string, string, string];
    let y: string;
    let m: string;
    let d: string;
    const order = dateStyleOf(ctx).order;
    if (sep === 'ymd' || a.length >= 3 || order === 'ymd' || (sep === '-' && Number(a) > 31)) [y, m, d] = [a, b, c];
    else if (order === 'dmy') [d, m, y] = [a, b, c];
    else [m, d, y] = [a, b, c];
    r.year = twoDigitYear(y, Number(y));
    r.month = Number(m);
    r.day = Number(d);
    r.hasDate = true;
  } else if (textMonth !== 0) {
    r.month = textMonth;
    if (nums.length !== 2) {
      if (nums.length === 1 && kind !== 'time') throw bad(kind, text);
      if (nums.length === 0) throw bad(kind, text);
    }
    let [p, q] = nums as [string, string];
    // The year is the field with 3+ digits or a value above 31; otherwise day comes first (or, in YMD, year).
    if (p.length >= 3 || Number(p) > 31 || (dateStyleOf(ctx).order === 'ymd' && q.length < 3)) [p, q] = [q, p];
    r.day = Number(p);
    r.year = twoDigitYear(q, Number(q));
    r.hasDate = true;
  } else if (nums.length > 0) {
    throw bad(kind, text);
  }
  if (r.hasDate) {
    if (r.month < 1 || r.month > 12 || r.day < 1) throw fieldRange(text, !(r.month >= 1 && r.month <= 12 && r.day >= 1));
    const y = r.year;
    if (r.day > daysInMonth(y <= 0 ? y : y, r.month) && !(r.month === 2 && r.day === 29 && isLeap(y))) throw fieldRange(text);
  }
}

/** date's input function. */
export function parseDate(text: string, ctx: TypeContext): number {
  const r = decode(text, 'date', ctx);
  switch (r.special) {
    case 'infinity':
      return Infinity;
    case '-infinity':
      return -Infinity;
    case 'epoch':
      return daysFromYmd(1970, 1, 1);
    case 'now':
    case 'today':
    case 'tomorrow':
    case 'yesterday': {
      const local = utcToLocal(ctx.timeZone, ctx.transactionTime);
      const [d] = splitTimestamp(local);
      return d + (r.special === 'tomorrow' ? 1 : r.special === 'yesterday' ? -1 : 0);
    }
    case null:
      break;
  }
  if (!r.hasDate) throw bad('date', text);
  const j = date2j(r.year, r.month, r.day);
  if (j < 0 || j >= dateEndJulian) throw new SqlError('22008', `date out of range: "${text}"`);
  return j - postgresEpochJdate;
}

/** Round µs to `precision` fractional digits (time(p)/timestamp(p)), half away from zero. */
export function roundMicros(us: bigint, precision: number): bigint {
  if (precision < 0 || precision >= 6) return us;
  const scale = 10n ** BigInt(6 - precision);
  const half = scale / 2n;
  return us >= 0n ? ((us + half) / scale) * scale : -((-us + half) / scale) * scale;
}

/** time's input function (a zone, if given, is ignored as PostgreSQL does). */
export function parseTime(text: string, precision: number, ctx: TypeContext): number {
  const r = decode(text, 'time', ctx);
  if (r.special === 'now') {
    const [, us] = splitTimestamp(utcToLocal(ctx.timeZone, ctx.transactionTime));
    return Number(roundMicros(BigInt(us), precision));
  }
  if (r.special !== null || !r.hasTime) {
    if (r.special === null && r.hasDate) return 0;
    throw bad('time', text);
  }
  return Number(roundMicros(BigInt(r.time), precision));
}

/** timestamp / timestamptz input function. */
export function parseTimestamp(text: string, withZone: boolean, precision: number, ctx: TypeContext): bigint {
  const kind: Kind = withZone ? 'timestamptz' : 'timestamp';
  const r = decode(text, kind, ctx);
  let local: bigint;
  switch (r.special) {
    case 'infinity':
      return timestampInfinity;
    case '-infinity':
      return timestampMinusInfinity;
    case 'epoch':
      return -unixOffsetUs;
    case 'now':
      return withZone ? ctx.transactionTime : utcToLocal(ctx.timeZone, ctx.transactionTime);
    case 'today':
    case 'tomorrow':
    case 'yesterday': {
      const [d] = splitTimestamp(utcToLocal(ctx.timeZone, ctx.transactionTime));
      const day = d + (r.special === 'tomorrow' ? 1 : r.special === 'yesterday' ? -1 : 0);
      local = BigInt(day) * usecPerDay;
      return withZone ? localToUtc(ctx.timeZone, local) : local;
    }
    case null:
      break;
  }
  if (!r.hasDate) throw bad(kind, text);
  const j = date2j(r.year, r.month, r.day);
  if (j < 0 || j >= timestampEndJulian) throw new SqlError('22008', `timestamp out of range: "${text}"`);
  local = BigInt(j - postgresEpochJdate) * usecPerDay + BigInt(r.time);
  local = roundMicros(local, precision);
  if (!withZone) return local;
  let utc: bigint;
  if (r.zoneOffset !== null) utc = local - BigInt(r.zoneOffset) * 1_000_000n;
  else utc = localToUtc(r.zoneName ?? ctx.timeZone, local);
  if (!timestampInRange(utc)) throw new SqlError('22008', `timestamp out of range: "${text}"`);
  return utc;
}

const unixOffsetUs = 946_684_800_000_000n;

// ---------------------------------------------------------------------------------------------
// Output

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** HH:MM:SS[.ffffff] with trailing zeros of the fraction removed. */
export function formatClock(us: number): string {
  const totalSec = Math.floor(us / 1e6);
  const frac = us - totalSec * 1e6;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec % 60;
  let out = pad(h, 2) + ':' + pad(m, 2) + ':' + pad(s, 2);
  if (frac !== 0) out += '.' + pad(frac, 6).replace(/0+$/, '');
  return out;
}

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function yearText(y: number): [string, string] {
  return y > 0 ? [pad(y, 4), ''] : [pad(1 - y, 4), ' BC'];
}

function dateText(y: number, m: number, d: number, ds: DateStyle): string {
  const [yy, era] = yearText(y);
  switch (ds.style) {
    case 'iso':
      return `${yy}-${pad(m, 2)}-${pad(d, 2)}${era}`;
    case 'sql':
      return (ds.order === 'dmy' ? `${pad(d, 2)}/${pad(m, 2)}` : `${pad(m, 2)}/${pad(d, 2)}`) + `/${yy}${era}`;
    case 'german':
      return `${pad(d, 2)}.${pad(m, 2)}.${yy}${era}`;
    case 'postgres':
      return (ds.order === 'dmy' ? `${pad(d, 2)}-${pad(m, 2)}` : `${pad(m, 2)}-${pad(d, 2)}`) + `-${yy}${era}`;
  }
}

/** date's output function. */
export function formatDate(days: number, ctx: TypeContext): string {
  if (days === Infinity) return 'infinity';
  if (days === -Infinity) return '-infinity';
  const [y, m, d] = ymdFromDays(days);
  return dateText(y, m, d, dateStyleOf(ctx));
}

/** time's output function. */
export function formatTime(us: number): string {
  return formatClock(us);
}

/** timestamp / timestamptz output function. */
export function formatTimestamp(ts: bigint, withZone: boolean, ctx: TypeContext): string {
  if (ts === timestampInfinity) return 'infinity';
  if (ts === timestampMinusInfinity) return '-infinity';
  let off = 0;
  let local = ts;
  if (withZone) {
    off = offsetAt(ctx.timeZone, ts);
    local = ts + BigInt(off) * 1_000_000n;
  }
  const [days, us] = splitTimestamp(local);
  const [y, m, d] = ymdFromDays(days);
  const ds = dateStyleOf(ctx);
  const clock = formatClock(us);
  const [yy, era] = yearText(y);
  if (ds.style === 'iso') return `${yy}-${pad(m, 2)}-${pad(d, 2)} ${clock}${withZone ? formatOffset(off) : ''}${era}`;
  const zone = withZone ? zoneAbbreviation(ctx.timeZone, ts) : '';
  switch (ds.style) {
    case 'sql':
      return `${dateText(y, m, d, { style: 'sql', order: ds.order }).replace(era, '')} ${clock}${withZone ? ' ' + zone : ''}${era}`;
    case 'german':
      return `${pad(d, 2)}.${pad(m, 2)}.${yy} ${clock}${withZone ? ' ' + zone : ''}${era}`;
    case 'postgres': {
      const dow = shortDays[(((days + 6) % 7) + 7) % 7] as string;
      const md = ds.order === 'dmy' ? `${pad(d, 2)} ${shortMonths[m - 1]}` : `${shortMonths[m - 1]} ${pad(d, 2)}`;
      return `${dow} ${md} ${clock} ${yy}${withZone ? ' ' + zone : ''}${era}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

function tsOutOfRange(): SqlError {
  return new SqlError('22008', 'timestamp out of range');
}

/** Local timestamp + interval: months (day clamped to the month's end), then days, then µs. */
function addLocal(local: bigint, iv: Interval): bigint {
  let ts = local;
  if (iv.months !== 0 || iv.days !== 0) {
    const [days, us] = splitTimestamp(ts);
    let [y, m, d] = ymdFromDays(days);
    if (iv.months !== 0) {
      const total = y * 12 + (m - 1) + iv.months;
      y = Math.floor(total / 12);
      m = total - y * 12 + 1;
      const dim = daysInMonth(y, m);
      if (d > dim) d = dim;
    }
    const j = date2j(y, m, d) + iv.days;
    if (j < 0 || j >= timestampEndJulian) throw tsOutOfRange();
    ts = BigInt(j - postgresEpochJdate) * usecPerDay + BigInt(us);
  }
  ts += iv.micros;
  if (!timestampInRange(ts)) throw tsOutOfRange();
  return ts;
}

/** timestamp + interval (timestamp without time zone). */
export function timestampPlusInterval(ts: bigint, iv: Interval): bigint {
  if (!isFiniteTimestamp(ts)) return ts;
  return addLocal(ts, iv);
}

/** timestamptz + interval: months and days in the session's time zone, then µs. */
export function timestamptzPlusInterval(ts: bigint, iv: Interval, ctx: TypeContext): bigint {
  if (!isFiniteTimestamp(ts)) return ts;
  let t = ts;
  if (iv.months !== 0 || iv.days !== 0) {
    const local = utcToLocal(ctx.timeZone, t);
    const moved = addLocal(local, new Interval(iv.months, iv.days, 0n));
    t = localToUtc(ctx.timeZone, moved);
  }
  t += iv.micros;
  if (!timestampInRange(t)) throw tsOutOfRange();
  return t;
}

/** timestamp - timestamp: µs difference with whole days split out (justify_hours). */
export function timestampMinus(a: bigint, b: bigint): Interval {
  if (!isFiniteTimestamp(a) || !isFiniteTimestamp(b)) throw new SqlError('22008', 'cannot subtract infinite timestamps');
  return new Interval(0, 0, a - b).justifyHours();
}

/** date → timestamp (local midnight). */
export function dateToTimestamp(days: number): bigint {
  if (days === Infinity) return timestampInfinity;
  if (days === -Infinity) return timestampMinusInfinity;
  if (days + postgresEpochJdate >= timestampEndJulian) throw new SqlError('22008', 'date out of range for timestamp');
  return BigInt(days) * usecPerDay;
}

/** timestamp → date. */
export function timestampToDate(ts: bigint): number {
  if (ts === timestampInfinity) return Infinity;
  if (ts === timestampMinusInfinity) return -Infinity;
  return splitTimestamp(ts)[0];
}

/** timestamp (local) → timestamptz in the session zone, and back. */
export function timestampToTz(ts: bigint, ctx: TypeContext): bigint {
  if (!isFiniteTimestamp(ts)) return ts;
  return localToUtc(ctx.timeZone, ts);
}

export function tzToTimestamp(ts: bigint, ctx: TypeContext): bigint {
  if (!isFiniteTimestamp(ts)) return ts;
  return utcToLocal(ctx.timeZone, ts);
}

/** time + interval wraps around midnight (only the µs part counts). */
export function timePlusInterval(t: number, iv: Interval): number {
  let r = (t + Number(iv.micros % usecPerDay)) % usPerDayNum;
  if (r < 0) r += usPerDayNum;
  return r;
}
