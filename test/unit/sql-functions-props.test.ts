/**
 * Seeded property tests of the arithmetic under the built-in functions: the calendar against
 * JavaScript's Date, time-zone round trips, exact integer square roots, numeric sqrt/ln/exp
 * against their inverses, and float8 results against the defining identities. Each test prints
 * its seed; SEED=n replays it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysFromYmd, localToUtc, utcToLocal, ymdFromDays, zoneOffsetAt } from '../../src/sql/functions/calendar.js';
import { crAtan, crCos, crSin } from '../../src/sql/functions/float-trig.js';
import { cbrt } from '../../src/sql/functions/math.js';
import { exactDecimal, isqrt, numericExp, numericLn, numericSqrt } from '../../src/sql/functions/numeric-math.js';
import { Numeric } from '../../src/sql/types/index.js';

function rng(name: string): (n: number) => number {
  const seed = Number(process.env.SEED ?? (Date.now() % 1_000_000)) || 1;
  console.log(`${name}: seed=${seed} (SEED=${seed} to replay)`);
  let x = seed >>> 0;
  return (n) => {
    // xorshift32
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

const msPerDay = 86_400_000;
const epoch2000 = Date.UTC(2000, 0, 1);

test('calendar: days ↔ y-m-d agrees with Date for years 1..9999 and round-trips', () => {
  const rnd = rng('calendar');
  for (let i = 0; i < 5000; i++) {
    const days = rnd(3_652_059) - 730_119; // 0001-01-01 .. 9999-12-31
    const d = new Date(epoch2000 + days * msPerDay);
    const [y, m, dd] = ymdFromDays(days);
    assert.deepEqual([y, m, dd], [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()], `day ${days}`);
    assert.equal(daysFromYmd(y, m, dd), days);
  }
  // BC (PostgreSQL: select date '0001-03-01 BC' - date '0001-02-28 BC' → 2; to_char(date '4714-11-24 BC', 'J') → 0):
  // 1 BC is year 0 and a leap year, 4714 BC (year -4713) Nov 24 is Julian day 0.
  assert.equal(daysFromYmd(0, 3, 1) - daysFromYmd(0, 2, 28), 2);
  assert.equal(daysFromYmd(-4713, 11, 24) + 2451545, 0);
});

test('time zones: a wall time outside transitions round-trips, offsets match Intl', () => {
  const rnd = rng('zones');
  const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Sao_Paulo'];
  for (let i = 0; i < 600; i++) {
    const zone = zones[rnd(zones.length)]!;
    const utc = BigInt(rnd(1_600_000_000) - 200_000_000) * 1_000_000n; // 1993 .. 2050, µs since 2000
    const local = utcToLocal(zone, utc);
    const off = zoneOffsetAt(zone, utc);
    // Intl's view of the same instant
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(Number(utc / 1000n) + epoch2000));
    const get = (t: string): number => Number(parts.find((p) => p.type === t)!.value);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    assert.equal(Number(local / 1000n) + epoch2000, wall, `${zone} at ${utc}`);
    assert.equal(BigInt(off) * 1_000_000n, local - utc);
    // Round trip, unless the wall time is ambiguous (within a day of a change the answer may differ by design).
    const back = localToUtc(zone, local);
    if (back !== utc) assert.notEqual(zoneOffsetAt(zone, utc - 86_400_000_000n), zoneOffsetAt(zone, utc + 86_400_000_000n));
  }
});

test('isqrt is the exact integer square root', () => {
  const rnd = rng('isqrt');
  for (let i = 0; i < 2000; i++) {
    const digits = 1 + rnd(80);
    let n = 0n;
    for (let k = 0; k < digits; k++) n = n * 10n + BigInt(rnd(10));
    const r = isqrt(n);
    assert.ok(r * r <= n && (r + 1n) * (r + 1n) > n, `isqrt(${n}) = ${r}`);
  }
});

test('numeric sqrt, ln and exp invert each other to their result scale', () => {
  const rnd = rng('numeric');
  for (let i = 0; i < 300; i++) {
    const x = Numeric.of(BigInt(1 + rnd(10_000_000)), rnd(6));
    const s = numericSqrt(x);
    // |s² − x| ≤ s · 10^-scale (one unit in the last place of s, squared)
    const err = s.mul(s).sub(x).abs();
    assert.ok(err.cmp(s.mul(Numeric.of(3n, s.scale))) <= 0, `sqrt(${x}) = ${s}`);
    const l = numericLn(x);
    const back = numericExp(l);
    const rel = back.sub(x).abs().div(x);
    assert.ok(rel.toNumber() < 1e-12, `exp(ln(${x})) = ${back}`);
  }
});

test('exactDecimal is exact: it parses back to the same double', () => {
  const rnd = rng('exactDecimal');
  for (let i = 0; i < 2000; i++) {
    const x = (rnd(2) ? -1 : 1) * ((1 + rnd(1_000_000)) / (1 + rnd(1000))) * 10 ** (rnd(60) - 30);
    assert.equal(Number(exactDecimal(x).toString()), x);
  }
});

test('float8 trigonometry and cbrt stay within half a unit of the last place of identities', () => {
  const rnd = rng('trig');
  for (let i = 0; i < 500; i++) {
    const x = (rnd(2_000_000) - 1_000_000) / (1 + rnd(997));
    const s = crSin(x, Math.sin(x));
    const c = crCos(x, Math.cos(x));
    assert.ok(Math.abs(s - Math.sin(x)) <= 2 * Number.EPSILON, `sin(${x})`);
    assert.ok(Math.abs(c - Math.cos(x)) <= 2 * Number.EPSILON, `cos(${x})`);
    assert.ok(Math.abs(s * s + c * c - 1) < 4 * Number.EPSILON);
    const a = crAtan(x, Math.atan(x));
    assert.ok(Math.abs(a - Math.atan(x)) <= 2 * Number.EPSILON * Math.max(1, Math.abs(a)), `atan(${x})`);
    const r = cbrt(x);
    assert.ok(Math.abs(r * r * r - x) <= 8 * Number.EPSILON * Math.abs(x), `cbrt(${x}) = ${r}`);
  }
});
