/**
 * How fast the workload layer produces values, so it can be checked not to distort the
 * benchmark (target: at least 2M values/s per generator on the benchmark machine).
 *
 *   npm run build && node dist/bench/ycsb/speed.js [--millions N]
 *
 * Prints values per second for each generator, key names, and whole operations per workload.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Prng } from '../lib/prng.js';
import { fnvResult, fnvhash64Halves } from './fnv64.js';
import {
  AcknowledgedCounterGenerator,
  DiscreteGenerator,
  ScrambledZipfianGenerator,
  SkewedLatestGenerator,
  UniformLongGenerator,
  ZipfianGenerator,
} from './generators.js';
import { LoadStream, OperationStream, buildKeyName, ycsbWorkloadNames } from './workloads.js';

const { values } = parseArgs({ options: { millions: { type: 'string', default: '1' } } });
const count = Math.max(1, Math.round(Number(values.millions) * 1_000_000));
const records = 1_000_000;
let sink = 0;

function measure(label: string, n: number, step: (i: number) => number): void {
  for (let i = 0; i < Math.min(n, 100_000); i++) sink += step(i); // warm-up (JIT)
  const start = performance.now();
  for (let i = 0; i < n; i++) sink += step(i);
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(44)} ${((n / seconds) / 1e6).toFixed(2).padStart(7)} M/s`);
}

const prng = new Prng(1);
measure('prng nextFloat', count, () => prng.nextFloat());
const uniform = new UniformLongGenerator(prng, 0, records - 1);
measure('uniform', count, () => uniform.next());
const zipf = new ZipfianGenerator(prng, 0, records - 1);
measure('zipfian (1M items)', count, () => zipf.next());
const scrambled = new ScrambledZipfianGenerator(prng, 0, records);
measure('scrambled zipfian', count, () => scrambled.next());
const counter = new AcknowledgedCounterGenerator(records);
measure('acknowledged counter (next + acknowledge)', count, () => {
  const v = counter.next();
  counter.acknowledge(v);
  return v;
});
const basis = new AcknowledgedCounterGenerator(records);
const latest = new SkewedLatestGenerator(prng, basis);
measure('skewed latest', count, () => latest.next());
const discrete = new DiscreteGenerator<number>(prng).addValue(0.5, 1).addValue(0.3, 2).addValue(0.2, 3);
measure('discrete (3 values)', count, () => discrete.next());
measure('fnvhash64', count, (i) => {
  fnvhash64Halves(i);
  return fnvResult.lo;
});
measure('buildKeyName', count, (i) => buildKeyName(i).length);

for (const name of ycsbWorkloadNames) {
  const stream = new OperationStream({ workload: name, recordCount: records, operationCount: count * 2, seed: 1, clientIndex: 0, clientCount: 1 });
  measure(`operation stream, workload ${name} (incl. key bytes)`, count, () => stream.next()?.keyNumber ?? 0);
}
const load = new LoadStream({ workload: 'a', recordCount: count * 2, seed: 1, clientIndex: 0, clientCount: 1 });
measure('load stream (key + 1021-byte record)', count, () => load.next()?.keyNumber ?? 0);
if (sink === 42) console.log('');
