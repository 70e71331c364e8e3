/**
 * Interval: PostgreSQL's three-field time span. Months, days and microseconds are kept apart
 * (a month is not a fixed number of days, a day is not always 24 hours across a DST change), as
 * PostgreSQL's `Interval { int64 time; int32 day; int32 month; }` keeps them.
 *
 * Comparison and equality treat a month as 30 days and a day as 24 hours (interval_cmp_value):
 * '1 mon' = '30 days' = '720 hours'.
 */
import { SqlError } from '../errors.js';

export const usecPerSec = 1_000_000n;
export const usecPerMinute = 60_000_000n;
export const usecPerHour = 3_600_000_000n;
export const usecPerDay = 86_400_000_000n;
const int32Min = -2147483648;
const int32Max = 2147483647;
const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

function outOfRange(): SqlError {
  return new SqlError('22008', 'interval out of range');
}

function check32(n: number): number {
  if (!(n >= int32Min && n <= int32Max)) throw outOfRange();
  return n;
}

function check64(n: bigint): bigint {
  if (n < int64Min || n > int64Max) throw outOfRange();
  return n;
}

/** rint(): round half to even, as C's rint in the default rounding mode. */
export function rint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** TSROUND: round to microsecond precision. */
function tsround(x: number): number {
  return rint(x * 1e6) / 1e6;
}

export class Interval {
  readonly months: number;
  readonly days: number;
  readonly micros: bigint;

  constructor(months: number, days: number, micros: bigint) {
    this.months = months;
    this.days = days;
    this.micros = micros;
  }

  static readonly zero = new Interval(0, 0, 0n);

  /** Checked constructor: 22008 `interval out of range` when a field overflows. */
  static of(months: number, days: number, micros: bigint): Interval {
    return new Interval(check32(months), check32(days), check64(micros));
  }

  add(o: Interval): Interval {
    return Interval.of(this.months + o.months, this.days + o.days, this.micros + o.micros);
  }

  sub(o: Interval): Interval {
    return Interval.of(this.months - o.months, this.days - o.days, this.micros - o.micros);
  }

  neg(): Interval {
    return Interval.of(-this.months, -this.days, -this.micros);
  }

  /** interval * float8 (interval_mul: fractions cascade months → days → time). */
  mul(factor: number): Interval {
    if (Number.isNaN(factor)) throw outOfRange();
    const m = check32(Math.trunc(this.months * factor));
    let d = check32(Math.trunc(this.days * factor));
    const monthRemDays = tsround((this.months * factor - m) * 30);
    let secRem = tsround((this.days * factor - d + monthRemDays - Math.trunc(monthRemDays)) * 86400);
    if (Math.abs(secRem) >= 86400) {
      d += Math.trunc(secRem / 86400);
      secRem -= Math.trunc(secRem / 86400) * 86400;
    }
    d += Math.trunc(monthRemDays);
    const t = rint(Number(this.micros) * factor + secRem * 1e6);
    if (!Number.isFinite(t) || t < -9.223372036854775e18 || t >= 9.223372036854775e18) throw outOfRange();
    return Interval.of(m, d, BigInt(t));
  }

  /** interval / float8; 22012 on zero. */
  div(factor: number): Interval {
    if (factor === 0) throw new SqlError('22012', 'division by zero');
    if (Number.isNaN(factor)) throw outOfRange();
    const m = check32(Math.trunc(this.months / factor));
    let d = check32(Math.trunc(this.days / factor));
    const monthRemDays = tsround((this.months / factor - m) * 30);
    let secRem = tsround((this.days / factor - d + monthRemDays - Math.trunc(monthRemDays)) * 86400);
    if (Math.abs(secRem) >= 86400) {
      d += Math.trunc(secRem / 86400);
      secRem -= Math.trunc(secRem / 86400) * 86400;
    }
    d += Math.trunc(monthRemDays);
    const t = rint(Number(this.micros) / factor + secRem * 1e6);
    if (!Number.isFinite(t)) throw outOfRange();
    return Interval.of(m, d, BigInt(t));
  }

  /** The comparison span in microseconds (month = 30 days, day = 24 h). */
  span(): bigint {
    return BigInt(this.months) * 30n * usecPerDay + BigInt(this.days) * usecPerDay + this.micros;
  }

  cmp(o: Interval): number {
    const a = this.span();
    const b = o.span();
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** justify_hours: whole days out of the time field. */
  justifyHours(): Interval {
    let days = this.days + Number(this.micros / usecPerDay);
    let t = this.micros % usecPerDay;
    if (days > 0 && t < 0n) {
      t += usecPerDay;
      days--;
    } else if (days < 0 && t > 0n) {
      t -= usecPerDay;
      days++;
    }
    return Interval.of(this.months, days, t);
  }

  /** justify_days: whole 30-day months out of the day field. */
  justifyDays(): Interval {
    let months = this.months + Math.trunc(this.days / 30);
    let days = this.days % 30;
    if (months > 0 && days < 0) {
      days += 30;
      months--;
    } else if (months < 0 && days > 0) {
      days -= 30;
      months++;
    }
    return Interval.of(months, days + 0, this.micros);
  }

  /** The output function under IntervalStyle ('postgres' by default). */
  toString(style = 'postgres'): string {
    switch (style) {
      case 'iso_8601':
        return this.toIso();
      case 'sql_standard':
        return this.toSqlStandard();
      case 'postgres_verbose':
        return this.toVerbose();
      default:
        return this.toPostgres();
    }
  }

  private fields(): { year: number; mon: number; hour: bigint; min: number; sec: number; fsec: number } {
    const year = Math.trunc(this.months / 12);
    const mon = this.months % 12 + 0;
    const t = this.micros;
    const hour = t / usecPerHour;
    let rest = t % usecPerHour;
    const min = Number(rest / usecPerMinute);
    rest %= usecPerMinute;
    const sec = Number(rest / usecPerSec);
    const fsec = Number(rest % usecPerSec);
    return { year, mon, hour, min, sec, fsec };
  }

  private toPostgres(): string {
    const { year, mon, hour, min, sec, fsec } = this.fields();
    let out = '';
    let isZero = true;
    let isBefore = false;
    const part = (value: number, unit: string): void => {
      if (value === 0) return;
      out += `${isZero ? '' : ' '}${isBefore && value > 0 ? '+' : ''}${value} ${unit}${value !== 1 ? 's' : ''}`;
      isBefore = value < 0;
      isZero = false;
    };
    part(year, 'year');
    part(mon, 'mon');
    part(this.days, 'day');
    if (isZero || hour !== 0n || min !== 0 || sec !== 0 || fsec !== 0) {
      const minus = hour < 0n || min < 0 || sec < 0 || fsec < 0;
      out += `${isZero ? '' : ' '}${minus ? '-' : isBefore ? '+' : ''}${pad2(abs(hour))}:${pad2(Math.abs(min))}:${seconds(Math.abs(sec), Math.abs(fsec))}`;
    }
    return out;
  }

  private toVerbose(): string {
    const { year, mon, hour, min, sec, fsec } = this.fields();
    const parts: string[] = [];
    let isBefore = false;
    const part = (value: number | bigint, unit: string): void => {
      if (value === 0 || value === 0n) return;
      const neg = value < 0;
      if (neg) isBefore = true;
      const v = typeof value === 'bigint' ? abs(value).toString() : String(Math.abs(value));
      parts.push(`${v} ${unit}${v !== '1' ? 's' : ''}`);
    };
    part(year, 'year');
    part(mon, 'mon');
    part(this.days, 'day');
    part(hour, 'hour');
    part(min, 'min');
    if (sec !== 0 || fsec !== 0) {
      if (sec < 0 || fsec < 0) isBefore = true;
      const s = secondsTrim(Math.abs(sec), Math.abs(fsec));
      parts.push(`${s} ${s === '1' ? 'sec' : 'secs'}`);
    }
    if (parts.length === 0) return '@ 0';
    return '@ ' + parts.join(' ') + (isBefore ? ' ago' : '');
  }

  private toIso(): string {
    const { year, mon, hour, min, sec, fsec } = this.fields();
    if (year === 0 && mon === 0 && this.days === 0 && this.micros === 0n) return 'PT0S';
    let out = 'P';
    if (year !== 0) out += `${year}Y`;
    if (mon !== 0) out += `${mon}M`;
    if (this.days !== 0) out += `${this.days}D`;
    if (hour !== 0n || min !== 0 || sec !== 0 || fsec !== 0) {
      out += 'T';
      if (hour !== 0n) out += `${hour}H`;
      if (min !== 0) out += `${min}M`;
      if (sec !== 0 || fsec !== 0) {
        const neg = sec < 0 || fsec < 0;
        out += `${neg ? '-' : ''}${secondsTrim(Math.abs(sec), Math.abs(fsec))}S`;
      }
    }
    return out;
  }

  private toSqlStandard(): string {
    const { year, mon, hour, min, sec, fsec } = this.fields();
    const days = this.days;
    const hasNeg = this.months < 0 || days < 0 || this.micros < 0n;
    const hasPos = this.months > 0 || days > 0 || this.micros > 0n;
    const hasYM = year !== 0 || mon !== 0;
    const hasDayTime = days !== 0 || this.micros !== 0n;
    if (!hasNeg && !hasPos) return '0';
    const secs = seconds(Math.abs(sec), Math.abs(fsec));
    const timeNeg = this.micros < 0n;
    if ((hasNeg && hasPos) || (hasYM && hasDayTime)) {
      // Not an SQL-standard value: every field gets its sign.
      const ys = this.months < 0 ? '-' : '+';
      const ds = days < 0 ? '-' : '+';
      return `${ys}${Math.abs(year)}-${Math.abs(mon)} ${ds}${Math.abs(days)} ${timeNeg ? '-' : '+'}${abs(hour)}:${pad2(Math.abs(min))}:${secs}`;
    }
    if (hasYM) return `${this.months < 0 ? '-' : ''}${Math.abs(year)}-${Math.abs(mon)}`;
    if (days !== 0) return `${days < 0 ? '-' : ''}${Math.abs(days)} ${timeNeg ? '-' : ''}${abs(hour)}:${pad2(Math.abs(min))}:${secs}`;
    return `${timeNeg ? '-' : ''}${abs(hour)}:${pad2(Math.abs(min))}:${secs}`;
  }
}

function abs(b: bigint): bigint {
  return b < 0n ? -b : b;
}

function pad2(n: number | bigint): string {
  const s = String(n);
  return s.length < 2 ? '0' + s : s;
}

/** Seconds as PostgreSQL's AppendSeconds with fillzeros: `06`, `06.789`. */
export function seconds(sec: number, fsec: number): string {
  const s = pad2(sec);
  if (fsec === 0) return s;
  return s + '.' + String(fsec).padStart(6, '0').replace(/0+$/, '');
}

function secondsTrim(sec: number, fsec: number): string {
  if (fsec === 0) return String(sec);
  return String(sec) + '.' + String(fsec).padStart(6, '0').replace(/0+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Input

function badInterval(text: string): SqlError {
  return new SqlError('22007', `invalid input syntax for type interval: "${text}"`);
}

/** Units in their interval field: months per unit ('m'), days per unit ('d'), µs per unit ('u'). */
const units: Readonly<Record<string, readonly ['m' | 'd' | 'u', number]>> = (() => {
  const u: Record<string, readonly ['m' | 'd' | 'u', number]> = {};
  const add = (names: string, v: readonly ['m' | 'd' | 'u', number]): void => {
    for (const n of names.split(' ')) u[n] = v;
  };
  add('microsecond microseconds us usec usecs', ['u', 1]);
  add('millisecond milliseconds ms msec msecs', ['u', 1000]);
  add('second seconds s sec secs', ['u', 1e6]);
  add('minute minutes m min mins', ['u', 60e6]);
  add('hour hours h hr hrs', ['u', 3600e6]);
  add('day days d', ['d', 1]);
  add('week weeks w', ['d', 7]);
  add('month months mon mons', ['m', 1]);
  add('year years y yr yrs', ['m', 12]);
  add('decade decades dec decs', ['m', 120]);
  add('century centuries c cent', ['m', 1200]);
  add('millennium millennia mil mils millenniums', ['m', 12000]);
  return u;
})();

/** Accumulates fields as PostgreSQL does, spilling fractions down (months → days → µs). */
class Acc {
  months = 0;
  days = 0;
  micros = 0;
  addMonths(v: number): void {
    const whole = Math.trunc(v);
    this.months += whole;
    const fracDays = (v - whole) * 30;
    this.addDays(fracDays);
  }
  addDays(v: number): void {
    const whole = Math.trunc(v);
    this.days += whole;
    this.micros += rint((v - whole) * 86400e6);
  }
  addUnit(v: number, unit: readonly ['m' | 'd' | 'u', number]): void {
    const [f, n] = unit;
    if (f === 'u') this.micros += rint(v * n);
    else if (f === 'd') this.addDays(v * n);
    else if (n >= 12) {
      // Years and up: the fraction becomes whole months (rounded), as AdjustFractYears does.
      const whole = Math.trunc(v);
      this.months += whole * n + rint((v - whole) * n);
    } else this.addMonths(v * n);
  }
}

const clockRe = /^([+-])?(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d*)?))?$/;
const isoRe = /^p(?:(-?[\d.]+)y)?(?:(-?[\d.]+)m)?(?:(-?[\d.]+)w)?(?:(-?[\d.]+)d)?(?:t(?:(-?[\d.]+)h)?(?:(-?[\d.]+)m)?(?:(-?[\d.]+)s)?)?$/;

function clockMicros(m: RegExpExecArray): number {
  const h = Number(m[2]);
  const mi = Number(m[3]);
  const s = m[4] === undefined ? 0 : Number(m[4]);
  if (mi > 59 || s >= 60) throw new SqlError('22015', 'interval field value out of range');
  const us = h * 3600e6 + mi * 60e6 + Math.round(s * 1e6);
  return m[1] === '-' ? -us : us;
}

/** interval's input function (postgres, postgres_verbose, ISO 8601 and SQL standard forms). */
export function parseInterval(text: string, precision = -1): Interval {
  const s = text.trim().toLowerCase();
  if (s === '') throw badInterval(text);
  const acc = new Acc();
  const iso = isoRe.exec(s);
  if (iso !== null && s !== 'p') {
    const num = (i: number): number => {
      const v = iso[i];
      if (v === undefined) return 0;
      const n = Number(v);
      if (Number.isNaN(n)) throw badInterval(text);
      return n;
    };
    acc.addUnit(num(1), ['m', 12]);
    acc.addUnit(num(2), ['m', 1]);
    acc.addUnit(num(3), ['d', 7]);
    acc.addUnit(num(4), ['d', 1]);
    acc.addUnit(num(5), ['u', 3600e6]);
    acc.addUnit(num(6), ['u', 60e6]);
    acc.addUnit(num(7), ['u', 1e6]);
    return finish(acc, precision, text);
  }
  let words = s.split(/\s+/);
  let ago = false;
  if (words[0] === '@') words = words.slice(1);
  if (words.length > 0 && words[words.length - 1] === 'ago') {
    ago = true;
    words = words.slice(0, -1);
  }
  if (words.length === 0) throw badInterval(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === 'ago') {
      ago = !ago;
      continue;
    }
    const clock = clockRe.exec(w);
    if (clock !== null) {
      acc.micros += clockMicros(clock);
      continue;
    }
    const ym = /^([+-])?(\d+)-(\d+)$/.exec(w);
    if (ym !== null) {
      const months = Number(ym[2]) * 12 + Number(ym[3]);
      if (Number(ym[3]) > 11) throw new SqlError('22015', 'interval field value out of range');
      acc.months += ym[1] === '-' ? -months : months;
      continue;
    }
    // A number, its unit attached (`1h`, `2days`) or in the next word; a bare number is seconds
    // unless a clock follows (SQL standard `3 4:05:06` = days).
    const nm = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z]*)$/.exec(w);
    if (nm === null) throw badInterval(text);
    const v = Number(nm[1]);
    let unitName = nm[2] as string;
    if (unitName === '' && i + 1 < words.length && units[words[i + 1] as string] !== undefined) unitName = words[++i] as string;
    if (unitName === '') {
      const next = words[i + 1];
      if (next !== undefined && !clockRe.test(next)) throw badInterval(text);
      if (next !== undefined && clockRe.test(next)) acc.addUnit(v, ['d', 1]);
      else acc.addUnit(v, ['u', 1e6]);
      continue;
    }
    const unit = units[unitName];
    if (unit === undefined) throw badInterval(text);
    acc.addUnit(v, unit);
  }
  if (ago) {
    acc.months = -acc.months;
    acc.days = -acc.days;
    acc.micros = -acc.micros;
  }
  return finish(acc, precision, text);
}

function finish(acc: Acc, precision: number, text: string): Interval {
  if (!Number.isFinite(acc.micros) || Math.abs(acc.micros) > 9.2e18 || Math.abs(acc.months) > 2147483647 || Math.abs(acc.days) > 2147483647) {
    throw new SqlError('22015', `interval field value out of range: "${text}"`);
  }
  const iv = Interval.of(acc.months + 0, acc.days + 0, BigInt(acc.micros));
  return precision >= 0 ? roundInterval(iv, precision) : iv;
}

/** interval(p): round the µs field to p fractional digits (half away from zero). */
export function roundInterval(iv: Interval, precision: number): Interval {
  if (precision < 0 || precision >= 6) return iv;
  const scale = 10n ** BigInt(6 - precision);
  const half = scale / 2n;
  const t = iv.micros;
  const r = t >= 0n ? ((t + half) / scale) * scale : -((-t + half) / scale) * scale;
  return r === t ? iv : new Interval(iv.months, iv.days, r);
}
