/**
 * `npm run bench:kv` — the key-value benchmark of issue 2.
 *
 * Every engine runs in its own child process (worker.ts), one child at a time, on a fresh
 * directory under bench/tmp/ that is removed afterwards. Results go to stdout as markdown,
 * to bench/results/kv-<timestamp>.json, and (for a full run of every engine and workload)
 * to the generated section of docs/benchmarks.md.
 *
 *   --quick              small sizes: the whole suite in about two minutes
 *   --engines a,b        subset of basaltdb,lmdb,classic-level,better-sqlite3
 *   --workloads a,b      subset of a,b,c,d,e,f
 *   --records N          keys loaded for a, d, e (default 1,000,000)
 *   --ops N              timed gets in a (and cap on puts in b, c)
 *   --seed S             seed of every random choice (default 42)
 *   --big-keys N         keys of workload f (default 10,000,000)
 *   --big-engines a,b    engines that run f (default: all selected)
 *   --write-seconds N    time limit of each write workload (b, c)
 *   --durability D       sync (default) or none
 *   --cpu-prof           write V8 CPU profiles of the engine children to bench/tmp/prof/
 *   --docs / --no-docs   force / forbid regenerating docs/benchmarks.md
 *   --keep               keep the data directories
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatBytes, machineInfo, repoRoot, sourceVersion } from '../lib/fs-info.js';
import { commandLine, commonFlags, commonOptions, cpuProfArgs, parseCount, parseList, writesDocs } from '../lib/options.js';
import type { CommonOptions } from '../lib/options.js';
import { ProgressPrinter, formatCount } from '../lib/progress.js';
import { childRunner, publishDocs, publishResults, runMain } from '../lib/suite-run.js';
import { deviceSpec } from '../lib/worker-spec.js';
import { isKvEngine, kvEngines } from './engines.js';
import type { KvEngine } from './engines.js';
import { kvReport, targets } from './report.js';
import type { KvRunData } from './report.js';
import { isKvWorkload, kvWorkloads } from './spec.js';
import type { KvPhase, KvWorkerSpec, KvWorkload } from './spec.js';

const mib = 1024 * 1024;
/** Engine cache budget for a, b, c, d, e (basaltdb's default cacheBytes). */
const cacheBytesDefault = 256 * mib;
/** Cache budget of workload f. */
const bigCacheBytes = 64 * mib;
/** Peak RSS allowed over the cache in workload f. */
const bigRssSlackBytes = 150 * mib;
const loadBatch = 1000;
/** Workload f measures reads and memory, not loading: its keys go in ascending order, 10,000 per batch. */
const bigLoadBatch = 10_000;
const scanLength = 100_000;
const writersInFlight = 64;

/** The command-line flags: the common ones (see lib/options.ts) and this suite's. */
const flags = {
  ...commonFlags,
  'big-engines': { type: 'string' },
  ops: { type: 'string' },
  'big-keys': { type: 'string' },
  'write-seconds': { type: 'string' },
} as const;

interface Options extends CommonOptions {
  engines: KvEngine[];
  bigEngines: KvEngine[];
  workloads: KvWorkload[];
  records: number;
  ops: number;
  writeOpsMax: number;
  bigKeys: number;
  bigOps: number;
  writeSeconds: number;
  scans: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, strict: true, options: flags });
  const common = commonOptions(values, {
    quick: { deviceSeconds: 2, sequentialBytes: 128 * mib, childTimeoutMs: 10 * 60_000 },
    full: { deviceSeconds: 5, sequentialBytes: 512 * mib, childTimeoutMs: 30 * 60_000 },
  });
  const { quick } = common;
  const engines = parseList(values.engines, kvEngines, isKvEngine, 'engine');
  const bigEngines = parseList(values['big-engines'], kvEngines, isKvEngine, 'engine').filter((e) => engines.includes(e));
  const ops = parseCount(values.ops, quick ? 300_000 : 2_000_000, 'ops');
  return {
    ...common,
    engines,
    bigEngines,
    workloads: parseList(values.workloads, kvWorkloads, isKvWorkload, 'workload'),
    records: parseCount(values.records, quick ? 200_000 : 1_000_000, 'records'),
    ops,
    writeOpsMax: values.ops === undefined ? Number.MAX_SAFE_INTEGER : ops,
    bigKeys: parseCount(values['big-keys'], quick ? 1_000_000 : 10_000_000, 'big-keys'),
    bigOps: quick ? 100_000 : 500_000,
    writeSeconds: parseCount(values['write-seconds'], quick ? 2 : 10, 'write-seconds'),
    scans: quick ? 5 : 20,
  };
}

interface Group {
  name: string;
  engines: readonly KvEngine[];
  cacheBytes: number;
  phases: KvPhase[];
}

function plan(o: Options): Group[] {
  const has = (w: KvWorkload): boolean => o.workloads.includes(w);
  const groups: Group[] = [];
  if (has('a') || has('d') || has('e')) {
    const phases: KvPhase[] = [
      { kind: 'load', id: has('e') ? 'e' : 'load', records: o.records, batch: loadBatch, order: 'random' },
    ];
    if (has('a')) {
      phases.push({ kind: 'reads', id: 'a', records: o.records, ops: o.ops, warmScan: true, warmOps: Math.min(o.ops, 200_000) });
    }
    if (has('d')) phases.push({ kind: 'scans', id: 'd', records: o.records, length: scanLength, scans: o.scans });
    groups.push({ name: 'load', engines: o.engines, cacheBytes: cacheBytesDefault, phases });
  }
  const writes = (id: 'b' | 'c', inFlight: number): Group => ({
    name: id,
    engines: o.engines,
    cacheBytes: cacheBytesDefault,
    phases: [{ kind: 'writes', id, inFlight, opsMax: o.writeOpsMax, secondsMax: o.writeSeconds }],
  });
  if (has('b')) groups.push(writes('b', writersInFlight));
  if (has('c')) groups.push(writes('c', 1));
  if (has('f')) {
    groups.push({
      name: 'f',
      engines: o.bigEngines,
      cacheBytes: bigCacheBytes,
      phases: [
        { kind: 'load', id: 'f-load', records: o.bigKeys, batch: bigLoadBatch, order: 'ascending' },
        { kind: 'reads', id: 'f', records: o.bigKeys, ops: o.bigOps, warmScan: false, warmOps: Math.floor(o.bigOps / 10) },
      ],
    });
  }
  return groups;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const root = repoRoot();
  const tmp = path.join(root, 'bench', 'tmp', 'kv');
  mkdirSync(tmp, { recursive: true });
  const worker = fileURLToPath(new URL('./worker.js', import.meta.url));
  const progress = new ProgressPrinter();
  const startedAt = new Date();
  const data: KvRunData = {
    command: commandLine('bench:kv'),
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    machine: machineInfo(tmp),
    source: sourceVersion(root),
    options: {
      quick: o.quick,
      engines: o.engines.join(','),
      workloads: o.workloads.join(','),
      records: o.records,
      ops: o.ops,
      seed: o.seed,
      bigKeys: o.bigKeys,
      bigOps: o.bigOps,
      bigEngines: o.bigEngines.join(','),
      writeSeconds: o.writeSeconds,
      scans: o.scans,
      durability: o.durability,
      cacheBytes: cacheBytesDefault,
    },
    results: [],
    finals: [],
    failures: [],
    bigCacheBytes,
    bigRssSlackBytes,
  };
  const runOne: (engine: string, group: string, spec: KvWorkerSpec) => Promise<void> = childRunner({
    worker,
    timeoutMs: o.childTimeoutMs,
    execArgv: cpuProfArgs(root, o.cpuProf),
    progress,
    data,
    resultLine: (r) =>
      `${r.workload}: ${formatCount(r.ops)} in ${r.seconds.toFixed(2)} s = ${formatCount(r.opsPerSec)}/s, p50 ${Math.round(r.latency.p50)} ns, peak RSS ${formatBytes(r.peakRssBytes)}`,
  });

  const probe = (tag: string): Promise<void> =>
    runOne('device', `device ${tag}`, deviceSpec(tag, { dir: path.join(tmp, 'device'), seconds: o.deviceSeconds, sequentialBytes: o.sequentialBytes }));
  for (const group of plan(o)) {
    // The device is shared and noisy: probe it right before and right after the serial writers.
    if (group.name === 'c') await probe('before');
    for (const engine of group.engines) {
      const dir = path.join(tmp, `${engine}-${group.name}`);
      rmSync(dir, { recursive: true, force: true });
      await runOne(engine, group.name, {
        kind: 'engine',
        engine,
        dir,
        durability: o.durability,
        cacheBytes: group.cacheBytes,
        seed: o.seed,
        phases: group.phases,
      });
      if (!o.keep) rmSync(dir, { recursive: true, force: true });
    }
    if (group.name === 'c') await probe('after');
  }
  progress.clear();
  data.finishedAt = new Date().toISOString();

  const report = kvReport(data, o.workloads);
  publishResults(root, 'kv', data, report, startedAt);
  const complete = o.engines.length === kvEngines.length && o.workloads.length === kvWorkloads.length;
  if (writesDocs(o.docs, complete && !o.quick)) {
    publishDocs(root, 'kv-suite', report, '## Key-value suite (issue 2): latest full run');
  }
  const missed = targets(data).filter((t) => t.pass === false).length;
  if (data.failures.length > 0) process.exitCode = 1;
  process.stdout.write(`${missed} target(s) missed, ${data.failures.length} failure(s)\n`);
}

runMain(main);
