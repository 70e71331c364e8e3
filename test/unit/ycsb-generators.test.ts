/**
 * The YCSB workload layer (bench/ycsb): generators, key names, records and operation streams
 * checked against YCSB's definitions. Statistical checks use a fixed seed (printed; override with
 * YCSB_TEST_SEED) and a tolerance of 5 standard deviations of the binomial count, so a correct
 * generator fails one check with probability below 1e-6 whatever the seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prng } from '../../bench/lib/prng.js';
import { decimalHalves, fnvhash64, modHalves } from '../../bench/ycsb/fnv64.js';
import {
  AcknowledgedCounterGenerator,
  DiscreteGenerator,
  ScrambledZipfianGenerator,
  SkewedLatestGenerator,
  ZipfianGenerator,
  scrambledItemCount,
  scrambledZetan,
  zeta,
  zetaStatic,
  zipfianConstant,
} from '../../bench/ycsb/generators.js';
import { FieldPool, decodeRecord, encodeRecord, recordBytes, withField } from '../../bench/ycsb/record.js';
import {
  LoadStream,
  OperationStream,
  buildKeyName,
  clientShare,
  keyBytes,
  ycsbOpKinds,
  ycsbWorkloadNames,
  ycsbWorkloads,
} from '../../bench/ycsb/workloads.js';
import type { YcsbOp, YcsbOpKind } from '../../bench/ycsb/workloads.js';

const seed = Number(process.env['YCSB_TEST_SEED'] ?? 20240917);
console.log(`ycsb-generators seed ${seed} (set YCSB_TEST_SEED to replay another)`);

const sigmas = 5;

/** Half-width of the 5σ band of a frequency with probability p over n draws. */
function band(p: number, n: number): number {
  return sigmas * Math.sqrt((p * (1 - p)) / n);
}

// ---------------------------------------------------------------------------------------------
// FNV-64 and key names

/** YCSB's Utils.fnvhash64, written directly from its definition with BigInt. */
function referenceFnv(value: number): bigint {
  const mask = (1n << 64n) - 1n;
  let hash = 0xcbf29ce484222325n;
  let v = BigInt(value);
  for (let i = 0; i < 8; i++) {
    hash ^= v & 0xffn;
    v >>= 8n;
    hash = (hash * 1099511628211n) & mask;
  }
  const signed = BigInt.asIntN(64, hash);
  return signed < 0n ? -signed : signed;
}

const sampleKeyNumbers = [0, 1, 2, 3, 255, 256, 65535, 65536, 999_999, 1_000_000, 2 ** 32 - 1, 2 ** 32, 1e10, 2 ** 53 - 1];

test('fnvhash64 matches a straightforward BigInt implementation', () => {
  const prng = new Prng(seed);
  const values = [...sampleKeyNumbers];
  for (let i = 0; i < 2000; i++) values.push(prng.nextInt(2 ** 53), prng.nextInt(10_000_000));
  for (const v of values) assert.equal(fnvhash64(v), referenceFnv(v), `fnvhash64(${v})`);
});

test('key names are "user" + FNV-64 of the key number, as YCSB builds them', () => {
  // The first record of every YCSB load with hashed inserts.
  assert.equal(buildKeyName(0), 'user6284781860667377211');
  const a = ycsbWorkloads.a;
  for (const k of sampleKeyNumbers) {
    const expected = `user${referenceFnv(k).toString()}`;
    assert.equal(buildKeyName(k), expected, `key ${k}`);
    assert.deepEqual(keyBytes(a, k), Buffer.from(expected, 'latin1'), `key bytes ${k}`);
  }
  // zeropadding (YCSB's own example: row 5, zeropadding 8, ordered -> user00000005).
  assert.equal(buildKeyName(5, 8, true), 'user00000005');
  assert.equal(buildKeyName(5, 1, true), 'user5');
  assert.equal(buildKeyName(0, 25), `user000000${referenceFnv(0).toString()}`);
  const padded = { ...a, zeroPadding: 25 };
  assert.deepEqual(keyBytes(padded, 7), Buffer.from(buildKeyName(7, 25), 'latin1'));
});

test('64-bit decimal and modulo helpers are exact', () => {
  const prng = new Prng(seed + 1);
  for (let i = 0; i < 5000; i++) {
    const hi = prng.nextU32();
    const lo = prng.nextU32();
    const big = (BigInt(hi) << 32n) | BigInt(lo);
    assert.equal(decimalHalves(hi, lo), big.toString());
    for (const n of [1, 7, 1_000_001, 2 ** 21, 2 ** 21 + 1, scrambledItemCount + 1]) {
      assert.equal(BigInt(modHalves(hi, lo, n)), big % BigInt(n));
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Zipfian

/**
 * The probability that Gray's algorithm, as YCSB runs it, returns 0-based rank r of n, derived
 * analytically: u < 1/ζn gives rank 0, u < (1 + 2^-θ)/ζn rank 1, otherwise the rank is
 * ⌊n·(1 − η(1 − u))^(1/(1−θ))⌋, which is >= r exactly when u >= 1 − (1 − (r/n)^(1−θ))/η.
 */
function grayProbability(n: number, theta: number, zetan: number): (r: number) => number {
  const zeta2 = 1 + Math.pow(0.5, theta);
  const eta = (1 - Math.pow(2 / n, 1 - theta)) / (1 - zeta2 / zetan);
  const u0 = zeta2 / zetan;
  const uFrom = (r: number): number => Math.min(1, Math.max(u0, 1 - (1 - Math.pow(r / n, 1 - theta)) / eta));
  return (r) => {
    let p = Math.max(0, uFrom(r + 1) - uFrom(r));
    if (r === 0) p += 1 / zetan;
    if (r === 1) p += Math.pow(0.5, theta) / zetan;
    return p;
  };
}

test('zeta: YCSB precomputed ZETAN is zeta(10^10, 0.99)', () => {
  // zeta(M) summed directly, the tail M+1..N by Euler–Maclaurin (error far below 1e-9 at M = 10^6).
  // YCSB summed 10^10 terms in doubles, each rounding by at most 2e-15: allow 1e-4 absolute.
  const theta = zipfianConstant;
  const m = 1_000_000;
  const n = scrambledItemCount;
  const f = (x: number): number => Math.pow(x, -theta);
  const df = (x: number): number => -theta * Math.pow(x, -theta - 1);
  const integral = (Math.pow(n, 1 - theta) - Math.pow(m, 1 - theta)) / (1 - theta);
  const tail = integral + (f(n) - f(m)) / 2 + (df(n) - df(m)) / 12;
  const estimate = zeta(m, theta) + tail;
  assert.ok(Math.abs(estimate - scrambledZetan) < 1e-4, `zeta(1e10) ~ ${estimate}, YCSB ZETAN ${scrambledZetan}`);
  // The same estimate for 10^16 items is far off: that item count would not match the constant.
  const integral16 = (Math.pow(1e16, 1 - theta) - Math.pow(m, 1 - theta)) / (1 - theta);
  assert.ok(zeta(m, theta) + integral16 - scrambledZetan > 10);
  // Incremental zeta equals zeta from scratch.
  assert.ok(Math.abs(zetaStatic(1000, 5000, theta, zeta(1000, theta)) - zetaStatic(0, 5000, theta, 0)) < 1e-12);
});

test('zipfian: hottest ranks have the expected zipfian frequencies', () => {
  const n = 10_000;
  const draws = 1_000_000;
  const prng = new Prng(seed + 2);
  const gen = new ZipfianGenerator(prng, 0, n - 1);
  const counts = new Float64Array(n);
  for (let i = 0; i < draws; i++) {
    const v = gen.next();
    assert.ok(v >= 0 && v < n);
    counts[v] = (counts[v] ?? 0) + 1;
  }
  const zn = zeta(n, zipfianConstant);
  const gray = grayProbability(n, zipfianConstant, zn);
  for (let r = 0; r < 20; r++) {
    const ideal = 1 / zn / Math.pow(r + 1, zipfianConstant);
    const observed = (counts[r] ?? 0) / draws;
    // The algorithm's own law: every rank within 5σ.
    assert.ok(Math.abs(observed - gray(r)) <= band(gray(r), draws), `rank ${r + 1}: ${observed} vs Gray ${gray(r)}`);
    // Against the ideal 1/ζ(n,θ)·1/i^θ: ranks 1 and 2 are exact by construction (5σ); from rank 3
    // on, Gray's closed form overweights the head (+19% at rank 3 for n = 10^4, shrinking with the
    // rank), so the tolerance adds that analytic gap.
    const approximation = r < 2 ? 0 : Math.abs(gray(r) - ideal);
    if (r < 2) assert.ok(Math.abs(gray(r) - ideal) < 1e-12);
    assert.ok(approximation <= 0.2 * ideal);
    assert.ok(Math.abs(observed - ideal) <= approximation + band(ideal, draws), `rank ${r + 1}: ${observed} vs ideal ${ideal}`);
  }
  // Popularity falls with the rank: the first ranks are strictly ordered.
  for (let r = 0; r < 10; r++) assert.ok((counts[r] ?? 0) > (counts[r + 1] ?? 0));
});

test('zipfian: growing the item count extends zeta incrementally and reaches new items', () => {
  const prng = new Prng(seed + 3);
  const gen = new ZipfianGenerator(prng, 0, 999);
  const before = gen.zetaN;
  let beyond = 0;
  for (let i = 0; i < 200_000; i++) if (gen.nextLong(2000) >= 1000) beyond++;
  assert.ok(Math.abs(gen.zetaN - zeta(2000, zipfianConstant)) < 1e-12);
  assert.ok(gen.zetaN > before);
  // P(rank > 1000 of 2000) = (zeta(2000) - zeta(1000)) / zeta(2000), about 8%.
  const p = (zeta(2000, zipfianConstant) - zeta(1000, zipfianConstant)) / zeta(2000, zipfianConstant);
  assert.ok(Math.abs(beyond / 200_000 - p) < 0.01, `${beyond / 200_000} vs ${p}`);
});

test('scrambled zipfian: the top-k hottest keys carry the expected combined frequency', () => {
  const n = 100_000;
  const draws = 1_000_000;
  const k = 10;
  const prng = new Prng(seed + 4);
  const gen = new ScrambledZipfianGenerator(prng, 0, n - 1);
  const counts = new Uint32Array(n);
  for (let i = 0; i < draws; i++) {
    const v = gen.next();
    assert.ok(v >= 0 && v < n);
    counts[v] = (counts[v] ?? 0) + 1;
  }
  // Expected frequency of each item: Gray's law over YCSB's 10^10 + 1 ranks, folded by
  // referenceFnv(rank) mod n for the first 20,000 ranks; the remaining mass (ranks past 20,000)
  // is spread evenly, about 5e-6 per item, which is 0.04% of the top-k total below.
  const gray = grayProbability(scrambledItemCount + 1, zipfianConstant, scrambledZetan);
  const ranks = 20_000;
  const expected = new Map<number, number>();
  let covered = 0;
  for (let r = 0; r < ranks; r++) {
    const item = Number(referenceFnv(r) % BigInt(n));
    const p = gray(r);
    covered += p;
    expected.set(item, (expected.get(item) ?? 0) + p);
  }
  const floor = (1 - covered) / n;
  const expectedTop = [...expected.entries()].sort((x, y) => y[1] - x[1]).slice(0, k);
  const expectedSum = expectedTop.reduce((s, [, p]) => s + p + floor, 0);
  const observedTop = [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, k);
  const observedSum = observedTop.reduce((s, [, c]) => s + c, 0) / draws;
  const idealSum = Array.from({ length: k }, (_, i) => 1 / scrambledZetan / Math.pow(i + 1, zipfianConstant)).reduce((s, p) => s + p, 0);
  console.log(`scrambled zipfian top-${k}: observed ${observedSum.toFixed(5)}, expected ${expectedSum.toFixed(5)}, ideal zipfian ${idealSum.toFixed(5)}`);
  // The hottest keys are exactly where the hash puts the hottest ranks.
  assert.deepEqual(
    observedTop.map(([item]) => item).sort((x, y) => x - y),
    expectedTop.map(([item]) => item).sort((x, y) => x - y),
  );
  assert.equal(observedTop[0]?.[0], Number(referenceFnv(0) % BigInt(n)));
  assert.ok(Math.abs(observedSum - expectedSum) <= band(expectedSum, draws) + k * floor, `${observedSum} vs ${expectedSum}`);
  // And against the ideal zipfian (no Gray bias, no folding): within 10% here.
  assert.ok(Math.abs(observedSum - idealSum) / idealSum < 0.1);
});

// ---------------------------------------------------------------------------------------------
// Counters, latest, discrete

test('acknowledged counter: lastValue only moves over contiguous acknowledged values', () => {
  const c = new AcknowledgedCounterGenerator(100);
  assert.equal(c.lastValue(), 99);
  const a = c.next();
  const b = c.next();
  const d = c.next();
  assert.deepEqual([a, b, d], [100, 101, 102]);
  c.acknowledge(b);
  assert.equal(c.lastValue(), 99, 'a gap at 100 holds the limit');
  c.acknowledge(a);
  assert.equal(c.lastValue(), 101);
  assert.equal(c.pending, 1);
  c.acknowledge(d);
  assert.equal(c.lastValue(), 102);
  assert.throws(() => c.acknowledge(d), RangeError);
  assert.throws(() => c.acknowledge(103), RangeError, 'not handed out yet');
});

test('skewed latest: the newest item is the most popular, item 0 never', () => {
  const basis = new AcknowledgedCounterGenerator(1000);
  const prng = new Prng(seed + 5);
  const gen = new SkewedLatestGenerator(prng, basis);
  const draws = 200_000;
  let newest = 0;
  for (let i = 0; i < draws; i++) {
    const v = gen.next();
    assert.ok(v >= 1 && v <= 999);
    if (v === 999) newest++;
  }
  // Rank 1 of zipfian(999) is exact: 1 / zeta(999).
  const p = 1 / zeta(999, zipfianConstant);
  assert.ok(Math.abs(newest / draws - p) <= band(p, draws));
});

test('discrete: weights are honoured', () => {
  const prng = new Prng(seed + 6);
  const gen = new DiscreteGenerator<string>(prng).addValue(0.2, 'x').addValue(0.5, 'y').addValue(0.3, 'z');
  const counts: Record<string, number> = { x: 0, y: 0, z: 0 };
  const draws = 100_000;
  for (let i = 0; i < draws; i++) {
    const v = gen.next();
    counts[v] = (counts[v] ?? 0) + 1;
  }
  for (const [v, p] of [['x', 0.2], ['y', 0.5], ['z', 0.3]] as const) {
    assert.ok(Math.abs((counts[v] ?? 0) / draws - p) <= band(p, draws), `${v}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Workloads

function expectedProportion(kind: YcsbOpKind, name: (typeof ycsbWorkloadNames)[number]): number {
  const w = ycsbWorkloads[name];
  switch (kind) {
    case 'read':
      return w.readProportion;
    case 'update':
      return w.updateProportion;
    case 'insert':
      return w.insertProportion;
    case 'scan':
      return w.scanProportion;
    case 'readModifyWrite':
      return w.readModifyWriteProportion;
  }
}

test('workloads A–F: YCSB property values', () => {
  const table = Object.fromEntries(
    ycsbWorkloadNames.map((n) => {
      const w = ycsbWorkloads[n];
      return [n, [w.readProportion, w.updateProportion, w.insertProportion, w.scanProportion, w.readModifyWriteProportion, w.requestDistribution]];
    }),
  );
  assert.deepEqual(table, {
    a: [0.5, 0.5, 0, 0, 0, 'zipfian'],
    b: [0.95, 0.05, 0, 0, 0, 'zipfian'],
    c: [1, 0, 0, 0, 0, 'zipfian'],
    d: [0.95, 0, 0.05, 0, 0, 'latest'],
    e: [0, 0, 0.05, 0.95, 0, 'zipfian'],
    f: [0.5, 0, 0, 0, 0.5, 'zipfian'],
  });
  for (const n of ycsbWorkloadNames) {
    const w = ycsbWorkloads[n];
    assert.equal(w.fieldCount, 10);
    assert.equal(w.fieldLength, 100);
    assert.equal(w.writeAllFields, false);
    assert.equal(w.orderedInserts, false);
    assert.equal(w.zeroPadding, 1);
    assert.equal(w.minScanLength, 1);
    assert.equal(w.maxScanLength, n === 'e' ? 100 : 1000);
  }
});

test('workloads A–F: operation proportions within 1% over 100K operations', () => {
  const ops = 100_000;
  for (const name of ycsbWorkloadNames) {
    const stream = new OperationStream({ workload: name, recordCount: 10_000, operationCount: ops, seed, clientIndex: 0, clientCount: 1 });
    const counts = new Map<YcsbOpKind, number>();
    let total = 0;
    for (let op = stream.next(); op !== undefined; op = stream.next()) {
      counts.set(op.kind, (counts.get(op.kind) ?? 0) + 1);
      total++;
    }
    assert.equal(total, ops);
    for (const kind of ycsbOpKinds) {
      const observed = (counts.get(kind) ?? 0) / ops;
      const p = expectedProportion(kind, name);
      assert.ok(Math.abs(observed - p) < 0.01, `${name}/${kind}: ${observed} vs ${p}`);
      if (p === 0) assert.equal(observed, 0, `${name}/${kind} never happens`);
    }
  }
});

test('zipfian workloads: key space sized as YCSB does, hottest key where the hash puts rank 1', () => {
  const recordCount = 10_000;
  const ops = 100_000;
  for (const name of ['a', 'b', 'c', 'f'] as const) {
    const stream = new OperationStream({ workload: name, recordCount, operationCount: ops, seed, clientIndex: 0, clientCount: 1 });
    // No inserts expected: items 0..recordCount (one more than exists; draws of it are redrawn).
    assert.equal(stream.keySpace, recordCount + 1);
    const counts = new Float64Array(recordCount);
    const fields = new Float64Array(10);
    let writes = 0;
    for (let op = stream.next(); op !== undefined; op = stream.next()) {
      assert.ok(op.keyNumber < recordCount);
      counts[op.keyNumber] = (counts[op.keyNumber] ?? 0) + 1;
      if (op.kind === 'update' || op.kind === 'readModifyWrite') {
        fields[op.field] = (fields[op.field] ?? 0) + 1;
        assert.equal(op.fieldValue.length, 100);
        writes++;
      }
    }
    const hottest = counts.indexOf(Math.max(...counts));
    assert.equal(hottest, Number(referenceFnv(0) % BigInt(recordCount + 1)), `${name}: hottest key number`);
    // writeallfields=false: one field, chosen uniformly among the 10.
    for (let f = 0; writes > 0 && f < 10; f++) assert.ok(Math.abs((fields[f] ?? 0) / writes - 0.1) <= band(0.1, writes), `${name}: field ${f}`);
  }
  const e = new OperationStream({ workload: 'e', recordCount, operationCount: ops, seed, clientIndex: 0, clientCount: 1 });
  // expectednewkeys = operationcount · insertproportion · 2.
  assert.equal(e.keySpace, recordCount + 2 * ops * 0.05 + 1);
});

test('workload E: scan lengths are uniform in 1..100', () => {
  const stream = new OperationStream({ workload: 'e', recordCount: 10_000, operationCount: 100_000, seed, clientIndex: 0, clientCount: 1 });
  const counts = new Float64Array(101);
  let scans = 0;
  for (let op = stream.next(); op !== undefined; op = stream.next()) {
    if (op.kind !== 'scan') continue;
    assert.ok(Number.isInteger(op.scanLength) && op.scanLength >= 1 && op.scanLength <= 100, `length ${op.scanLength}`);
    counts[op.scanLength] = (counts[op.scanLength] ?? 0) + 1;
    scans++;
  }
  for (let len = 1; len <= 100; len++) {
    assert.ok(Math.abs((counts[len] ?? 0) / scans - 0.01) <= band(0.01, scans), `length ${len}: ${counts[len]} of ${scans}`);
  }
});

test('workload D: reads favour the newest records and only see acknowledged inserts', () => {
  const recordCount = 1000;
  const stream = new OperationStream({ workload: 'd', recordCount, operationCount: 100_000, seed, clientIndex: 0, clientCount: 1 });
  let newestKey = recordCount - 1; // highest key number acknowledged so far
  let reads = 0;
  let age0 = 0;
  let expectedAge0 = 0;
  let newestPercent = 0;
  // latest draws zipfian(max) over max items, max = newest key: track zeta(max) as max grows.
  let zetaCount = newestKey;
  let zetaNow = zeta(zetaCount, zipfianConstant);
  for (let op = stream.next(); op !== undefined; op = stream.next()) {
    if (op.kind === 'insert') {
      assert.equal(op.keyNumber, newestKey + 1, 'one client inserts key numbers in order');
      newestKey = op.keyNumber; // auto-acknowledged when the next operation is taken
      continue;
    }
    assert.equal(op.kind, 'read');
    reads++;
    // latest returns max − zipfian(max) with max = newest acknowledged key: rank 1 is exact.
    if (newestKey > zetaCount) {
      zetaNow = zetaStatic(zetaCount, newestKey, zipfianConstant, zetaNow);
      zetaCount = newestKey;
    }
    expectedAge0 += 1 / zetaNow;
    assert.ok(op.keyNumber >= 1 && op.keyNumber <= newestKey, `read ${op.keyNumber} beyond newest ${newestKey}`);
    if (op.keyNumber === newestKey) age0++;
    if (newestKey - op.keyNumber < (newestKey + 1) / 100) newestPercent++;
  }
  const p = expectedAge0 / reads;
  assert.ok(Math.abs(age0 / reads - p) <= band(p, reads), `newest read ${age0 / reads} vs ${p}`);
  // A uniform choice would read the newest 1% of the records 1% of the time.
  assert.ok(newestPercent / reads > 0.4, `newest 1%: ${newestPercent / reads}`);
});

test('manual acknowledgement: unacknowledged inserts are never read', () => {
  const recordCount = 500;
  const stream = new OperationStream({ workload: 'd', recordCount, operationCount: 20_000, seed, clientIndex: 0, clientCount: 1, acknowledge: 'manual' });
  const held: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const op = stream.next();
    assert.ok(op !== undefined);
    if (op.kind === 'insert') held.push(op.keyNumber);
    else assert.ok(op.keyNumber < recordCount, 'an insert in flight is not readable');
  }
  assert.ok(held.length > 100);
  assert.equal(stream.pendingInserts, held.length);
  for (const k of held) stream.acknowledge(k);
  assert.equal(stream.pendingInserts, 0);
  let readsOfInserted = 0;
  for (let op = stream.next(); op !== undefined; op = stream.next()) {
    if (op.kind === 'insert') stream.acknowledge(op.keyNumber);
    else if (op.keyNumber >= recordCount) readsOfInserted++;
  }
  assert.ok(readsOfInserted > 1000, `reads of acknowledged inserts: ${readsOfInserted}`);
});

/** Everything an engine would see of an operation, as one string. */
function serialize(op: YcsbOp): string {
  const key = op.key.toString('latin1');
  switch (op.kind) {
    case 'read':
      return `r ${key}`;
    case 'update':
    case 'readModifyWrite':
      return `${op.kind} ${key} ${op.field} ${op.fieldValue.toString('latin1')}`;
    case 'insert':
      return `i ${key} ${op.record.toString('base64')}`;
    case 'scan':
      return `s ${key} ${op.scanLength}`;
  }
}

function run(options: ConstructorParameters<typeof OperationStream>[0], count: number): string[] {
  const stream = new OperationStream(options);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const op = stream.next();
    if (op === undefined) break;
    out.push(serialize(op));
  }
  return out;
}

test('same seed, same operations; another seed or client, other operations', () => {
  for (const name of ycsbWorkloadNames) {
    const base = { workload: name, recordCount: 5000, operationCount: 20_000, seed, clientIndex: 0, clientCount: 1 } as const;
    const first = run(base, 3000);
    assert.deepEqual(run(base, 3000), first, `${name}: replay`);
    const other = run({ ...base, seed: seed + 1 }, 3000);
    assert.ok(other.filter((s, i) => s === first[i]).length < 3000 * 0.6, `${name}: another seed differs`);
    assert.notDeepEqual(run({ ...base, clientIndex: 1, clientCount: 2 }, 3000), run({ ...base, clientIndex: 0, clientCount: 2 }, 3000));
  }
});

test('several clients: shares add up, inserts never collide, each sees only its own inserts', () => {
  const recordCount = 2000;
  const operationCount = 30_001;
  const clients = 3;
  const inserted = new Set<number>();
  let total = 0;
  for (let c = 0; c < clients; c++) {
    const stream = new OperationStream({ workload: 'e', recordCount, operationCount, seed, clientIndex: c, clientCount: clients });
    assert.equal(stream.count, clientShare(operationCount, c, clients));
    const mine = new Set<number>();
    for (let op = stream.next(); op !== undefined; op = stream.next()) {
      total++;
      if (op.kind === 'insert') {
        assert.ok(op.keyNumber >= recordCount && (op.keyNumber - recordCount) % clients === c);
        assert.ok(!inserted.has(op.keyNumber));
        inserted.add(op.keyNumber);
        mine.add(op.keyNumber);
      } else {
        assert.ok(op.keyNumber < recordCount || mine.has(op.keyNumber), `client ${c} chose ${op.keyNumber}`);
      }
    }
  }
  assert.equal(total, operationCount);
});

test('load: every record exactly once over the clients, bytes independent of the split', () => {
  const recordCount = 1001;
  const seen = new Map<number, string>();
  for (let c = 0; c < 3; c++) {
    const load = new LoadStream({ workload: 'a', recordCount, seed, clientIndex: c, clientCount: 3 });
    for (let op = load.next(); op !== undefined; op = load.next()) {
      assert.ok(!seen.has(op.keyNumber));
      assert.equal(op.key.toString('latin1'), buildKeyName(op.keyNumber));
      assert.equal(op.record.length, recordBytes(10, 100));
      seen.set(op.keyNumber, op.record.toString('base64'));
    }
  }
  assert.equal(seen.size, recordCount);
  const single = new LoadStream({ workload: 'a', recordCount, seed, clientIndex: 0, clientCount: 1 });
  for (let op = single.next(); op !== undefined; op = single.next()) assert.equal(op.record.toString('base64'), seen.get(op.keyNumber));
});

test('records: encoding round-trips, one-field update, malformed input rejected', () => {
  const pool = FieldPool.get(seed, 100);
  const fields = Array.from({ length: 10 }, (_, i) => pool.field(i * 7));
  const record = encodeRecord(fields);
  assert.equal(record.length, 1021);
  assert.deepEqual(pool.record(10, Array.from({ length: 10 }, (_, i) => i * 7)), record);
  const decoded = decodeRecord(record);
  assert.ok(decoded !== undefined);
  assert.deepEqual(decoded.map((f) => Buffer.from(f)), fields);
  for (const f of fields) for (const byte of f) assert.ok(byte >= 0x20 && byte <= 0x7e, 'printable, as YCSB');
  const updated = withField(record, 3, pool.field(999));
  const after = decodeRecord(updated);
  assert.ok(after !== undefined);
  for (let i = 0; i < 10; i++) assert.deepEqual(Buffer.from(after[i] ?? []), i === 3 ? pool.field(999) : fields[i]);
  assert.deepEqual(decodeRecord(record), decoded, 'the original record is untouched');
  const shorter = withField(record, 0, Buffer.from('xy'));
  assert.equal(decodeRecord(shorter)?.[0]?.length, 2);
  assert.equal(decodeRecord(record.subarray(0, 1020)), undefined);
  assert.equal(decodeRecord(Buffer.concat([record, Buffer.from([0])])), undefined);
  assert.equal(decodeRecord(new Uint8Array(0)), undefined);
  assert.throws(() => withField(record.subarray(0, 1020), 0, pool.field(1)), /malformed/);
  assert.throws(() => withField(record, 10, pool.field(1)), RangeError);
});

// Pins insertKeyOffset: a second run on the same database (one client, then N) must insert fresh
// keys past the first run's and read only the load or its own inserts.
test('insertKeyOffset: a later run inserts past the earlier one and reads only loaded or own keys', () => {
  const recordCount = 1000;
  const offset = 5000;
  for (const name of ['d', 'e'] as const) {
    const plain = new OperationStream({ workload: name, recordCount, operationCount: 20_000, seed, clientIndex: 0, clientCount: 1 });
    const moved = new OperationStream({ workload: name, recordCount, operationCount: 20_000, seed, clientIndex: 0, clientCount: 1, insertKeyOffset: offset });
    const inserted = new Set<number>();
    let inserts = 0;
    for (let a = plain.next(), b = moved.next(); a !== undefined; a = plain.next(), b = moved.next()) {
      assert.ok(b !== undefined, 'same length');
      assert.equal(b.kind, a.kind, 'same operation sequence');
      if (a.kind === 'insert') {
        inserts++;
        assert.equal(b.keyNumber, a.keyNumber + offset, 'inserts move up by the offset');
        inserted.add(b.keyNumber);
      } else if (a.keyNumber < recordCount) {
        assert.equal(b.keyNumber, a.keyNumber, 'choices within the load are unchanged');
      } else {
        assert.equal(b.keyNumber, a.keyNumber + offset, 'choices past the load move with the inserts');
        assert.ok(inserted.has(b.keyNumber), `${name}: key ${b.keyNumber} is neither loaded nor inserted by this run`);
      }
    }
    assert.ok(inserts > 0, `${name} inserts`);
  }
  assert.throws(() => new OperationStream({ workload: 'd', recordCount, operationCount: 10, seed, clientIndex: 0, clientCount: 1, insertKeyOffset: -1 }));
});
