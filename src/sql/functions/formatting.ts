/**
 * to_char / to_date / to_timestamp(text, format): PostgreSQL's template patterns.
 *
 * Date/time patterns: YYYY YYY YY Y IYYY IY I MM Mon MON mon Month MONTH month DD DDD IDDD D ID
 * Day DAY day Dy DY dy W WW IW Q CC J HH HH12 HH24 MI SS SSSS MS US FF1-FF6 AM PM A.M. P.M.
 * (and lower case) BC AD TZ tz OF; prefix FM (no padding), suffix TH/th (ordinal); "quoted" text
 * and \-escaped characters are copied. Month and day names are padded to 9 characters unless FM.
 * Numbers: 9 0 . D , G S MI PL SG FM TH; too few digit positions print '#'.
 * Not covered: RM (Roman months), EEEE, V, RN, L, TZH/TZM on input, localized (TM) names.
 */
import { SqlError } from '../errors.js';
import { Interval, Numeric, T } from '../types/index.js';
import type { TypeContext } from '../types/index.js';
import { daysFromYmd, fieldsOf, fixedZoneOffset, isFiniteTs, localToUtc, unixEpochSeconds, usPerDay, ymdFromDays, zoneOffsetAt } from './calendar.js';
import type { Fields } from './calendar.js';
import { def } from './registry.js';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const patterns = [
  'FF1', 'FF2', 'FF3', 'FF4', 'FF5', 'FF6', 'A.M.', 'a.m.', 'P.M.', 'p.m.', 'B.C.', 'b.c.', 'A.D.', 'a.d.', 'Y,YYY',
  'HH24', 'HH12', 'IDDD', 'IYYY', 'MONTH', 'Month', 'month', 'SSSSS', 'SSSS', 'YYYY', 'IYY', 'YYY', 'DDD', 'MON', 'Mon', 'mon',
  'DAY', 'Day', 'day', 'TZH', 'TZM', 'HH', 'MI', 'SS', 'MS', 'US', 'AM', 'am', 'PM', 'pm', 'BC', 'bc', 'AD', 'ad', 'YY', 'IY',
  'MM', 'DD', 'DY', 'Dy', 'dy', 'ID', 'WW', 'IW', 'CC', 'TZ', 'tz', 'OF', 'Y', 'I', 'D', 'W', 'Q', 'J',
];

interface Token {
  readonly kind: 'pattern' | 'literal';
  readonly text: string;
  readonly fm: boolean;
  readonly th: '' | 'th' | 'TH';
}

function tokenize(fmt: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < fmt.length) {
    let fm = false;
    if (fmt.startsWith('FM', i) || fmt.startsWith('fm', i)) {
      fm = true;
      i += 2;
    }
    const p = patterns.find((q) => fmt.startsWith(q, i));
    if (p !== undefined) {
      i += p.length;
      let th: Token['th'] = '';
      if (fmt.startsWith('TH', i)) th = 'TH';
      else if (fmt.startsWith('th', i)) th = 'th';
      if (th !== '') i += 2;
      out.push({ kind: 'pattern', text: p, fm, th });
      continue;
    }
    const ch = fmt[i]!;
    if (ch === '"') {
      let j = i + 1;
      let lit = '';
      while (j < fmt.length && fmt[j] !== '"') {
        if (fmt[j] === '\\' && j + 1 < fmt.length) j++;
        lit += fmt[j]!;
        j++;
      }
      out.push({ kind: 'literal', text: lit, fm: false, th: '' });
      i = j + 1;
      continue;
    }
    if (ch === '\\' && i + 1 < fmt.length) {
      out.push({ kind: 'literal', text: fmt[i + 1]!, fm: false, th: '' });
      i += 2;
      continue;
    }
    out.push({ kind: 'literal', text: ch, fm: false, th: '' });
    i++;
  }
  return out;
}

function ordinal(n: number, upper: boolean): string {
  const a = Math.abs(n) % 100;
  let s = 'th';
  if (a < 11 || a > 13) {
    const d = a % 10;
    s = d === 1 ? 'st' : d === 2 ? 'nd' : d === 3 ? 'rd' : 'th';
  }
  return upper ? s.toUpperCase() : s;
}

function casedName(name: string, pattern: string): string {
  if (pattern === pattern.toUpperCase()) return name.toUpperCase();
  if (pattern === pattern.toLowerCase()) return name.toLowerCase();
  return name;
}

interface TimeParts extends Fields {
  readonly days: number | null; // days since 2000-01-01 (null for intervals)
  readonly offset: number | null; // seconds east, for timestamptz
  readonly zone: string | null;
  readonly isInterval: boolean;
  /** The instant (timestamptz) for zone abbreviations. */
  readonly utc: bigint;
}

function isoWeekYear(days: number): [number, number] {
  const isodow = ((((days + 5) % 7) + 7) % 7) + 1;
  const thursday = days - isodow + 4;
  const [ty] = ymdFromDays(thursday);
  return [Math.floor((thursday - daysFromYmd(ty, 1, 1)) / 7) + 1, ty];
}

const abbrevFormatters = new Map<string, Intl.DateTimeFormat[]>();

/** The zone's abbreviation at an instant (CET, EDT, IST …), or the numeric offset when it has none. */
function zoneAbbrev(zone: string, offset: number, utc: bigint): string {
  const u = zone.toUpperCase();
  if (u === 'UTC' || u === 'GMT' || u === 'Z' || u === 'ETC/UTC') return u === 'Z' ? 'UTC' : u.replace('ETC/', '');
  if (fixedZoneOffset(zone) === null) {
    let fs = abbrevFormatters.get(zone);
    if (fs === undefined) {
      fs = [];
      for (const locale of ['en-US', 'en-GB', 'en-IN', 'en-AU']) {
        try {
          fs.push(new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }));
        } catch {
          break;
        }
      }
      abbrevFormatters.set(zone, fs);
    }
    const ms = Number(utc / 1000n) + unixEpochSeconds * 1000;
    for (const f of fs) {
      const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
      if (name !== undefined && /^[A-Z]{2,5}$/.test(name)) return name;
    }
  }
  return formatOffset(offset, false);
}

function formatOffset(off: number, _long: boolean): string {
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const h = String(Math.floor(a / 3600)).padStart(2, '0');
  const m = Math.floor(a / 60) % 60;
  return sign + h + (m !== 0 ? ':' + String(m).padStart(2, '0') : '');
}

function numField(v: number, width: number, fm: boolean): string {
  const s = String(Math.abs(v));
  const body = fm ? s : s.padStart(width, '0');
  return v < 0 ? '-' + body : body;
}

function renderPattern(tok: Token, p: TimeParts): string {
  const { fm } = tok;
  const y = p.year;
  const displayYear = p.isInterval ? y : y > 0 ? y : 1 - y;
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const days = p.days ?? 0;
  const dow = (((days + 6) % 7) + 7) % 7;
  let numeric: number | null = null;
  let s: string;
  switch (tok.text) {
    case 'YYYY':
      numeric = displayYear;
      s = numField(displayYear, 4, fm);
      break;
    case 'Y,YYY': {
      const t = String(displayYear).padStart(4, '0');
      s = t.slice(0, t.length - 3) + ',' + t.slice(-3);
      break;
    }
    case 'YYY':
      numeric = displayYear % 1000;
      s = numField(numeric, 3, fm);
      break;
    case 'YY':
      numeric = displayYear % 100;
      s = numField(numeric, 2, fm);
      break;
    case 'Y':
      numeric = displayYear % 10;
      s = String(numeric);
      break;
    case 'IYYY':
    case 'IYY':
    case 'IY':
    case 'I': {
      const iy = isoWeekYear(days)[1];
      const w = tok.text.length;
      numeric = w === 4 ? iy : iy % 10 ** w;
      s = numField(numeric, w, fm);
      break;
    }
    case 'MM':
      numeric = p.month;
      s = numField(p.month, 2, fm);
      break;
    case 'MONTH':
    case 'Month':
    case 'month': {
      const name = casedName(monthNames[p.month - 1] ?? '', tok.text);
      s = fm ? name : name.padEnd(9, ' ');
      break;
    }
    case 'MON':
    case 'Mon':
    case 'mon':
      s = casedName((monthNames[p.month - 1] ?? '').slice(0, 3), tok.text);
      break;
    case 'DD':
      numeric = p.day;
      s = numField(p.day, 2, fm);
      break;
    case 'DDD':
      numeric = p.isInterval ? p.day : days - daysFromYmd(y, 1, 1) + 1;
      s = numField(numeric, 3, fm);
      break;
    case 'IDDD': {
      const [w] = isoWeekYear(days);
      numeric = (w - 1) * 7 + (((((days + 5) % 7) + 7) % 7) + 1);
      s = numField(numeric, 3, fm);
      break;
    }
    case 'D':
      numeric = dow + 1;
      s = String(numeric);
      break;
    case 'ID':
      numeric = dow === 0 ? 7 : dow;
      s = String(numeric);
      break;
    case 'DAY':
    case 'Day':
    case 'day': {
      const name = casedName(dayNames[dow]!, tok.text);
      s = fm ? name : name.padEnd(9, ' ');
      break;
    }
    case 'DY':
    case 'Dy':
    case 'dy':
      s = casedName(dayNames[dow]!.slice(0, 3), tok.text);
      break;
    case 'W':
      numeric = Math.floor((p.day - 1) / 7) + 1;
      s = String(numeric);
      break;
    case 'WW':
      numeric = Math.floor((days - daysFromYmd(y, 1, 1)) / 7) + 1;
      s = numField(numeric, 2, fm);
      break;
    case 'IW':
      numeric = isoWeekYear(days)[0];
      s = numField(numeric, 2, fm);
      break;
    case 'Q':
      numeric = Math.floor((p.month - 1) / 3) + 1;
      s = String(numeric);
      break;
    case 'CC':
      numeric = y > 0 ? Math.floor((y + 99) / 100) : -Math.floor((99 - (y - 1)) / 100);
      s = numField(numeric, 2, fm);
      break;
    case 'J':
      numeric = days + 2451545;
      s = String(numeric);
      break;
    case 'HH':
    case 'HH12':
      numeric = hour12;
      s = numField(hour12, 2, fm);
      break;
    case 'HH24':
      numeric = p.hour;
      s = numField(p.hour, 2, fm);
      break;
    case 'MI':
      numeric = p.minute;
      s = numField(p.minute, 2, fm);
      break;
    case 'SS':
      numeric = p.second;
      s = numField(p.second, 2, fm);
      break;
    case 'SSSS':
    case 'SSSSS':
      numeric = p.hour * 3600 + p.minute * 60 + p.second;
      s = String(numeric);
      break;
    case 'MS':
      numeric = Math.floor(p.micro / 1000);
      s = numField(numeric, 3, fm);
      break;
    case 'US':
      numeric = p.micro;
      s = numField(p.micro, 6, fm);
      break;
    case 'FF1':
    case 'FF2':
    case 'FF3':
    case 'FF4':
    case 'FF5':
    case 'FF6': {
      const w = Number(tok.text[2]);
      s = String(p.micro).padStart(6, '0').slice(0, w);
      break;
    }
    case 'AM':
    case 'PM':
      s = p.hour < 12 ? 'AM' : 'PM';
      break;
    case 'am':
    case 'pm':
      s = p.hour < 12 ? 'am' : 'pm';
      break;
    case 'A.M.':
    case 'P.M.':
      s = p.hour < 12 ? 'A.M.' : 'P.M.';
      break;
    case 'a.m.':
    case 'p.m.':
      s = p.hour < 12 ? 'a.m.' : 'p.m.';
      break;
    case 'BC':
    case 'AD':
      s = y > 0 ? 'AD' : 'BC';
      break;
    case 'bc':
    case 'ad':
      s = y > 0 ? 'ad' : 'bc';
      break;
    case 'B.C.':
    case 'A.D.':
      s = y > 0 ? 'A.D.' : 'B.C.';
      break;
    case 'b.c.':
    case 'a.d.':
      s = y > 0 ? 'a.d.' : 'b.c.';
      break;
    case 'TZ':
    case 'tz': {
      const z = p.zone === null || p.offset === null ? '' : zoneAbbrev(p.zone, p.offset, p.utc);
      s = tok.text === 'tz' ? z.toLowerCase() : z;
      break;
    }
    case 'OF':
      s = formatOffset(p.offset ?? 0, true);
      break;
    case 'TZH':
      s = ((p.offset ?? 0) < 0 ? '-' : '+') + String(Math.floor(Math.abs(p.offset ?? 0) / 3600)).padStart(2, '0');
      break;
    case 'TZM':
      s = String(Math.floor(Math.abs(p.offset ?? 0) / 60) % 60).padStart(2, '0');
      break;
    default:
      s = tok.text;
  }
  if (tok.th !== '' && numeric !== null) s += ordinal(numeric, tok.th === 'TH');
  return s;
}

function render(fmt: string, p: TimeParts): string {
  let out = '';
  for (const tok of tokenize(fmt)) out += tok.kind === 'literal' ? tok.text : renderPattern(tok, p);
  return out;
}

function partsOfTimestamp(v: bigint, zone: string | null): TimeParts {
  const offset = zone === null ? null : zoneOffsetAt(zone, v);
  const local = offset === null ? v : v + BigInt(offset) * 1_000_000n;
  const f = fieldsOf(local);
  return { ...f, days: daysFromYmd(f.year, f.month, f.day), offset, zone, isInterval: false, utc: v };
}

function partsOfInterval(x: Interval): TimeParts {
  const us = x.micros;
  const totalSec = us / 1_000_000n;
  return {
    year: Math.trunc(x.months / 12),
    month: x.months % 12,
    day: x.days,
    hour: Number(totalSec / 3600n),
    minute: Number((totalSec / 60n) % 60n),
    second: Number(totalSec % 60n),
    micro: Number(us % 1_000_000n),
    days: null,
    offset: null,
    zone: null,
    isInterval: true,
    utc: 0n,
  };
}

def('to_char', [T.timestamp, T.text], T.text, (a) => {
  const v = a[0] as bigint;
  return isFiniteTs(v) ? render(a[1] as string, partsOfTimestamp(v, null)) : null;
}, { volatility: 'stable' });
def('to_char', [T.timestamptz, T.text], T.text, (a, ctx) => {
  const v = a[0] as bigint;
  return isFiniteTs(v) ? render(a[1] as string, partsOfTimestamp(v, ctx.timeZone)) : null;
}, { volatility: 'stable' });
def('to_char', [T.interval, T.text], T.text, (a) => render(a[1] as string, partsOfInterval(a[0] as Interval)), { volatility: 'stable' });

// ---------------------------------------------------------------------------------------------
// Numbers

/** to_char(number, format) for numbers given as a decimal digit string (no sign) and a sign. */
function renderNumber(neg: boolean, value: (fracDigits: number) => string, fmt: string): string {
  let fm = false;
  let intPos = '';
  let fracPos = '';
  let seenPoint = false;
  let signMode: '' | 'S' | 'MI' | 'PL' | 'SG' = '';
  let signAtEnd = false;
  let th: '' | 'th' | 'TH' = '';
  const literalsBefore: string[] = [];
  let suffix = '';
  for (let i = 0; i < fmt.length; i++) {
    const rest = fmt.slice(i);
    if (/^FM/i.test(rest)) {
      fm = true;
      i++;
    } else if (rest[0] === '9' || rest[0] === '0') {
      if (seenPoint) fracPos += rest[0];
      else intPos += rest[0];
    } else if (rest[0] === '.' || rest[0] === 'D') {
      seenPoint = true;
    } else if (rest[0] === ',' || rest[0] === 'G') {
      if (!seenPoint) intPos += ',';
    } else if (/^(MI|PL|SG)/i.test(rest)) {
      signMode = rest.slice(0, 2).toUpperCase() as 'MI' | 'PL' | 'SG';
      signAtEnd = intPos !== '' || seenPoint;
      i++;
    } else if (rest[0] === 'S') {
      signMode = 'S';
      signAtEnd = intPos !== '' || seenPoint;
    } else if (/^th/i.test(rest)) {
      th = rest.startsWith('TH') ? 'TH' : 'th';
      i++;
    } else if (intPos === '' && !seenPoint) literalsBefore.push(rest[0]!);
    else suffix += rest[0];
  }
  const digits = value(fracPos.length);
  const [ip, fp = ''] = digits.split('.');
  const intDigitsAll = ip === '0' && seenPoint ? '' : ip!;
  const nDigitPos = intPos.replace(/,/g, '').length;
  let intStr: string;
  let fracStr: string;
  if (intDigitsAll.length > nDigitPos) {
    intStr = intPos.replace(/[90]/g, '#');
    fracStr = fracPos.replace(/[90]/g, '#');
  } else {
    const chars: string[] = [];
    let di = intDigitsAll.length - 1;
    const firstZero = intPos.indexOf('0');
    for (let k = intPos.length - 1; k >= 0; k--) {
      const c = intPos[k]!;
      if (c === ',') {
        chars.push(di >= 0 || (firstZero >= 0 && k > firstZero) ? ',' : ' ');
        continue;
      }
      if (di >= 0) chars.push(intDigitsAll[di--]!);
      else chars.push(firstZero >= 0 && k >= firstZero ? '0' : ' ');
    }
    intStr = chars.reverse().join('');
    fracStr = fp.padEnd(fracPos.length, '0');
    if (fm) {
      // FM drops trailing zeros where the template has 9.
      let e = fracStr.length;
      while (e > 0 && fracStr[e - 1] === '0' && fracPos[e - 1] === '9') e--;
      fracStr = fracStr.slice(0, e);
    }
  }
  let signChar: string;
  switch (signMode) {
    case '':
      signChar = neg ? '-' : ' ';
      break;
    case 'S':
    case 'SG':
      signChar = neg ? '-' : '+';
      break;
    case 'MI':
      signChar = neg ? '-' : ' ';
      break;
    case 'PL':
      signChar = neg ? '-' : '+';
      break;
  }
  let body = intStr + (seenPoint ? '.' + fracStr : '');
  if (signMode === '' || !signAtEnd) {
    const k = body.search(/[^ ]/);
    const at = k < 0 ? body.length : k;
    body = body.slice(0, at) + signChar + body.slice(at);
  } else body += signChar;
  if (fm) body = body.replace(/^ +/, '').replace(/ +$/, '');
  if (th !== '' && !neg && !body.includes('#')) body += ordinal(Number(ip), th === 'TH');
  return literalsBefore.join('') + body + suffix;
}

/**
 * to_char with EEEE (scientific notation): `pattern` like '9.99EEEE'; the mantissa gets as many
 * decimals as the pattern has digit positions after its point, the exponent a sign and at least
 * two digits: ' 4.00e+00', '-7.61e+02' (FM drops the space kept for the sign).
 */
function sciText(neg: boolean, digitsOf: (significant: number) => { mantissa: string; exp: number }, fmt: string): string {
  const fm = /^FM/i.test(fmt);
  const body = fmt.replace(/^FM/i, '');
  const point = body.indexOf('.');
  const decimals = point < 0 ? 0 : (body.slice(point + 1).match(/[09]/g) ?? []).length;
  const { mantissa, exp } = digitsOf(decimals + 1);
  // The mantissa has one integer digit, or two when numeric's rounding carried (PostgreSQL prints "10.00e+02").
  const whole = mantissa.length - decimals;
  const m = decimals === 0 ? mantissa : `${mantissa.slice(0, whole)}.${mantissa.slice(whole)}`;
  const e = `e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return (neg ? '-' : fm ? '' : ' ') + m + e;
}

/**
 * The `significant` leading digits of digits/10^scale and the decimal exponent. Floats round as
 * printf's %e does (half-even, a carry moves the exponent); numerics as PostgreSQL's numeric
 * EEEE output does (half-up, the exponent fixed before rounding, so 999.99 becomes 10.00e+02).
 */
function roundSignificant(digits: bigint, scale: number, significant: number, halfEven: boolean): { mantissa: string; exp: number } {
  if (digits === 0n) return { mantissa: '0'.repeat(significant), exp: 0 };
  let text = digits.toString();
  let exp = text.length - 1 - scale;
  const drop = text.length - significant;
  let q: bigint;
  if (drop > 0) {
    const div = 10n ** BigInt(drop);
    q = digits / div;
    const twice = (digits % div) * 2n;
    if (twice > div || (twice === div && (!halfEven || q % 2n === 1n))) q += 1n;
  } else q = digits * 10n ** BigInt(-drop);
  text = q.toString();
  if (text.length > significant && halfEven) {
    text = text.slice(0, significant);
    exp += 1;
  }
  return { mantissa: text, exp };
}

def('to_char', [T.numeric, T.text], T.text, (a) => {
  const x = a[0] as Numeric;
  const fmt = a[1] as string;
  if (/EEEE/i.test(fmt) && x.isFinite()) {
    const t = x.abs().toString();
    const [ip, fp = ''] = t.split('.');
    return sciText(x.sign() < 0, (n) => roundSignificant(BigInt(ip! + fp), fp.length, n, false), fmt);
  }
  if (!x.isFinite()) return renderNumber(false, () => '0', a[1] as string).replace(/[0-9]/g, '#');
  return renderNumber(x.sign() < 0, (f) => x.abs().round(f).toString(), a[1] as string);
});
def('to_char', [T.float8, T.text], T.text, (a) => {
  const x = a[0] as number;
  const fmt = a[1] as string;
  if (/EEEE/i.test(fmt) && Number.isFinite(x)) {
    const { digits, scale } = exactDecimal(Math.abs(x));
    return sciText(x < 0, (n) => roundSignificant(digits, scale, n, true), fmt);
  }
  return renderNumber(x < 0, (f) => fixedHalfEven(Math.abs(x), Math.min(f, 100)), fmt);
});

/** The exact value of a finite double ≥ 0 as digits / 10^scale. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const rawExp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (rawExp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = rawExp - 1075;
  }
  return exp >= 0 ? { digits: mant << BigInt(exp), scale: 0 } : { digits: mant * 5n ** BigInt(-exp), scale: -exp };
}

/**
 * `x` (finite, ≥ 0) with `f` digits after the point, as C's printf("%.*f") writes it: from the
 * exact binary value, a tie rounded to even (0.25 → "0.2", 2.5 → "2"). JavaScript's toFixed
 * rounds ties up and switches to exponents from 1e21.
 */
export function fixedHalfEven(x: number, f: number): string {
  if (!Number.isFinite(x)) return String(x);
  let { digits, scale } = exactDecimal(x);
  // Round digits / 10^scale to f places, ties to even.
  if (scale > f) {
    const div = 10n ** BigInt(scale - f);
    const q = digits / div;
    const r = digits % div;
    const twice = r * 2n;
    digits = twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
  } else digits *= 10n ** BigInt(f - scale);
  const text = digits.toString().padStart(f + 1, '0');
  return f === 0 ? text : `${text.slice(0, text.length - f)}.${text.slice(text.length - f)}`;
}
def('to_char', [T.int8, T.text], T.text, (a) => {
  const x = a[0] as bigint;
  if (/EEEE/i.test(a[1] as string)) return sciText(x < 0n, (n) => roundSignificant(x < 0n ? -x : x, 0, n, false), a[1] as string);
  return renderNumber(x < 0n, (f) => (x < 0n ? -x : x).toString() + (f > 0 ? '.' + '0'.repeat(f) : ''), a[1] as string);
});
def('to_char', [T.int4, T.text], T.text, (a) => {
  const x = a[0] as number;
  if (/EEEE/i.test(a[1] as string)) return sciText(x < 0, (n) => roundSignificant(BigInt(Math.abs(x)), 0, n, false), a[1] as string);
  return renderNumber(x < 0, (f) => String(Math.abs(x)) + (f > 0 ? '.' + '0'.repeat(f) : ''), a[1] as string);
});

// ---------------------------------------------------------------------------------------------
// to_date / to_timestamp(text, format)

interface Parsed {
  year: number | null;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
  pm: boolean | null;
  bc: boolean;
  doy: number | null;
  tzOffset: number | null;
  /** TZH's sign, which TZM's minutes take (TZH -00 then TZM 30 is -00:30). */
  tzSign: number;
}

const widths: Readonly<Record<string, number>> = {
  YYYY: 4, YYY: 3, YY: 2, Y: 1, MM: 2, DD: 2, DDD: 3, HH: 2, HH12: 2, HH24: 2, MI: 2, SS: 2, MS: 3, US: 6, SSSS: 5, SSSSS: 5,
  FF1: 1, FF2: 2, FF3: 3, FF4: 4, FF5: 5, FF6: 6, J: 7, D: 1, ID: 1, Q: 1, CC: 2, WW: 2, IW: 2, W: 1, IYYY: 4,
};

function invalidValue(v: string, p: string): SqlError {
  return new SqlError('22007', `invalid value "${v}" for "${p}"`);
}

function parseFormatted(text: string, fmt: string): Parsed {
  const r: Parsed = { year: null, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0, pm: null, bc: false, doy: null, tzOffset: null, tzSign: 1 };
  const toks = tokenize(fmt);
  let i = 0;
  for (let t = 0; t < toks.length; t++) {
    const tok = toks[t]!;
    if (tok.kind === 'literal') {
      if (tok.text === ' ') {
        while (text[i] === ' ') i++;
      } else if (i < text.length && !/[A-Za-z0-9]/.test(text[i]!)) i++;
      continue;
    }
    while (text[i] === ' ') i++;
    const p = tok.text;
    const upper = p.toUpperCase();
    if (upper === 'MONTH' || upper === 'MON') {
      const rest = text.slice(i).toLowerCase();
      const idx = monthNames.findIndex((m) => (upper === 'MON' ? rest.startsWith(m.slice(0, 3).toLowerCase()) : rest.startsWith(m.toLowerCase())));
      if (idx < 0) throw invalidValue(text.slice(i, i + (upper === 'MON' ? 3 : 9)), p);
      r.month = idx + 1;
      i += upper === 'MON' ? 3 : monthNames[idx]!.length;
      continue;
    }
    if (upper === 'DAY' || upper === 'DY') {
      const rest = text.slice(i).toLowerCase();
      const idx = dayNames.findIndex((d) => (upper === 'DY' ? rest.startsWith(d.slice(0, 3).toLowerCase()) : rest.startsWith(d.toLowerCase())));
      if (idx < 0) throw invalidValue(text.slice(i, i + 3), p);
      i += upper === 'DY' ? 3 : dayNames[idx]!.length;
      continue;
    }
    if (/^[AP]\.?M\.?$/i.test(p)) {
      const m = /^([AaPp])\.?[Mm]\.?/.exec(text.slice(i));
      if (m === null) throw invalidValue(text.slice(i, i + 2), p);
      r.pm = m[1]!.toLowerCase() === 'p';
      i += m[0].length;
      continue;
    }
    if (/^[AB]\.?[DC]\.?$/i.test(p)) {
      const m = /^([AaBb])\.?[DdCc]\.?/.exec(text.slice(i));
      if (m === null) throw invalidValue(text.slice(i, i + 2), p);
      r.bc = m[1]!.toLowerCase() === 'b';
      i += m[0].length;
      continue;
    }
    if (upper === 'TZ' || upper === 'OF') {
      const m = /^([+-])(\d{1,2})(?::?(\d\d))?/.exec(text.slice(i));
      if (m !== null) {
        r.tzOffset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
        i += m[0].length;
      }
      continue;
    }
    if (upper === 'TZH') {
      const m = /^([+-]?)(\d{1,2})/.exec(text.slice(i));
      if (m === null) throw invalidValue(text.slice(i, i + 3), p);
      r.tzSign = m[1] === '-' ? -1 : 1;
      r.tzOffset = r.tzSign * Number(m[2]) * 3600;
      i += m[0].length;
      continue;
    }
    if (upper === 'TZM') {
      const m = /^\d{1,2}/.exec(text.slice(i));
      if (m === null) throw invalidValue(text.slice(i, i + 2), p);
      r.tzOffset = (r.tzOffset ?? 0) + r.tzSign * Number(m[0]) * 60;
      i += m[0].length;
      continue;
    }
    // Numeric field: up to its width, fewer digits when a non-digit ends it (FM or separators).
    const width = widths[p] ?? 9;
    const next = toks[t + 1];
    const greedy = next === undefined || next.kind === 'literal' || p === 'YYYY';
    const m = (greedy && p === 'YYYY' && next !== undefined && next.kind === 'pattern' ? /^-?\d{1,4}/ : greedy ? /^-?\d+/ : new RegExp(`^-?\\d{1,${width}}`)).exec(text.slice(i));
    if (m === null) throw invalidValue(text.slice(i, i + width), p);
    const v = Number(m[0]);
    i += m[0].length;
    switch (p) {
      case 'YYYY':
      case 'IYYY':
        r.year = v;
        break;
      case 'YYY':
        r.year = v + (v < 100 ? 2000 : 1000);
        break;
      case 'YY':
        r.year = v < 70 ? 2000 + v : 1900 + v;
        break;
      case 'Y':
        r.year = 2000 + v;
        break;
      case 'MM':
        r.month = v;
        break;
      case 'DD':
        r.day = v;
        break;
      case 'DDD':
        r.doy = v;
        break;
      case 'HH':
      case 'HH12':
        if (v < 1 || v > 12) {
          throw new SqlError('22008', `hour "${v}" is invalid for the 12-hour clock`, { hint: 'Use the 24-hour clock, or give an hour between 1 and 12.' });
        }
        r.hour = v;
        break;
      case 'HH24':
        r.hour = v;
        break;
      case 'MI':
        r.minute = v;
        break;
      case 'SS':
        r.second = v;
        break;
      case 'MS':
        r.micro = v * 1000 * 10 ** (3 - m[0].length);
        break;
      case 'US':
        r.micro = v * 10 ** (6 - m[0].length);
        break;
      case 'J': {
        const [y, mo, d] = ymdFromDays(v - 2451545);
        r.year = y;
        r.month = mo;
        r.day = d;
        break;
      }
      case 'SSSS':
      case 'SSSSS':
        r.hour = Math.floor(v / 3600);
        r.minute = Math.floor(v / 60) % 60;
        r.second = v % 60;
        break;
      default:
        break;
    }
  }
  if (r.pm !== null) {
    if (r.pm && r.hour < 12) r.hour += 12;
    else if (!r.pm && r.hour === 12) r.hour = 0;
  }
  return r;
}

function parsedDays(r: Parsed, text: string): number {
  let y = r.year ?? 1;
  if (r.bc) y = 1 - y;
  if (r.doy !== null) return daysFromYmd(y, 1, 1) + r.doy - 1;
  const dim = r.month >= 1 && r.month <= 12 ? new Date(Date.UTC(2000, r.month, 0)).getUTCDate() : 0;
  const leapOk = r.month !== 2 || r.day !== 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  if (r.month < 1 || r.month > 12 || r.day < 1 || r.day > dim || !leapOk) {
    throw new SqlError('22008', `date/time field value out of range: "${text}"`);
  }
  return daysFromYmd(y, r.month, r.day);
}

def('to_date', [T.text, T.text], T.date, (a) => {
  const text = a[0] as string;
  return parsedDays(parseFormatted(text, a[1] as string), text);
}, { volatility: 'stable' });

def('to_timestamp', [T.text, T.text], T.timestamptz, (a, ctx: TypeContext) => {
  const text = a[0] as string;
  const r = parseFormatted(text, a[1] as string);
  if (r.hour > 24 || r.minute > 59 || r.second > 60) throw new SqlError('22008', `date/time field value out of range: "${text}"`);
  const local = BigInt(parsedDays(r, text)) * usPerDay + BigInt(((r.hour * 60 + r.minute) * 60 + r.second) * 1_000_000 + r.micro);
  if (r.tzOffset !== null) return local - BigInt(r.tzOffset) * 1_000_000n;
  return localToUtc(ctx.timeZone, local);
}, { volatility: 'stable' });

