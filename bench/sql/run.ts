/**
 * `npm run bench:sql` — BasaltDB's embedded SQL engine against better-sqlite3 (issue 6).
 *
 * Every engine runs in its own child process (worker.ts), one child at a time, on a fresh
 * directory under bench/tmp/sql/ that is removed afterwards. Each child creates and loads the two
 * tables (spec.ts), then runs every workload alone, read workloads first, from one client. A
 * device probe runs before the first engine and after the last. Results go to stdout as markdown,
 * to bench/results/sql-<timestamp>.json, and (for a full run of every engine and workload) to the
 * generated section of docs/benchmarks.md for the durability measured.
 *
 *   --quick               small sizes: 10K rows per table, 1 s per workload, about a minute
 *   --engines a,b         subset of basaltdb,better-sqlite3
 *   --workloads a,b       subset of point,range,secondary,aggregate,join,join-where,update,insert,batch
 *   --records N           rows of each table (default 100,000)
 *   --seconds S           timed seconds of every workload (default 5)
 *   --seed S              seed of the data and of every parameter stream (default 42)
 *   --durability D        sync (default: basaltdb 'sync', SQLite WAL + synchronous=FULL)
 *                         or none (basaltdb 'none', SQLite synchronous=OFF)
 *   --cpu-prof            write V8 CPU profiles of the engine children to bench/tmp/prof/
 *   --docs / --no-docs    force / forbid regenerating docs/benchmarks.md
 *   --keep                keep the data directories
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo, repoRoot, sourceVersion } from '../lib/fs-info.js';
import { commandLine, commonFlags, commonOptions, cpuProfArgs, parseCount, parseList, parseSeconds, writesDocs } from '../lib/options.js';
import type { CommonOptions } from '../lib/options.js';
import { ProgressPrinter, formatCount } from '../lib/progress.js';
import { formatNs } from '../lib/report.js';
import { childRunner, publishDocs, publishResults, runMain } from '../lib/suite-run.js';
import { deviceSpec } from '../lib/worker-spec.js';
import { isSqlEngine, sqlEngines } from './engines.js';
import type { SqlEngine } from './engines.js';
import { sqlReport } from './report.js';
import type { SqlRunData } from './report.js';
import { isSqlWorkload, sqlWorkloads } from './spec.js';
import type { SqlPhase, SqlWorkerSpec, SqlWorkload } from './spec.js';

const mib = 1024 * 1024;
/** Engine cache budget (basaltdb's default cacheBytes; SQLite's cache_size): both tables fit. */
const cacheBytes = 256 * mib;
/** Rows per durable load transaction (per table). */
const loadChunk = 10_000;
/** Every workload times at least this many operations, however slow. */
const minOps = 3;

const flags = { ...commonFlags, seconds: { type: 'string' } } as const;

interface Options extends CommonOptions {
  engines: SqlEngine[];
  workloads: SqlWorkload[];
  records: number;
  seconds: number;
  warmSeconds: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, strict: true, options: flags });
  const common = commonOptions(values, {
    quick: { deviceSeconds: 1, sequentialBytes: 64 * mib, childTimeoutMs: 10 * 60_000 },
    full: { deviceSeconds: 3, sequentialBytes: 256 * mib, childTimeoutMs: 30 * 60_000 },
  });
  const seconds = parseSeconds(values.seconds, common.quick ? 1 : 5, 'seconds');
  return {
    ...common,
    engines: parseList(values.engines, sqlEngines, isSqlEngine, 'engine'),
    workloads: parseList(values.workloads, sqlWorkloads, isSqlWorkload, 'workload'),
    records: parseCount(values.records, common.quick ? 10_000 : 100_000, 'records'),
    seconds,
    warmSeconds: Math.min(1, seconds / 3),
  };
}

function phasesFor(o: Options): SqlPhase[] {
  const phases: SqlPhase[] = [{ kind: 'load', id: 'load', records: o.records, chunk: Math.min(loadChunk, o.records) }];
  for (const id of o.workloads) phases.push({ kind: 'run', id, records: o.records, seconds: o.seconds, warmSeconds: o.warmSeconds, minOps });
  return phases;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const root = repoRoot();
  const tmp = path.join(root, 'bench', 'tmp', 'sql');
  mkdirSync(tmp, { recursive: true });
  const worker = fileURLToPath(new URL('./worker.js', import.meta.url));
  const progress = new ProgressPrinter();
  const startedAt = new Date();
  const data: SqlRunData = {
    command: commandLine('bench:sql'),
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    machine: machineInfo(tmp),
    source: sourceVersion(root),
    options: {
      quick: o.quick,
      engines: o.engines.join(','),
      workloads: o.workloads.join(','),
      records: o.records,
      seconds: o.seconds,
      warmSeconds: o.warmSeconds,
      minOps,
      loadChunk,
      seed: o.seed,
      durability: o.durability,
      cacheBytes,
    },
    results: [],
    finals: [],
    failures: [],
  };
  const runOne: (subject: string, group: string, spec: SqlWorkerSpec) => Promise<void> = childRunner({
    worker,
    timeoutMs: o.childTimeoutMs,
    execArgv: cpuProfArgs(root, o.cpuProf),
    progress,
    data,
    resultLine: (r) => `${r.workload}: ${formatCount(r.ops)} in ${r.seconds.toFixed(2)} s = ${formatCount(r.opsPerSec)}/s, p50 ${formatNs(r.latency.p50)}, p99 ${formatNs(r.latency.p99)}`,
  });
  const probe = (tag: string): Promise<void> =>
    runOne('device', `device ${tag}`, deviceSpec(tag, { dir: path.join(tmp, 'device'), seconds: o.deviceSeconds, sequentialBytes: o.sequentialBytes }));

  await probe('before');
  for (const engine of o.engines) {
    const dir = path.join(tmp, engine);
    rmSync(dir, { recursive: true, force: true });
    await runOne(engine, 'sql', { kind: 'engine', engine, dir, durability: o.durability, cacheBytes, seed: o.seed, phases: phasesFor(o) });
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
  await probe('after');
  rmSync(path.join(tmp, 'device'), { recursive: true, force: true });
  progress.clear();
  data.finishedAt = new Date().toISOString();

  const report = sqlReport(data);
  publishResults(root, 'sql', data, report, startedAt);
  const complete = o.engines.length === sqlEngines.length && o.workloads.length === sqlWorkloads.length;
  if (writesDocs(o.docs, complete && !o.quick && data.failures.length === 0)) {
    const [section, heading] =
      o.durability === 'sync'
        ? ['sql-suite', '## SQL suite (issue 6): latest full run, durability sync']
        : ['sql-suite-none', '## SQL suite (issue 6): latest full run, durability none'];
    publishDocs(root, section, report, heading);
  }
  if (data.failures.length > 0) process.exitCode = 1;
  const verify = data.results.filter((r) => r.notes.some((n) => n.startsWith('VERIFY'))).length;
  if (verify > 0) process.exitCode = 1;
  process.stdout.write(`${data.failures.length} failure(s), ${verify} result(s) failing a check\n`);
}

runMain(main);
