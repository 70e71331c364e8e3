/**
 * `npm run bench:ycsb` (and `npm run bench`) — YCSB core workloads A–F against basaltdb, lmdb,
 * classic-level and better-sqlite3 (issue 3).
 *
 * For each engine, in its own child process (worker.ts), one after another:
 *   group "main": load (records in hashed order, durable batches), untimed warm-up, then
 *                 A, B, C, F, D — each with 1 client and then with N concurrent clients;
 *   group "e":    a fresh directory and process: load again, warm-up, E with 1 and N clients.
 * D runs last on the first load and E on its own reload, as YCSB's documentation orders them,
 * because both insert. When a workload that inserts runs a second time on one database (N
 * clients after 1), its streams move their new keys past the first run's (insertKeyOffset), so
 * every run reads the loaded records plus its own inserts, as on a fresh load.
 * The device probe runs before the first engine and after the last.
 *
 * Every engine gets the same seeded operation streams (same seed, workload, client index and
 * client count give the same operations, byte for byte). A run phase ends after
 * --operations operations or --max-seconds, whichever comes first; the same prefix of the same
 * streams for every engine.
 *
 *   --quick              small sizes: the whole suite in about two minutes
 *   --engines a,b        subset of basaltdb,lmdb,classic-level,better-sqlite3
 *   --workloads a,b      subset of a,b,c,d,e,f
 *   --clients 1,16       client counts (better-sqlite3 always runs with 1)
 *   --records N          records loaded (default 500,000; 1 KB each)
 *   --operations N       operations per run phase, over all clients (default 1,000,000)
 *   --max-seconds S      time limit of each run phase (default 10)
 *   --load-batch N       records per durable batch of the load (default 1,000)
 *   --reopen             close and reopen each database between its load and its run phases
 *                        (YCSB's separate load and run invocations); timed and reported
 *   --cache-mib N        cache budget of every engine that has one (default 1024)
 *   --seed S             seed of every stream (default 42)
 *   --durability D       sync (default) or none, for every engine
 *   --cpu-prof           V8 CPU profiles of the engine children, in bench/tmp/prof/
 *   --docs / --no-docs   force / forbid rewriting docs/benchmarks.md and docs/charts/
 *   --keep               keep the data directories under bench/tmp/ycsb/
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatBytes, machineInfo, repoRoot, sourceVersion } from '../lib/fs-info.js';
import { commandLine, commonFlags, commonOptions, cpuProfArgs, parseCount, parseList, parseSeconds, writesDocs } from '../lib/options.js';
import type { CommonOptions } from '../lib/options.js';
import { ProgressPrinter, formatCount } from '../lib/progress.js';
import type { PhaseResult } from '../lib/protocol.js';
import { formatNs } from '../lib/report.js';
import { childRunner, publishDocs, publishResults, runMain } from '../lib/suite-run.js';
import { deviceSpec } from '../lib/worker-spec.js';
import { isKvEngine, kvEngines } from '../kv/engines.js';
import type { KvEngine } from '../kv/engines.js';
import { writeCharts } from './charts.js';
import { clientCountsFor, targets, ycsbReport } from './report.js';
import type { YcsbRunData } from './report.js';
import type { YcsbPhase, YcsbWorkerSpec } from './spec.js';
import { isYcsbWorkloadName, ycsbProfiles } from './workloads.js';
import type { YcsbWorkloadName } from './workloads.js';

const mib = 1024 * 1024;
/** The order YCSB's documentation runs the workloads on one load; E gets its own. */
const mainOrder: readonly YcsbWorkloadName[] = ['a', 'b', 'c', 'f', 'd'];
const allWorkloads: readonly YcsbWorkloadName[] = [...mainOrder, 'e'];
/** Workloads that insert: a second run on the same database needs fresh insert keys. */
const inserting: readonly YcsbWorkloadName[] = ['d', 'e'];

/** The command-line flags: the common ones (see lib/options.ts) and this suite's. */
const flags = {
  ...commonFlags,
  clients: { type: 'string' },
  operations: { type: 'string' },
  'max-seconds': { type: 'string' },
  'load-batch': { type: 'string' },
  reopen: { type: 'boolean', default: false },
  'cache-mib': { type: 'string' },
} as const;

interface Options extends CommonOptions {
  engines: KvEngine[];
  workloads: YcsbWorkloadName[];
  clients: number[];
  records: number;
  operations: number;
  maxSeconds: number;
  loadBatch: number;
  reopen: boolean;
  warmReads: number;
  cacheBytes: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, strict: true, options: flags });
  const common = commonOptions(values, {
    quick: { deviceSeconds: 1, sequentialBytes: 64 * mib, childTimeoutMs: 5 * 60_000 },
    full: { deviceSeconds: 3, sequentialBytes: 256 * mib, childTimeoutMs: 20 * 60_000 },
  });
  const { quick } = common;
  const profile = quick ? ycsbProfiles.quick : ycsbProfiles.full;
  const clients = (values.clients ?? '1,16').split(',').map((s) => parseCount(s.trim(), 1, 'clients'));
  const records = parseCount(values.records, profile.recordCount, 'records');
  if (records < 2) throw new Error('--records must be at least 2');
  const operations = parseCount(values.operations, profile.operationCount, 'operations');
  return {
    ...common,
    engines: parseList(values.engines, kvEngines, isKvEngine, 'engine', true),
    workloads: parseList(values.workloads, allWorkloads, isYcsbWorkloadName, 'workload', true),
    clients: [...new Set(clients)].sort((a, b) => a - b),
    records,
    operations,
    maxSeconds: parseSeconds(values['max-seconds'], quick ? 2 : 10, 'max-seconds'),
    loadBatch: parseCount(values['load-batch'], 1000, 'load-batch'),
    reopen: values.reopen === true,
    warmReads: Math.min(quick ? 20_000 : 200_000, operations),
    cacheBytes: parseCount(values['cache-mib'], 1024, 'cache-mib') * mib,
  };
}

interface Group {
  name: string;
  phases: YcsbPhase[];
}

/** The children one engine runs: the main load with A, B, C, F, D, then E on its own load. */
function plan(o: Options, engine: KvEngine): Group[] {
  const clientCounts = clientCountsFor(engine, o.clients);
  const runs = (w: YcsbWorkloadName): YcsbPhase[] =>
    clientCounts.map((clients, k) => ({
      kind: 'run',
      workload: w,
      clients,
      operationCount: o.operations,
      maxSeconds: o.maxSeconds,
      // Inserts of the k earlier runs on this database are fewer than k * operations.
      insertKeyOffset: inserting.includes(w) ? k * o.operations : 0,
    }));
  const prepare = (suffix: string): YcsbPhase[] => [
    { kind: 'load', id: `load${suffix}`, batch: o.loadBatch },
    ...(o.reopen ? [{ kind: 'reopen', id: `reopen${suffix}` } as const] : []),
    { kind: 'warm', reads: o.warmReads },
  ];
  const groups: Group[] = [];
  const main = mainOrder.filter((w) => o.workloads.includes(w));
  if (main.length > 0) groups.push({ name: 'main', phases: [...prepare(''), ...main.flatMap(runs)] });
  if (o.workloads.includes('e')) groups.push({ name: 'e', phases: [...prepare('-e'), ...runs('e')] });
  return groups;
}

function describe(o: Options): Record<string, string | number | boolean> {
  return {
    quick: o.quick,
    engines: o.engines.join(','),
    workloads: o.workloads.join(','),
    clients: o.clients.join(','),
    records: o.records,
    operations: o.operations,
    maxSeconds: o.maxSeconds,
    loadBatch: o.loadBatch,
    reopen: o.reopen,
    warmReads: o.warmReads,
    cacheBytes: o.cacheBytes,
    seed: o.seed,
    durability: o.durability,
    deviceSeconds: o.deviceSeconds,
    sequentialBytes: o.sequentialBytes,
  };
}

function resultLine(r: PhaseResult): string {
  const what = r.workload.startsWith('load') ? 'records' : 'ops';
  return `${r.workload}: ${formatCount(r.ops)} ${what} in ${r.seconds.toFixed(2)} s = ${formatCount(r.opsPerSec)}/s, p50 ${formatNs(r.latency.p50)}, p99 ${formatNs(r.latency.p99)}, peak RSS ${formatBytes(r.peakRssBytes)}, disk ${formatBytes(r.diskBytes)}`;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const root = repoRoot();
  const tmp = path.join(root, 'bench', 'tmp', 'ycsb');
  mkdirSync(tmp, { recursive: true });
  const worker = fileURLToPath(new URL('./worker.js', import.meta.url));
  const progress = new ProgressPrinter();
  const startedAt = new Date();
  const data: YcsbRunData = {
    suite: 'ycsb',
    command: commandLine(process.env['npm_lifecycle_event'] ?? 'bench:ycsb'),
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    machine: machineInfo(tmp),
    source: sourceVersion(root),
    options: describe(o),
    engines: [...o.engines],
    // Reported in alphabetical order; they run in YCSB's order (plan()).
    workloads: [...o.workloads].sort(),
    clients: o.clients,
    results: [],
    finals: [],
    failures: [],
    charts: [],
  };
  const runOne: (subject: string, group: string, spec: YcsbWorkerSpec) => Promise<void> = childRunner({
    worker,
    timeoutMs: o.childTimeoutMs,
    execArgv: cpuProfArgs(root, o.cpuProf),
    progress,
    data,
    resultLine,
  });
  const probe = (tag: string): Promise<void> =>
    runOne('device', tag, deviceSpec(tag, { dir: path.join(tmp, 'device'), seconds: o.deviceSeconds, sequentialBytes: o.sequentialBytes }));

  progress.log(`YCSB: ${o.engines.join(', ')}; workloads ${data.workloads.join(', ')}; clients ${o.clients.join(', ')}; ${o.records.toLocaleString('en-US')} records; up to ${o.operations.toLocaleString('en-US')} operations or ${o.maxSeconds} s per run phase; durability ${o.durability}`);
  await probe('before');
  for (const engine of o.engines) {
    for (const group of plan(o, engine)) {
      const dir = path.join(tmp, `${engine}-${group.name}`);
      rmSync(dir, { recursive: true, force: true });
      await runOne(engine, group.name, {
        kind: 'engine',
        engine,
        group: group.name,
        dir,
        durability: o.durability,
        cacheBytes: o.cacheBytes,
        seed: o.seed,
        recordCount: o.records,
        phases: group.phases,
      });
      if (!o.keep) rmSync(dir, { recursive: true, force: true });
    }
  }
  await probe('after');
  progress.clear();
  data.finishedAt = new Date().toISOString();

  const complete = o.engines.length === kvEngines.length && o.workloads.length === allWorkloads.length;
  const docsDir = path.join(root, 'docs');
  const writeDocs = writesDocs(o.docs, complete && !o.quick);
  // Charts go next to the docs when the docs are rewritten, otherwise to bench/tmp for a look.
  const chartDir = writeDocs ? path.join(docsDir, 'charts') : path.join(tmp, 'charts');
  data.charts = writeCharts(data, chartDir, writeDocs ? docsDir : chartDir);
  const report = ycsbReport(data);
  publishResults(root, 'ycsb', data, report, startedAt);
  process.stdout.write(`charts: ${path.relative(root, chartDir)}/\n`);
  if (writeDocs) publishDocs(root, 'ycsb-suite', report, '## YCSB suite (issue 3): latest full run');
  const t = targets(data);
  const missed = t.filter((x) => x.throughputPass === false).length + t.filter((x) => x.p99Pass === false).length;
  if (data.failures.length > 0) process.exitCode = 1;
  process.stdout.write(`${missed} of ${t.length * 2} target(s) missed, ${data.failures.length} failure(s)\n`);
}

runMain(main);
