/**
 * Date/time functions: now() & co., date_part/extract (float8 / numeric results as PostgreSQL 14+),
 * date_trunc, age, make_*, to_timestamp(float8), justify_*, isfinite, date_bin, timezone()
 * (AT TIME ZONE), and to_char / to_date / to_timestamp(text, format) in formatting.ts.
 * Values: date = days since 2000-01-01; timestamp(tz) = µs since 2000-01-01 (UTC for tz);
 * time = µs since midnight; timestamptz fields are taken in ctx.timeZone.
 */
import { SqlError } from '../errors.js';
import { Interval, Numeric, T } from '../types/index.js';
import type { TypeContext, Value } from '../types/index.js';
import {
  daysFromYmd,
  daysInMonth,
  fieldsOf,
  fromFields,
  isFiniteTs,
  localToUtc,
  tsInfinity,
  tsMinusInfinity,
  unixEpochSeconds,
  usPerDay,
  utcToLocal,
  ymdFromDays,
  zoneOffsetAt,
} from './calendar.js';
import type { Fields } from './calendar.js';
import { def } from './registry.js';

const ts = (v: Value | undefined): bigint => v as bigint;
const iv = (v: Value | undefined): Interval => v as Interval;
const str = (v: Value | undefined): string => v as string;
const i4 = (v: Value | undefined): number => v as number;
const f8 = (v: Value | undefined): number => v as number;

// ---------------------------------------------------------------------------------------------
// Current time

def(['now', 'transaction_timestamp'], [], T.timestamptz, (_a, ctx) => ctx.transactionTime, { volatility: 'stable' });
def('statement_timestamp', [], T.timestamptz, (_a, ctx) => ctx.statementTime, { volatility: 'stable' });
def('clock_timestamp', [], T.timestamptz, () => clockNow(), { volatility: 'volatile' });

function clockNow(): bigint {
  const ms = Date.now();
  return (BigInt(ms) - BigInt(unixEpochSeconds) * 1000n) * 1000n;
}

// ---------------------------------------------------------------------------------------------
// Units

const unitAliases: Readonly<Record<string, string>> = {
  microsecond: 'microseconds', microseconds: 'microseconds', us: 'microseconds', usec: 'microseconds', usecs: 'microseconds', useconds: 'microseconds',
  millisecond: 'milliseconds', milliseconds: 'milliseconds', ms: 'milliseconds', msec: 'milliseconds', msecs: 'milliseconds', mseconds: 'milliseconds',
  second: 'second', seconds: 'second', s: 'second', sec: 'second', secs: 'second',
  minute: 'minute', minutes: 'minute', m: 'minute', min: 'minute', mins: 'minute',
  hour: 'hour', hours: 'hour', h: 'hour', hr: 'hour', hrs: 'hour',
  day: 'day', days: 'day', d: 'day',
  week: 'week', weeks: 'week', w: 'week',
  month: 'month', months: 'month', mon: 'month', mons: 'month',
  quarter: 'quarter', qtr: 'quarter',
  year: 'year', years: 'year', y: 'year', yr: 'year', yrs: 'year',
  decade: 'decade', decades: 'decade', dec: 'decade',
  century: 'century', centuries: 'century', c: 'century', cent: 'century',
  millennium: 'millennium', millennia: 'millennium', mil: 'millennium', mils: 'millennium',
  dow: 'dow', isodow: 'isodow', doy: 'doy', isoyear: 'isoyear', epoch: 'epoch', julian: 'julian', j: 'julian',
  timezone: 'timezone', timezone_hour: 'timezone_hour', timezone_minute: 'timezone_minute', timezone_m: 'timezone_minute', timezone_h: 'timezone_hour',
};

function unitOf(text: string, typeName: string): string {
  const u = unitAliases[text.trim().toLowerCase()];
  if (u === undefined) throw new SqlError('22023', `unit "${text}" not recognized for type ${typeName}`);
  return u;
}

function unsupported(unit: string, typeName: string): SqlError {
  return new SqlError('0A000', `unit "${unit}" not supported for type ${typeName}`);
}

// ---------------------------------------------------------------------------------------------
// extract / date_part

const n = (x: number | bigint): Numeric => Numeric.fromBigInt(BigInt(x));
/** A whole number of micro-units as a numeric with `scale` decimals (e.g. 1500000 µs, scale 6 → 1.500000). */
const scaled = (units: bigint, scale: number): Numeric => Numeric.of(units, scale);

function isoWeekAndYear(days: number): [number, number] {
  const isodow = ((((days + 5) % 7) + 7) % 7) + 1; // 2000-01-01 was a Saturday (isodow 6)
  const thursday = days - isodow + 4;
  const [ty] = ymdFromDays(thursday);
  const week = Math.floor((thursday - daysFromYmd(ty, 1, 1)) / 7) + 1;
  return [week, ty];
}

const cdiv = (a: number, b: number): number => Math.trunc(a / b);

/** Date-part fields common to dates and timestamps (f = wall-clock fields). */
function dateField(unit: string, f: Fields, days: number): number | null {
  const y = f.year;
  switch (unit) {
    case 'day':
      return f.day;
    case 'month':
      return f.month;
    case 'quarter':
      return Math.floor((f.month - 1) / 3) + 1;
    case 'year':
      return y > 0 ? y : y - 1;
    case 'decade':
      return y >= 0 ? cdiv(y, 10) : -cdiv(8 - (y - 1), 10);
    case 'century':
      return y > 0 ? cdiv(y + 99, 100) : -cdiv(99 - (y - 1), 100);
    case 'millennium':
      return y > 0 ? cdiv(y + 999, 1000) : -cdiv(999 - (y - 1), 1000);
    case 'dow':
      return (((days + 6) % 7) + 7) % 7;
    case 'isodow':
      return ((((days + 5) % 7) + 7) % 7) + 1;
    case 'doy':
      return days - daysFromYmd(y, 1, 1) + 1;
    case 'week':
      return isoWeekAndYear(days)[0];
    case 'isoyear': {
      const iy = isoWeekAndYear(days)[1];
      return iy > 0 ? iy : iy - 1;
    }
    default:
      return null;
  }
}

/** extract(unit from timestamp[tz]) as numeric. */
function extractTimestamp(unitText: string, v: bigint, withZone: boolean, ctx: TypeContext): Numeric {
  const typeName = withZone ? 'timestamp with time zone' : 'timestamp without time zone';
  const unit = unitOf(unitText, typeName);
  if (!isFiniteTs(v)) {
    const sign = v > 0n ? 1 : -1;
    switch (unit) {
      case 'epoch':
      case 'julian':
      case 'year':
      case 'isoyear':
      case 'decade':
      case 'century':
      case 'millennium':
        return sign > 0 ? Numeric.Infinity : Numeric.NegativeInfinity;
      default:
        if (unit === 'timezone' || unit === 'timezone_hour' || unit === 'timezone_minute') {
          if (!withZone) throw unsupported(unitText, typeName);
        }
        return null as unknown as Numeric;
    }
  }
  const local = withZone ? utcToLocal(ctx.timeZone, v) : v;
  const f = fieldsOf(local);
  const days = Number((local - (((local % usPerDay) + usPerDay) % usPerDay)) / usPerDay);
  const d = dateField(unit, f, days);
  if (d !== null) return n(d);
  const secUs = BigInt(f.second * 1_000_000 + f.micro);
  switch (unit) {
    case 'microseconds':
      return n(secUs);
    case 'milliseconds':
      return scaled(secUs, 3);
    case 'second':
      return scaled(secUs, 6);
    case 'minute':
      return n(f.minute);
    case 'hour':
      return n(f.hour);
    case 'epoch':
      return scaled(v + BigInt(unixEpochSeconds) * 1_000_000n, 6);
    case 'julian': {
      const j = days + 2451545;
      const us = local - BigInt(days) * usPerDay;
      return n(j).add(n(us).div(n(usPerDay)));
    }
    case 'timezone':
    case 'timezone_hour':
    case 'timezone_minute': {
      if (!withZone) throw unsupported(unitText, typeName);
      const off = zoneOffsetAt(ctx.timeZone, v);
      if (unit === 'timezone') return n(off);
      return unit === 'timezone_hour' ? n(Math.trunc(off / 3600)) : n(Math.trunc((off % 3600) / 60));
    }
  }
  throw unsupported(unitText, typeName);
}

function extractDate(unitText: string, days: number): Numeric | null {
  const unit = unitOf(unitText, 'date');
  if (!Number.isFinite(days)) {
    if (['epoch', 'julian', 'year', 'isoyear', 'decade', 'century', 'millennium'].includes(unit)) {
      return days > 0 ? Numeric.Infinity : Numeric.NegativeInfinity;
    }
    if (dateField(unit, fieldsOf(0n), 0) !== null) return null;
    throw unsupported(unitText, 'date');
  }
  const [y, m, d] = ymdFromDays(days);
  const r = dateField(unit, { year: y, month: m, day: d, hour: 0, minute: 0, second: 0, micro: 0 }, days);
  if (r !== null) return n(r);
  if (unit === 'epoch') return n((days * 86400 + unixEpochSeconds));
  if (unit === 'julian') return n(days + 2451545);
  throw unsupported(unitText, 'date');
}

function extractTime(unitText: string, us: number): Numeric {
  const typeName = 'time without time zone';
  const unit = unitOf(unitText, typeName);
  const secUs = BigInt(us % 60_000_000);
  switch (unit) {
    case 'microseconds':
      return n(secUs);
    case 'milliseconds':
      return scaled(secUs, 3);
    case 'second':
      return scaled(secUs, 6);
    case 'minute':
      return n(Math.floor(us / 60_000_000) % 60);
    case 'hour':
      return n(Math.floor(us / 3_600_000_000));
    case 'epoch':
      return scaled(BigInt(us), 6);
  }
  throw unsupported(unitText, typeName);
}

function extractInterval(unitText: string, x: Interval): Numeric {
  const unit = unitOf(unitText, 'interval');
  const us = x.micros;
  switch (unit) {
    case 'microseconds':
      return n(us % 60_000_000n);
    case 'milliseconds':
      return scaled(us % 60_000_000n, 3);
    case 'second':
      return scaled(us % 60_000_000n, 6);
    case 'minute':
      return n((us / 60_000_000n) % 60n);
    case 'hour':
      return n(us / 3_600_000_000n);
    case 'day':
      return n(x.days);
    case 'month':
      return n(x.months % 12);
    case 'quarter':
      return n(Math.trunc((x.months % 12) / 3) + 1);
    case 'year':
      return n(Math.trunc(x.months / 12));
    case 'decade':
      return n(Math.trunc(x.months / 120));
    case 'century':
      return n(Math.trunc(x.months / 1200));
    case 'millennium':
      return n(Math.trunc(x.months / 12000));
    case 'epoch': {
      // 365.25 days a year, 30 days a month, as PostgreSQL.
      const years = Math.trunc(x.months / 12);
      const months = x.months % 12;
      const daySecsQuarter = BigInt(years) * 1461n * 86400n + BigInt(months * 30 + x.days) * 4n * 86400n; // ×4 to stay integral
      return scaled(us * 4n + daySecsQuarter * 1_000_000n, 6).div(n(4)).round(6);
    }
  }
  throw unsupported(unitText, 'interval');
}

const toF8 = (x: Numeric | null): number | null => (x === null ? null : x.toNumber());

def('extract', [T.text, T.timestamp], T.numeric, (a, ctx) => extractTimestamp(str(a[0]), ts(a[1]), false, ctx));
def('extract', [T.text, T.timestamptz], T.numeric, (a, ctx) => extractTimestamp(str(a[0]), ts(a[1]), true, ctx), { volatility: 'stable' });
def('extract', [T.text, T.date], T.numeric, (a) => extractDate(str(a[0]), a[1] as number));
def('extract', [T.text, T.time], T.numeric, (a) => extractTime(str(a[0]), a[1] as number));
def('extract', [T.text, T.interval], T.numeric, (a) => extractInterval(str(a[0]), iv(a[1])));
/**
 * date_part computes seconds, milliseconds, epoch and julian in float8 arithmetic (sec + µs/1e6),
 * as PostgreSQL's timestamp_part does, which can differ in the last digit from extract()'s exact
 * numeric; the other units are whole numbers either way.
 */
function datePartTimestamp(unitText: string, v: bigint, withZone: boolean, ctx: TypeContext): number | null {
  const exact = toF8(extractTimestamp(unitText, v, withZone, ctx));
  if (exact === null || !isFiniteTs(v)) return exact;
  const unit = unitAliases[unitText.trim().toLowerCase()];
  if (unit !== 'second' && unit !== 'milliseconds' && unit !== 'epoch' && unit !== 'julian') return exact;
  if (unit === 'epoch') return Number(v + BigInt(unixEpochSeconds) * 1_000_000n) / 1_000_000;
  const local = withZone ? utcToLocal(ctx.timeZone, v) : v;
  const f = fieldsOf(local);
  if (unit === 'second') return f.second + f.micro / 1_000_000;
  if (unit === 'milliseconds') return f.second * 1000 + f.micro / 1000;
  const j = daysFromYmd(f.year, f.month, f.day) + 2451545;
  return j + ((f.hour * 60 + f.minute) * 60 + f.second + f.micro / 1_000_000) / 86400;
}

function datePartTime(unitText: string, us: number): number | null {
  const exact = toF8(extractTime(unitText, us));
  const unit = unitAliases[unitText.trim().toLowerCase()];
  const sec = Math.floor(us / 1_000_000) % 60;
  const micro = us % 1_000_000;
  if (unit === 'second') return sec + micro / 1_000_000;
  if (unit === 'milliseconds') return sec * 1000 + micro / 1000;
  if (unit === 'epoch') return us / 1_000_000;
  return exact;
}

function datePartInterval(unitText: string, x: Interval): number | null {
  const exact = toF8(extractInterval(unitText, x));
  const unit = unitAliases[unitText.trim().toLowerCase()];
  const rem = Number(x.micros % 60_000_000n);
  if (unit === 'second') return Math.trunc(rem / 1_000_000) + (rem % 1_000_000) / 1_000_000;
  if (unit === 'milliseconds') return Math.trunc(rem / 1_000_000) * 1000 + (rem % 1_000_000) / 1000;
  if (unit === 'epoch') {
    const years = Math.trunc(x.months / 12);
    const dayMonthSecs = (years * 365.25 + (x.months % 12) * 30 + x.days) * 86400;
    return Number(x.micros) / 1_000_000 + dayMonthSecs;
  }
  return exact;
}

def('date_part', [T.text, T.timestamp], T.float8, (a, ctx) => datePartTimestamp(str(a[0]), ts(a[1]), false, ctx));
def('date_part', [T.text, T.timestamptz], T.float8, (a, ctx) => datePartTimestamp(str(a[0]), ts(a[1]), true, ctx), { volatility: 'stable' });
def('date_part', [T.text, T.date], T.float8, (a, ctx) => {
  const d = a[1] as number;
  const t = Number.isFinite(d) ? BigInt(d) * usPerDay : d > 0 ? tsInfinity : tsMinusInfinity;
  return datePartTimestamp(str(a[0]), t, false, ctx);
});
def('date_part', [T.text, T.time], T.float8, (a) => datePartTime(str(a[0]), a[1] as number));
def('date_part', [T.text, T.interval], T.float8, (a) => datePartInterval(str(a[0]), iv(a[1])));

// ---------------------------------------------------------------------------------------------
// date_trunc

function truncFields(unit: string, f: Fields, days: number, typeName: string, unitText: string): Fields {
  const r: Fields = { ...f };
  switch (unit) {
    case 'millennium':
      r.year = f.year > 0 ? Math.floor((f.year - 1) / 1000) * 1000 + 1 : -Math.floor((999 - (f.year - 1)) / 1000) * 1000 + 1;
      r.month = 1;
      r.day = 1;
      break;
    case 'century':
      r.year = f.year > 0 ? Math.floor((f.year - 1) / 100) * 100 + 1 : -Math.floor((99 - (f.year - 1)) / 100) * 100 + 1;
      r.month = 1;
      r.day = 1;
      break;
    case 'decade':
      r.year = f.year > 0 ? Math.floor(f.year / 10) * 10 : -Math.floor((8 - (f.year - 1)) / 10) * 10;
      r.month = 1;
      r.day = 1;
      break;
    case 'year':
      r.month = 1;
      r.day = 1;
      break;
    case 'quarter':
      r.month = Math.floor((f.month - 1) / 3) * 3 + 1;
      r.day = 1;
      break;
    case 'month':
      r.day = 1;
      break;
    case 'week': {
      const isodow = ((((days + 5) % 7) + 7) % 7) + 1;
      const [y, m, d] = ymdFromDays(days - isodow + 1);
      r.year = y;
      r.month = m;
      r.day = d;
      break;
    }
    case 'day':
    case 'hour':
    case 'minute':
    case 'second':
    case 'milliseconds':
    case 'microseconds':
      break;
    default:
      throw new SqlError('22023', `unit "${unitText}" not recognized for type ${typeName}`);
  }
  const level = ['microseconds', 'milliseconds', 'second', 'minute', 'hour', 'day'].indexOf(unit);
  if (level === -1 || level >= 5) {
    r.hour = 0;
    r.minute = 0;
    r.second = 0;
    r.micro = 0;
  } else {
    if (level >= 4) r.minute = 0;
    if (level >= 3) r.second = 0;
    if (level >= 2) r.micro = 0;
    if (level === 1) r.micro = Math.floor(f.micro / 1000) * 1000;
  }
  return r;
}

function dateTrunc(unitText: string, v: bigint, zone: string | null): bigint {
  const typeName = zone === null ? 'timestamp without time zone' : 'timestamp with time zone';
  const unit = unitOf(unitText, typeName);
  if (!isFiniteTs(v)) return v;
  const local = zone === null ? v : utcToLocal(zone, v);
  const f = fieldsOf(local);
  const days = daysFromYmd(f.year, f.month, f.day);
  const t = fromFields(truncFields(unit, f, days, typeName, unitText));
  if (zone === null) return t;
  // Units below a day keep the instant's own offset (no DST re-resolution), as PostgreSQL does.
  if (unit === 'microseconds' || unit === 'milliseconds' || unit === 'second' || unit === 'minute' || unit === 'hour') {
    return t - (local - v);
  }
  return localToUtc(zone, t);
}

def('date_trunc', [T.text, T.timestamp], T.timestamp, (a) => dateTrunc(str(a[0]), ts(a[1]), null));
def('date_trunc', [T.text, T.timestamptz], T.timestamptz, (a, ctx) => dateTrunc(str(a[0]), ts(a[1]), ctx.timeZone), { volatility: 'stable' });
def('date_trunc', [T.text, T.timestamptz, T.text], T.timestamptz, (a) => dateTrunc(str(a[0]), ts(a[1]), str(a[2])));
def('date_trunc', [T.text, T.interval], T.interval, (a) => {
  const unit = unitOf(str(a[0]), 'interval');
  const x = iv(a[1]);
  const us = x.micros;
  const cut = (m: bigint): bigint => (us / m) * m;
  switch (unit) {
    case 'millennium':
      return Interval.of(Math.trunc(x.months / 12000) * 12000, 0, 0n);
    case 'century':
      return Interval.of(Math.trunc(x.months / 1200) * 1200, 0, 0n);
    case 'decade':
      return Interval.of(Math.trunc(x.months / 120) * 120, 0, 0n);
    case 'year':
      return Interval.of(Math.trunc(x.months / 12) * 12, 0, 0n);
    case 'quarter':
      return Interval.of(Math.trunc(x.months / 3) * 3, 0, 0n);
    case 'month':
      return Interval.of(x.months, 0, 0n);
    case 'day':
      return Interval.of(x.months, x.days, 0n);
    case 'hour':
      return Interval.of(x.months, x.days, cut(3_600_000_000n));
    case 'minute':
      return Interval.of(x.months, x.days, cut(60_000_000n));
    case 'second':
      return Interval.of(x.months, x.days, cut(1_000_000n));
    case 'milliseconds':
      return Interval.of(x.months, x.days, cut(1000n));
    case 'microseconds':
      return x;
  }
  if (unit === 'week') {
    throw new SqlError('0A000', `unit "${str(a[0])}" not supported for type interval`, { detail: 'Months usually have fractional weeks.' });
  }
  throw unsupported(str(a[0]), 'interval');
});

// ---------------------------------------------------------------------------------------------
// age

function age(t1: bigint, t2: bigint): Interval {
  if (!isFiniteTs(t1) || !isFiniteTs(t2)) throw new SqlError('22008', 'timestamp out of range');
  const a = fieldsOf(t1);
  const b = fieldsOf(t2);
  let fsec = a.micro - b.micro;
  let sec = a.second - b.second;
  let min = a.minute - b.minute;
  let hour = a.hour - b.hour;
  let mday = a.day - b.day;
  let mon = a.month - b.month;
  let year = a.year - b.year;
  const neg = t1 < t2;
  if (neg) {
    fsec = -fsec;
    sec = -sec;
    min = -min;
    hour = -hour;
    mday = -mday;
    mon = -mon;
    year = -year;
  }
  while (fsec < 0) {
    fsec += 1_000_000;
    sec--;
  }
  while (sec < 0) {
    sec += 60;
    min--;
  }
  while (min < 0) {
    min += 60;
    hour--;
  }
  while (hour < 0) {
    hour += 24;
    mday--;
  }
  while (mday < 0) {
    if (neg) {
      mday += daysInMonth(a.year, a.month);
      mon--;
    } else {
      mday += daysInMonth(b.year, b.month);
      mon--;
    }
  }
  while (mon < 0) {
    mon += 12;
    year--;
  }
  const s = neg ? -1 : 1;
  const micros = BigInt(((hour * 60 + min) * 60 + sec) * 1_000_000 + fsec) * BigInt(s);
  return Interval.of(s * (year * 12 + mon), s * mday, micros);
}

function todayMidnight(ctx: TypeContext): bigint {
  const local = utcToLocal(ctx.timeZone, ctx.transactionTime);
  return local - (((local % usPerDay) + usPerDay) % usPerDay);
}

def('age', [T.timestamp, T.timestamp], T.interval, (a) => age(ts(a[0]), ts(a[1])));
def('age', [T.timestamptz, T.timestamptz], T.interval, (a, ctx) => age(utcToLocal(ctx.timeZone, ts(a[0])), utcToLocal(ctx.timeZone, ts(a[1]))), {
  volatility: 'stable',
});
def('age', [T.timestamp], T.interval, (a, ctx) => age(todayMidnight(ctx), ts(a[0])), { volatility: 'stable' });
def('age', [T.timestamptz], T.interval, (a, ctx) => age(todayMidnight(ctx), utcToLocal(ctx.timeZone, ts(a[0]))), { volatility: 'stable' });

// ---------------------------------------------------------------------------------------------
// make_*

function checkDate(y: number, m: number, d: number): number {
  if (y === 0) throw new SqlError('22008', `date field value out of range: ${y}-${pad2(m)}-${pad2(d)}`);
  const yy = y < 0 ? y + 1 : y;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(yy, m)) {
    throw new SqlError('22008', `date field value out of range: ${y}-${pad2(m)}-${pad2(d)}`);
  }
  return daysFromYmd(yy, m, d);
}

const pad2 = (x: number): string => String(x).padStart(2, '0');

function timeUs(h: number, m: number, s: number): number {
  if (h < 0 || h > 24 || m < 0 || m > 59 || !(s >= 0) || s > 60 || (h === 24 && (m > 0 || s > 0))) {
    throw new SqlError('22008', `time field value out of range: ${h}:${pad2(m)}:${pad2(s)}`);
  }
  return (h * 3600 + m * 60) * 1_000_000 + Math.round(s * 1_000_000);
}

def('make_date', [T.int4, T.int4, T.int4], T.date, (a) => checkDate(i4(a[0]), i4(a[1]), i4(a[2])));
def('make_time', [T.int4, T.int4, T.float8], T.time, (a) => timeUs(i4(a[0]), i4(a[1]), f8(a[2])));
function makeTimestamp(a: readonly Value[]): bigint {
  const days = checkDate(i4(a[0]), i4(a[1]), i4(a[2]));
  return BigInt(days) * usPerDay + BigInt(timeUs(i4(a[3]), i4(a[4]), f8(a[5])));
}
const sixArgs = [T.int4, T.int4, T.int4, T.int4, T.int4, T.float8];
def('make_timestamp', sixArgs, T.timestamp, (a) => makeTimestamp(a));
def('make_timestamptz', sixArgs, T.timestamptz, (a, ctx) => localToUtc(ctx.timeZone, makeTimestamp(a)), { volatility: 'stable' });
def('make_timestamptz', [...sixArgs, T.text], T.timestamptz, (a) => localToUtc(str(a[6]), makeTimestamp(a)));

const intervalArgs = [T.int4, T.int4, T.int4, T.int4, T.int4, T.int4, T.float8];
for (let k = 0; k <= 7; k++) {
  def('make_interval', intervalArgs.slice(0, k), T.interval, (a) => {
    const g = (i: number): number => (i < a.length ? (a[i] as number) : 0);
    const micros = BigInt(g(4)) * 3_600_000_000n + BigInt(g(5)) * 60_000_000n + BigInt(Math.round(g(6) * 1_000_000));
    return Interval.of(g(0) * 12 + g(1), g(2) * 7 + g(3), micros);
  });
}

def('to_timestamp', [T.float8], T.timestamptz, (a) => {
  const x = f8(a[0]);
  if (Number.isNaN(x)) throw new SqlError('22008', 'timestamp cannot be NaN');
  if (x === Infinity) return tsInfinity;
  if (x === -Infinity) return tsMinusInfinity;
  const us = Math.round((x - unixEpochSeconds) * 1_000_000);
  if (!Number.isFinite(us) || Math.abs(x) > 9.2e12) throw new SqlError('22008', `timestamp out of range: "${x}"`);
  return BigInt(us);
});

// ---------------------------------------------------------------------------------------------
// justify, isfinite, date_bin, timezone

def('justify_days', [T.interval], T.interval, (a) => iv(a[0]).justifyDays());
def('justify_hours', [T.interval], T.interval, (a) => iv(a[0]).justifyHours());
def('justify_interval', [T.interval], T.interval, (a) => justifyInterval(iv(a[0])));

function justifyInterval(x: Interval): Interval {
  let months = x.months;
  let days = x.days;
  let micros = x.micros;
  const wholeDays = micros / usPerDay;
  days += Number(wholeDays);
  micros -= wholeDays * usPerDay;
  months += Math.trunc(days / 30);
  days -= Math.trunc(days / 30) * 30;
  if (months > 0 && (days < 0 || (days === 0 && micros < 0n))) {
    days += 30;
    months--;
  } else if (months < 0 && (days > 0 || (days === 0 && micros > 0n))) {
    days -= 30;
    months++;
  }
  if (days > 0 && micros < 0n) {
    micros += usPerDay;
    days--;
  } else if (days < 0 && micros > 0n) {
    micros -= usPerDay;
    days++;
  }
  return Interval.of(months, days, micros);
}

def('isfinite', [T.date], T.bool, (a) => Number.isFinite(a[0] as number));
def('isfinite', [T.timestamp], T.bool, (a) => isFiniteTs(ts(a[0])));
def('isfinite', [T.timestamptz], T.bool, (a) => isFiniteTs(ts(a[0])));
def('isfinite', [T.interval], T.bool, () => true);

function dateBin(stride: Interval, source: bigint, origin: bigint): bigint {
  if (!isFiniteTs(source)) return source;
  if (!isFiniteTs(origin)) throw new SqlError('22008', 'origin out of range');
  if (stride.months !== 0) throw new SqlError('0A000', 'timestamps cannot be binned into intervals containing months or years');
  const s = BigInt(stride.days) * usPerDay + stride.micros;
  if (s <= 0n) throw new SqlError('22023', 'stride must be greater than zero');
  const delta = source - origin;
  let q = delta / s;
  if (delta % s < 0n) q -= 1n;
  return origin + q * s;
}
def('date_bin', [T.interval, T.timestamp, T.timestamp], T.timestamp, (a) => dateBin(iv(a[0]), ts(a[1]), ts(a[2])));
def('date_bin', [T.interval, T.timestamptz, T.timestamptz], T.timestamptz, (a) => dateBin(iv(a[0]), ts(a[1]), ts(a[2])));

/** Zone from an interval argument (AT TIME ZONE INTERVAL '…'): a fixed offset east of UTC. */
function intervalZone(x: Interval): string {
  if (x.months !== 0 || x.days !== 0) {
    throw new SqlError('22023', `interval time zone "${x.toString()}" must not include months or days`);
  }
  const secs = Number(x.micros / 1_000_000n);
  const sign = secs < 0 ? '-' : '+';
  const a = Math.abs(secs);
  return `${sign}${pad2(Math.floor(a / 3600))}:${pad2(Math.floor(a / 60) % 60)}:${pad2(a % 60)}`;
}

/** timezone(zone, timestamptz) → the wall time there; timezone(zone, timestamp) → the instant. */
def('timezone', [T.text, T.timestamptz], T.timestamp, (a) => utcToLocal(posixZone(str(a[0])), ts(a[1])));
def('timezone', [T.text, T.timestamp], T.timestamptz, (a) => localToUtc(posixZone(str(a[0])), ts(a[1])));

/** AT TIME ZONE '+02' reads a bare numeric offset the POSIX way (west of Greenwich positive), unlike SET TIME ZONE. */
function posixZone(z: string): string {
  const t = z.trim();
  if (t.startsWith('+')) return '-' + t.slice(1);
  if (t.startsWith('-')) return '+' + t.slice(1);
  return t;
}
def('timezone', [T.interval, T.timestamptz], T.timestamp, (a) => utcToLocal(intervalZone(iv(a[0])), ts(a[1])));
def('timezone', [T.interval, T.timestamp], T.timestamptz, (a) => localToUtc(intervalZone(iv(a[0])), ts(a[1])));

